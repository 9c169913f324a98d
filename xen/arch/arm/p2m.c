/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 stage-2 tables through the common walker: format, RAM, self-check. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/mm.h>
#include <asm/p2m.h>
#include <asm/sysregs.h>

/* VMSAv8-64 stage-2 block/page attributes. */
#define S2_MEMATTR_NORMAL_WB (0xfULL << 2) /* outer and inner write-back */
#define S2_MEMATTR_DEVICE_nGnRnE (0x0ULL << 2)
#define S2_AP_READ (1ULL << 6)
#define S2_AP_WRITE (1ULL << 7)
#define S2_SH_INNER (3ULL << 8)
#define S2_AF (1ULL << 10)
#define S2_XN (1ULL << 54)
#define S2_SW_OWNED (1ULL << 55) /* software bit: page belongs to the p2m */

/* VTCR_EL2: T0SZ, SL0 = 1 (level 1 with 4 KiB), cacheable walks, PS. */
#define VTCR_RES1 (1UL << 31)
#define VTCR_SL0_LEVEL1 (1UL << 6)
#define VTCR_PS_SHIFT 16
#define VTCR_VS (1UL << 19) /* 16-bit VMIDs */

#define P2M_ROOT_ORDER 1 /* 40 bits at level 1: two concatenated tables */

static uint64_t s2_encode(unsigned int attrs)
{
    uint64_t e = S2_AF;

    if ( attrs & PT_DEVICE )
        e |= S2_MEMATTR_DEVICE_nGnRnE | S2_XN;
    else
        e |= S2_MEMATTR_NORMAL_WB | S2_SH_INNER;
    if ( attrs & PT_READ )
        e |= S2_AP_READ;
    if ( attrs & PT_WRITE )
        e |= S2_AP_WRITE;
    if ( !(attrs & PT_EXEC) )
        e |= S2_XN;
    if ( attrs & PT_OWNED )
        e |= S2_SW_OWNED;
    return e;
}

static const struct pt_format arm_s2_format = {
    .name = "arm64 stage-2",
    .page_shift = PAGE_SHIFT,
    .bits_per_level = 9,
    .root_bits = P2M_IPA_BITS - 30,
    .first_level = 1,
    .last_level = 3,
    .leaf_levels = (1U << 1) | (1U << 2) | (1U << 3),
    .oa_mask = 0x0000fffffffff000ULL,
    .type_mask = 3,
    .table_bits = 3,
    .block_bits = 1,
    .page_mask = 3,
    .page_bits = 3,
    .encode = s2_encode,
    .sync = mm_pt_sync,
};

void p2m_setup_cpu(void)
{
    uint64_t ps = READ_SYSREG(id_aa64mmfr0_el1) & ID_MMFR0_PARANGE_MASK;

    ps = MIN(ps, (uint64_t)PARANGE_48_BITS);
    WRITE_SYSREG(vtcr_el2, VTCR_RES1 | TCR_T0SZ(P2M_IPA_BITS) |
                               VTCR_SL0_LEVEL1 | TCR_IRGN0_WBWA |
                               TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
                               (ps << VTCR_PS_SHIFT) |
                               (p2m_vmid16 ? VTCR_VS : 0));
    asm volatile("isb" ::: "memory");
}

static int zeroed_pages(unsigned int order, paddr_t *pa)
{
    int rc = alloc_pages(order, pa);

    if ( !rc )
        memset((void *)(uintptr_t)*pa, 0, PAGE_SIZE << order);
    return rc;
}

static int p2m_alloc_table(void *arg, paddr_t *pa)
{
    return zeroed_pages(0, pa);
}

int p2m_init(struct p2m *p2m)
{
    p2m->pt.fmt = &arm_s2_format;
    p2m->pt.alloc = p2m_alloc_table;
    p2m->pt.arg = p2m;
    p2m->pt.root = 0;
    p2m->lock = (spinlock_t)SPIN_LOCK_UNLOCKED;
    memset(p2m->lazy, 0, sizeof(p2m->lazy));
    return zeroed_pages(P2M_ROOT_ORDER, &p2m->pt.root);
}

/* The largest block order that @gpa and @size allow (1 GiB, 2 MiB, 4 KiB). */
static unsigned int ram_order(paddr_t gpa, uint64_t size, unsigned int max)
{
    static const unsigned int orders[] = { 18, 9, 0 };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(orders); i++ )
        if ( orders[i] <= max && IS_ALIGNED(gpa, PAGE_SIZE << orders[i]) &&
             size >= (PAGE_SIZE << orders[i]) )
            return orders[i];
    return 0;
}

int p2m_populate_ram(struct p2m *p2m, paddr_t gpa, uint64_t size)
{
    return p2m_populate(p2m, gpa, size, true);
}

int p2m_populate(struct p2m *p2m, paddr_t gpa, uint64_t size, bool scrub)
{
    unsigned int max = 18, order;
    paddr_t pa;
    int rc;

    if ( !IS_ALIGNED(gpa | size, PAGE_SIZE) )
        return -EINVAL;
    while ( size )
    {
        if ( size >= (P2M_LAZY_SIZE) && p2m_lazy_alloc(p2m, gpa) )
        {
            gpa += P2M_LAZY_SIZE;
            size -= P2M_LAZY_SIZE;
            continue;
        }
        order = ram_order(gpa, size, max);
        rc = alloc_pages(order, &pa);
        if ( rc && order )
        {
            max = order - 1; /* fragmented: smaller pieces */
            continue;
        }
        if ( !rc && scrub ) /* nothing of the loader or an earlier owner */
            ram_scrub((void *)(uintptr_t)pa, PAGE_SIZE << order);
        rc = rc
                 ?: pt_map(&p2m->pt, gpa, pa, PAGE_SIZE << order,
                           PT_RWX | PT_OWNED);
        if ( rc )
            return rc;
        gpa += PAGE_SIZE << order;
        size -= PAGE_SIZE << order;
    }
    return 0;
}

static void free_owned(void *arg, uint64_t entry, paddr_t pa,
                       unsigned int order)
{
    if ( entry & S2_SW_OWNED )
        BUG_ON(free_pages(pa, order));
}

static void free_table(void *arg, paddr_t pa)
{
    BUG_ON(free_pages(pa, 0));
}

void p2m_destroy(struct p2m *p2m)
{
    p2m_lazy_destroy(p2m);
    if ( !p2m->pt.root )
        return;
    pt_teardown(&p2m->pt, free_owned, free_table);
    BUG_ON(free_pages(p2m->pt.root, P2M_ROOT_ORDER));
    p2m->pt.root = 0;
}

int p2m_map_mmio(struct p2m *p2m, paddr_t gpa, paddr_t hpa, uint64_t size)
{
    return pt_map(&p2m->pt, gpa, hpa, size, PT_RW | PT_DEVICE);
}

void p2m_flush_vmid(uint16_t vmid)
{
    uint64_t vttbr = READ_SYSREG(vttbr_el2);

    /* TLBI VMALLS12E1IS acts on the VMID in VTTBR_EL2. */
    WRITE_SYSREG(vttbr_el2, (uint64_t)vmid << 48);
    asm volatile("isb; dsb ishst; tlbi vmalls12e1is; dsb ish; isb" ::
                     : "memory");
    WRITE_SYSREG(vttbr_el2, vttbr);
    asm volatile("isb" ::: "memory");
}
