/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hlimage: build boot images from a Hyperlaunch DT whose module nodes name
 * files ('hlimage,file') instead of addresses.  Lays the files out, fills
 * in every module 'reg', checks the result with the hypervisor's parser,
 * then writes the DTB, the boot loader script and the images to -o DIR.
 * Exit 0: written; 1: invalid input (nothing written); 2: bad usage.
 */
#include <getopt.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hlimage.h"

#define DTB_HEADROOM (64u << 10) /* room for 'reg' and /config */

const char *hl_progname = "hlimage";
static struct boot_info bi;
static struct hl_layout layout;

static int parse_u64_str(const char *s, uint64_t *v)
{
    char *end;

    *v = strtoull(s, &end, 0);
    return end != s && *end == '\0' ? 0 : -1;
}

static const struct hl_backend *select_backend(void)
{
    return hl_target == HL_TARGET_ARM64 ? &hl_uboot_arm64_backend
                                        : &hl_grub_x86_backend;
}

/* The input DT, opened with room to grow; NULL after a message. */
static void *load_input(const char *path)
{
    size_t size = 0;
    void *raw = hl_load_fdt(path, &size), *fdt = NULL;
    int bufsize;

    if ( raw && (size < sizeof(struct fdt_header) || fdt_check_header(raw) ||
                 fdt_totalsize(raw) > size) )
        hl_tool_error(path, "not a device tree blob");
    else if ( raw )
    {
        bufsize = (int)fdt_totalsize(raw) + (int)DTB_HEADROOM;
        fdt = malloc((size_t)bufsize);
        if ( fdt && fdt_open_into(raw, fdt, bufsize) )
        {
            hl_tool_error(path, "not a usable device tree blob");
            free(fdt);
            fdt = NULL;
        }
    }
    free(raw);
    return fdt;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? strndup(path, (size_t)(slash - path + (slash == path)))
                 : strdup(".");
}

static int init_layout(void *fdt, const struct hl_opts *o)
{
    struct hl_arm64_header h;
    const char *why;
    uint64_t size;
    char *abs = hl_abs_path(o->xen_file);
    int rc = hl_file_size(o->xen_file, &size);
    enum hl_kind k = rc ? HL_KIND_RAW : hl_file_kind(o->xen_file);

    why = rc ? strerror(-rc) : hl_xen_refusal(k);
    if ( why )
    {
        if ( rc )
            hl_tool_error(o->xen_file, "the hypervisor: cannot read %s: %s",
                          abs ? abs : o->xen_file, why);
        else
            hl_tool_error(o->xen_file, "the hypervisor (%s) is %s: %s",
                          abs ? abs : o->xen_file, hl_kind_name(k), why);
        free(abs);
        return -ENOENT;
    }
    free(abs);
    layout.load_base = o->load_base;
    layout.xen = (struct hl_image){ .path = realpath(o->xen_file, NULL),
                                    .name = (char *)"xen",
                                    .addr = o->xen_addr,
                                    .size = size };
    if ( !hl_arm64_header(o->xen_file, &h) )
        layout.xen.size = MAX(size, h.image_size);
    layout.dtb = (struct hl_image){ .name = (char *)"hl.dtb",
                                    .size = fdt_totalsize(fdt) };
    return layout.xen.path ? 0 : -ENOENT;
}

/* The loader's module list as GRUB will pass it: the DTB, the images. */
static void loader_modules(void)
{
    unsigned int i;

    bi.nr_loader_mods = (int)layout.nr_images + 1;
    bi.loader_mods[0].start = layout.dtb.addr;
    bi.loader_mods[0].size = layout.dtb.size;
    for ( i = 0; i < layout.nr_images; i++ )
    {
        bi.loader_mods[i + 1].start = layout.images[i].addr;
        bi.loader_mods[i + 1].size = layout.images[i].size;
    }
}

/*
 * Let the parser look inside the images, as the hypervisor does where the
 * modules lie (x86 kernels, partial device trees): each at its address.
 */
static int give_images(void)
{
    unsigned int i;
    size_t size;
    void *data;

    for ( i = 0; i < layout.nr_images; i++ )
    {
        data = hl_read_file(layout.images[i].path, &size);
        if ( !data )
        {
            hl_tool_error(layout.images[i].path, "cannot read it: %s",
                          strerror(errno));
            return -EIO;
        }
        if ( hl_tool_give_module(layout.images[i].addr, data, size) )
            return -ENOSPC;
    }
    return 0;
}

/* Parse and check the final tree exactly as the hypervisor will. */
static int check_final(const void *fdt, const struct hl_backend *be)
{
    unsigned int i;
    int rc = give_images();

    if ( rc )
        return rc;

    hl_init(&bi);
    bi.fdt_start = layout.dtb.addr;
    bi.fdt_size = layout.dtb.size;
    bi.xen_start = layout.xen_start;
    bi.xen_size = layout.xen_end - layout.xen_start;
    if ( be->by_index )
        loader_modules();
    rc = hl_parse(fdt, fdt_totalsize(fdt), &bi);
    rc = rc ?: hl_check(fdt, &bi);
    for ( i = 0; i < bi.nr_domains && !rc; i++ )
        layout.guest_kib += bi.domains[i].memory_kib;
    return rc;
}

/* @dir/@sub, created (with its parents below @dir); NULL after a message. */
static char *make_subdir(const char *dir, const char *sub)
{
    char *path = hl_path_join(dir, sub), *p;

    for ( p = path ? strchr(path + strlen(dir) + 1, '/') : NULL; p;
          p = strchr(p + 1, '/') )
    {
        *p = '\0';
        if ( mkdir(path, 0755) && errno != EEXIST )
            break;
        *p = '/';
    }
    if ( path && (mkdir(path, 0755) && errno != EEXIST) )
    {
        fprintf(stderr, "hlimage: %s: cannot create it\n", path);
        free(path);
        return NULL;
    }
    return path;
}

