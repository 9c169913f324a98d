/* SPDX-License-Identifier: GPL-2.0-only */
/* hlimage: shared declarations of the boot image builder's files. */
#ifndef HLIMAGE_H
#define HLIMAGE_H

#include "hltool.h"

#define HLIMAGE_ALIGN (2ULL << 20) /* every image starts on a 2 MiB boundary */
#define HLIMAGE_FILE_PROP "hlimage,file"
#define HLIMAGE_MAX_IMAGES HL_MAX_MODULES
#define HLIMAGE_LOG_NAME "measure.tcglog" /* hlimage --measure's event log */

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
    bool no_iso;               /* x86: grub.cfg only, no grub-mkrescue */
    const char *grub_efi_dir;  /* arm64 GRUB EFI modules, or NULL */
    const char *xen_cmd;       /* the hypervisor's command line, or NULL */
    const char *config;        /* -c FILE, or NULL */
    const char *script_source; /* U-Boot script source (boot.cmd) */
    const char *script_name;   /* its mkimage form (boot.scr) */
    uint64_t memory_end;       /* images must end below it; 0: no limit */
    bool measure;              /* --measure: predict the measured launch */
    bool load_cmd_set, load_base_set;
};

/* options.c: fill @o from the command line; -1 after the usage. */
int hl_parse_options(int argc, char **argv, struct hl_opts *o);

/* config.c: an ImageBuilder-style configuration file (hlimage -c). */
struct hl_config_domu {
    char *kernel, *ramdisk, *cmd, *dtb, *name, *mem, *vcpus; /* as written */
    uint64_t mem_mb;
    uint32_t nr_vcpus;
};
struct hl_config {
    char *dir; /* the file's directory: relative paths start there */
    char *xen, *xen_cmd, *device_tree, *memory_start, *memory_end;
    char *load_cmd, *uboot_source, *uboot_script, *num_domus;
    char *dom0_kernel, *dom0_ramdisk, *dom0_cmd;
    uint64_t mem_start, mem_end;
    unsigned int nr_domus;
    struct hl_config_domu domu[HL_MAX_DOMAINS];
};
/* Read @path into @c: 0, or -errno after a message naming the line. */
int hl_config_read(const char *path, struct hl_config *c);
/*
 * The device tree @c describes (c->dir set): DEVICE_TREE (or an empty
 * tree) with the domains added, their modules naming the files with
 * 'hlimage,file'; opened with room to grow.  NULL after a message.
 */
void *hl_config_fdt(const char *path, struct hl_config *c);

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

/*
 * measure.c: print the measured launch's lines for the checked tree @fdt
 * (@bi parsed from it, every image given to the parser; @dtb_is_module:
 * the DTB is loader module 0, x86).  0, or -errno after a message (a
 * module that differs from its hyperlaunch,sha256: the boot would stop).
 */
int hl_image_measure(const void *fdt, struct boot_info *bi,
                     const struct hl_layout *l, bool dtb_is_module);
/* Write the event log hl_image_measure() computed to @dir. */
int hl_image_measure_log(const char *dir);

/* files.c */
/* Size of regular file @path: 0, or -errno (-EISDIR, -EINVAL: not a file). */
int hl_file_size(const char *path, uint64_t *size);
/* All of file @path, malloc'd; NULL with errno set. */
void *hl_read_file(const char *path, size_t *size);
/* @path made absolute (resolved when it exists), for messages; malloc'd. */
char *hl_abs_path(const char *path);
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

/* kind.c: what a file is, from its first bytes. */
enum hl_kind {
    HL_KIND_RAW, /* nothing recognised: loaded as it is */
    HL_KIND_ARM64_IMAGE,
    HL_KIND_ELF_X86_64,
    HL_KIND_ELF_I386,
    HL_KIND_ELF_AARCH64,
    HL_KIND_ELF_OTHER,
    HL_KIND_BZIMAGE,
    HL_KIND_FDT,
    HL_KIND_COMPRESSED,
    HL_KIND_CPIO,
    HL_KIND_UIMAGE,
    HL_KIND_TEXT,
};
enum hl_kind hl_file_kind(const char *path);
/* "an arm64 Image", "a text file", ... */
const char *hl_kind_name(enum hl_kind k);
/* Why a kernel of kind @k cannot boot on the target, or NULL. */
const char *hl_kernel_refusal(enum hl_kind k, bool hvm);
/* Why a hypervisor image of kind @k is not the target's, or NULL. */
const char *hl_xen_refusal(enum hl_kind k);

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

/*
 * grub-arm64.c: beside the U-Boot output, DIR/grub.cfg (xen_hypervisor,
 * one xen_module per image, devicetree) and DIR/hl-grub.dtb (domU
 * modules by 'module-index'), and, with GRUB's arm64-efi modules, the
 * FAT disk image DIR/hyperlaunch-efi.img.  0, or -errno after a message.
 */
int hl_grub_arm64_emit(const void *fdt, const struct hl_opts *o,
                       const struct hl_layout *l);
extern const struct hl_backend hl_grub_x86_backend;

#endif /* HLIMAGE_H */
