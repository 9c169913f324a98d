/* SPDX-License-Identifier: GPL-2.0-only */
/* Domain nodes (compatible = "xen,domain"): properties and sub-nodes. */
#include "private.h"

struct prop_ctx {
    const void *fdt;
    int node;
    struct boot_info *bi;
    struct boot_domain *bd;
    const char *name;
    const void *val;
    int len;
};

typedef int (*prop_fn)(const struct prop_ctx *c);

static int prop_memory(const struct prop_ctx *c)
{
    return hl_prop_kib(c->fdt, c->node, c->name, c->val, c->len,
                       &c->bd->memory_kib);
}

static int prop_cpus(const struct prop_ctx *c)
{
    c->bd->flags |= BD_CPUS_SET;
    return hl_prop_u32(c->fdt, c->node, c->name, c->val, c->len,
                       &c->bd->vcpus);
}

static int prop_capabilities(const struct prop_ctx *c)
{
    return hl_prop_u32(c->fdt, c->node, c->name, c->val, c->len,
                       &c->bd->capabilities);
}

static int prop_domid(const struct prop_ctx *c)
{
    uint32_t v;

    if ( hl_prop_u32(c->fdt, c->node, c->name, c->val, c->len, &v) )
        return -EINVAL;
    if ( v >= DOMID_FIRST_RESERVED )
    {
        hl_error(c->fdt, c->node, c->name,
                 "%#x is reserved: domids must be below %#x", v,
                 DOMID_FIRST_RESERVED);
        return -EINVAL;
    }
    c->bd->domid = (domid_t)v;
    c->bd->domid_set = true;
    return 0;
}

static int prop_vpl011(const struct prop_ctx *c)
{
    c->bd->flags |= BD_VPL011;
    return 0;
}

/* The empty "hyperlaunch,event-log": the measured launch's log is handed over. */
static int prop_event_log(const struct prop_ctx *c)
{
    if ( c->len )
    {
        hl_error(c->fdt, c->node, c->name, "must be empty");
        return -EINVAL;
    }
    c->bd->flags |= BD_EVENT_LOG;
    return 0;
}

static int prop_cells(const struct prop_ctx *c)
{
    uint32_t v;

    /* Range checked where the cells are used, by hl_parent_cells(). */
    return hl_prop_u32(c->fdt, c->node, c->name, c->val, c->len, &v);
}

/* Tunables of sizes that are fixed here: harmless to skip. */
static int prop_no_effect(const struct prop_ctx *c)
{
    uint32_t v;

    if ( hl_prop_u32(c->fdt, c->node, c->name, c->val, c->len, &v) )
        return -EINVAL;
    hl_warn(c->fdt, c->node, c->name,
            "no effect: grant tables (v1, 4 frames) and the P2M pool have "
            "fixed sizes here");
    return 0;
}

static int prop_unsupported(const struct prop_ctx *c)
{
    hl_pending(c->bi, c->node, c->name, NULL);
    return 0;
}

/* A string property whose value @ok is the only behaviour we implement. */
static int prop_string_only(const struct prop_ctx *c, const char *ok)
{
    const char *s;

    if ( hl_prop_string(c->fdt, c->node, c->name, c->val, c->len, &s) )
        return -EINVAL;
    if ( strcmp(s, ok) )
        hl_pending_value(c->bi, c->node, c->name, s);
    return 0;
}

/*
 * xen,enhanced: "enabled" (or empty), "no-xenstore" or "disabled".  No
 * domain provides xenstore here, so "enabled" gets what "no-xenstore"
 * gets (the store page parameter reads as 0), with a warning.
 */
static int prop_enhanced(const struct prop_ctx *c)
{
    const char *s = "enabled";

    if ( c->len &&
         hl_prop_string(c->fdt, c->node, c->name, c->val, c->len, &s) )
        return -EINVAL;
    if ( !strcmp(s, "disabled") )
        c->bd->enhanced = HL_ENHANCED_NONE;
    else if ( !strcmp(s, "no-xenstore") )
        c->bd->enhanced = HL_ENHANCED_NO_XENSTORE;
    else if ( !strcmp(s, "enabled") )
    {
        c->bd->enhanced = HL_ENHANCED_FULL;
        hl_warn(c->fdt, c->node, c->name,
                "no xenstore domain: the domain gets the PV interfaces of "
                "\"no-xenstore\"");
    }
    else if ( !strcmp(s, "legacy") )
        hl_pending_value(c->bi, c->node, c->name, s);
    else
    {
        hl_error(c->fdt, c->node, c->name,
                 "\"%s\": expected \"enabled\", \"no-xenstore\" or "
                 "\"disabled\"",
                 s);
        return -EINVAL;
    }
    return 0;
}

