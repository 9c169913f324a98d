/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD nested page tables through the common walker: format, RAM, teardown. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/npt.h>

/*
 * Leaf attributes.  NX is left out: it is reserved unless EFER.NXE is set,
 * and the hypervisor does not set it yet, so every mapping is executable.
 */
static uint64_t npt_encode(unsigned int attrs)
{
    uint64_t e = NPT_US;

    if ( attrs & PT_WRITE )
        e |= NPT_RW;
    if ( attrs & PT_DEVICE )
        e |= NPT_PCD | NPT_PWT;
    if ( attrs & PT_OWNED )
        e |= NPT_SW_OWNED;
    return e;
}

/* Table walks snoop the caches on x86: only the compiler must not reorder. */
static void npt_sync(void)
{
    asm volatile("" ::: "memory");
}

/*
 * Levels 0 (PML4) to 3 (page table); leaves at level 2 (2 MiB, PS set) and
 * level 3 (4 KiB, where bit 7 is PAT and stays clear).
 */
static const struct pt_format npt_format = {
    .name = "x86-64 NPT",
    .page_shift = PAGE_SHIFT,
    .bits_per_level = 9,
    .root_bits = 9,
    .first_level = 0,
    .last_level = 3,
    .leaf_levels = (1U << 2) | (1U << 3),
    .oa_mask = 0x000ffffffffff000ULL,
    .type_mask = NPT_P | NPT_PS,
    .table_bits = NPT_P,
    .block_bits = NPT_P | NPT_PS,
    .page_mask = NPT_P,
    .page_bits = NPT_P,
    .table_extra = NPT_RW | NPT_US,
    .encode = npt_encode,
    .sync = npt_sync,
};

static int zeroed_page(void *arg, paddr_t *pa)
{
    int rc = alloc_pages(0, pa);

    if ( !rc )
        memset((void *)(uintptr_t)*pa, 0, PAGE_SIZE);
    return rc;
}

int npt_init(struct npt *npt)
{
    npt->pt.fmt = &npt_format;
    npt->pt.alloc = zeroed_page;
    npt->pt.arg = npt;
    npt->pt.root = 0;
    return zeroed_page(npt, &npt->pt.root);
}

int npt_populate_ram(struct npt *npt, paddr_t gpa, uint64_t size)
{
    unsigned int order;
    paddr_t pa;
    int rc;

    if ( !IS_ALIGNED(gpa | size, PAGE_SIZE) )
        return -EINVAL;
    while ( size )
    {
        order = IS_ALIGNED(gpa, 2ULL << 20) && size >= (2ULL << 20) ? 9 : 0;
        rc = alloc_pages(order, &pa);
        if ( rc && order )
            rc = alloc_pages(order = 0, &pa); /* fragmented: 4 KiB */
        if ( rc )
            return rc;
        rc = pt_map(&npt->pt, gpa, pa, PAGE_SIZE << order, PT_RWX | PT_OWNED);
        if ( rc )
        {
            BUG_ON(free_pages(pa, order));
            return rc;
        }
        gpa += PAGE_SIZE << order;
        size -= PAGE_SIZE << order;
    }
    return 0;
}

int npt_translate(const struct npt *npt, paddr_t gpa, paddr_t *pa)
{
    return pt_lookup(&npt->pt, gpa, pa, NULL, NULL);
}

static void free_owned(void *arg, uint64_t entry, paddr_t pa,
                       unsigned int order)
{
    if ( entry & NPT_SW_OWNED )
        BUG_ON(free_pages(pa, order));
}

static void free_table(void *arg, paddr_t pa)
{
    BUG_ON(free_pages(pa, 0));
}

void npt_destroy(struct npt *npt)
{
    if ( !npt->pt.root )
        return;
    pt_teardown(&npt->pt, free_owned, free_table);
    BUG_ON(free_pages(npt->pt.root, 0));
    npt->pt.root = 0;
}
