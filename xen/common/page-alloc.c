/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time page allocator: free host RAM as a sorted list of extents. */
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
    rc = free_insert(s, e);
    if ( !rc )
        total_ram += e - s;
    return rc;
}

int reserve_range(paddr_t start, paddr_t size)
{
    paddr_t last = start + size - 1;

    if ( !size )
        return 0;
    /* Up to the top of the address space (where no RAM sits) at most. */
    if ( last < start || last > ~(PAGE_SIZE - 1) )
        last = ~(PAGE_SIZE - 1) - 1;
    return free_remove(start & ~(PAGE_SIZE - 1), (last | (PAGE_SIZE - 1)) + 1);
}

static int alloc_pages_locked(unsigned int order, paddr_t *pa)
{
    paddr_t size = PAGE_SIZE << order;
    unsigned int i;

    if ( order >= 8 * sizeof(paddr_t) - PAGE_SHIFT )
        return -ENOMEM;
    for ( i = 0; i < nr_extents; i++ )
    {
        paddr_t a = ROUNDUP(extents[i].start, size);

        if ( a >= extents[i].start && a < extents[i].end &&
             extents[i].end - a >= size )
        {
            /* Cannot fail: carving [a, a + size) splits at most once. */
            if ( free_remove(a, a + size) )
                return -ENOMEM;
            *pa = a;
            return 0;
        }
    }
    return -ENOMEM;
}

int alloc_pages(unsigned int order, paddr_t *pa)
{
    int rc;

    spin_lock(&heap_lock);
    rc = alloc_pages_locked(order, pa);
    spin_unlock(&heap_lock);
    return rc;
}

int free_pages(paddr_t pa, unsigned int order)
{
    paddr_t size = PAGE_SIZE << order;
    int rc;

    if ( order >= 8 * sizeof(paddr_t) - PAGE_SHIFT || !IS_ALIGNED(pa, size) ||
         pa + size < pa )
        return -EINVAL;
    spin_lock(&heap_lock);
    rc = free_insert(pa, pa + size);
    spin_unlock(&heap_lock);
    return rc == -EEXIST ? -EINVAL : rc;
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
    rc = free_insert(s, e);
    spin_unlock(&heap_lock);
    return rc == -EEXIST ? -EINVAL : rc;
}

void page_alloc_stats(paddr_t *total, paddr_t *free)
{
    unsigned int i;

    spin_lock(&heap_lock);
    *total = total_ram;
    *free = 0;
    for ( i = 0; i < nr_extents; i++ )
        *free += extents[i].end - extents[i].start;
    spin_unlock(&heap_lock);
}
