/* SPDX-License-Identifier: GPL-2.0-only */
/* Module nodes: kind from 'compatible', location from 'reg' or 'module-index'. */
#include "private.h"

static const struct {
    const char *compat;
    boot_module_kind kind;
} module_kinds[] = {
    { "multiboot,kernel", BOOTMOD_KERNEL },
    { "module,kernel", BOOTMOD_KERNEL },
    { "xen,linux-zimage", BOOTMOD_KERNEL },
    { "multiboot,ramdisk", BOOTMOD_RAMDISK },
    { "module,ramdisk", BOOTMOD_RAMDISK },
    { "xen,linux-initrd", BOOTMOD_RAMDISK },
    { "multiboot,device-tree", BOOTMOD_GUEST_DTB },
    { "module,device-tree", BOOTMOD_GUEST_DTB },
    { "xen,xsm-policy", BOOTMOD_XSM_POLICY },
    { "module,xsm-policy", BOOTMOD_XSM_POLICY },
    { "multiboot,microcode", BOOTMOD_MICROCODE },
    { "module,microcode", BOOTMOD_MICROCODE },
};

static const char *const generic_compats[] = {
    "multiboot,module",
    "xen,multiboot-module",
};

static bool has_generic(const void *fdt, int node)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(generic_compats); i++ )
        if ( hl_node_is(fdt, node, generic_compats[i]) )
            return true;
    return false;
}

static boot_module_kind node_kind(const void *fdt, int node)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(module_kinds); i++ )
        if ( hl_node_is(fdt, node, module_kinds[i].compat) )
            return module_kinds[i].kind;
    return BOOTMOD_UNKNOWN;
}

bool hl_is_module_node(const void *fdt, int node)
{
    return has_generic(fdt, node) || node_kind(fdt, node) != BOOTMOD_UNKNOWN;
}

/*
 * 'reg' in the cells of @parent, the node holding @node (known to the
 * caller: libfdt finds a parent only by walking the tree from its root,
 * which for every module of a large tree would cost its size again).
 */
int hl_module_reg(const void *fdt, int node, int parent, paddr_t *start,
                  paddr_t *size)
{
    uint32_t ac, sc, i;
    const fdt32_t *cell;
    uint64_t v[2] = { 0, 0 };
    int len;

    if ( hl_parent_cells(fdt, parent, &ac, &sc) )
        return -EINVAL;
    cell = fdt_getprop(fdt, node, "reg", &len);
    if ( len != (int)((ac + sc) * 4) )
    {
        hl_error(fdt, node, "reg",
                 "must be one <address size> pair of %u+%u cells, found %d "
                 "bytes",
                 ac, sc, len);
        return -EINVAL;
    }
    for ( i = 0; i < ac + sc; i++ )
        v[i >= ac] = (v[i >= ac] << 32) | fdt32_ld(&cell[i]);
    if ( v[1] == 0 || v[0] + v[1] < v[0] )
    {
        hl_error(fdt, node, "reg", "%s range %#llx+%#llx",
                 v[1] ? "wrapping" : "empty", (unsigned long long)v[0],
                 (unsigned long long)v[1]);
        return -EINVAL;
    }
    *start = v[0];
    *size = v[1];
    return 0;
}

static int read_index(const void *fdt, int node, const struct boot_info *bi,
                      struct boot_module *mod)
{
    const void *val;
    uint32_t idx;
    int len;

    val = fdt_getprop(fdt, node, "module-index", &len);
    if ( hl_prop_u32(fdt, node, "module-index", val, len, &idx) )
        return -EINVAL;
    if ( bi->nr_loader_mods == 0 )
    {
        hl_error(fdt, node, "module-index",
                 bi->chosen_loader_mods
                     ? "no module nodes under /chosen to count in (load "
                       "the module with GRUB's xen_module), or locate the "
                       "module with 'reg'"
                     : "no boot loader module list here: locate the "
                       "module with 'reg'");
        return -EINVAL;
    }
    if ( bi->nr_loader_mods > 0 && idx >= (uint32_t)bi->nr_loader_mods )
    {
        hl_error(fdt, node, "module-index",
                 "%u is out of range: the boot loader passed %d module%s", idx,
                 bi->nr_loader_mods, bi->nr_loader_mods == 1 ? "" : "s");
        return -EINVAL;
    }
    mod->mb_index = (int)idx;
    if ( bi->nr_loader_mods >= 0 )
    {
        mod->start = bi->loader_mods[idx].start;
        mod->size = bi->loader_mods[idx].size;
        /* The loader's command line, unless the node has 'bootargs'. */
        if ( bi->loader_mods[idx].node )
            mod->cmdline = bi->loader_mods[idx].cmdline;
    }
    return 0;
}

