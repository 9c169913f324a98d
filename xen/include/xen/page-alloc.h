/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time page allocator: free host RAM as a sorted list of extents. */
#ifndef XEN_PAGE_ALLOC_H
#define XEN_PAGE_ALLOC_H

#include <xen/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ULL << PAGE_SHIFT)

/* Most disjoint free ranges the allocator can track. */
#define PAGE_ALLOC_MAX_EXTENTS 128

/*
 * Hand the RAM range [@start, @start + @size) to the allocator as free.
 * Rounded inwards to whole pages.  Returns 0, -EINVAL for an empty or
 * wrapping range, -EEXIST when it overlaps RAM already added, -ENOSPC
 * when the extent list is full.
 */
int page_alloc_add_ram(paddr_t start, paddr_t size);

/*
 * Take [@start, @start + @size) out of the free memory for good (until
 * free_pages()).  Rounded outwards to whole pages; parts that are not
 * free RAM are ignored.  Returns 0 or -ENOSPC (extent list full).
 */
int reserve_range(paddr_t start, paddr_t size);

/*
 * Allocate 2^@order contiguous pages aligned to their size; the contents
 * are not cleared.  Returns 0 with *@pa set, or -ENOMEM.
 */
int alloc_pages(unsigned int order, paddr_t *pa);

/*
 * Give back 2^@order pages at @pa (from alloc_pages() or reserved).
 * Returns 0, -EINVAL when @pa is not aligned or any page is already free,
 * or -ENOSPC (extent list full).
 */
int free_pages(paddr_t pa, unsigned int order);

/*
 * Give back the whole pages inside [@start, @start + @size), reserved
 * earlier (boot modules whose contents were copied).  Returns 0, or
 * -EINVAL when a page is already free or the range wraps, -ENOSPC.
 */
int free_range(paddr_t start, paddr_t size);

/* Bytes of RAM added, and bytes free now. */
void page_alloc_stats(paddr_t *total, paddr_t *free);

#endif /* XEN_PAGE_ALLOC_H */
