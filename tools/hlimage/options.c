/* SPDX-License-Identifier: GPL-2.0-only */
/* hlimage: the command line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hlimage.h"

#ifndef HL_TOOLS_VERSION
#define HL_TOOLS_VERSION "unknown"
#endif

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: hlimage [options] [--xen XEN] -o DIR FILE.dts|FILE.dtb|-c "
        "CONFIG\n"
        "Lay out the files named by 'hlimage,file' in the module nodes of a\n"
        "Hyperlaunch DT, fill in their 'reg', check the result and write\n"
        "DIR/hl.dtb, DIR/boot.cmd, DIR/boot.scr and copies of the images;\n"
        "for GRUB on UEFI also DIR/grub.cfg, DIR/hl-grub.dtb (modules by\n"
        "'module-index') and, with GRUB's arm64 EFI modules, the FAT disk\n"
        "image DIR/hyperlaunch-efi.img.\n"
        "With --arch x86_64 the modules get 'module-index' instead (the DTB\n"
        "is module 0) and DIR/iso/boot holds xen, hl.dtb, the images and\n"
        "grub/grub.cfg; grub-mkrescue makes DIR/hyperlaunch.iso of it.\n"
        "  -o DIR              output directory (created)\n"
        "  -c CONFIG           an ImageBuilder-style configuration instead of\n"
        "                      a device tree (NUM_DOMUS, DOMU_KERNEL[n], ...)\n"
        "  --xen FILE          the hypervisor image (or XEN in CONFIG)\n"
        "  --xen-cmd CMDLINE   the hypervisor's command line (arm64:\n"
        "                      xen,xen-bootargs; x86_64: the multiboot2 line)\n"
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
        "  --measure           print the measured launch of the result, as\n"
        "                      hlcheck --measure does (measured: and PCR<n>\n"
        "                      lines), and write DIR/" HLIMAGE_LOG_NAME "\n"
        "  --grub-efi DIR      arm64: Debian's GRUB EFI modules for the UEFI\n"
        "                      disk image (default /usr/lib/grub/arm64-efi)\n"
        "x86_64: the kernel of a PVH domain may be a bzImage: the ELF inside\n"
        "it (with the PVH entry note) is what goes in the image.\n"
        "  -q, --quiet         no warnings\n"
        "  --version           print the version and exit\n"
        "Exit status: 0 written, 1 invalid input (nothing written), 2 bad "
        "usage.\n");
}

static int parse_addr(const char *s, uint64_t *v)
{
    char *end;

    *v = strtoull(s, &end, 0);
    return end != s && *end == '\0' ? 0 : -1;
}

static int parse_one(int c, struct hl_opts *o)
{
    switch ( c )
    {
    case 'o':
        o->outdir = optarg;
        return 0;
    case 'c':
        o->config = optarg;
        return 0;
    case 'x':
        o->xen_file = optarg;
        return 0;
    case 'm':
        o->xen_cmd = optarg;
        return 0;
    case 'X':
        return parse_addr(optarg, &o->xen_addr);
    case 'b':
        o->load_base_set = true;
        return parse_addr(optarg, &o->load_base);
    case 'l':
        o->load_cmd = strcmp(optarg, "none") ? optarg : NULL;
        o->load_cmd_set = true;
        return o->load_cmd && !o->load_cmd[0] ? -1 : 0;
    case 'U':
        o->uboot_config = true;
        return 0;
    case 'u':
        o->uboot_bin = optarg;
        return 0;
    case 'a':
        return hl_target_from_name(optarg, &hl_target) ? -1 : 0;
    case 'n':
        o->no_iso = true;
        return 0;
    case 'M':
        o->measure = true;
        return 0;
    case 'g':
        o->grub_efi_dir = optarg;
        return 0;
    case 'q':
        hl_quiet = true;
        return 0;
    case 'h':
        usage(stdout);
        exit(0);
    case 'V':
        printf("hlimage (Hyperlaunch DT tools) %s\n", HL_TOOLS_VERSION);
        exit(0);
    default:
        return -1;
    }
}

int hl_parse_options(int argc, char **argv, struct hl_opts *o)
{
    static const struct option opts[] = {
        { "xen", required_argument, NULL, 'x' },
        { "xen-cmd", required_argument, NULL, 'm' },
        { "xen-addr", required_argument, NULL, 'X' },
        { "load-base", required_argument, NULL, 'b' },
        { "load-cmd", required_argument, NULL, 'l' },
        { "uboot-config", no_argument, NULL, 'U' },
        { "uboot", required_argument, NULL, 'u' },
        { "arch", required_argument, NULL, 'a' },
        { "no-iso", no_argument, NULL, 'n' },
        { "measure", no_argument, NULL, 'M' },
        { "grub-efi", required_argument, NULL, 'g' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int c, rc = 0;

    while ( (c = getopt_long(argc, argv, "o:c:qh", opts, NULL)) != -1 )
        rc |= parse_one(c, o);
    if ( rc || !o->outdir || optind != argc - (o->config ? 0 : 1) )
    {
        usage(stderr);
        return -1;
    }
    o->input = o->config ? o->config : argv[optind];
    return 0;
}
