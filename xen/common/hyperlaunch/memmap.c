/* SPDX-License-Identifier: GPL-2.0-only */
/* Host RAM and reserved memory from the DT; modules must lie in free RAM. */
#include "private.h"

/* Append each (address, size) pair of @node's "reg" to @r (up to @max). */
static int read_ranges(const void *fdt, int node, struct hl_mem_range *r,
                       unsigned int *nr, unsigned int max)
{
    uint32_t ac, sc, i;
    const fdt32_t *reg;
    int len, rc;

    rc = hl_parent_cells(fdt, fdt_parent_offset(fdt, node), &ac, &sc);
    if ( rc )
        return rc;
    reg = fdt_getprop(fdt, node, "reg", &len);
    if ( !reg || len <= 0 || (uint32_t)len % ((ac + sc) * 4) )
    {
        hl_error(fdt, node, "reg",
                 reg ? "length %d is not a whole number of (%u + %u)-cell "
                       "entries"
                     : "missing",
                 len, ac, sc);
        return -EINVAL;
    }
    for ( ; len > 0; len -= (int)((ac + sc) * 4), reg += ac + sc )
    {
        paddr_t a = 0, s = 0;

        for ( i = 0; i < ac; i++ )
            a = (a << 32) | fdt32_to_cpu(reg[i]);
        for ( i = 0; i < sc; i++ )
            s = (s << 32) | fdt32_to_cpu(reg[ac + i]);
        if ( !s )
            continue;
        if ( *nr == max )
        {
            hl_error(fdt, node, "reg", "more than %u memory ranges", max);
            return -ENOSPC;
        }
        r[*nr].start = a;
        r[*nr].size = s;
        r[(*nr)++].node = node;
    }
    return 0;
}

/* The RAM of every node with device_type = "memory" directly under /. */
static int read_ram(const void *fdt, struct boot_info *bi)
{
    const char *type;
    int node, len, rc = 0;

    fdt_for_each_subnode(node, fdt, 0)
    {
        type = fdt_getprop(fdt, node, "device_type", &len);
        if ( type && len == sizeof("memory") && !strcmp(type, "memory") )
            rc =
                read_ranges(fdt, node, bi->ram, &bi->nr_ram, HL_MAX_MEM_RANGES)
                    ?: rc;
    }
    return rc;
}

/* /memreserve/ entries and the static regions of /reserved-memory. */
static int read_reserved(const void *fdt, struct boot_info *bi)
{
    int n = fdt_num_mem_rsv(fdt), i, parent, node, rc = 0;
    uint64_t a, s;

    for ( i = 0; i < n && bi->nr_reserved < HL_MAX_MEM_RANGES; i++ )
        if ( !fdt_get_mem_rsv(fdt, i, &a, &s) && s )
        {
            bi->reserved[bi->nr_reserved].start = a;
            bi->reserved[bi->nr_reserved].size = s;
            bi->reserved[bi->nr_reserved++].node = -1;
        }
    parent = fdt_path_offset(fdt, "/reserved-memory");
    if ( parent < 0 )
        return 0;
    fdt_for_each_subnode(node, fdt, parent)
        if ( fdt_getprop(fdt, node, "reg", NULL) )
            rc = read_ranges(fdt, node, bi->reserved, &bi->nr_reserved,
                             HL_MAX_MEM_RANGES)
                     ?: rc;
    return rc;
}

int hl_parse_memory_map(const void *fdt, struct boot_info *bi)
{
    int rc = 0;

    bi->nr_reserved = 0;
    if ( !bi->nr_ram )
        rc = read_ram(fdt, bi);
    return read_reserved(fdt, bi) ?: rc;
}

static bool in_one_range(const struct hl_mem_range *r, unsigned int nr,
                         paddr_t s, paddr_t n)
{
    unsigned int i;

    for ( i = 0; i < nr; i++ )
        if ( s >= r[i].start && s - r[i].start <= r[i].size &&
             n <= r[i].size - (s - r[i].start) )
            return true;
    return false;
}

int hl_check_module_placement(const void *fdt, const struct boot_info *bi,
                              const struct boot_module *m)
{
    const struct hl_mem_range *r;
    char path[128], what[160];
    unsigned int i;

    if ( !m->size || !bi->nr_ram )
        return 0;
    if ( !in_one_range(bi->ram, bi->nr_ram, m->start, m->size) )
    {
        hl_error(fdt, m->node, hl_module_where(m),
                 "[%#llx, %#llx) is not in RAM (the host's memory map holds "
                 "no such range)",
                 (unsigned long long)m->start,
                 (unsigned long long)(m->start + m->size));
        return -EINVAL;
    }
    for ( i = 0; i < bi->nr_reserved; i++ )
    {
        r = &bi->reserved[i];
        if ( !ranges_overlap(m->start, m->size, r->start, r->size) )
            continue;
        if ( r->node < 0 || fdt_get_path(fdt, r->node, path, sizeof(path)) )
            snprintf(path, sizeof(path), "a /memreserve/ entry");
        snprintf(what, sizeof(what), "reserved memory %s", path);
        hl_module_overlap_error(fdt, m, what, r->start, r->size);
        return -EINVAL;
    }
    return 0;
}
