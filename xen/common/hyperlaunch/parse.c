/* SPDX-License-Identifier: GPL-2.0-only */
/* Parse phase: find the binding's form and read every domain node. */
#include "private.h"

void hl_init(struct boot_info *bi)
{
    memset(bi, 0, sizeof(*bi));
    bi->nr_loader_mods = -1;
}

static int check_blob(const void *fdt, size_t fdt_size)
{
    int rc = fdt_check_header(fdt);

    /*
     * Version 17 is what dtc has written since 2008.  Older layouts (full
     * paths as node names) trip libfdt 1.6's fdt_check_full(): refuse them.
     */
    if ( !rc && fdt_version(fdt) < 17 )
    {
        hl_error(NULL, -1, NULL,
                 "device tree version %u is too old: version 17 is needed",
                 fdt_version(fdt));
        return -ENOEXEC;
    }
    if ( !rc )
    {
        if ( !fdt_size )
            fdt_size = fdt_totalsize(fdt);
        if ( fdt_totalsize(fdt) > fdt_size )
            rc = -FDT_ERR_TRUNCATED;
        else if ( hl_fdt_prewalk(fdt) )
            rc = -FDT_ERR_BADSTRUCTURE;
        else
            rc = fdt_check_full(fdt, fdt_size);
    }
    if ( rc )
    {
        hl_error(NULL, -1, NULL, "not a valid flattened device tree (%s)",
                 fdt_strerror(rc));
        return -ENOEXEC;
    }
    return 0;
}

static int read_chosen_string(const void *fdt, int chosen, const char *name,
                              const char **out)
{
    int len;
    const void *val = fdt_getprop(fdt, chosen, name, &len);

    *out = NULL;
    if ( !val )
        return 0;
    return hl_prop_string(fdt, chosen, name, val, len, out);
}

/*
 * Count the xen,domain children of @parent; more than we hold is fatal,
 * reported on the first domain node past the limit.
 */
static int count_domains(const void *fdt, int parent,
                         const struct boot_info *bi)
{
    unsigned int n = 0, total;
    int sub, over = -1;

    fdt_for_each_subnode(sub, fdt, parent)
        if ( hl_node_is(fdt, sub, "xen,domain") &&
             ++n + bi->nr_domains == HL_MAX_DOMAINS + 1 )
            over = sub;
    total = n + bi->nr_domains;
    if ( total > HL_MAX_DOMAINS )
    {
        hl_error(fdt, over, "compatible",
                 "domain %u of %u%s: more than the maximum of %u domains",
                 HL_MAX_DOMAINS + 1, total,
                 bi->nr_domains ? " (Dom0 counted)" : "", HL_MAX_DOMAINS);
        return -E2BIG;
    }
    return (int)n;
}

/* What makes @node look like a domain node, or NULL. */
static const char *domain_like(const void *fdt, int node)
{
    int sub;

    if ( fdt_getprop(fdt, node, "memory", NULL) )
        return "a 'memory' property";
    if ( fdt_getprop(fdt, node, "cpus", NULL) )
        return "a 'cpus' property";
    fdt_for_each_subnode(sub, fdt, node)
        if ( hl_is_module_node(fdt, sub) )
            return "module sub-nodes";
    return NULL;
}

/*
 * A child of /chosen or /chosen/hypervisor that is neither a domain nor a
 * module: one that looks like a domain (a misspelt or missing
 * 'compatible') is an error, anything else a warning.
 */
static int unknown_child(const void *fdt, int node)
{
    const char *why = domain_like(fdt, node);
    const char *compat = fdt_stringlist_get(fdt, node, "compatible", 0, NULL);

    if ( !why )
    {
        hl_warn(fdt, node, NULL, "unknown node ignored");
        return 0;
    }
    if ( compat )
        hl_error(fdt, node, "compatible",
                 "\"%s\" is not \"xen,domain\", yet the node has %s as a "
                 "domain has",
                 compat, why);
    else
        hl_error(fdt, node, "compatible",
                 "missing, yet the node has %s as a domain has: a domain "
                 "node needs compatible = \"xen,domain\"",
                 why);
    return -EINVAL;
}

