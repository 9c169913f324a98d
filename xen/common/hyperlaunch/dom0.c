/* SPDX-License-Identifier: GPL-2.0-only */
/* Dom0 in the dom0less form: modules directly under /chosen. */
#include "private.h"

#define DOM0_DEFAULT_MEM_KIB (512ULL * 1024)

/* The value of "@key=" in the command line @cmdline, or NULL. */
static const char *find_option(const char *cmdline, const char *key)
{
    size_t n = strlen(key);
    const char *p = cmdline;

    for ( ; p && *p; p = strchr(p, ' ') )
    {
        while ( *p == ' ' )
            p++;
        if ( !strncmp(p, key, n) && p[n] == '=' )
            return p + n + 1;
    }
    return NULL;
}

static int dom0_memory(const void *fdt, int chosen, const struct boot_info *bi,
                       struct boot_domain *bd)
{
    const char *opt = find_option(bi->xen_cmdline, "dom0_mem");
    uint64_t bytes;

    if ( !opt )
    {
        hl_warn(fdt, chosen, bi->xen_cmdline_prop,
                "no dom0_mem= option: Dom0 gets %llu MiB",
                DOM0_DEFAULT_MEM_KIB >> 10);
        bd->memory_kib = DOM0_DEFAULT_MEM_KIB;
        return 0;
    }
    if ( hl_parse_size(opt, &bytes) || bytes < 4096 )
    {
        hl_error(fdt, chosen, bi->xen_cmdline_prop,
                 "dom0_mem=: expected a size such as 512M");
        return -EINVAL;
    }
    bd->memory_kib = bytes >> 10;
    return 0;
}

/* The host's CPUs: /cpus nodes with device_type "cpu" (at least 1). */
static uint32_t host_cpus(const void *fdt)
{
    int cpus = fdt_path_offset(fdt, "/cpus"), node;
    const char *type;
    uint32_t n = 0;

    if ( cpus < 0 )
        return 1;
    fdt_for_each_subnode(node, fdt, cpus)
    {
        type = fdt_getprop(fdt, node, "device_type", NULL);
        if ( type && !strcmp(type, "cpu") )
            n++;
    }
    return n ? MIN(n, (uint32_t)HL_MAX_VCPUS) : 1;
}

/* Without dom0_max_vcpus=, one vCPU per host CPU (Xen's Arm default). */
static int dom0_vcpus(const void *fdt, int chosen, const struct boot_info *bi,
                      struct boot_domain *bd)
{
    const char *opt = find_option(bi->xen_cmdline, "dom0_max_vcpus");
    const char *dash;
    char *end;
    unsigned long v;

    bd->vcpus = host_cpus(fdt);
    if ( !opt )
        return 0;
    /* "N" or "min-max": the maximum is what Dom0 gets. */
    dash = strchr(opt, '-');
    if ( dash && (!strchr(opt, ' ') || dash < strchr(opt, ' ')) )
        opt = dash + 1;
    v = strtoul(opt, &end, 10);
    if ( end == opt || (*end && *end != ' ') || v == 0 || v > HL_MAX_VCPUS )
    {
        hl_error(fdt, chosen, bi->xen_cmdline_prop,
                 "dom0_max_vcpus=: expected 1 to %u", HL_MAX_VCPUS);
        return -EINVAL;
    }
    bd->vcpus = (uint32_t)v;
    return 0;
}

/* Dom0 keeps its kernel and ramdisk; other kinds are reported by the caller. */
static int place_dom0_module(const void *fdt, const struct boot_info *bi,
                             struct boot_domain *bd, struct boot_module *mod)
{
    bool unlabelled = mod->kind == BOOTMOD_UNKNOWN;
    struct boot_module **slot = hl_module_slot(bd, mod);
    int idx = hl_loader_index(bi, mod->node);

    if ( !slot )
        return 0;
    if ( *slot && unlabelled && idx >= 0 )
    {
        /* A module GRUB loaded that neither Dom0 nor a domU takes. */
        hl_loader_unused_error(fdt, bi, idx,
                               "Dom0 has its kernel and ramdisk already");
        return -EINVAL;
    }
    if ( *slot )
    {
        hl_error(fdt, mod->node, "compatible", "second Dom0 %s module",
                 hl_module_kind_name(mod->kind));
        return -EINVAL;
    }
    *slot = mod;
    return 0;
}

static int parse_chosen_modules(const void *fdt, int chosen,
                                struct boot_info *bi, struct boot_domain *bd)
{
    struct boot_module *mod;
    int sub, rc = 0;

    fdt_for_each_subnode(sub, fdt, chosen)
    {
        /* Modules a domU names by module-index are not Dom0's. */
        if ( hl_node_is(fdt, sub, "xen,domain") ||
             !hl_is_module_node(fdt, sub) || hl_loader_node_used(bi, sub) )
            continue;
        mod = hl_parse_module(fdt, sub, chosen, bi, bd);
        if ( !mod || place_dom0_module(fdt, bi, bd, mod) )
        {
            rc = -EINVAL;
            continue;
        }
        if ( mod->kind == BOOTMOD_XSM_POLICY )
            hl_pending(bi, sub, "compatible", "XSM policies");
        else if ( mod->kind == BOOTMOD_MICROCODE )
            hl_pending(bi, sub, "compatible", "microcode updates");
        else if ( mod->kind == BOOTMOD_GUEST_DTB )
            hl_pending(bi, sub, "compatible",
                       "a partial device tree for Dom0");
    }
    return rc;
}

/*
 * Dom0 exists when /chosen holds a kernel module.  It becomes domain 0,
 * with the memory and vCPUs of dom0_mem= and dom0_max_vcpus= in
 * xen,xen-bootargs, and xen,dom0-bootargs unless its kernel has bootargs.
 */
int hl_parse_dom0(const void *fdt, int chosen, struct boot_info *bi)
{
    struct boot_domain *bd = &bi->domains[0];
    int rc;

    /* No node to set a policy on: every end destroys Dom0 (on_end zero). */
    memset(bd, 0, sizeof(*bd));
    bd->node = chosen;
    rc = parse_chosen_modules(fdt, chosen, bi, bd);
    if ( !bd->kernel )
    {
        unsigned int i;

        for ( i = 0; i < bi->nr_mods; i++ )
            if ( bi->mods[i].owner == bd )
                bi->mods[i].owner = NULL;
        if ( bd->ramdisk )
        {
            hl_error(fdt, bd->ramdisk->node, "compatible",
                     "a Dom0 ramdisk without a Dom0 kernel module");
            rc = -EINVAL;
        }
        return rc;
    }
    snprintf(bd->name, sizeof(bd->name), "Dom0");
    bd->domid = 0;
    bd->domid_set = true;
    bd->flags = BD_IS_DOM0;
    bd->capabilities = DOMAIN_CAPS_MASK;
    bd->cmdline = bd->kernel->cmdline ?: bi->dom0_cmdline;
    rc = dom0_memory(fdt, chosen, bi, bd) ?: rc;
    rc = dom0_vcpus(fdt, chosen, bi, bd) ?: rc;
    bi->nr_domains = 1;
    return rc;
}
