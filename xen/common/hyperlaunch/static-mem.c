/* SPDX-License-Identifier: GPL-2.0-only */
/* xen,static-mem (a domain's RAM from given host ranges) and direct-map. */
#include "private.h"

#define PAGE_MASK_4K 0xfffULL

/* Cells of one number at @p. */
static uint64_t read_number(const fdt32_t *p, uint32_t cells)
{
    uint64_t v = 0;

    while ( cells-- )
        v = (v << 32) | fdt32_to_cpu(*p++);
    return v;
}

/*
 * "xen,static-mem" of domain @node: (address, size) pairs with the cell
 * counts of the domain node's parent (/chosen or /chosen/hypervisor).
 */
int hl_parse_static_mem(const void *fdt, int node, const void *val, int len,
                        struct boot_domain *bd)
{
    const fdt32_t *p = val;
    uint32_t ac, sc, entry;

    if ( hl_parent_cells(fdt, fdt_parent_offset(fdt, node), &ac, &sc) )
        return -EINVAL;
    entry = (ac + sc) * 4;
    if ( ac > 2 || sc > 2 || len <= 0 || (uint32_t)len % entry )
    {
        hl_error(fdt, node, "xen,static-mem",
                 "%d bytes: not a list of (%u-cell address, %u-cell size) "
                 "pairs",
                 len, ac, sc);
        return -EINVAL;
    }
    if ( (uint32_t)len / entry > HL_MAX_STATIC_BANKS )
    {
        hl_error(fdt, node, "xen,static-mem", "more than %u banks",
                 HL_MAX_STATIC_BANKS);
        return -EINVAL;
    }
    for ( bd->nr_static = 0; len > 0; len -= (int)entry, p += ac + sc )
    {
        struct hl_static_bank *b = &bd->static_mem[bd->nr_static++];

        b->start = read_number(p, ac);
        b->size = read_number(p + ac, sc);
        if ( !b->size || (b->start | b->size) & PAGE_MASK_4K ||
             b->start + b->size < b->start )
        {
            hl_error(fdt, node, "xen,static-mem",
                     "bank %#llx+%#llx: must be non-empty and 4 KiB aligned",
                     (unsigned long long)b->start,
                     (unsigned long long)b->size);
            return -EINVAL;
        }
    }
    return 0;
}

static int bank_error(const void *fdt, const struct boot_domain *bd,
                      const struct hl_static_bank *b, const char *what,
                      paddr_t s, paddr_t n)
{
    hl_error(fdt, bd->node, "xen,static-mem",
             "bank [%#llx, %#llx) overlaps %s [%#llx, %#llx)",
             (unsigned long long)b->start,
             (unsigned long long)(b->start + b->size), what,
             (unsigned long long)s, (unsigned long long)(s + n));
    return -EINVAL;
}

static bool in_ram(const struct boot_info *bi, paddr_t s, paddr_t n)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_ram; i++ )
        if ( s >= bi->ram[i].start &&
             s - bi->ram[i].start <= bi->ram[i].size &&
             n <= bi->ram[i].size - (s - bi->ram[i].start) )
            return true;
    return false;
}

/* Bank @b of @bd against host RAM, reserved memory, modules and images. */
static int check_bank_host(const void *fdt, const struct boot_info *bi,
                           const struct boot_domain *bd,
                           const struct hl_static_bank *b)
{
    char what[192], path[128];
    unsigned int i;

    if ( bi->nr_ram && !in_ram(bi, b->start, b->size) )
    {
        hl_error(fdt, bd->node, "xen,static-mem",
                 "bank [%#llx, %#llx) is not in host RAM (/memory)",
                 (unsigned long long)b->start,
                 (unsigned long long)(b->start + b->size));
        return -EINVAL;
    }
    for ( i = 0; i < bi->nr_reserved; i++ )
        if ( ranges_overlap(b->start, b->size, bi->reserved[i].start,
                            bi->reserved[i].size) )
        {
            if ( bi->reserved[i].node < 0 ||
                 fdt_get_path(fdt, bi->reserved[i].node, path, sizeof(path)) )
                snprintf(path, sizeof(path), "a /memreserve/ entry");
            snprintf(what, sizeof(what), "reserved memory %s", path);
            return bank_error(fdt, bd, b, what, bi->reserved[i].start,
                              bi->reserved[i].size);
        }
    for ( i = 0; i < bi->nr_mods; i++ )
        if ( bi->mods[i].size &&
             ranges_overlap(b->start, b->size, bi->mods[i].start,
                            bi->mods[i].size) )
        {
            if ( fdt_get_path(fdt, bi->mods[i].node, path, sizeof(path)) )
                snprintf(path, sizeof(path), "a module");
            snprintf(what, sizeof(what), "boot module %s", path);
            return bank_error(fdt, bd, b, what, bi->mods[i].start,
                              bi->mods[i].size);
        }
    if ( bi->xen_size &&
         ranges_overlap(b->start, b->size, bi->xen_start, bi->xen_size) )
        return bank_error(fdt, bd, b, "the hypervisor image", bi->xen_start,
                          bi->xen_size);
    if ( bi->fdt_size &&
         ranges_overlap(b->start, b->size, bi->fdt_start, bi->fdt_size) )
        return bank_error(fdt, bd, b, "the device tree blob", bi->fdt_start,
                          bi->fdt_size);
    return 0;
}

/* Bank @b of domain @i against the banks before it, in any domain. */
static int check_bank_others(const void *fdt, const struct boot_info *bi,
                             unsigned int i, const struct hl_static_bank *b)
{
    const struct boot_domain *bd = &bi->domains[i], *o;
    char what[64];
    unsigned int j, k;

    for ( j = 0; j <= i; j++ )
    {
        o = &bi->domains[j];
        for ( k = 0; k < o->nr_static && &o->static_mem[k] != b; k++ )
        {
            if ( !ranges_overlap(b->start, b->size, o->static_mem[k].start,
                                 o->static_mem[k].size) )
                continue;
            snprintf(what, sizeof(what), "static memory of %s", o->name);
            return bank_error(fdt, bd, b, what, o->static_mem[k].start,
                              o->static_mem[k].size);
        }
    }
    return 0;
}

/* The static memory and direct-map rules for domain @i of @bi. */
int hl_check_static_mem(const void *fdt, const struct boot_info *bi,
                        unsigned int i)
{
    const struct boot_domain *bd = &bi->domains[i];
    uint64_t total = 0;
    unsigned int k;
    int rc = 0;

    if ( (bd->flags & BD_DIRECT_MAP) && !bd->nr_static )
    {
        hl_error(fdt, bd->node, "direct-map",
                 "needs xen,static-mem: a direct-mapped domain's RAM is "
                 "given host RAM");
        rc = -EINVAL;
    }
    for ( k = 0; k < bd->nr_static; k++ )
    {
        total += bd->static_mem[k].size;
        rc = check_bank_host(fdt, bi, bd, &bd->static_mem[k]) ?:
             check_bank_others(fdt, bi, i, &bd->static_mem[k]) ?: rc;
    }
    if ( bd->nr_static && total != bd->memory_kib << 10 )
    {
        hl_error(fdt, bd->node, "xen,static-mem",
                 "banks total %llu KiB, but 'memory' is %llu KiB",
                 (unsigned long long)(total >> 10),
                 (unsigned long long)bd->memory_kib);
        rc = -EINVAL;
    }
    return rc;
}
