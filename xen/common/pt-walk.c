/* SPDX-License-Identifier: GPL-2.0-only */
/* Generic multi-level page-table walker; the descriptor format is data. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pt-walk.h>

static unsigned int level_shift(const struct pt_format *fmt,
                                unsigned int level)
{
    return fmt->page_shift + fmt->bits_per_level * (fmt->last_level - level);
}

uint64_t pt_level_size(const struct pt_format *fmt, unsigned int level)
{
    return 1ULL << level_shift(fmt, level);
}

static unsigned int pt_index(const struct pt_format *fmt, unsigned int level,
                             uint64_t va)
{
    unsigned int bits =
        level == fmt->first_level ? fmt->root_bits : fmt->bits_per_level;

    return (unsigned int)((va >> level_shift(fmt, level)) &
                          ((1ULL << bits) - 1));
}

/* Tables are reached through the 1:1 map (or with the MMU off). */
static uint64_t *table_of(paddr_t pa)
{
    return (uint64_t *)(uintptr_t)pa;
}

static bool is_table(const struct pt_format *fmt, unsigned int level,
                     uint64_t e)
{
    return level != fmt->last_level && (e & fmt->type_mask) == fmt->table_bits;
}

static bool is_leaf(const struct pt_format *fmt, unsigned int level,
                    uint64_t e)
{
    if ( level == fmt->last_level )
        return (e & fmt->page_mask) == fmt->page_bits;
    return (e & fmt->type_mask) == fmt->block_bits;
}

static uint64_t leaf_entry(const struct pt_format *fmt, unsigned int level,
                           paddr_t pa, unsigned int attrs)
{
    uint64_t type =
        level == fmt->last_level ? fmt->page_bits : fmt->block_bits;

    return (pa & fmt->oa_mask) | type | fmt->encode(attrs);
}

/* The table under entry *@slot (at @level), created when missing. */
static int next_table(const struct pt_ctx *ctx, unsigned int level,
                      uint64_t *slot, uint64_t **table)
{
    const struct pt_format *fmt = ctx->fmt;
    paddr_t pa;
    int rc;

    if ( is_table(fmt, level, *slot) )
    {
        *table = table_of(*slot & fmt->oa_mask);
        return 0;
    }
    if ( is_leaf(fmt, level, *slot) )
        return -EEXIST;
    rc = ctx->alloc(ctx->arg, &pa);
    if ( rc )
        return rc;
    fmt->sync();
    *slot = (pa & fmt->oa_mask) | fmt->table_bits | fmt->table_extra;
    *table = table_of(pa);
    return 0;
}

/* Map one leaf of pt_level_size(@level) bytes. */
static int map_one(const struct pt_ctx *ctx, uint64_t va, paddr_t pa,
                   unsigned int level, unsigned int attrs)
{
    const struct pt_format *fmt = ctx->fmt;
    uint64_t *table = table_of(ctx->root);
    unsigned int l;
    int rc;

    for ( l = fmt->first_level; l < level; l++ )
    {
        rc = next_table(ctx, l, &table[pt_index(fmt, l, va)], &table);
        if ( rc )
            return rc;
    }
    table += pt_index(fmt, level, va);
    if ( is_table(fmt, level, *table) || is_leaf(fmt, level, *table) )
        return -EEXIST;
    *table = leaf_entry(fmt, level, pa, attrs);
    return 0;
}

/* The largest leaf level for a mapping at @va/@pa of @size bytes left. */
static unsigned int best_level(const struct pt_format *fmt, uint64_t va,
                               paddr_t pa, uint64_t size, unsigned int attrs)
{
    unsigned int l;

    for ( l = fmt->first_level; l < fmt->last_level && !(attrs & PT_PAGES);
          l++ )
    {
        uint64_t sz = pt_level_size(fmt, l);

        if ( (fmt->leaf_levels & (1U << l)) && IS_ALIGNED(va | pa, sz) &&
             size >= sz )
            return l;
    }
    return fmt->last_level;
}

