/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 side of measured launch: the TPM in the host DT. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sha256.h>
#include <xen/setup.h>
#include <xen/tpm.h>
#include <asm/mm.h>
#include <libfdt.h>

#define TIS_SIZE 0x5000   /* localities 0-4 */
#define TIS_DID_VID 0xf00 /* locality 0's vendor and device IDs */

int probe_read32(uintptr_t addr, uint32_t *val); /* arm64/entry.S */

static uint64_t read_cells(const fdt32_t *p, int n)
{
    uint64_t v = 0;

    while ( n-- > 0 )
        v = (v << 32) | fdt32_ld(p++);
    return v;
}

/*
 * @addr, in the bus of @node's parent, as a CPU address: through each
 * ancestor's 'ranges' (empty: identity).  -EINVAL when a bus does not map it.
 */
static int translate(const void *fdt, int node, uint64_t *addr)
{
    int bus = fdt_parent_offset(fdt, node), up, len, ac, pac, sc, i;
    const fdt32_t *r;

    while ( bus > 0 && (up = fdt_parent_offset(fdt, bus)) >= 0 )
    {
        r = fdt_getprop(fdt, bus, "ranges", &len);
        if ( !r )
            return -EINVAL;
        ac = fdt_address_cells(fdt, bus);
        sc = fdt_size_cells(fdt, bus);
        pac = fdt_address_cells(fdt, up);
        for ( i = 0; len && i + ac + pac + sc <= len / 4; i += ac + pac + sc )
        {
            uint64_t child = read_cells(r + i, ac);
            uint64_t size = read_cells(r + i + ac + pac, sc);

            if ( *addr >= child && *addr - child < size )
            {
                *addr = *addr - child + read_cells(r + i + ac, pac);
                break;
            }
        }
        if ( len && i + ac + pac + sc > len / 4 )
            return -EINVAL;
        bus = up;
    }
    return 0;
}

volatile uint8_t *arch_tpm_tis_map(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "tcg,tpm-tis-mmio");
    int parent, ac, sc, len;
    const fdt32_t *reg;
    uint64_t base;
    uint32_t did_vid;

    if ( node < 0 )
        return NULL;
    parent = fdt_parent_offset(fdt, node);
    ac = fdt_address_cells(fdt, parent);
    sc = fdt_size_cells(fdt, parent);
    reg = fdt_getprop(fdt, node, "reg", &len);
    if ( !reg || ac < 1 || ac > 2 || sc < 0 || len < (ac + sc) * 4 )
        return NULL;
    base = read_cells(reg, ac);
    if ( translate(fdt, node, &base) || mm_map_device(base, TIS_SIZE) )
    {
        printk("Warning: measured: the TPM node's address cannot be used\n");
        return NULL;
    }
    /* A node for a device that is not there: the read aborts. */
    if ( probe_read32(base + TIS_DID_VID, &did_vid) )
    {
        printk("Warning: measured: %s: reg: nothing answers at %#llx; "
               "measuring without a TPM\n",
               fdt_get_name(fdt, node, NULL), (unsigned long long)base);
        return NULL;
    }
    printk("measured: TPM TIS at %#llx\n", (unsigned long long)base);
    return (volatile uint8_t *)(uintptr_t)base;
}
