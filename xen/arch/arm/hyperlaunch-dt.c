/* SPDX-License-Identifier: GPL-2.0-only */
/* Arm part of the Hyperlaunch DT binding: nr_spis, mode. */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/arm-guest-map.h>
#include <xen/lib.h>
#include <libfdt.h>

static int check_direct_map(const void *fdt, const struct boot_domain *bd);

/* SPI INTIDs run from 32 to 1019. */
#define ARM_MAX_SPIS 988U

static int read_u32(const void *fdt, int node, const char *name,
                    const void *val, int len, uint32_t *out)
{
    if ( len != 4 )
    {
        hl_error(fdt, node, name, "must be 1 cell (u32), found %d bytes", len);
        return -EINVAL;
    }
    *out = fdt32_ld(val);
    return 0;
}

int arch_parse_domain_prop(const void *fdt, int node, struct boot_domain *bd,
                           const char *name, const void *val, int len)
{
    if ( !strcmp(name, "nr_spis") )
    {
        if ( read_u32(fdt, node, name, val, len, &bd->arch.nr_spis) )
            return -EINVAL;
        bd->arch.nr_spis_set = true;
        return 1;
    }
    if ( !strcmp(name, "mode") )
        return read_u32(fdt, node, name, val, len, &bd->arch.mode) ?: 1;
    return 0;
}

/* A GICv2 host (the GIC gic.c would pick): its guests get a GICv2 too. */
static bool host_gic_is_v2(const void *fdt)
{
    return fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3") < 0 &&
           (fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a15-gic") >=
                0 ||
            fdt_node_offset_by_compatible(fdt, -1, "arm,gic-400") >= 0);
}

int arch_check_domain(const void *fdt, const struct boot_domain *bd)
{
    int rc = 0;

    if ( bd->vcpus > GUEST_GICV2_MAX_VCPUS && host_gic_is_v2(fdt) )
    {
        hl_error(fdt, bd->node,
                 (bd->flags & BD_IS_DOM0) ? "xen,xen-bootargs" : "cpus",
                 "%u vCPUs: a GICv2 host gives its guests a GICv2, which "
                 "serves at most %u",
                 bd->vcpus, GUEST_GICV2_MAX_VCPUS);
        rc = -EINVAL;
    }

    if ( bd->arch.nr_spis_set && bd->arch.nr_spis > ARM_MAX_SPIS )
    {
        hl_error(fdt, bd->node, "nr_spis", "%u is above the GIC maximum of %u",
                 bd->arch.nr_spis, ARM_MAX_SPIS);
        rc = -EINVAL;
    }
    if ( bd->arch.mode & 1U )
    {
        hl_error(fdt, bd->node, "mode",
                 "PV domains (bit 0) do not exist on Arm");
        rc = -EINVAL;
    }
    if ( bd->arch.mode & ~7U )
    {
        hl_error(fdt, bd->node, "mode", "unknown bits %#x",
                 bd->arch.mode & ~7U);
        rc = -EINVAL;
    }
    if ( (bd->flags & BD_DIRECT_MAP) && bd->nr_static > 2 )
    {
        hl_error(fdt, bd->node, "xen,static-mem",
                 "%u banks: a direct-mapped domain has at most 2 RAM banks",
                 bd->nr_static);
        rc = -EINVAL;
    }
    return check_direct_map(fdt, bd) ?: rc;
}

/* What of @bd's emulated devices [@gpa, +@size) lands on, or NULL. */
static const char *emulated_clash(const struct boot_domain *bd, paddr_t gpa,
                                  paddr_t size)
{
    if ( ranges_overlap(gpa, size, GUEST_GICD_BASE,
                        GUEST_GICV3_GICR0_BASE + GUEST_GICV3_GICR0_SIZE -
                            GUEST_GICD_BASE) )
        return "the vGIC";
    if ( (bd->flags & (BD_VPL011 | BD_IS_DOM0)) &&
         ranges_overlap(gpa, size, GUEST_PL011_BASE, GUEST_PL011_SIZE) )
        return "the vPL011";
    if ( (bd->flags & BD_WATCHDOG) &&
         (ranges_overlap(gpa, size, GUEST_VWDT_CTRL_BASE,
                         GUEST_VWDT_FRAME_SIZE) ||
          ranges_overlap(gpa, size, GUEST_VWDT_REFRESH_BASE,
                         GUEST_VWDT_FRAME_SIZE)) )
        return "the virtual watchdog";
    return NULL;
}

