/* SPDX-License-Identifier: GPL-2.0-only */
/* EL2 stage-1 MMU: 1:1 map of RAM and devices, 4 KiB granule, caches on. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/pt-walk.h>
#include <asm/mm.h>
#include <asm/setup.h>
#include <asm/sysregs.h>

/* MAIR_EL2 slots: 0 normal write-back RW-allocate, 1 device nGnRnE. */
#define MAIR_NORMAL_WB 0
#define MAIR_DEVICE_nGnRnE 1
#define MAIR_EL2_VALUE (0xffUL << (8 * MAIR_NORMAL_WB))

/* VMSAv8-64 stage-1 block/page attributes. */
#define S1_ATTRINDX(i) ((uint64_t)(i) << 2)
#define S1_AP1 (1ULL << 6) /* RES1 in the one-privilege EL2 regime */
#define S1_AP_RO (1ULL << 7)
#define S1_SH_INNER (3ULL << 8)
#define S1_AF (1ULL << 10)
#define S1_XN (1ULL << 54)

/* Input addresses of the EL2 regime: 48 bits, walk starts at level 0. */
#define S1_VA_BITS 48

/* Tables for the boot map, in .bss: enough for RAM in blocks and a UART. */
#define BOOT_PT_PAGES 16

static uint64_t boot_pt[BOOT_PT_PAGES][PAGE_SIZE / 8] __aligned(PAGE_SIZE);
static unsigned int boot_pt_used;

static uint64_t s1_encode(unsigned int attrs)
{
    uint64_t e = S1_AF | S1_AP1;

    if ( attrs & PT_DEVICE )
        e |= S1_ATTRINDX(MAIR_DEVICE_nGnRnE) | S1_XN;
    else
        e |= S1_ATTRINDX(MAIR_NORMAL_WB) | S1_SH_INNER;
    if ( !(attrs & PT_WRITE) )
        e |= S1_AP_RO;
    if ( !(attrs & PT_EXEC) )
        e |= S1_XN;
    return e;
}

void mm_pt_sync(void)
{
    asm volatile("dsb ishst" ::: "memory");
}

static const struct pt_format arm_s1_format = {
    .name = "arm64 stage-1 EL2",
    .page_shift = PAGE_SHIFT,
    .bits_per_level = 9,
    .root_bits = 9,
    .first_level = 0,
    .last_level = 3,
    .leaf_levels = (1U << 1) | (1U << 2) | (1U << 3),
    .oa_mask = 0x0000fffffffff000ULL,
    .type_mask = 3,
    .table_bits = 3,
    .block_bits = 1,
    .page_mask = 3,
    .page_bits = 3,
    .encode = s1_encode,
    .sync = mm_pt_sync,
};

/* Boot pool first; later tables come zeroed from the page allocator. */
static int s1_alloc_table(void *arg, paddr_t *pa)
{
    int rc;

    if ( boot_pt_used < BOOT_PT_PAGES )
    {
        *pa = (paddr_t)(uintptr_t)boot_pt[boot_pt_used++];
        return 0;
    }
    rc = alloc_pages(0, pa);
    if ( !rc )
        memset((void *)(uintptr_t)*pa, 0, PAGE_SIZE);
    return rc;
}

static struct pt_ctx xen_pt = {
    .fmt = &arm_s1_format,
    .alloc = s1_alloc_table,
};

static bool in_ram(const struct meminfo *mi, paddr_t start, paddr_t size)
{
    unsigned int i;

    for ( i = 0; i < mi->nr_banks; i++ )
        if ( start >= mi->bank[i].start &&
             start + size <= mi->bank[i].start + mi->bank[i].size )
            return true;
    return false;
}

static int map_range(paddr_t s, paddr_t e, unsigned int attrs)
{
    return e > s ? pt_map(&xen_pt, s, s, e - s, attrs) : 0;
}

/* RAM, rounded inwards to pages, as normal memory, except the image. */
static int map_ram(const struct meminfo *mi)
{
    paddr_t xs = (paddr_t)(uintptr_t)_start;
    paddr_t xe = ROUNDUP((paddr_t)(uintptr_t)_end, PAGE_SIZE);
    unsigned int i;
    int rc;

    for ( i = 0; i < mi->nr_banks; i++ )
    {
        paddr_t s = ROUNDUP(mi->bank[i].start, PAGE_SIZE);
        paddr_t e = (mi->bank[i].start + mi->bank[i].size) & ~(PAGE_SIZE - 1);

        if ( xs >= s && xe <= e )
            rc = map_range(s, xs, PT_RW) ?: map_range(xe, e, PT_RW);
        else
            rc = map_range(s, e, PT_RW);
        if ( rc )
            return rc;
    }
    return 0;
}

/* The image by section: code read-only, constants, then writable data. */
static int map_image(void)
{
    paddr_t text = (paddr_t)(uintptr_t)_start;
    paddr_t etext = (paddr_t)(uintptr_t)_etext;
    paddr_t erodata = (paddr_t)(uintptr_t)_erodata;
    paddr_t end = ROUNDUP((paddr_t)(uintptr_t)_end, PAGE_SIZE);
    int rc;

    rc = map_range(text, etext, PT_READ | PT_EXEC);
    rc = rc ?: map_range(etext, erodata, PT_READ);
    return rc ?: map_range(erodata, end, PT_RW);
}