static int prop_static_mem(const struct prop_ctx *c)
{
    return hl_parse_static_mem(c->fdt, c->node, c->val, c->len, c->bd);
}

static int prop_direct_map(const struct prop_ctx *c)
{
    c->bd->flags |= BD_DIRECT_MAP;
    return 0;
}

static int prop_passthrough(const struct prop_ctx *c)
{
    return prop_string_only(c, "disabled");
}

static int prop_trap_unmapped(const struct prop_ctx *c)
{
    uint32_t v;

    if ( hl_prop_u32(c->fdt, c->node, c->name, c->val, c->len, &v) )
        return -EINVAL;
    if ( v != 1 )
        hl_pending(c->bi, c->node, c->name, "reads as ones, writes ignored");
    return 0;
}

static int prop_on_end(const struct prop_ctx *c)
{
    return hl_parse_on_end(c->fdt, c->node, c->bd, c->name, c->val, c->len);
}

static int prop_watchdog(const struct prop_ctx *c)
{
    return hl_parse_watchdog(c->fdt, c->node, c->bd, c->name, c->len);
}

static const struct {
    const char *name;
    prop_fn parse;
} domain_props[] = {
    { "compatible", NULL },
    { "#address-cells", prop_cells },
    { "#size-cells", prop_cells },
    { "memory", prop_memory },
    { "cpus", prop_cpus },
    { "capabilities", prop_capabilities },
    { "domid", prop_domid },
    { "vpl011", prop_vpl011 },
    { "xen,enhanced", prop_enhanced },
    { "passthrough", prop_passthrough },
    { "trap-unmapped-accesses", prop_trap_unmapped },
    { "xen,static-mem", prop_static_mem },
    { "direct-map", prop_direct_map },
    { "domain-cpupool", prop_unsupported },
    { "llc-colors", prop_unsupported },
    { "sve", prop_unsupported },
    { "xen,sci_type", prop_unsupported },
    { "v8r_el1_msa", prop_unsupported },
    { "xen,domain-p2m-mem-mb", prop_no_effect },
    { "max_grant_version", prop_no_effect },
    { "max_grant_frames", prop_no_effect },
    { "max_maptrack_frames", prop_no_effect },
    { "hyperlaunch,on-poweroff", prop_on_end },
    { "hyperlaunch,on-reboot", prop_on_end },
    { "hyperlaunch,on-crash", prop_on_end },
    { "hyperlaunch,on-watchdog", prop_on_end },
    { "hyperlaunch,watchdog", prop_watchdog },
    { "hyperlaunch,event-log", prop_event_log },
};

static int parse_one_prop(struct prop_ctx *c)
{
    unsigned int i;
    int rc;

    for ( i = 0; i < ARRAY_SIZE(domain_props); i++ )
        if ( !strcmp(c->name, domain_props[i].name) )
            return domain_props[i].parse ? domain_props[i].parse(c) : 0;

    rc = arch_parse_domain_prop(c->fdt, c->node, c->bd, c->name, c->val,
                                c->len);
    if ( rc == 0 )
        hl_warn(c->fdt, c->node, c->name, "unknown property ignored");
    return rc < 0 ? rc : 0;
}

static int parse_props(struct prop_ctx *c)
{
    int prop, rc = 0;

    fdt_for_each_property_offset(prop, c->fdt, c->node)
    {
        c->val = fdt_getprop_by_offset(c->fdt, prop, &c->name, &c->len);
        if ( !c->val )
            continue;
        if ( parse_one_prop(c) )
            rc = -EINVAL;
    }
    return rc;
}

