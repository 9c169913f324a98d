/* SPDX-License-Identifier: GPL-2.0-only */
/* Arm part of the Hyperlaunch DT binding: nr_spis, mode. */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <libfdt.h>

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

int arch_check_domain(const void *fdt, const struct boot_domain *bd)
{
    int rc = 0;

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
    return rc;
}

const char *arch_domain_mode_name(const struct boot_domain *bd)
{
    return "";
}
