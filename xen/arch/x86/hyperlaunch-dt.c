/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 part of the Hyperlaunch DT binding: 'mode' (PV, HVM, PVH). */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <xen/x86-guest-map.h>
#include <libfdt.h>

#include "bzimage.h"

int arch_parse_domain_prop(const void *fdt, int node, struct boot_domain *bd,
                           const char *name, const void *val, int len)
{
    if ( strcmp(name, "mode") )
        return 0;
    if ( len != 4 )
    {
        hl_error(fdt, node, name, "must be 1 cell (u32), found %d bytes", len);
        return -EINVAL;
    }
    bd->arch.mode = fdt32_ld(val);
    return 1;
}

/* The property that located module @k, for messages about its image. */
static const char *where(const struct boot_module *k)
{
    return k->mb_index >= 0 ? "module-index" : "reg";
}

/* A PVH domain takes an ELF; the bzImage around one is refused. */
static int check_pvh_kernel(const void *fdt, const struct boot_module *k,
                            const void *img)
{
    struct bzimage bz;
    const char *why;

    if ( bzimage_parse(img, k->size, &bz, &why) == -ENOEXEC )
        return 0;
    hl_error(fdt, k->node, where(k),
             "a bzImage; PVH domains take the ELF inside it "
             "(tools/vmlinux-extract; hlimage --arch x86_64 extracts it), "
             "HVM domains (mode = <2>) the bzImage");
    return -EINVAL;
}

/* Where the kernel, its init_size and the ramdisk go (hvm-build.c too). */
static int check_hvm_fit(const void *fdt, const struct boot_domain *bd,
                         const struct bzimage *bz)
{
    uint64_t ram = bd->memory_kib << 10, top = MIN(ram, HVM_RAM_TOP);
    uint64_t rd = bd->ramdisk ? bd->ramdisk->size : 0, load, at;

    if ( bzimage_place(bz, top, &load) )
    {
        /* The lowest start it could have had. */
        load = bz->relocatable
                   ? ROUNDUP(BZ_MIN_LOAD, (uint64_t)bz->kernel_alignment)
                   : bz->pref_address;
        if ( bz->pref_address >= BZ_MIN_LOAD )
            load = MIN(load, bz->pref_address);
        hl_error(fdt, bd->node, "memory",
                 "too small for the kernel: it needs %llu KiB (init_size) "
                 "from %#llx, the domain has %llu KiB",
                 (unsigned long long)(bz->init_size >> 10),
                 (unsigned long long)load, (unsigned long long)bd->memory_kib);
        return -EINVAL;
    }
    if ( rd && bzimage_place_ramdisk(bz, top, load, rd, &at) )
    {
        hl_error(fdt, bd->node, "memory",
                 "too small for the kernel and ramdisk: the ramdisk (%llu "
                 "KiB) must fit between %#llx and %#llx",
                 (unsigned long long)(rd >> 10),
                 (unsigned long long)(load + bz->init_size),
                 (unsigned long long)MIN(top, bz->initrd_addr_max + 1ULL));
        return -EINVAL;
    }
    return 0;
}

/* An HVM domain boots a bzImage through the Linux/x86 boot protocol. */
static int check_hvm_kernel(const void *fdt, const struct boot_domain *bd,
                            const void *img)
{
    const struct boot_module *k = bd->kernel;
    size_t cmd_len = bd->cmdline ? strlen(bd->cmdline) : 0;
    struct bzimage bz;
    const char *why;
    int rc = bzimage_parse(img, k->size, &bz, &why);

    if ( rc && bzimage_is_elf(img, k->size) )
        hl_error(fdt, k->node, where(k),
                 "an ELF; HVM domains take a bzImage (the Linux/x86 boot "
                 "protocol), PVH domains (mode = <0>) an ELF");
    else if ( rc == -ENOEXEC )
        hl_error(fdt, k->node, where(k),
                 "not a bzImage (%s); HVM domains take a bzImage", why);
    else if ( rc )
        hl_error(fdt, k->node, where(k), "unusable bzImage: %s", why);
    else if ( cmd_len > bz.cmdline_size )
    {
        hl_error(fdt, k->node, "bootargs",
                 "%llu bytes, the kernel takes at most %u (cmdline_size)",
                 (unsigned long long)cmd_len, bz.cmdline_size);
        rc = -EINVAL;
    }
    return rc ? -EINVAL : check_hvm_fit(fdt, bd, &bz);
}