/* A direct-mapped domain's RAM must leave its emulated devices alone. */
static int check_direct_map(const void *fdt, const struct boot_domain *bd)
{
    const char *what;
    unsigned int i;

    for ( i = 0; (bd->flags & BD_DIRECT_MAP) && i < bd->nr_static; i++ )
    {
        what = emulated_clash(bd, bd->static_mem[i].start,
                              bd->static_mem[i].size);
        if ( what )
        {
            hl_error(fdt, bd->node, "xen,static-mem",
                     "bank [%#llx, %#llx) is direct-mapped over %s",
                     (unsigned long long)bd->static_mem[i].start,
                     (unsigned long long)(bd->static_mem[i].start +
                                          bd->static_mem[i].size),
                     what);
            return -EINVAL;
        }
    }
    return 0;
}

const char *arch_guest_region_clash(const void *fdt,
                                    const struct boot_domain *bd, paddr_t gpa,
                                    paddr_t size)
{
    uint64_t mem = bd->memory_kib << 10, ram0 = MIN(mem, GUEST_RAM0_SIZE);
    unsigned int i;

    if ( bd->flags & BD_DIRECT_MAP )
    {
        for ( i = 0; i < bd->nr_static; i++ )
            if ( ranges_overlap(gpa, size, bd->static_mem[i].start,
                                bd->static_mem[i].size) )
                return "the domain's RAM (direct-mapped static memory)";
    }
    else if ( ranges_overlap(gpa, size, GUEST_RAM0_BASE, ram0) ||
              ranges_overlap(gpa, size, GUEST_RAM1_BASE, mem - ram0) )
        return "the domain's RAM";
    return emulated_clash(bd, gpa, size);
}

const char *arch_domain_mode_name(const struct boot_domain *bd)
{
    return "";
}

/* Xen's public arm64 guest layout: RAM banks and the ranges we emulate. */
#define G_RAM0_BASE 0x40000000ULL
#define G_RAM0_MAX 0xc0000000ULL
#define G_RAM1_BASE 0x200000000ULL
static const struct {
    uint64_t base, size;
    const char *what;
} guest_ranges[] = {
    { 0x03000000ULL, 0x01020000ULL, "the GIC" },
    { 0x22000000ULL, 0x1000ULL, "the vpl011" },
    { 0x38000000ULL, 0x02000000ULL, "the grant-table and magic pages" },
};

static bool ranges_meet(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
    return as && bs && a < b + bs && b < a + as;
}

int arch_check_guest_region(const void *fdt, const struct boot_domain *bd,
                            int node, const char *prop, paddr_t gpa,
                            paddr_t size)
{
    uint64_t ram = bd->memory_kib << 10;
    uint64_t ram0 = ram < G_RAM0_MAX ? ram : G_RAM0_MAX;
    unsigned int i;

    if ( ranges_meet(gpa, size, G_RAM0_BASE, ram0) ||
         ranges_meet(gpa, size, G_RAM1_BASE, ram - ram0) )
    {
        hl_error(fdt, node, prop,
                 "guest range [%#llx, %#llx) overlaps the domain's RAM",
                 (unsigned long long)gpa, (unsigned long long)(gpa + size));
        return -EINVAL;
    }
    for ( i = 0; i < ARRAY_SIZE(guest_ranges); i++ )
        if ( ranges_meet(gpa, size, guest_ranges[i].base,
                         guest_ranges[i].size) )
        {
            hl_error(fdt, node, prop, "guest range [%#llx, %#llx) overlaps %s",
                     (unsigned long long)gpa, (unsigned long long)(gpa + size),
                     guest_ranges[i].what);
            return -EINVAL;
        }
    if ( (gpa + size - 1) >> 40 )
    {
        hl_error(fdt, node, prop, "guest range ends beyond 40 bits");
        return -EINVAL;
    }
    return 0;
}
