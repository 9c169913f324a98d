/* SPDX-License-Identifier: GPL-2.0-only */
/* Host RAM from the DT's /memory nodes, handed to the boot page allocator. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/mm.h>
#include <asm/setup.h>
#include <libfdt.h>

/* A cell count of @node, @def when absent; -1 when malformed. */
static int node_cells(const void *fdt, int node, const char *name, int def)
{
    const fdt32_t *p;
    int len;

    p = fdt_getprop(fdt, node, name, &len);
    if ( !p )
        return def;
    if ( len != sizeof(*p) || fdt32_to_cpu(*p) > 2 )
        return -1;
    return (int)fdt32_to_cpu(*p);
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
    uint64_t v = 0;

    while ( n-- > 0 )
        v = (v << 32) | fdt32_to_cpu(*p++);
    return v;
}

static bool is_memory_node(const void *fdt, int node)
{
    const char *type;
    int len;

    type = fdt_getprop(fdt, node, "device_type", &len);
    return type && len == sizeof("memory") && !strcmp(type, "memory");
}

static int memory_error(const void *fdt, int node, const char *what)
{
    printk("ERROR: /%s: property 'reg': %s\n", fdt_get_name(fdt, node, NULL),
           what);
    return -EINVAL;
}

static int read_banks(const void *fdt, int node, int ac, int sc,
                      struct meminfo *mi)
{
    const fdt32_t *p;
    int len, entry = (ac + sc) * (int)sizeof(*p);

    p = fdt_getprop(fdt, node, "reg", &len);
    if ( !p || len <= 0 || len % entry )
        return memory_error(fdt, node, "not (address, size) pairs");
    for ( ; len > 0; len -= entry, p += ac + sc )
    {
        paddr_t start = read_cells(p, ac), size = read_cells(p + ac, sc);

        if ( !size )
            continue;
        if ( start + size < start )
            return memory_error(fdt, node, "bank wraps around");
        if ( mi->nr_banks == NR_MEM_BANKS )
        {
            printk("ERROR: more than %u RAM banks in /memory\n", NR_MEM_BANKS);
            return -ENOSPC;
        }
        mi->bank[mi->nr_banks].start = start;
        mi->bank[mi->nr_banks++].size = size;
    }
    return 0;
}

int dt_read_memory(const void *fdt, struct meminfo *mi)
{
    int ac = node_cells(fdt, 0, "#address-cells", 2);
    int sc = node_cells(fdt, 0, "#size-cells", 1);
    int node, rc;

    mi->nr_banks = 0;
    if ( ac <= 0 || sc <= 0 )
    {
        printk("ERROR: /: property '#address-cells' or '#size-cells': "
               "must be 1 or 2\n");
        return -EINVAL;
    }
    fdt_for_each_subnode(node, fdt, 0)
    {
        if ( !is_memory_node(fdt, node) )
            continue;
        rc = read_banks(fdt, node, ac, sc, mi);
        if ( rc )
            return rc;
    }
    if ( !mi->nr_banks )
    {
        printk("ERROR: no RAM: no /memory node with a non-empty 'reg'\n");
        return -ENOENT;
    }
    return 0;
}

static int add_banks(const struct meminfo *mi)
{
    unsigned int i;
    int rc;

    for ( i = 0; i < mi->nr_banks; i++ )
    {
        rc = page_alloc_add_ram(mi->bank[i].start, mi->bank[i].size);
        /* A bank smaller than a page holds nothing to allocate. */
        if ( rc && rc != -EINVAL )
        {
            printk("ERROR: RAM bank %#llx+%#llx: %s\n",
                   (unsigned long long)mi->bank[i].start,
                   (unsigned long long)mi->bank[i].size,
                   rc == -EEXIST ? "overlaps another bank"
                                 : "too many free ranges");
            return rc;
        }
    }
    return 0;
}

/* The static regions of /reserved-memory (firmware, shared buffers). */
static int reserve_dt_regions(const void *fdt)
{
    int parent = fdt_path_offset(fdt, "/reserved-memory");
    int node, ac, sc, len, rc = 0;
    const fdt32_t *p;

    if ( parent < 0 )
        return 0;
    ac = node_cells(fdt, parent, "#address-cells", 2);
    sc = node_cells(fdt, parent, "#size-cells", 1);
    if ( ac <= 0 || sc <= 0 )
    {
        printk("ERROR: /reserved-memory: property '#address-cells' or "
               "'#size-cells': must be 1 or 2\n");
        return -EINVAL;
    }
    fdt_for_each_subnode(node, fdt, parent)
    {
        /* Regions with only a "size" are for the OS to place: none yet. */
        p = fdt_getprop(fdt, node, "reg", &len);
        for ( ; !rc && p && len >= (ac + sc) * 4; len -= (ac + sc) * 4 )
        {
            rc = reserve_range(read_cells(p, ac), read_cells(p + ac, sc));
            p += ac + sc;
        }
    }
    return rc;
}

_Static_assert(PAGE_ALLOC_MAX_EXTENTS >
                   HL_MAX_MODULES + 2 * HL_MAX_MEM_RANGES + 8,
               "each boot module may split free RAM");

/* Everything that must not be handed out: image, DTB, modules. */
static int reserve_boot_ranges(const void *fdt, const struct boot_info *bi)
{
    uint64_t addr, size;
    unsigned int i;
    int rc, n;

    rc = reserve_range(bi->xen_start, bi->xen_size);
    rc = rc ?: reserve_range(bi->fdt_start, bi->fdt_size);
    for ( i = 0; !rc && i < bi->nr_mods; i++ )
        rc = reserve_range(bi->mods[i].start, bi->mods[i].size);
    /* Static memory belongs to its domain alone. */
    for ( i = 0; !rc && i < bi->nr_domains; i++ )
        for ( n = 0; !rc && n < (int)bi->domains[i].nr_static; n++ )
            rc = reserve_range(bi->domains[i].static_mem[n].start,
                               bi->domains[i].static_mem[n].size);
    n = fdt_num_mem_rsv(fdt);
    for ( i = 0; !rc && n > 0 && i < (unsigned int)n; i++ )
        if ( !fdt_get_mem_rsv(fdt, (int)i, &addr, &size) )
            rc = reserve_range(addr, size);
    rc = rc ?: reserve_dt_regions(fdt);
    if ( rc == -ENOSPC )
        printk("ERROR: too many free RAM ranges after reserving the boot "
               "modules\n");
    return rc;
}

int mm_boot_allocator_init(const void *fdt, const struct meminfo *mi,
                           const struct boot_info *bi)
{
    paddr_t total, free;
    int rc;

    rc = add_banks(mi);
    rc = rc ?: reserve_boot_ranges(fdt, bi);
    rc = rc ?: page_alloc_seal();
    if ( rc )
        return rc;
    page_alloc_stats(&total, &free);
    printk("Memory: %llu KiB RAM in %u bank%s, %llu KiB free (hypervisor, "
           "DTB and %u boot module%s reserved)\n",
           (unsigned long long)(total >> 10), mi->nr_banks,
           mi->nr_banks == 1 ? "" : "s", (unsigned long long)(free >> 10),
           bi->nr_mods, bi->nr_mods == 1 ? "" : "s");
    return 0;
}
