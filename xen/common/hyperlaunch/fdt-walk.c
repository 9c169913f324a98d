/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A bounded pre-walk of the FDT structure block.  libfdt 1.6's
 * fdt_check_full() loops forever on a property whose length wraps the
 * offset backwards, so every tag is checked to move strictly forward and
 * stay inside the block before libfdt walks it.
 */
#include "private.h"

#define TAG_SIZE 4U

static uint32_t be32_at(const void *fdt, uint32_t off)
{
    return fdt32_ld((const fdt32_t *)((const char *)fdt + off));
}

/* Offset just past the tag at @off, or 0 when it is malformed. */
static uint32_t next_tag(const void *fdt, uint32_t off, uint32_t end)
{
    const char *base = fdt;
    uint32_t len;
    size_t n;

    switch ( be32_at(fdt, off) )
    {
    case FDT_BEGIN_NODE:
        n = strnlen(base + off + TAG_SIZE, end - off - TAG_SIZE);
        if ( n >= end - off - TAG_SIZE )
            return 0;
        return off + TAG_SIZE + (((uint32_t)n + 1 + 3) & ~3U);
    case FDT_PROP:
        if ( end - off < 3 * TAG_SIZE )
            return 0;
        len = be32_at(fdt, off + TAG_SIZE);
        if ( len > end - off - 3 * TAG_SIZE )
            return 0;
        return off + 3 * TAG_SIZE + ((len + 3) & ~3U);
    case FDT_END_NODE:
    case FDT_NOP:
    case FDT_END:
        return off + TAG_SIZE;
    default:
        return 0;
    }
}

/* 0 when the structure block is walkable, -1 otherwise. */
int hl_fdt_prewalk(const void *fdt)
{
    uint32_t off = fdt_off_dt_struct(fdt);
    uint32_t end = off + fdt_size_dt_struct(fdt);

    if ( end < off || end > fdt_totalsize(fdt) || (off & 3) )
        return -1;
    while ( off + TAG_SIZE <= end )
    {
        if ( be32_at(fdt, off) == FDT_END )
            return 0;
        off = next_tag(fdt, off, end);
        if ( !off || off > end )
            return -1;
    }
    return -1;
}
