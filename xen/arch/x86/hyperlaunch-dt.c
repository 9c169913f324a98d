/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 part of the Hyperlaunch DT binding: 'mode' (PV, HVM, PVH). */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <libfdt.h>

int arch_parse_domain_prop(const void *fdt, int node, struct boot_domain *bd,
                           const char *name, const void *val, int len)
{
    if ( strcmp(name, "mode") )
        return 0;
    if ( len != 4 )
    {
        hl_error(fdt, node, name, "must be 1 cell (u32), found %d bytes", len);
        return -EINVAL;
    }
    bd->arch.mode = fdt32_ld(val);
    return 1;
}

int arch_check_domain(const void *fdt, const struct boot_domain *bd)
{
    uint32_t mode = bd->arch.mode;

    if ( mode & ~HL_MODE_MASK )
    {
        hl_error(fdt, bd->node, "mode", "unknown bits %#x",
                 mode & ~HL_MODE_MASK);
        return -EINVAL;
    }
    if ( (mode & HL_MODE_PV) && (mode & HL_MODE_DM) )
    {
        hl_error(fdt, bd->node, "mode",
                 "PV (bit 0) and device model (bit 1) exclude each other");
        return -EINVAL;
    }
    if ( mode & (HL_MODE_PV | HL_MODE_DM) )
    {
        hl_error(fdt, bd->node, "mode", "%s domains: not supported yet",
                 (mode & HL_MODE_PV) ? "PV" : "HVM");
        return -EINVAL;
    }
    if ( bd->flags & BD_VPL011 )
        hl_warn(fdt, bd->node, "vpl011",
                "ignored on x86: the domain's console is a 16550 at 0x3f8");
    return 0;
}

const char *arch_domain_mode_name(const struct boot_domain *bd)
{
    return "pvh";
}
