/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page allocator.  While the boot code hands over RAM and takes out what
 * the loader used, free RAM is a sorted list of extents.  At the first
 * allocation the allocator is sealed: each RAM bank gets a bitmap (one
 * bit a page, set = free), carved from that free RAM, and from then on
 * freeing never needs memory, so teardown cannot fail.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/spinlock.h>

/* The allocator is shared by every host CPU (domains end on any). */
static DEFINE_SPINLOCK(heap_lock);

/* A free range [start, end); the list is sorted, disjoint, never adjacent. */
struct extent {
    paddr_t start, end;
};

static struct extent extents[PAGE_ALLOC_MAX_EXTENTS];
static unsigned int nr_extents;
static paddr_t total_ram;

/*
 * A RAM bank after sealing: bit i of map is page base_pfn + i, and base_pfn
 * is a multiple of 64, so a block of 64 or more aligned pages is whole
 * words.  Pages of the first and last word outside the bank stay clear.
 */
struct bank {
    paddr_t start, end;
    uint64_t base_pfn;
    uint64_t *map;
    uint64_t nr_words;
    uint64_t hint; /* no free page in a word below this one */
};

static struct bank banks[PAGE_ALLOC_MAX_BANKS];
static unsigned int nr_banks;
static bool sealed;
static uint64_t free_pages_count;

static int insert_slot(unsigned int i)
{
    if ( nr_extents == PAGE_ALLOC_MAX_EXTENTS )
        return -ENOSPC;
    memmove(&extents[i + 1], &extents[i],
            (nr_extents - i) * sizeof(extents[0]));
    nr_extents++;
    return 0;
}

static void remove_slot(unsigned int i)
{
    nr_extents--;
    memmove(&extents[i], &extents[i + 1],
            (nr_extents - i) * sizeof(extents[0]));
}

/* Add [start, end) to the free list, merging with its neighbours. */
static int free_insert(paddr_t start, paddr_t end)
{
    unsigned int i;
    int rc;

    for ( i = 0; i < nr_extents && extents[i].end < start; i++ )
        ;
    if ( i < nr_extents && extents[i].start < end && start < extents[i].end )
        return -EEXIST;
    if ( i < nr_extents && extents[i].end == start )
    {
        /* Grows the extent before; maybe closes the gap to the next. */
        if ( i + 1 < nr_extents && extents[i + 1].start < end )
            return -EEXIST;
        extents[i].end = end;
        if ( i + 1 < nr_extents && extents[i + 1].start == end )
        {
            extents[i].end = extents[i + 1].end;
            remove_slot(i + 1);
        }
        return 0;
    }
    if ( i < nr_extents && extents[i].start == end )
    {
        extents[i].start = start;
        return 0;
    }
    rc = insert_slot(i);
    if ( rc )
        return rc;
    extents[i].start = start;
    extents[i].end = end;
    return 0;
}

/* Remove [start, end) from the free list; parts not free are ignored. */
static int free_remove(paddr_t start, paddr_t end)
{
    unsigned int i = 0;

    while ( i < nr_extents )
    {
        struct extent *e = &extents[i];

        if ( e->end <= start || e->start >= end )
            i++;
        else if ( e->start >= start && e->end <= end )
            remove_slot(i);
        else if ( e->start < start && e->end > end )
        {
            /* A hole in the middle: split in two. */
            if ( insert_slot(i + 1) )
                return -ENOSPC;
            extents[i + 1].start = end;
            extents[i + 1].end = extents[i].end;
            extents[i].end = start;
            return 0;
        }
        else
        {
            if ( e->start < start )
                e->end = start;
            else
                e->start = end;
            i++;
        }
    }
    return 0;
}

int page_alloc_add_ram(paddr_t start, paddr_t size)
{
    paddr_t s = ROUNDUP(start, PAGE_SIZE);
    paddr_t e = (start + size) & ~(PAGE_SIZE - 1);
    int rc;

    if ( !size || start + size < start || s >= e )
        return -EINVAL;
    if ( sealed )
        return -EBUSY;
    if ( nr_banks == PAGE_ALLOC_MAX_BANKS )
        return -ENOSPC;
    rc = free_insert(s, e);
    if ( rc )
        return rc;
    banks[nr_banks].start = s;
    banks[nr_banks++].end = e;
    total_ram += e - s;
    return 0;
}

