/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot loader's module list read from /chosen.  On arm64, GRUB's
 * xen_module loads a module anywhere in RAM and adds a /chosen module
 * node for it (compatible "multiboot,module", 'reg', the rest of the
 * command line as 'bootargs'), in the order of the commands.  When the
 * environment says so (bi->chosen_loader_mods) and /chosen holds module
 * nodes, they are the list a domain's 'module-index' counts in, from 0.
 * Nodes no domain names keep Xen's meaning: in the dom0less form they are
 * Dom0's kernel and ramdisk (dom0.c); anything else is an error.
 */
#include "private.h"

/* The u32 'module-index' of @node, or -1 when it has none (or a bad one). */
static int64_t named_index(const void *fdt, int node)
{
    const fdt32_t *val;
    int len;

    val = fdt_getprop(fdt, node, "module-index", &len);
    if ( !val || len != 4 )
        return -1;
    return fdt32_ld(val);
}

/* Mark the loader modules that the domains under @parent name. */
static void mark_used(const void *fdt, int parent, struct boot_info *bi)
{
    int dom, sub;
    int64_t idx;

    fdt_for_each_subnode(dom, fdt, parent)
    {
        if ( !hl_node_is(fdt, dom, "xen,domain") )
            continue;
        fdt_for_each_subnode(sub, fdt, dom)
        {
            if ( !hl_is_module_node(fdt, sub) )
                continue;
            idx = named_index(fdt, sub);
            if ( idx >= 0 && idx < bi->nr_loader_mods )
                bi->loader_mods[idx].used = true;
        }
    }
}

/* Where a used node lies and its command line; its errors are reported. */
static int read_used(const void *fdt, int chosen, struct loader_module *lm)
{
    const void *val;
    int len;

    if ( hl_module_reg(fdt, lm->node, chosen, &lm->start, &lm->size) )
        return -EINVAL;
    val = fdt_getprop(fdt, lm->node, "bootargs", &len);
    if ( val &&
         hl_prop_string(fdt, lm->node, "bootargs", val, len, &lm->cmdline) )
        return -EINVAL;
    return 0;
}

int hl_chosen_loader_list(const void *fdt, int chosen, int domains_parent,
                          struct boot_info *bi)
{
    int sub, n = 0, i, rc = 0;

    if ( !bi->chosen_loader_mods )
        return 0;
    fdt_for_each_subnode(sub, fdt, chosen)
    {
        if ( sub == domains_parent || hl_node_is(fdt, sub, "xen,domain") ||
             !hl_is_module_node(fdt, sub) )
            continue;
        if ( n == HL_MAX_LOADER_MODS )
        {
            hl_error(fdt, sub, NULL, "more than %u module nodes under /chosen",
                     HL_MAX_LOADER_MODS);
            return -E2BIG;
        }
        memset(&bi->loader_mods[n], 0, sizeof(bi->loader_mods[n]));
        bi->loader_mods[n++].node = sub;
    }
    if ( !n )
        return 0; /* no list here: as the environment set it */
    bi->nr_loader_mods = n;
    mark_used(fdt, domains_parent, bi);
    for ( i = 0; i < n; i++ )
        if ( bi->loader_mods[i].used &&
             read_used(fdt, chosen, &bi->loader_mods[i]) )
            rc = -EINVAL;
    return rc;
}

int hl_loader_index(const struct boot_info *bi, int node)
{
    int i;

    for ( i = 0; i < bi->nr_loader_mods; i++ )
        if ( bi->loader_mods[i].node == node )
            return i;
    return -1;
}

bool hl_loader_node_used(const struct boot_info *bi, int node)
{
    int i = hl_loader_index(bi, node);

    return i >= 0 && bi->loader_mods[i].used;
}

void hl_loader_unused_error(const void *fdt, const struct boot_info *bi,
                            int idx, const char *why)
{
    hl_error(fdt, bi->loader_mods[idx].node, "reg",
             "boot loader module %d is used by no domain (%s): a domain's "
             "module node takes it with module-index = <%d>",
             idx, why, idx);
}
