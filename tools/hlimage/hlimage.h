/* SPDX-License-Identifier: GPL-2.0-only */
/* hlimage: shared declarations of the boot image builder's files. */
#ifndef HLIMAGE_H
#define HLIMAGE_H

#include "hltool.h"

#define HLIMAGE_ALIGN (2ULL << 20) /* every image starts on a 2 MiB boundary */
#define HLIMAGE_FILE_PROP "hlimage,file"
#define HLIMAGE_MAX_IMAGES HL_MAX_MODULES

/* One file that ends up in memory at boot. */
struct hl_image {
    char *path;    /* on the host */
    char *name;    /* in the output directory (and on the boot medium) */
    uint64_t addr; /* load address */
    uint64_t size; /* bytes to keep free from @addr (file, or more) */
};

/* A module node that names a file: which image it uses. */
struct hl_file_ref {
    char *node_path;
    unsigned int image;
};

struct hl_layout {
    uint64_t load_base;
    struct hl_image xen, dtb;
    /* All the hypervisor may cover: where it is loaded, where it moves. */
    uint64_t xen_start, xen_end;
    unsigned int nr_images;
    struct hl_image images[HLIMAGE_MAX_IMAGES];
    unsigned int nr_refs;
    struct hl_file_ref refs[HLIMAGE_MAX_IMAGES];
    /* Ranges already taken: xen, dtb, modules placed with 'reg'. */
    unsigned int nr_fixed;
    struct {
        uint64_t start, size;
    } fixed[HLIMAGE_MAX_IMAGES + 4];
    uint64_t guest_kib; /* memory of every domain, once checked */
    char *tmpdir;       /* ELFs taken out of bzImages, or NULL */
};

/* Options shared by the layout and the output writers. */
struct hl_opts {
    const char *input;
    const char *outdir;
    const char *xen_file;
    uint64_t xen_addr;
    uint64_t load_base;
    const char *load_cmd; /* NULL: files are placed by other means */
    const char *uboot_bin;
    bool uboot_config;
    bool no_iso; /* x86: grub.cfg only, no grub-mkrescue */
};

/* layout.c */
int hl_layout_collect(void *fdt, const char *base_dir, struct hl_layout *l);
int hl_layout_place(struct hl_layout *l);
int hl_layout_apply(void *fdt, const struct hl_layout *l);
/*
 * Locate each module naming a file by boot loader module number instead:
 * image i becomes 'module-index = <i + 1>' (module 0 is the DTB), and
 * 'hlimage,file' goes.  Module nodes with a 'module-index' of their own are
 * refused.  Returns 0 or -errno after an error naming the node.
 */
int hl_layout_apply_index(void *fdt, const struct hl_layout *l);
uint64_t hl_layout_end(const struct hl_layout *l);
/* Remove the ELFs taken out of bzImages (x86 PVH kernels) and their dir. */
void hl_layout_cleanup(struct hl_layout *l);

/* files.c */
int hl_file_size(const char *path, uint64_t *size);
int hl_copy_file(const char *from, const char *dir, const char *name);
int hl_write_file(const char *dir, const char *name, const void *buf,
                  size_t size);
char *hl_path_join(const char *dir, const char *name);
struct hl_arm64_header {
    uint64_t text_offset;
    uint64_t image_size; /* .bss included */
    uint64_t flags;
};
int hl_arm64_header(const char *path, struct hl_arm64_header *h);

/* Output for one boot loader and architecture. */
struct hl_backend {
    const char *arch;
    /* Modules are located by loader module number, not 'reg' (GRUB). */
    bool by_index;
    /* Where the images go inside the output directory (NULL: in it). */
    const char *subdir;
    /* Set l->xen_start/xen_end from l->xen, as the loader will treat it. */
    void (*xen_range)(const void *fdt, struct hl_layout *l);
    /* Add what the loader needs to the DTB before it is checked. */
    int (*prepare_fdt)(void *fdt, const struct hl_opts *o,
                       const struct hl_layout *l);
    /* Write the loader's files into o->outdir and print how to boot. */
    int (*emit)(const void *fdt, const struct hl_opts *o,
                const struct hl_layout *l);
};
extern const struct hl_backend hl_uboot_arm64_backend;
extern const struct hl_backend hl_grub_x86_backend;

#endif /* HLIMAGE_H */
