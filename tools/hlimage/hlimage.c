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

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: hlimage [options] --xen XEN -o DIR FILE.dts|FILE.dtb\n"
        "Lay out the files named by 'hlimage,file' in the module nodes of a\n"
        "Hyperlaunch DT, fill in their 'reg', check the result and write\n"
        "DIR/hl.dtb, DIR/boot.cmd, DIR/boot.scr and copies of the images.\n"
        "With --arch x86_64 the modules get 'module-index' instead (the DTB\n"
        "is module 0) and DIR/iso/boot holds xen, hl.dtb, the images and\n"
        "grub/grub.cfg; grub-mkrescue makes DIR/hyperlaunch.iso of it.\n"
        "  -o DIR              output directory (created)\n"
        "  --xen FILE          the hypervisor image\n"
        "  --xen-addr ADDR     where it is loaded (default 0x40400000)\n"
        "  --load-base ADDR    the DTB and images go upwards from ADDR, each\n"
        "                      on a 2 MiB boundary (default 0x50000000)\n"
        "  --load-cmd CMD      U-Boot command loading a file from the boot\n"
        "                      medium (default \"load virtio 0\"; \"none\":\n"
        "                      files are already in memory)\n"
        "  --uboot-config      add /config { bootdelay; bootcmd } to the DTB\n"
        "                      so that U-Boot boots it by itself (QEMU)\n"
        "  --uboot FILE        U-Boot for the printed QEMU command (default\n"
        "                      /usr/lib/u-boot/qemu_arm64/u-boot.bin)\n"
        "  --arch ARCH         target: arm64 (default, U-Boot) or x86_64\n"
        "                      (GRUB multiboot2)\n"
        "  --no-iso            x86_64: write grub.cfg but no ISO\n"
        "x86_64: the kernel of a PVH domain may be a bzImage: the ELF inside\n"
        "it (with the PVH entry note) is what goes in the image.\n"
        "  -q, --quiet         no warnings\n"
        "Exit status: 0 written, 1 invalid input (nothing written), 2 bad "
        "usage.\n");
}

static int parse_addr(const char *s, uint64_t *v)
{
    char *end;

    *v = strtoull(s, &end, 0);
    return end != s && *end == '\0' ? 0 : -1;
}

static int parse_options(int argc, char **argv, struct hl_opts *o)
{
    static const struct option opts[] = {
        { "xen", required_argument, NULL, 'x' },
        { "xen-addr", required_argument, NULL, 'X' },
        { "load-base", required_argument, NULL, 'b' },
        { "load-cmd", required_argument, NULL, 'l' },
        { "uboot-config", no_argument, NULL, 'c' },
        { "uboot", required_argument, NULL, 'u' },
        { "arch", required_argument, NULL, 'a' },
        { "no-iso", no_argument, NULL, 'n' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c, rc = 0;

    while ( (c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1 )
    {
        switch ( c )
        {
        case 'o':
            o->outdir = optarg;
            break;
        case 'x':
            o->xen_file = optarg;
            break;
        case 'X':
            rc |= parse_addr(optarg, &o->xen_addr);
            break;
        case 'b':
            rc |= parse_addr(optarg, &o->load_base);
            break;
        case 'l':
            o->load_cmd = strcmp(optarg, "none") ? optarg : NULL;
            break;
        case 'c':
            o->uboot_config = true;
            break;
        case 'u':
            o->uboot_bin = optarg;
            break;
        case 'a':
            rc |= hl_target_from_name(optarg, &hl_target) ? -1 : 0;
            break;
        case 'n':
            o->no_iso = true;
            break;
        case 'q':
            hl_quiet = true;
            break;
        case 'h':
            usage(stdout);
            exit(0);
        default:
            return -1;
        }
    }
    if ( rc || optind != argc - 1 || !o->outdir || !o->xen_file ||
         (o->load_cmd && !o->load_cmd[0]) )
        return -1;
    o->input = argv[optind];
    return 0;
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
        fprintf(stderr, "hlimage: %s: not a device tree blob\n", path);
    else if ( raw )
    {
        bufsize = (int)fdt_totalsize(raw) + (int)DTB_HEADROOM;
        fdt = malloc((size_t)bufsize);
        if ( fdt && fdt_open_into(raw, fdt, bufsize) )
        {
            fprintf(stderr, "hlimage: %s: not a usable device tree blob\n",
                    path);
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
    uint64_t size;

    if ( hl_file_size(o->xen_file, &size) )
    {
        fprintf(stderr, "hlimage: --xen %s: cannot read it\n", o->xen_file);
        return -ENOENT;
    }
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

/* Parse and check the final tree exactly as the hypervisor will. */
static int check_final(const void *fdt, const struct hl_backend *be)
{
    unsigned int i;
    int rc;

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

static int build(void *fdt, const struct hl_opts *o,
                 const struct hl_backend *be)
{
    char *base_dir = dir_of(o->input);
    int rc = init_layout(fdt, o);

    /* The DTB's slot: its size now plus everything it may still gain. */
    layout.dtb.size += DTB_HEADROOM;
    if ( !rc )
        be->xen_range(fdt, &layout);
    rc = rc ?: hl_layout_collect(fdt, base_dir, &layout);
    free(base_dir);
    rc = rc ?: hl_layout_place(&layout);
    if ( !rc )
        rc = be->by_index ? hl_layout_apply_index(fdt, &layout)
                          : hl_layout_apply(fdt, &layout);
    rc = rc ?: be->prepare_fdt(fdt, o, &layout);
    if ( !rc && fdt_pack(fdt) )
        rc = -ENOSPC;
    if ( !rc )
        layout.dtb.size = fdt_totalsize(fdt); /* within its slot */
    rc = rc ?: check_final(fdt, be);
    return rc ?: write_outputs(fdt, o, be);
}

int main(int argc, char **argv)
{
    struct hl_opts o = {
        .xen_addr = 0x40400000,
        .load_base = 0x50000000,
        .load_cmd = "load virtio 0",
        .uboot_bin = "/usr/lib/u-boot/qemu_arm64/u-boot.bin",
    };
    const struct hl_backend *be;
    void *fdt;
    int rc;

    if ( parse_options(argc, argv, &o) )
    {
        usage(stderr);
        return 2;
    }
    be = select_backend();
    if ( !be )
        return 2;
    fdt = load_input(o.input);
    if ( !fdt )
        return 1;
    rc = build(fdt, &o, be);
    hl_layout_cleanup(&layout);
    free(fdt);
    return rc ? 1 : 0;
}