static int write_outputs(const void *fdt, const struct hl_opts *o,
                         const struct hl_backend *be)
{
    unsigned int i;
    char *dir;
    int rc;

    if ( mkdir(o->outdir, 0755) && errno != EEXIST )
    {
        fprintf(stderr, "hlimage: %s: cannot create it\n", o->outdir);
        return -EIO;
    }
    dir = be->subdir ? make_subdir(o->outdir, be->subdir) : strdup(o->outdir);
    if ( !dir )
        return -EIO;
    rc = hl_copy_file(layout.xen.path, dir, "xen");
    for ( i = 0; i < layout.nr_images && !rc; i++ )
        rc = hl_copy_file(layout.images[i].path, dir, layout.images[i].name);
    rc = rc ?: hl_write_file(dir, "hl.dtb", fdt, fdt_totalsize(fdt));
    free(dir);
    return rc ?: be->emit(fdt, o, &layout);
}

/* --xen-cmd on arm64: the hypervisor reads /chosen/xen,xen-bootargs. */
static int set_xen_cmd(void *fdt, const struct hl_opts *o)
{
    int chosen = fdt_path_offset(fdt, "/chosen");

    if ( !o->xen_cmd || hl_target != HL_TARGET_ARM64 )
        return 0;
    if ( chosen < 0 )
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    if ( chosen < 0 || fdt_setprop(fdt, chosen, "xen,xen-bootargs", o->xen_cmd,
                                   (int)strlen(o->xen_cmd) + 1) )
    {
        hl_tool_error(o->input, "cannot set /chosen/xen,xen-bootargs");
        return -ENOSPC;
    }
    return 0;
}

/* MEMORY_END of a configuration: every image ends below it. */
static int check_memory_end(const struct hl_opts *o)
{
    uint64_t end = hl_layout_end(&layout);

    if ( !o->memory_end || end <= o->memory_end )
        return 0;
    hl_tool_error(o->input,
                  "MEMORY_END: the images end at %#llx, beyond %#llx",
                  (unsigned long long)end, (unsigned long long)o->memory_end);
    return -ENOSPC;
}

static int build(void *fdt, const struct hl_opts *o,
                 const struct hl_backend *be, const char *base_dir)
{
    int rc = set_xen_cmd(fdt, o) ?: init_layout(fdt, o);

    /* The DTB's slot: its size now plus everything it may still gain. */
    layout.dtb.size += DTB_HEADROOM;
    if ( !rc )
        be->xen_range(fdt, &layout);
    rc = rc ?: hl_layout_collect(fdt, base_dir, &layout);
    rc = rc ?: hl_layout_place(&layout);
    rc = rc ?: check_memory_end(o);
    if ( !rc )
        rc = be->by_index ? hl_layout_apply_index(fdt, &layout)
                          : hl_layout_apply(fdt, &layout);
    rc = rc ?: be->prepare_fdt(fdt, o, &layout);
    if ( !rc && fdt_pack(fdt) )
        rc = -ENOSPC;
    if ( !rc )
        layout.dtb.size = fdt_totalsize(fdt); /* within its slot */
    rc = rc ?: check_final(fdt, be);
    if ( !rc && o->measure )
        rc = hl_image_measure(fdt, &bi, &layout, be->by_index);
    rc = rc ?: write_outputs(fdt, o, be);
    return rc || !o->measure ? rc : hl_image_measure_log(o->outdir);
}

/* -c CONFIG: its settings, where the command line left them open. */
static void *config_input(struct hl_opts *o, struct hl_config *c)
{
    if ( hl_config_read(o->config, c) )
        return NULL;
    c->dir = dir_of(o->config);
    if ( !o->xen_file && c->xen )
        o->xen_file = hl_path_join(c->dir, c->xen);
    if ( !o->xen_cmd )
        o->xen_cmd = c->xen_cmd;
    if ( !o->load_cmd_set && c->load_cmd )
        o->load_cmd = c->load_cmd;
    if ( c->uboot_source )
        o->script_source = c->uboot_source;
    if ( c->uboot_script )
        o->script_name = c->uboot_script;
    /* Checked by hl_config_fdt(), with MEMORY_END. */
    if ( !o->load_base_set && c->memory_start )
        parse_u64_str(c->memory_start, &o->load_base);
    return hl_config_fdt(o->config, c);
}

int main(int argc, char **argv)
{
    static struct hl_config cfg;
    struct hl_opts o = {
        .xen_addr = 0x40400000,
        .load_base = 0x50000000,
        .load_cmd = "load virtio 0",
        .uboot_bin = "/usr/lib/u-boot/qemu_arm64/u-boot.bin",
        .script_source = "boot.cmd",
        .script_name = "boot.scr",
    };
    const struct hl_backend *be;
    char *base_dir;
    void *fdt;
    int rc;

    if ( hl_parse_options(argc, argv, &o) )
        return 2;
    be = select_backend();
    fdt = o.config ? config_input(&o, &cfg) : load_input(o.input);
    if ( !fdt )
        return 1;
    o.memory_end = cfg.mem_end;
    if ( !o.xen_file )
    {
        fprintf(stderr, "hlimage: no hypervisor image: give --xen FILE%s\n",
                o.config ? " or XEN in the configuration" : "");
        free(fdt);
        return 2;
    }
    base_dir = o.config ? strdup(cfg.dir) : dir_of(o.input);
    rc = base_dir ? build(fdt, &o, be, base_dir) : -ENOMEM;
    free(base_dir);
    hl_layout_cleanup(&layout);
    free(fdt);
    return rc ? 1 : 0;
}
