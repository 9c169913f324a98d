/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tools: route the parser's arch hooks to the chosen target arch. */
#include "hltool.h"

enum hl_target hl_target = HL_TARGET_ARM64;

int hl_target_from_name(const char *name, enum hl_target *t)
{
    if ( !strcmp(name, "arm64") )
        *t = HL_TARGET_ARM64;
    else if ( !strcmp(name, "x86_64") )
        *t = HL_TARGET_X86_64;
    else
        return -EINVAL;
    return 0;
}

int arch_parse_domain_prop(const void *fdt, int node, struct boot_domain *bd,
                           const char *name, const void *val, int len)
{
    if ( hl_target == HL_TARGET_X86_64 )
        return x86_arch_parse_domain_prop(fdt, node, bd, name, val, len);
    return arm_arch_parse_domain_prop(fdt, node, bd, name, val, len);
}

int arch_check_domain(const void *fdt, const struct boot_domain *bd)
{
    if ( hl_target == HL_TARGET_X86_64 )
        return x86_arch_check_domain(fdt, bd);
    return arm_arch_check_domain(fdt, bd);
}

int arch_check_guest_region(const void *fdt, const struct boot_domain *bd,
                            int node, const char *prop, paddr_t gpa,
                            paddr_t size)
{
    if ( hl_target == HL_TARGET_X86_64 )
        return x86_arch_check_guest_region(fdt, bd, node, prop, gpa, size);
    return arm_arch_check_guest_region(fdt, bd, node, prop, gpa, size);
}

const char *arch_domain_mode_name(const struct boot_domain *bd)
{
    if ( hl_target == HL_TARGET_X86_64 )
        return x86_arch_domain_mode_name(bd);
    return arm_arch_domain_mode_name(bd);
}

const char *arch_guest_region_clash(const void *fdt,
                                    const struct boot_domain *bd, paddr_t gpa,
                                    paddr_t size)
{
    if ( hl_target == HL_TARGET_X86_64 )
        return x86_arch_guest_region_clash(fdt, bd, gpa, size);
    return arm_arch_guest_region_clash(fdt, bd, gpa, size);
}