static int parse_vcpu(const void *fdt, int node, struct boot_domain *bd)
{
    const void *val;
    const char *list;
    uint32_t id;
    uint64_t mask;
    int len, rc;

    val = fdt_getprop(fdt, node, "id", &len);
    if ( !val )
    {
        hl_error(fdt, node, "id", "required property missing");
        return -EINVAL;
    }
    if ( hl_prop_u32(fdt, node, "id", val, len, &id) )
        return -EINVAL;
    if ( id >= HL_MAX_VCPUS )
    {
        hl_error(fdt, node, "id", "vCPU %u is beyond the maximum of %u", id,
                 HL_MAX_VCPUS);
        return -EINVAL;
    }
    if ( bd->vcpu_described[id / 64] & (1ULL << (id % 64)) )
    {
        hl_error(fdt, node, "id", "vCPU %u is described twice", id);
        return -EINVAL;
    }
    bd->vcpu_described[id / 64] |= 1ULL << (id % 64);
    val = fdt_getprop(fdt, node, "hard-affinity", &len);
    if ( !val )
        return 0;
    if ( hl_prop_string(fdt, node, "hard-affinity", val, len, &list) )
        return -EINVAL;
    rc = hl_parse_cpu_list(list, &mask);
    if ( rc == -ERANGE )
        hl_error(fdt, node, "hard-affinity",
                 "\"%s\": host CPUs are numbered 0 to %u", list,
                 HL_MAX_HOST_CPUS - 1);
    else if ( rc == -EDOM )
        hl_error(fdt, node, "hard-affinity",
                 "\"%s\": a range must run from low to high, as in \"1-3\"",
                 list);
    else if ( rc )
        hl_error(fdt, node, "hard-affinity",
                 "\"%s\": expected a list such as \"0-3,5\"", list);
    if ( rc )
        return -EINVAL;
    bd->vcpu_affinity[id] = mask;
    return 0;
}

static int attach_module(const void *fdt, struct boot_domain *bd,
                         struct boot_module *mod)
{
    struct boot_module **slot = hl_module_slot(bd, mod);

    if ( !slot )
    {
        hl_error(fdt, mod->node, "compatible",
                 "a %s module cannot belong to a domain",
                 hl_module_kind_name(mod->kind));
        return -EINVAL;
    }
    if ( *slot )
    {
        hl_error(fdt, mod->node, "compatible", "second %s module for %s",
                 hl_module_kind_name(mod->kind), bd->name);
        return -EINVAL;
    }
    *slot = mod;
    return 0;
}

static int parse_subnode(const void *fdt, int sub, struct boot_info *bi,
                         struct boot_domain *bd)
{
    struct boot_module *mod;

    if ( hl_node_is(fdt, sub, "xen,vcpu") )
        return parse_vcpu(fdt, sub, bd);
    if ( hl_is_module_node(fdt, sub) )
    {
        mod = hl_parse_module(fdt, sub, bd->node, bi, bd);
        if ( !mod )
            return -EINVAL;
        return attach_module(fdt, bd, mod);
    }
    if ( hl_node_is(fdt, sub, "xen,evtchn-v1") )
        return hl_parse_evtchn(fdt, sub, bi, bd);
    if ( hl_node_is(fdt, sub, "xen,evtchn") )
        hl_pending_value(bi, sub, "compatible", "xen,evtchn");
    else if ( hl_node_is(fdt, sub, "xen,domain-shared-memory-v1") )
        return hl_parse_shm(fdt, sub, bi, bd);
    else
        hl_warn(fdt, sub, NULL, "unknown node ignored");
    return 0;
}

static void set_name(const void *fdt, int node, struct boot_domain *bd)
{
    int len;
    const char *name = fdt_get_name(fdt, node, &len);

    if ( !name || len <= 0 )
        name = "unnamed";
    else if ( len >= HL_NAME_LEN )
        hl_warn(fdt, node, NULL, "name truncated to %d characters",
                HL_NAME_LEN - 1);
    snprintf(bd->name, sizeof(bd->name), "%s", name);
}

static int check_required(const void *fdt, int node,
                          const struct boot_info *bi, struct boot_domain *bd)
{
    int rc = 0;

    if ( !fdt_getprop(fdt, node, "memory", NULL) )
    {
        hl_error(fdt, node, "memory", "required property missing");
        rc = -EINVAL;
    }
    if ( !(bd->flags & BD_CPUS_SET) )
    {
        if ( bi->form == HL_FORM_DOM0LESS )
        {
            hl_error(fdt, node, "cpus", "required property missing");
            rc = -EINVAL;
        }
        bd->vcpus = 1;
    }
    return rc;
}

/* Parse one xen,domain node into a new entry of bi->domains. */
int hl_parse_domain(const void *fdt, int node, struct boot_info *bi)
{
    struct boot_domain *bd = &bi->domains[bi->nr_domains++];
    struct prop_ctx c = { fdt, node, bi, bd, NULL, NULL, 0 };
    int sub, rc;

    memset(bd, 0, sizeof(*bd));
    bd->node = node;
    hl_lifecycle_defaults(bd);
    set_name(fdt, node, bd);
    rc = parse_props(&c);
    rc = check_required(fdt, node, bi, bd) ?: rc;
    fdt_for_each_subnode(sub, fdt, node)
        if ( parse_subnode(fdt, sub, bi, bd) )
            rc = -EINVAL;
    if ( !rc && bd->kernel && bd->kernel->cmdline )
        bd->cmdline = bd->kernel->cmdline;
    return rc;
}