static int parse_domains(const void *fdt, int parent, struct boot_info *bi)
{
    int sub, rc = count_domains(fdt, parent, bi);

    if ( rc < 0 )
        return rc;
    rc = 0;
    fdt_for_each_subnode(sub, fdt, parent)
    {
        if ( hl_node_is(fdt, sub, "xen,domain") )
        {
            if ( hl_parse_domain(fdt, sub, bi) )
                rc = -EINVAL;
        }
        else if ( bi->form == HL_FORM_HYPERLAUNCH ||
                  !hl_is_module_node(fdt, sub) )
        {
            /* Dom0's modules sit under /chosen in the dom0less form. */
            if ( unknown_child(fdt, sub) )
                rc = -EINVAL;
        }
    }
    return rc;
}

/* The hyperlaunch form's /chosen/hypervisor node, or -FDT_ERR_NOTFOUND. */
static int find_hypervisor(const void *fdt, int chosen)
{
    int hv = fdt_subnode_offset(fdt, chosen, "hypervisor");

    if ( hv < 0 )
        return hv;
    if ( !hl_node_is(fdt, hv, "hypervisor,xen") )
    {
        hl_error(fdt, hv, "compatible", "must be \"hypervisor,xen\"");
        return -EINVAL;
    }
    return hv;
}

/* In the hyperlaunch form, every domain and module lives under @hv. */
static int parse_hyperlaunch_form(const void *fdt, int chosen, int hv,
                                  struct boot_info *bi)
{
    int sub, rc = 0;

    bi->form = HL_FORM_HYPERLAUNCH;
    if ( hl_chosen_loader_list(fdt, chosen, hv, bi) )
        rc = -EINVAL;
    fdt_for_each_subnode(sub, fdt, chosen)
    {
        int idx = hl_loader_index(bi, sub);

        if ( sub == hv || (idx >= 0 && bi->loader_mods[idx].used) )
            continue;
        if ( idx >= 0 )
        {
            /* A module GRUB loaded, or a misplaced one: no domain has it. */
            hl_error(fdt, sub, "compatible",
                     "module nodes belong under /chosen/hypervisor when it "
                     "exists; one the boot loader added here is boot loader "
                     "module %d, taken by a domain's module node with "
                     "module-index = <%d>",
                     idx, idx);
            rc = -EINVAL;
        }
        else if ( hl_node_is(fdt, sub, "xen,domain") ||
                  hl_is_module_node(fdt, sub) )
        {
            hl_error(fdt, sub, "compatible",
                     "%s nodes belong under /chosen/hypervisor when it exists",
                     hl_node_is(fdt, sub, "xen,domain") ? "domain" : "module");
            rc = -EINVAL;
        }
        else if ( unknown_child(fdt, sub) )
            rc = -EINVAL;
    }
    return parse_domains(fdt, hv, bi) ?: rc;
}

static int parse_dom0less_form(const void *fdt, int chosen,
                               struct boot_info *bi)
{
    int rc;

    bi->form = HL_FORM_DOM0LESS;
    rc = hl_chosen_loader_list(fdt, chosen, chosen, bi);
    rc = hl_parse_dom0(fdt, chosen, bi) ?: rc;
    return parse_domains(fdt, chosen, bi) ?: rc;
}

/* Give every domain without a 'domid' the lowest free one from 1 up. */
static void assign_domids(struct boot_info *bi)
{
    domid_t next = 1;
    unsigned int i, j;

    for ( i = 0; i < bi->nr_domains; i++ )
    {
        if ( bi->domains[i].domid_set )
            continue;
        for ( j = 0; j < bi->nr_domains; j++ )
            if ( bi->domains[j].domid_set && bi->domains[j].domid == next )
            {
                next++;
                j = (unsigned int)-1;
            }
        bi->domains[i].domid = next++;
    }
}

/* A Dom0 kernel module under /chosen with a command line of its own. */
static bool dom0_kernel_has_bootargs(const void *fdt, int chosen)
{
    int sub;

    fdt_for_each_subnode(sub, fdt, chosen)
        if ( hl_is_module_node(fdt, sub) &&
             fdt_getprop(fdt, sub, "bootargs", NULL) )
            return true;
    return false;
}