/* [*@s, *@e) of the pages of [@start, @start + @size), rounded outwards. */
static void outer_pages(paddr_t start, paddr_t size, paddr_t *s, paddr_t *e)
{
    paddr_t last = start + size - 1;

    /* Up to the top of the address space (where no RAM sits) at most. */
    if ( last < start || last > ~(PAGE_SIZE - 1) )
        last = ~(PAGE_SIZE - 1) - 1;
    *s = start & ~(PAGE_SIZE - 1);
    *e = (last | (PAGE_SIZE - 1)) + 1;
}

static uint64_t bits_set(uint64_t w)
{
    uint64_t n = 0;

    for ( ; w; w &= w - 1 )
        n++;
    return n;
}

/* Set (@free) or clear the bits of pages [@s, @e) within bank @b. */
static void bank_mark(struct bank *b, paddr_t s, paddr_t e, bool free)
{
    uint64_t i = (MAX(s, b->start) >> PAGE_SHIFT) - b->base_pfn;
    uint64_t n = (MIN(e, b->end) >> PAGE_SHIFT) - b->base_pfn;

    for ( ; i < n; i++ )
    {
        uint64_t *w = &b->map[i / 64], bit = 1ULL << (i % 64);

        if ( !(i % 64) && n - i >= 64 )
        {
            free_pages_count -= bits_set(*w);
            free_pages_count += free ? 64 : 0;
            *w = free ? ~0ULL : 0;
            i += 63;
            continue;
        }
        if ( !!(*w & bit) != free )
            free_pages_count += free ? 1 : -1ULL;
        *w = free ? *w | bit : *w & ~bit;
    }
    if ( free )
        b->hint = MIN(b->hint, (MAX(s, b->start) >> PAGE_SHIFT) / 64 -
                                   b->base_pfn / 64);
}

/* Whether any page of [@s, @e) inside bank @b is free. */
static bool bank_any_free(const struct bank *b, paddr_t s, paddr_t e)
{
    uint64_t i = (MAX(s, b->start) >> PAGE_SHIFT) - b->base_pfn;
    uint64_t n = (MIN(e, b->end) >> PAGE_SHIFT) - b->base_pfn;

    for ( ; i < n; i++ )
        if ( b->map[i / 64] & (1ULL << (i % 64)) )
            return true;
    return false;
}

static bool bank_overlaps(const struct bank *b, paddr_t s, paddr_t e)
{
    return s < b->end && b->start < e;
}

/* Bytes of bitmap bank @b needs, in whole pages. */
static paddr_t bank_map_bytes(const struct bank *b)
{
    uint64_t first = (b->start >> PAGE_SHIFT) & ~63ULL;
    uint64_t words = ((b->end >> PAGE_SHIFT) - first + 63) / 64;

    return ROUNDUP(words * 8, PAGE_SIZE);
}

/* First fit of @size bytes (whole pages) from the boot extents. */
static int extent_take(paddr_t size, paddr_t *pa)
{
    unsigned int i;

    for ( i = 0; i < nr_extents; i++ )
        if ( extents[i].end - extents[i].start >= size )
        {
            *pa = extents[i].start;
            return free_remove(*pa, *pa + size);
        }
    return -ENOMEM;
}

/* From boot extents to per-bank bitmaps; called with the lock held. */
static int seal(void)
{
    unsigned int i;
    paddr_t pa;
    int rc;

    for ( i = 0; i < nr_banks; i++ )
    {
        struct bank *b = &banks[i];

        rc = extent_take(bank_map_bytes(b), &pa);
        if ( rc )
            return rc;
        b->map = (uint64_t *)(uintptr_t)pa;
        b->base_pfn = (b->start >> PAGE_SHIFT) & ~63ULL;
        b->nr_words = bank_map_bytes(b) / 8;
        b->hint = 0;
        memset(b->map, 0, bank_map_bytes(b));
    }
    sealed = true;
    for ( i = 0; i < nr_extents; i++ )
    {
        unsigned int j;

        for ( j = 0; j < nr_banks; j++ )
            if ( bank_overlaps(&banks[j], extents[i].start, extents[i].end) )
                bank_mark(&banks[j], extents[i].start, extents[i].end, true);
    }
    nr_extents = 0;
    return 0;
}

static int seal_once(void)
{
    return sealed ? 0 : seal();
}

int page_alloc_seal(void)
{
    int rc;

    spin_lock(&heap_lock);
    rc = seal_once();
    spin_unlock(&heap_lock);
    return rc;
}

