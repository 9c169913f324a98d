/* SPDX-License-Identifier: GPL-2.0-only */
/* HVM domains: a bzImage started through the Linux/x86 64-bit boot protocol. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/hvm-start-info.h>
#include <asm/x86-defs.h>

#include "../bzimage.h"

/*
 * The boot block, in low RAM under 128 KiB (docs/misc/x86/hvm-domains.md):
 * the GDT, page tables mapping 0-4 GiB 1:1 in 2 MiB pages, the zero page
 * (struct boot_params) and the command line.
 */
#define HVM_GDT 0x1000ULL
#define HVM_PML4 0x2000ULL
#define HVM_PDPT 0x3000ULL
#define HVM_PD 0x4000ULL /* four pages: 0-4 GiB */
#define HVM_ZERO_PAGE 0x8000ULL
#define HVM_CMDLINE 0x9000ULL
#define HVM_CMDLINE_END 0x20000ULL
_Static_assert(HVM_RAM_TOP == PVH_HOLE_START, "one RAM layout");

/* Fields of the zero page outside the setup header. */
#define ZP_ACPI_RSDP_ADDR 0x070
#define ZP_ALT_MEM_K 0x1e0
#define ZP_E820_ENTRIES 0x1e8
#define ZP_E820_TABLE 0x2d0
#define ZP_E820_ENTRY_SIZE 20
#define ZP_CODE32_START 0x214
#define LOADER_TYPE_UNDEFINED 0xff
#define LOADFLAG_CAN_USE_HEAP (1U << 7)

/* GDT: null, unused, __BOOT_CS 0x10 (64-bit code), __BOOT_DS 0x18. */
static const uint64_t boot_gdt[] = {
    0,
    0,
    0x00af9b000000ffffULL,
    0x00cf93000000ffffULL,
};

static void put(uint8_t *p, uint64_t v, unsigned int n)
{
    while ( n-- )
    {
        *p++ = (uint8_t)v;
        v >>= 8;
    }
}

/* Page tables: one PML4 entry, four PDPT entries, 2048 2 MiB pages. */
static int write_page_tables(struct domain *d)
{
    static uint64_t pt[PAGE_SIZE / 8];
    unsigned int i, j;
    int rc;

    memset(pt, 0, sizeof(pt));
    pt[0] = HVM_PDPT | PTE_TABLE;
    rc = domain_copy_to_guest(d, HVM_PML4, pt, sizeof(pt));
    for ( i = 0; i < 4; i++ )
        pt[i] = (HVM_PD + i * PAGE_SIZE) | PTE_TABLE;
    rc = rc ?: domain_copy_to_guest(d, HVM_PDPT, pt, sizeof(pt));
    for ( i = 0; !rc && i < 4; i++ )
    {
        for ( j = 0; j < 512; j++ )
            pt[j] = ((uint64_t)(i * 512 + j) << L2_PAGE_SHIFT) | PTE_LARGE;
        rc = domain_copy_to_guest(d, HVM_PD + i * PAGE_SIZE, pt, sizeof(pt));
    }
    return rc ?: domain_copy_to_guest(d, HVM_GDT, boot_gdt, sizeof(boot_gdt));
}

/* The e820 table: the same map a PVH domain's start info carries. */
static void put_e820(uint8_t *zp, const struct domain *d)
{
    struct hvm_memmap_table_entry map[HVM_MEMMAP_MAX];
    unsigned int i, n = hvm_memmap(d, map);
    uint8_t *e = zp + ZP_E820_TABLE;

    for ( i = 0; i < n; i++, e += ZP_E820_ENTRY_SIZE )
    {
        put(e, map[i].addr, 8);
        put(e + 8, map[i].size, 8);
        put(e + 16, map[i].type, 4);
    }
    zp[ZP_E820_ENTRIES] = (uint8_t)n;
}