/*
 * The hypervisor's command line: xen,xen-bootargs; without it, as Xen
 * does, /chosen/bootargs when Dom0's command line comes from elsewhere
 * (xen,dom0-bootargs or its kernel module's bootargs), as with QEMU's
 * guest-loader and -append.
 */
static int read_xen_cmdline(const void *fdt, int chosen, struct boot_info *bi)
{
    int rc =
        read_chosen_string(fdt, chosen, "xen,xen-bootargs", &bi->xen_cmdline);

    bi->xen_cmdline_prop = "xen,xen-bootargs";
    if ( rc || bi->xen_cmdline )
        return rc;
    if ( bi->dom0_cmdline || dom0_kernel_has_bootargs(fdt, chosen) )
    {
        bi->xen_cmdline_prop = "bootargs";
        rc = read_chosen_string(fdt, chosen, "bootargs", &bi->xen_cmdline);
    }
    return rc;
}

/*
 * /chosen/@prop = @dflt | @other, absent meaning @dflt: *@is_other says
 * which; any other value is an error naming /chosen and @prop.  Used for
 * hyperlaunch,tpm-failure ("continue" | "stop": what a TPM that errs, does
 * not answer or is not there does to the boot) and hyperlaunch,measure
 * ("on" | "off": whether the boot is measured at all; off, only modules
 * with an expected digest are hashed, to check it).
 */
static int read_chosen_choice(const void *fdt, int chosen, const char *prop,
                              const char *dflt, const char *other,
                              bool *is_other)
{
    const char *s;

    if ( read_chosen_string(fdt, chosen, prop, &s) )
        return -EINVAL;
    *is_other = s && !strcmp(s, other);
    if ( !s || *is_other || !strcmp(s, dflt) )
        return 0;
    hl_error(fdt, chosen, prop, "\"%s\": must be \"%s\" or \"%s\"", s, dflt,
             other);
    return -EINVAL;
}

/* Everything under /chosen: command lines, then the form's domains. */
static int parse_chosen(const void *fdt, int chosen, struct boot_info *bi)
{
    int hv, rc = 0;

    if ( read_chosen_string(fdt, chosen, "xen,dom0-bootargs",
                            &bi->dom0_cmdline) )
        rc = -EINVAL;
    rc = read_xen_cmdline(fdt, chosen, bi) ?: rc;
    rc = read_chosen_choice(fdt, chosen, HL_TPM_POLICY_PROP, "continue",
                            "stop", &bi->tpm_required)
             ?: rc;
    rc = read_chosen_choice(fdt, chosen, HL_MEASURE_PROP, "on", "off",
                            &bi->measure_off)
             ?: rc;
    hv = find_hypervisor(fdt, chosen);
    if ( hv >= 0 )
        rc = parse_hyperlaunch_form(fdt, chosen, hv, bi) ?: rc;
    else if ( hv == -FDT_ERR_NOTFOUND )
        rc = parse_dom0less_form(fdt, chosen, bi) ?: rc;
    else
        rc = -EINVAL;
    if ( rc || bi->nr_domains )
        return rc;
    if ( hv >= 0 )
        hl_error(fdt, hv, NULL, "no domain to build: no \"xen,domain\" node");
    else
        hl_error(fdt, chosen, NULL,
                 "no domain to build: no \"xen,domain\" node and no Dom0 "
                 "kernel module");
    return -ENOENT;
}

int hl_parse(const void *fdt, size_t fdt_size, struct boot_info *bi)
{
    int chosen, rc;

    hl_diag_reset();
    if ( check_blob(fdt, fdt_size) )
        rc = -ENOEXEC;
    else if ( (chosen = fdt_path_offset(fdt, "/chosen")) < 0 )
    {
        hl_error(fdt, 0, NULL, "no /chosen node: nothing to boot");
        rc = -ENOENT;
    }
    else
        rc = parse_chosen(fdt, chosen, bi) ?: hl_parse_memory_map(fdt, bi);
    if ( !rc )
        assign_domids(bi);
    bi->nr_errors = hl_diag_errors();
    bi->nr_warnings = hl_diag_warnings();
    if ( !rc && bi->nr_errors )
        rc = -EINVAL;
    return rc;
}