int reserve_range(paddr_t start, paddr_t size)
{
    paddr_t s, e;
    unsigned int i;
    int rc = 0;

    if ( !size )
        return 0;
    outer_pages(start, size, &s, &e);
    spin_lock(&heap_lock);
    if ( !sealed )
        rc = free_remove(s, e);
    else
        for ( i = 0; i < nr_banks; i++ )
            if ( bank_overlaps(&banks[i], s, e) )
                bank_mark(&banks[i], s, e, false);
    spin_unlock(&heap_lock);
    return rc;
}

/* Whether the 2^@order pages from bit @i of @b are all free. */
static bool block_free(const struct bank *b, uint64_t i, unsigned int order)
{
    uint64_t w = i / 64, n;

    if ( order < 6 )
    {
        uint64_t mask = ((1ULL << (1U << order)) - 1) << (i % 64);

        return (b->map[w] & mask) == mask;
    }
    for ( n = 1ULL << (order - 6); n; n--, w++ )
        if ( b->map[w] != ~0ULL )
            return false;
    return true;
}

static int bank_alloc(struct bank *b, unsigned int order, paddr_t *pa)
{
    uint64_t step = 1ULL << order, nbits = b->nr_words * 64, i, first;

    while ( b->hint < b->nr_words && !b->map[b->hint] )
        b->hint++;
    first = ROUNDUP(b->base_pfn + b->hint * 64, step) - b->base_pfn;
    for ( i = first; i + step <= nbits; i += step )
    {
        if ( order < 6 && !b->map[i / 64] )
        {
            i = ROUNDUP(i + 1, 64) - step; /* skip a full word at once */
            continue;
        }
        if ( block_free(b, i, order) )
        {
            *pa = (b->base_pfn + i) << PAGE_SHIFT;
            bank_mark(b, *pa, *pa + (PAGE_SIZE << order), false);
            return 0;
        }
    }
    return -ENOMEM;
}

int alloc_pages(unsigned int order, paddr_t *pa)
{
    unsigned int i;
    int rc;

    if ( order >= 8 * sizeof(paddr_t) - PAGE_SHIFT - 6 )
        return -ENOMEM;
    spin_lock(&heap_lock);
    rc = seal_once();
    for ( i = 0, rc = rc ?: -ENOMEM; rc && i < nr_banks; i++ )
        rc = bank_alloc(&banks[i], order, pa) ? -ENOMEM : 0;
    spin_unlock(&heap_lock);
    return rc;
}

/* Give back the pages of [@s, @e) that are RAM; -EINVAL if one is free. */
static int give_back(paddr_t s, paddr_t e)
{
    unsigned int i;
    int rc = seal_once();

    for ( i = 0; !rc && i < nr_banks; i++ )
        if ( bank_overlaps(&banks[i], s, e) && bank_any_free(&banks[i], s, e) )
            rc = -EINVAL;
    for ( i = 0; !rc && i < nr_banks; i++ )
        if ( bank_overlaps(&banks[i], s, e) )
            bank_mark(&banks[i], s, e, true);
    return rc;
}

int free_pages(paddr_t pa, unsigned int order)
{
    paddr_t size;
    int rc;

    if ( order >= 8 * sizeof(paddr_t) - PAGE_SHIFT - 6 )
        return -EINVAL;
    size = PAGE_SIZE << order;
    if ( !IS_ALIGNED(pa, size) || pa + size < pa )
        return -EINVAL;
    spin_lock(&heap_lock);
    rc = give_back(pa, pa + size);
    spin_unlock(&heap_lock);
    return rc;
}

int free_range(paddr_t start, paddr_t size)
{
    paddr_t s = ROUNDUP(start, PAGE_SIZE);
    paddr_t e = (start + size) & ~(PAGE_SIZE - 1);
    int rc;

    if ( start + size < start )
        return -EINVAL;
    if ( s >= e )
        return 0;
    spin_lock(&heap_lock);
    rc = give_back(s, e);
    spin_unlock(&heap_lock);
    return rc;
}

void page_alloc_stats(paddr_t *total, paddr_t *free)
{
    unsigned int i;

    spin_lock(&heap_lock);
    *total = total_ram;
    *free = (paddr_t)free_pages_count << PAGE_SHIFT;
    for ( i = 0; !sealed && i < nr_extents; i++ )
        *free += extents[i].end - extents[i].start;
    spin_unlock(&heap_lock);
}
