/* SPDX-License-Identifier: GPL-2.0-only */
/* Generic multi-level page-table walker; the descriptor format is data. */
#ifndef XEN_PT_WALK_H
#define XEN_PT_WALK_H

#include <xen/types.h>

/* Architecture-neutral attributes of a mapping (PT_*). */
#define PT_READ (1U << 0)
#define PT_WRITE (1U << 1)
#define PT_EXEC (1U << 2)
/* Device memory, strongly ordered; without it, normal write-back memory. */
#define PT_DEVICE (1U << 3)

/* Software bit: the pages belong to these tables, freed with them. */
#define PT_OWNED (1U << 4)

/* pt_map() only: last-level entries (pages), never blocks. */
#define PT_PAGES (1U << 5)

#define PT_RW (PT_READ | PT_WRITE)
#define PT_RWX (PT_READ | PT_WRITE | PT_EXEC)

/*
 * One translation-table format: Arm stage-1 and stage-2, later x86 NPT.
 * Levels are numbered as the architecture numbers them, from @first_level
 * (the root) to @last_level (the one holding pages).  An entry at a level
 * above the last is a table when (e & @type_mask) == @table_bits and a
 * block when it equals @block_bits; at the last level it is a page when
 * (e & @page_mask) == @page_bits.  Anything else is invalid.
 */
struct pt_format {
    const char *name;
    unsigned int page_shift;     /* granule: 12 for 4 KiB */
    unsigned int bits_per_level; /* index bits per table: 9 for 4 KiB */
    unsigned int root_bits; /* index bits of the root (more: concatenated) */
    unsigned int first_level, last_level;
    uint32_t leaf_levels; /* bit n: level n may hold a block or page */
    uint64_t oa_mask;     /* output-address bits of an entry */
    uint64_t type_mask, table_bits, block_bits;
    uint64_t page_mask, page_bits;
    uint64_t table_extra; /* more bits written in every table entry */
    /* Leaf attribute bits for PT_* @attrs (type and address excluded). */
    uint64_t (*encode)(unsigned int attrs);
    /* Make table writes visible to the table walker (barrier). */
    void (*sync)(void);
};

/*
 * Provide one zero-filled, page-aligned page for a table; 0 or -ENOMEM.
 * Tables are reached by their physical address, which must be mapped 1:1
 * in the hypervisor's address space (or the MMU be off).
 */
typedef int (*pt_alloc_fn)(void *arg, paddr_t *pa);

/* One set of tables: a format, a root, and where new tables come from. */
struct pt_ctx {
    const struct pt_format *fmt;
    paddr_t root; /* 2^(root_bits - bits_per_level) pages, aligned */
    pt_alloc_fn alloc;
    void *arg;
};

/* Bytes mapped by one entry at @level (a block, or a page at the last). */
uint64_t pt_level_size(const struct pt_format *fmt, unsigned int level);

/*
 * Map [@va, @va + @size) to [@pa, ...) with @attrs (PT_*), using the
 * largest blocks alignment allows.  All three must be page-aligned.
 * Returns 0, -EINVAL for a bad range, -EEXIST when part of it is mapped
 * already (what came before it stays mapped), -ENOMEM when no table page
 * can be had.  The caller invalidates TLBs when the tables are live.
 */
int pt_map(const struct pt_ctx *ctx, uint64_t va, paddr_t pa, uint64_t size,
           unsigned int attrs);

/*
 * Remove the page (last-level) mapping of @va: 0, or -ENOENT when @va is
 * not mapped by a page of its own (nothing there, or part of a block).
 * The page is not freed; the caller invalidates TLBs.
 */
int pt_unmap_page(const struct pt_ctx *ctx, uint64_t va);

/*
 * Translate @va: 0 with *@pa (and, when non-NULL, the leaf entry and its
 * level) set, or -ENOENT when it is not mapped.
 */
int pt_lookup(const struct pt_ctx *ctx, uint64_t va, paddr_t *pa,
              uint64_t *entry, unsigned int *level);

/* Called by pt_teardown() for one leaf entry or one table page. */
typedef void (*pt_leaf_fn)(void *arg, uint64_t entry, paddr_t pa,
                           unsigned int order);
typedef void (*pt_table_fn)(void *arg, paddr_t pa);

/*
 * Empty the tables: call @leaf (when non-NULL) for every leaf with its
 * entry, output address and size as a page order, and @table for every
 * table page below the root, then clear the root.  The root itself stays
 * the caller's.  Accepts half-built tables; the tables must not be live.
 */
void pt_teardown(const struct pt_ctx *ctx, pt_leaf_fn leaf, pt_table_fn table);

#endif /* XEN_PT_WALK_H */