int mm_map_device(paddr_t base, paddr_t size)
{
    paddr_t s = base & ~(PAGE_SIZE - 1);
    int rc = pt_map(&xen_pt, s, s, ROUNDUP(base + size, PAGE_SIZE) - s,
                    PT_RW | PT_DEVICE);

    /* New entries replace invalid ones: no TLB entry to drop. */
    asm volatile("isb" ::: "memory");
    return rc;
}

/* TCR_EL2: 48-bit input, 4 KiB granule, cacheable walks, PS from the CPU. */
static uint64_t tcr_value(void)
{
    uint64_t ps = READ_SYSREG(id_aa64mmfr0_el1) & ID_MMFR0_PARANGE_MASK;

    ps = MIN(ps, (uint64_t)PARANGE_48_BITS);
    return TCR_EL2_RES1 | TCR_T0SZ(S1_VA_BITS) | TCR_IRGN0_WBWA |
           TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K | (ps << TCR_PS_SHIFT);
}

/*
 * Written with the MMU off, the image (tables, stack, data) is in memory;
 * drop any stale cache line the loader left for it before the caches
 * come on.
 */
static void dcache_inval_image(void)
{
    uint64_t ctr = READ_SYSREG(ctr_el0);
    uintptr_t line = 4UL << ((ctr >> CTR_DMINLINE_SHIFT) & CTR_DMINLINE_MASK);
    uintptr_t p;

    asm volatile("dsb sy" ::: "memory");
    for ( p = (uintptr_t)_start & ~(line - 1); p < (uintptr_t)_end; p += line )
        asm volatile("dc ivac, %0" ::"r"(p) : "memory");
    asm volatile("dsb sy" ::: "memory");
}

struct mm_cpu_regs mm_cpu_regs;

void dcache_clean(const void *p, uint64_t len)
{
    uintptr_t line = 4UL << ((READ_SYSREG(ctr_el0) >> CTR_DMINLINE_SHIFT) &
                             CTR_DMINLINE_MASK);
    uintptr_t a = (uintptr_t)p & ~(line - 1);

    for ( ; a < (uintptr_t)p + len; a += line )
        asm volatile("dc cvac, %0" ::"r"(a) : "memory");
    asm volatile("dsb sy" ::: "memory");
}

void ram_scrub(void *p, uint64_t len)
{
    uint64_t dczid = READ_SYSREG(dczid_el0);
    uintptr_t a = (uintptr_t)p, end = a + len, block = 4UL << (dczid & 0xf);

    if ( (dczid & DCZID_DZP) || !IS_ALIGNED(a | end, block) )
        memset(p, 0, len);
    else
        for ( ; a < end; a += block )
            asm volatile("dc zva, %0" ::"r"(a) : "memory");
    dcache_clean(p, len);
    /* No instruction of an earlier owner may be fetched from these pages. */
    asm volatile("ic ialluis; dsb ish; isb" ::: "memory");
}

static void mmu_enable(void)
{
    struct mm_cpu_regs *r = &mm_cpu_regs;

    dcache_inval_image();
    r->mair = MAIR_EL2_VALUE;
    r->tcr = tcr_value();
    r->ttbr0 = xen_pt.root;
    r->sctlr = READ_SYSREG(sctlr_el2) | SCTLR_EL2_M | SCTLR_EL2_C |
               SCTLR_EL2_I | SCTLR_EL2_WXN;
    WRITE_SYSREG(mair_el2, r->mair);
    WRITE_SYSREG(tcr_el2, r->tcr);
    WRITE_SYSREG(ttbr0_el2, r->ttbr0);
    asm volatile("isb; tlbi alle2; dsb nsh; isb" ::: "memory");
    WRITE_SYSREG(sctlr_el2, r->sctlr);
    asm volatile("isb" ::: "memory");
}

int mm_mmu_init(const struct meminfo *mi, paddr_t fdt_start, paddr_t fdt_size,
                paddr_t uart_base)
{
    paddr_t image = (paddr_t)(uintptr_t)_start;
    int rc;

    if ( !in_ram(mi, image, (paddr_t)(_end - _start)) ||
         !in_ram(mi, fdt_start, fdt_size) )
    {
        printk("Warning: hypervisor image or DTB outside /memory: "
               "MMU stays off\n");
        return -EINVAL;
    }
    rc = s1_alloc_table(NULL, &xen_pt.root);
    rc = rc ?: map_ram(mi);
    rc = rc ?: map_image();
    rc = rc ?: mm_map_device(uart_base, PAGE_SIZE);
    if ( rc )
    {
        printk("Warning: cannot build the hypervisor page tables (%d): "
               "MMU stays off\n",
               rc);
        return rc;
    }
    mmu_enable();
    printk("MMU on: RAM and console mapped 1:1, code read-only, W^X, caches "
           "on (%u table "
           "page%s)\n",
           boot_pt_used, boot_pt_used == 1 ? "" : "s");
    return 0;
}