/* boot_params: the image's setup header and what the loader fills in. */
static int write_zero_page(struct domain *d, const struct boot_domain *bd,
                           const struct bzimage *bz, const uint8_t *img)
{
    static uint8_t zp[PAGE_SIZE];
    const struct arch_domain *ad = &d->arch;

    memset(zp, 0, sizeof(zp));
    memcpy(zp + BZ_SETUP_SECTS, img + BZ_SETUP_SECTS,
           bz->header_end - BZ_SETUP_SECTS);
    zp[BZ_TYPE_OF_LOADER] = LOADER_TYPE_UNDEFINED;
    zp[BZ_LOADFLAGS] &= (uint8_t)~LOADFLAG_CAN_USE_HEAP;
    put(zp + ZP_CODE32_START, ad->kernel_start, 4);
    if ( bd->cmdline )
        put(zp + BZ_CMD_LINE_PTR, HVM_CMDLINE, 4);
    if ( bd->ramdisk )
    {
        put(zp + BZ_RAMDISK_IMAGE, ad->ramdisk_gpa, 4);
        put(zp + BZ_RAMDISK_SIZE, bd->ramdisk->size, 4);
    }
    put(zp + ZP_ACPI_RSDP_ADDR, ad->rsdp_gpa, 8);
    put(zp + ZP_ALT_MEM_K, (ad->low_ram - BZ_MIN_LOAD) >> 10, 4);
    put_e820(zp, d);
    return domain_copy_to_guest(d, HVM_ZERO_PAGE, zp, sizeof(zp));
}

/* The same placement the check phase used (hyperlaunch-dt.c). */
static int place(struct domain *d, const struct boot_domain *bd,
                 const struct bzimage *bz)
{
    struct arch_domain *ad = &d->arch;
    uint64_t top = MIN(ad->low_ram, HVM_RAM_TOP), cmd_len;

    cmd_len = bd->cmdline ? strlen(bd->cmdline) + 1 : 1;
    if ( cmd_len > HVM_CMDLINE_END - HVM_CMDLINE ||
         bzimage_place(bz, top, &ad->kernel_start) ||
         (bd->ramdisk &&
          bzimage_place_ramdisk(bz, top, ad->kernel_start, bd->ramdisk->size,
                                &ad->ramdisk_gpa)) )
    {
        printk("ERROR: d%u: the bzImage (init_size %u KiB), its ramdisk "
               "and command line do not fit in %llu KiB of RAM\n",
               d->domid, bz->init_size >> 10,
               (unsigned long long)(ad->low_ram >> 10));
        return -ENOSPC;
    }
    ad->kernel_end = ad->kernel_start + bz->init_size;
    ad->entry = ad->kernel_start + BZ_ENTRY_64;
    ad->start_info_gpa = HVM_ZERO_PAGE;
    ad->info_end = HVM_CMDLINE + ROUNDUP(cmd_len, (uint64_t)PAGE_SIZE);
    return 0;
}

static int hvm_linux_load(struct domain *d, const struct boot_domain *bd)
{
    const struct boot_module *k = bd->kernel;
    const uint8_t *img = (const uint8_t *)(uintptr_t)k->start;
    struct bzimage bz;
    const char *why;
    int rc = bzimage_parse(img, k->size, &bz, &why);

    if ( rc )
    {
        printk("ERROR: d%u: the kernel is not a bzImage an HVM domain can "
               "boot: %s\n",
               d->domid, why);
        return rc;
    }
    rc = place(d, bd, &bz);
    rc = rc
             ?: domain_copy_to_guest(d, d->arch.kernel_start,
                                     img + bz.setup_size, bz.kernel_size);
    if ( !rc && bd->ramdisk )
        rc = domain_copy_to_guest(d, d->arch.ramdisk_gpa,
                                  (const void *)(uintptr_t)bd->ramdisk->start,
                                  bd->ramdisk->size);
    if ( !rc && bd->cmdline )
        rc = domain_copy_to_guest(d, HVM_CMDLINE, bd->cmdline,
                                  strlen(bd->cmdline) + 1);
    rc = rc ?: write_page_tables(d);
    return rc ?: write_zero_page(d, bd, &bz, img);
}

/* Long mode at startup_64, %rsi = the zero page (boot protocol 2.12+). */
static void hvm_linux_enter(struct vcpu *v)
{
    const struct arch_domain *ad = &v->domain->arch;

    svm_vcpu_long_mode(&v->arch.svm, ad->entry, HVM_PML4, HVM_GDT,
                       sizeof(boot_gdt) - 1);
    v->arch.svm.gprs.rsi = HVM_ZERO_PAGE;
}

const struct x86_boot_proto hvm_linux_boot = {
    .info_name = "zero page",
    .load = hvm_linux_load,
    .enter = hvm_linux_enter,
};
