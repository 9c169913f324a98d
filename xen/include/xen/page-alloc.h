/* SPDX-License-Identifier: GPL-2.0-only */
/* Page allocator: boot extents, then a bitmap per RAM bank. */
#ifndef XEN_PAGE_ALLOC_H
#define XEN_PAGE_ALLOC_H

#include <xen/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ULL << PAGE_SHIFT)

/*
 * Most disjoint free ranges before the first allocation (boot only): every
 * boot module, multiboot module and command line, reserved range and RAM
 * bank of the largest configuration may split free RAM once.
 */
#define PAGE_ALLOC_MAX_EXTENTS 2048

/* Most RAM banks (ranges given to page_alloc_add_ram()). */
#define PAGE_ALLOC_MAX_BANKS 32

/*
 * Hand the RAM range [@start, @start + @size) to the allocator as free.
 * Rounded inwards to whole pages.  Returns 0, -EINVAL for an empty or
 * wrapping range, -EEXIST when it overlaps RAM already added, -ENOSPC
 * when the bank or extent list is full, -EBUSY after the first
 * allocation (every bank must be added before it).
 */
int page_alloc_add_ram(paddr_t start, paddr_t size);

/*
 * Take [@start, @start + @size) out of the free memory for good (until
 * free_pages()).  Rounded outwards to whole pages; parts that are not
 * free RAM are ignored.  Everything the loader used must be reserved
 * before the first allocation, which places the allocator's bitmaps in
 * what is free then.  Returns 0, or -ENOSPC (extent list full) before the
 * first allocation; cannot fail after it.
 */
int reserve_range(paddr_t start, paddr_t size);

/*
 * End of boot set-up: every bank added and everything the loader used
 * reserved.  Places the allocator's bitmaps (32 KiB per GiB of RAM) in
 * free RAM.  The first allocation does this too if nobody did.  Returns 0
 * or -ENOMEM.
 */
int page_alloc_seal(void);

/*
 * Allocate 2^@order contiguous pages aligned to their size; the contents
 * are not cleared.  Returns 0 with *@pa set, or -ENOMEM.
 */
int alloc_pages(unsigned int order, paddr_t *pa);

/*
 * Give back 2^@order pages at @pa (from alloc_pages() or reserved).  Pages
 * that are not RAM are ignored.  Returns 0, or -EINVAL when @pa is not
 * aligned or any page is already free (nothing is freed then).  Needs no
 * memory: a caller that passes what it was given never sees an error.
 */
int free_pages(paddr_t pa, unsigned int order);

/*
 * Give back the whole pages inside [@start, @start + @size), reserved
 * earlier (boot modules whose contents were copied).  Pages that are not
 * RAM are ignored.  Returns 0, or -EINVAL when a page is already free or
 * the range wraps (nothing is freed then).
 */
int free_range(paddr_t start, paddr_t size);

/* Bytes of RAM added, and bytes free now. */
void page_alloc_stats(paddr_t *total, paddr_t *free);

#endif /* XEN_PAGE_ALLOC_H */