/* Look inside the kernel image, where the environment can see it. */
static int check_kernel(const void *fdt, const struct boot_domain *bd)
{
    const void *img = bd->kernel ? hl_module_data(bd->kernel) : NULL;

    if ( !img )
        return 0;
    if ( bd->arch.mode & HL_MODE_DM )
        return check_hvm_kernel(fdt, bd, img);
    return check_pvh_kernel(fdt, bd->kernel, img);
}

/* The RAM the builders lay out (xen/x86-guest-map.h). */
static int check_memory(const void *fdt, const struct boot_domain *bd)
{
    uint64_t bytes = bd->memory_kib << 10;
    char hint[128];

    /* Zero, unaligned and beyond 1 TiB: the common check says so. */
    if ( !bd->memory_kib || bd->memory_kib % 4 ||
         bd->memory_kib > HL_MAX_MEMORY_KIB ||
         (bytes >= PVH_MIN_RAM && bytes <= PVH_MAX_RAM) )
        return 0;
    hl_error(fdt, bd->node,
             (bd->flags & BD_IS_DOM0) ? "xen,xen-bootargs" : "memory",
             "%llu KiB: x86 domains have %llu KiB to %llu KiB%s",
             (unsigned long long)bd->memory_kib, PVH_MIN_RAM >> 10,
             PVH_MAX_RAM >> 10,
             bytes > PVH_MAX_RAM
                 ? hl_memory_hint(hint, sizeof(hint), bd->memory_kib)
                 : "");
    return -EINVAL;
}

int arch_check_domain(const void *fdt, const struct boot_domain *bd)
{
    uint32_t mode = bd->arch.mode;

    if ( check_memory(fdt, bd) )
        return -EINVAL;

    if ( mode & ~HL_MODE_MASK )
    {
        hl_error(fdt, bd->node, "mode", "unknown bits %#x",
                 mode & ~HL_MODE_MASK);
        return -EINVAL;
    }
    if ( (mode & HL_MODE_PV) && (mode & HL_MODE_DM) )
    {
        hl_error(fdt, bd->node, "mode",
                 "PV (bit 0) and device model (bit 1) exclude each other");
        return -EINVAL;
    }
    if ( mode & HL_MODE_PV )
    {
        hl_error(fdt, bd->node, "mode", "PV domains: not supported yet");
        return -EINVAL;
    }
    if ( bd->dtb )
    {
        hl_error(fdt, bd->dtb->node, "compatible",
                 "partial device trees (device passthrough): not supported "
                 "on x86");
        return -EINVAL;
    }
    if ( bd->nr_static || (bd->flags & BD_DIRECT_MAP) )
    {
        hl_error(fdt, bd->node,
                 bd->nr_static ? "xen,static-mem" : "direct-map",
                 "not supported on x86");
        return -EINVAL;
    }
    if ( bd->enhanced != HL_ENHANCED_NONE )
    {
        hl_error(fdt, bd->node, "xen,enhanced",
                 "Xen PV interfaces: not supported on x86_64 yet");
        return -EINVAL;
    }
    if ( bd->flags & BD_VPL011 )
        hl_warn(fdt, bd->node, "vpl011",
                "ignored on x86: the domain's console is a 16550 at 0x3f8");
    return check_kernel(fdt, bd);
}

const char *arch_guest_region_clash(const void *fdt,
                                    const struct boot_domain *bd, paddr_t gpa,
                                    paddr_t size)
{
    return NULL; /* no passthrough on x86: arch_check_domain() refuses it */
}

const char *arch_domain_mode_name(const struct boot_domain *bd)
{
    return (bd->arch.mode & HL_MODE_DM) ? "hvm" : "pvh";
}

int arch_check_guest_region(const void *fdt, const struct boot_domain *bd,
                            int node, const char *prop, paddr_t gpa,
                            paddr_t size)
{
    hl_error(fdt, node, prop,
             "static shared memory: not supported on x86_64 yet");
    return -EINVAL;
}