static int read_location(const void *fdt, int node, int parent,
                         const struct boot_info *bi, struct boot_module *mod)
{
    bool has_reg = fdt_getprop(fdt, node, "reg", NULL) != NULL;
    bool has_index = fdt_getprop(fdt, node, "module-index", NULL) != NULL;

    if ( has_reg && has_index )
    {
        hl_error(fdt, node, "module-index",
                 "'reg' and 'module-index' exclude each other");
        return -EINVAL;
    }
    if ( has_index )
        return read_index(fdt, node, bi, mod);
    if ( has_reg )
        return hl_module_reg(fdt, node, parent, &mod->start, &mod->size);
    hl_error(fdt, node, "reg",
             "required property missing (or 'module-index')");
    return -EINVAL;
}

/* hyperlaunch,sha256 = "<64 hex digits>": what the image must hash to. */
static int read_expected_digest(const void *fdt, int node, const void *val,
                                int len, struct boot_module *mod)
{
    const char *s;
    int i;

    if ( hl_prop_string(fdt, node, "hyperlaunch,sha256", val, len, &s) )
        return -EINVAL;
    for ( i = 0; s[i]; i++ )
        if ( !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
               (s[i] >= 'A' && s[i] <= 'F')) )
            break;
    if ( i != 64 || s[i] )
    {
        hl_error(fdt, node, "hyperlaunch,sha256",
                 "must be 64 hexadecimal digits (a SHA-256 digest)");
        return -EINVAL;
    }
    mod->expected_sha256 = s;
    return 0;
}

static int read_other_props(const void *fdt, int node, struct boot_info *bi,
                            struct boot_module *mod)
{
    const char *name;
    const void *val;
    int prop, len, rc = 0;

    fdt_for_each_property_offset(prop, fdt, node)
    {
        val = fdt_getprop_by_offset(fdt, prop, &name, &len);
        if ( !val || !strcmp(name, "compatible") || !strcmp(name, "reg") ||
             !strcmp(name, "module-index") )
            continue;
        if ( !strcmp(name, "bootargs") )
        {
            if ( hl_prop_string(fdt, node, name, val, len, &mod->cmdline) )
                rc = -EINVAL;
        }
        else if ( !strcmp(name, "hyperlaunch,sha256") )
        {
            if ( read_expected_digest(fdt, node, val, len, mod) )
                rc = -EINVAL;
        }
        else if ( !strcmp(name, "xen,uefi-binary") )
            hl_pending(bi, node, name, "loading modules through UEFI");
        else
            hl_warn(fdt, node, name, "unknown property ignored");
    }
    return rc;
}

/*
 * Parse the module node @node, a child of @parent.  @bd is the owning
 * domain, or NULL for a module directly under /chosen.  Returns the new
 * module, its kind possibly BOOTMOD_UNKNOWN (placed by position by the
 * caller), or NULL after reporting an error.
 */
struct boot_module *hl_parse_module(const void *fdt, int node, int parent,
                                    struct boot_info *bi,
                                    struct boot_domain *bd)
{
    struct boot_module *mod;
    int rc;

    if ( !has_generic(fdt, node) )
    {
        hl_error(fdt, node, "compatible",
                 "a module node must also list \"multiboot,module\"");
        return NULL;
    }
    if ( bi->nr_mods >= HL_MAX_MODULES )
    {
        hl_error(fdt, node, NULL, "more than %u modules", HL_MAX_MODULES);
        return NULL;
    }
    mod = &bi->mods[bi->nr_mods];
    memset(mod, 0, sizeof(*mod));
    mod->node = node;
    mod->mb_index = -1;
    mod->owner = bd;
    mod->kind = node_kind(fdt, node);
    rc = read_location(fdt, node, parent, bi, mod);
    rc = read_other_props(fdt, node, bi, mod) ?: rc;
    if ( rc )
        return NULL;
    bi->nr_mods++;
    return mod;
}

/*
 * The slot of @bd that @mod fills: kernel, ramdisk or partial DT, or NULL
 * for kinds a domain does not hold.  Unlabelled modules are placed by
 * position: the first is the kernel, the next the ramdisk.
 */
struct boot_module **hl_module_slot(struct boot_domain *bd,
                                    struct boot_module *mod)
{
    if ( mod->kind == BOOTMOD_UNKNOWN )
        mod->kind = bd->kernel ? BOOTMOD_RAMDISK : BOOTMOD_KERNEL;
    switch ( mod->kind )
    {
    case BOOTMOD_KERNEL:
        return &bd->kernel;
    case BOOTMOD_RAMDISK:
        return &bd->ramdisk;
    case BOOTMOD_GUEST_DTB:
        return &bd->dtb;
    default:
        return NULL;
    }
}

const char *hl_module_where(const struct boot_module *m)
{
    return m->mb_index >= 0 ? "module-index" : "reg";
}

void hl_module_overlap_error(const void *fdt, const struct boot_module *m,
                             const char *what, paddr_t start, paddr_t size)
{
    hl_error(fdt, m->node, hl_module_where(m),
             "[%#llx, %#llx) overlaps %s [%#llx, %#llx)",
             (unsigned long long)m->start,
             (unsigned long long)(m->start + m->size), what,
             (unsigned long long)start, (unsigned long long)(start + size));
}