int pt_map(const struct pt_ctx *ctx, uint64_t va, paddr_t pa, uint64_t size,
           unsigned int attrs)
{
    const struct pt_format *fmt = ctx->fmt;
    uint64_t page = 1ULL << fmt->page_shift;
    unsigned int va_bits = level_shift(fmt, fmt->first_level) + fmt->root_bits;
    int rc = 0;

    if ( !size || !IS_ALIGNED(va | pa | size, page) || va + size < va ||
         (va_bits < 64 && va + size > (1ULL << va_bits)) ||
         ((pa + size - 1) & ~fmt->oa_mask & ~(page - 1)) )
        return -EINVAL;
    while ( size && !rc )
    {
        unsigned int level = best_level(fmt, va, pa, size, attrs);
        uint64_t sz = pt_level_size(fmt, level);

        rc = map_one(ctx, va, pa, level, attrs);
        va += sz;
        pa += sz;
        size -= sz;
    }
    fmt->sync();
    return rc;
}

int pt_unmap_page(const struct pt_ctx *ctx, uint64_t va)
{
    const struct pt_format *fmt = ctx->fmt;
    uint64_t *table = table_of(ctx->root), *slot;
    unsigned int l;

    for ( l = fmt->first_level;; l++ )
    {
        slot = &table[pt_index(fmt, l, va)];
        if ( l == fmt->last_level )
            break;
        if ( !is_table(fmt, l, *slot) )
            return -ENOENT;
        table = table_of(*slot & fmt->oa_mask);
    }
    if ( !is_leaf(fmt, l, *slot) )
        return -ENOENT;
    *slot = 0;
    fmt->sync();
    return 0;
}

int pt_lookup(const struct pt_ctx *ctx, uint64_t va, paddr_t *pa,
              uint64_t *entry, unsigned int *level)
{
    const struct pt_format *fmt = ctx->fmt;
    const uint64_t *table = table_of(ctx->root);
    unsigned int l;

    for ( l = fmt->first_level; l <= fmt->last_level; l++ )
    {
        uint64_t e = table[pt_index(fmt, l, va)];

        if ( is_table(fmt, l, e) )
        {
            table = table_of(e & fmt->oa_mask);
            continue;
        }
        if ( !is_leaf(fmt, l, e) )
            return -ENOENT;
        *pa = (e & fmt->oa_mask & ~(pt_level_size(fmt, l) - 1)) |
              (va & (pt_level_size(fmt, l) - 1));
        if ( entry )
            *entry = e;
        if ( level )
            *level = l;
        return 0;
    }
    return -ENOENT;
}

static unsigned int table_entries(const struct pt_format *fmt,
                                  unsigned int level)
{
    return 1U << (level == fmt->first_level ? fmt->root_bits
                                            : fmt->bits_per_level);
}

static void teardown_table(const struct pt_ctx *ctx, uint64_t *t,
                           unsigned int level, pt_leaf_fn leaf,
                           pt_table_fn table)
{
    const struct pt_format *fmt = ctx->fmt;
    unsigned int i;

    for ( i = 0; i < table_entries(fmt, level); i++ )
    {
        uint64_t e = t[i];
        paddr_t pa = e & fmt->oa_mask;

        if ( is_table(fmt, level, e) )
        {
            teardown_table(ctx, table_of(pa), level + 1, leaf, table);
            table(ctx->arg, pa);
        }
        else if ( is_leaf(fmt, level, e) && leaf )
            leaf(ctx->arg, e, pa & ~(pt_level_size(fmt, level) - 1),
                 level_shift(fmt, level) - fmt->page_shift);
        t[i] = 0;
    }
}

void pt_teardown(const struct pt_ctx *ctx, pt_leaf_fn leaf, pt_table_fn table)
{
    teardown_table(ctx, table_of(ctx->root), ctx->fmt->first_level, leaf,
                   table);
    ctx->fmt->sync();
}
