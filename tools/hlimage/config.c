/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hlimage -c FILE: an ImageBuilder-style configuration (NUM_DOMUS,
 * DOMU_KERNEL[n], ...) as the input, turned into the Hyperlaunch DT that
 * names the same files, which then goes through the usual steps.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hlimage.h"

#define CONFIG_LINE_MAX 4096
#define DOMU_DEFAULT_MEM_MB 512
#define DOMU_DEFAULT_CMD "console=ttyAMA0"
#define FDT_ROOM (128u << 10)

/* Warn once per variable that means nothing here. */
static void unknown(const char *file, unsigned int line, const char *name)
{
    char msg[160];

    snprintf(msg, sizeof(msg), "%s:%u: %s: not used by hlimage, ignored", file,
             line, name);
    if ( !hl_quiet )
        fprintf(stderr, "warning: %s\n", msg);
    hl_tool_keep(false, NULL, NULL, msg);
}

/* The value after '=': "quoted", 'quoted' or a bare word; NULL if bad. */
static char *value_of(char *p, const char **why)
{
    char q = *p, *end;

    if ( q == '"' || q == '\'' )
    {
        end = strchr(p + 1, q);
        if ( !end )
        {
            *why = "unterminated quote";
            return NULL;
        }
        *end = '\0';
        p++;
        end++;
    }
    else
    {
        end = p + strcspn(p, " \t#");
        if ( *end )
            *end++ = '\0';
    }
    end += strspn(end, " \t");
    if ( *end && *end != '#' )
    {
        *why = "more than one value (quote it)";
        return NULL;
    }
    if ( q != '\'' && strpbrk(p, "$`\\") )
    {
        *why = "shell expansion ($, `, \\) is not supported: write the value "
               "out";
        return NULL;
    }
    return p;
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;

    if ( *s < '0' || *s > '9' )
        return -EINVAL;
    *v = strtoull(s, &end, 0);
    return *end ? -EINVAL : 0;
}

static char **domu_slot(struct hl_config *c, const char *name, unsigned int i)
{
    static const struct {
        const char *name;
        size_t off;
    } fields[] = {
        { "DOMU_KERNEL", offsetof(struct hl_config_domu, kernel) },
        { "DOMU_RAMDISK", offsetof(struct hl_config_domu, ramdisk) },
        { "DOMU_CMD", offsetof(struct hl_config_domu, cmd) },
        { "DOMU_PASSTHROUGH_DTB", offsetof(struct hl_config_domu, dtb) },
        { "DOMU_NAME", offsetof(struct hl_config_domu, name) },
        { "DOMU_MEM", offsetof(struct hl_config_domu, mem) },
        { "DOMU_VCPUS", offsetof(struct hl_config_domu, vcpus) },
    };
    unsigned int k;

    for ( k = 0; k < ARRAY_SIZE(fields); k++ )
        if ( !strcmp(name, fields[k].name) )
            return (char **)((char *)&c->domu[i] + fields[k].off);
    return NULL;
}

static char **global_slot(struct hl_config *c, const char *name)
{
    static const struct {
        const char *name;
        size_t off;
    } fields[] = {
        { "XEN", offsetof(struct hl_config, xen) },
        { "XEN_CMD", offsetof(struct hl_config, xen_cmd) },
        { "DEVICE_TREE", offsetof(struct hl_config, device_tree) },
        { "MEMORY_START", offsetof(struct hl_config, memory_start) },
        { "MEMORY_END", offsetof(struct hl_config, memory_end) },
        { "LOAD_CMD", offsetof(struct hl_config, load_cmd) },
        { "UBOOT_SOURCE", offsetof(struct hl_config, uboot_source) },
        { "UBOOT_SCRIPT", offsetof(struct hl_config, uboot_script) },
        { "NUM_DOMUS", offsetof(struct hl_config, num_domus) },
        { "DOM0_KERNEL", offsetof(struct hl_config, dom0_kernel) },
        { "DOM0_RAMDISK", offsetof(struct hl_config, dom0_ramdisk) },
        { "DOM0_CMD", offsetof(struct hl_config, dom0_cmd) },
    };
    unsigned int k;

    for ( k = 0; k < ARRAY_SIZE(fields); k++ )
        if ( !strcmp(name, fields[k].name) )
            return (char **)((char *)c + fields[k].off);
    return NULL;
}

/* One NAME=VALUE or NAME[i]=VALUE line; -EINVAL with *@why set. */
static int parse_line(struct hl_config *c, char *p, const char **why,
                      const char *file, unsigned int line)
{
    char *name = p, *eq = strchr(p, '='), *br, *val, **slot;
    unsigned long i = 0;

    if ( !eq )
    {
        *why = "expected NAME=VALUE";
        return -EINVAL;
    }
    *eq = '\0';
    br = strchr(name, '[');
    if ( br )
    {
        i = strtoul(br + 1, &p, 10);
        if ( p == br + 1 || *p != ']' || p[1] || i >= HL_MAX_DOMAINS )
        {
            *why = "expected NAME[n] with n from 0 to 63";
            return -EINVAL;
        }
        *br = '\0';
    }
    val = value_of(eq + 1, why);
    if ( !val )
        return -EINVAL;
    slot = br ? domu_slot(c, name, (unsigned int)i) : global_slot(c, name);
    if ( !slot )
    {
        unknown(file, line, name);
        return 0;
    }
    free(*slot);
    *slot = strdup(val);
    return *slot ? 0 : -ENOMEM;
}

int hl_config_read(const char *path, struct hl_config *c)
{
    char buf[CONFIG_LINE_MAX], *p;
    const char *why = NULL;
    unsigned int line = 0;
    FILE *f = fopen(path, "r");
    int rc = 0;

    memset(c, 0, sizeof(*c));
    if ( !f )
    {
        hl_tool_error(path, "cannot read it: %s", strerror(errno));
        return -ENOENT;
    }
    while ( fgets(buf, sizeof(buf), f) )
    {
        line++;
        buf[strcspn(buf, "\r\n")] = '\0';
        p = buf + strspn(buf, " \t");
        if ( !*p || *p == '#' )
            continue;
        if ( parse_line(c, p, &why, path, line) )
        {
            hl_tool_error(path, "line %u: %s", line, why ? why : "no memory");
            rc = -EINVAL;
        }
    }
    fclose(f);
    return rc;
}

/* Check the numbers and fill in the defaults. */
static int config_values(const char *path, struct hl_config *c)
{
    uint64_t v;
    unsigned int i;

    if ( !c->num_domus || parse_u64(c->num_domus, &v) || !v ||
         v > HL_MAX_DOMAINS )
    {
        hl_tool_error(path, "NUM_DOMUS: expected 1 to %u", HL_MAX_DOMAINS);
        return -EINVAL;
    }
    c->nr_domus = (unsigned int)v;
    for ( i = 0; i < c->nr_domus; i++ )
    {
        struct hl_config_domu *d = &c->domu[i];

        if ( !d->kernel )
        {
            hl_tool_error(path, "DOMU_KERNEL[%u]: missing", i);
            return -EINVAL;
        }
        d->mem_mb = DOMU_DEFAULT_MEM_MB;
        if ( d->mem && (parse_u64(d->mem, &d->mem_mb) || !d->mem_mb) )
        {
            hl_tool_error(path, "DOMU_MEM[%u]: expected a size in MB", i);
            return -EINVAL;
        }
        v = 1;
        if ( d->vcpus && (parse_u64(d->vcpus, &v) || !v || v > HL_MAX_VCPUS) )
        {
            hl_tool_error(path, "DOMU_VCPUS[%u]: expected 1 to %u", i,
                          HL_MAX_VCPUS);
            return -EINVAL;
        }
        d->nr_vcpus = (uint32_t)v;
    }
    if ( (c->memory_start && parse_u64(c->memory_start, &c->mem_start)) ||
         (c->memory_end && parse_u64(c->memory_end, &c->mem_end)) ||
         (c->memory_end && c->mem_end <= c->mem_start) )
    {
        hl_tool_error(path, "MEMORY_START/MEMORY_END: expected addresses, "
                            "the end above the start");
        return -EINVAL;
    }
    return 0;
}

static int set_str(void *fdt, int node, const char *name, const char *val)
{
    return fdt_setprop(fdt, node, name, val, (int)strlen(val) + 1);
}

static int module_node(void *fdt, int parent, const char *name,
                       const char *kind, const char *file, const char *args)
{
    char compat[64];
    int len = snprintf(compat, sizeof(compat), "%s%c%s", kind, '\0',
                       "multiboot,module");
    int node = fdt_add_subnode(fdt, parent, name);

    /* Each new property goes first: the last one first. */
    if ( node < 0 || (args && set_str(fdt, node, "bootargs", args)) ||
         set_str(fdt, node, HLIMAGE_FILE_PROP, file) ||
         fdt_setprop(fdt, node, "compatible", compat, len + 1) )
        return -ENOSPC;
    return 0;
}

static int cells(void *fdt, int node)
{
    return fdt_setprop_u32(fdt, node, "#size-cells", 2) ||
                   fdt_setprop_u32(fdt, node, "#address-cells", 2)
               ? -ENOSPC
               : 0;
}

static int domu_node(void *fdt, int parent, const struct hl_config_domu *d,
                     unsigned int i)
{
    char name[HL_NAME_LEN];
    uint64_t kib = d->mem_mb << 10;
    int node, rc;

    snprintf(name, sizeof(name), "%s", d->name ? d->name : "");
    if ( !d->name )
        snprintf(name, sizeof(name), "domU%u", i);
    node = fdt_add_subnode(fdt, parent, name);
    if ( node < 0 )
        return node == -FDT_ERR_EXISTS ? -EEXIST : -ENOSPC;
    /* Each new property goes first: the last one first. */
    rc = (hl_target == HL_TARGET_ARM64
              ? fdt_setprop_empty(fdt, node, "vpl011")
              : 0) ?:
         fdt_setprop_u32(fdt, node, "cpus", d->nr_vcpus) ?:
         fdt_setprop_u64(fdt, node, "memory", kib) ?: cells(fdt, node) ?:
         set_str(fdt, node, "compatible", "xen,domain");
    /* libfdt adds a node before its siblings: the last one first. */
    if ( !rc && d->dtb )
        rc = module_node(fdt, node, "device-tree", "multiboot,device-tree",
                         d->dtb, NULL);
    if ( !rc && d->ramdisk )
        rc = module_node(fdt, node, "ramdisk", "multiboot,ramdisk", d->ramdisk,
                         NULL);
    rc = rc
             ?: module_node(fdt, node, "kernel", "multiboot,kernel", d->kernel,
                            d->cmd ? d->cmd : DOMU_DEFAULT_CMD);
    return rc ? -ENOSPC : 0;
}

/* /chosen (arm64) or /chosen/hypervisor (x86_64): where domains go. */
static int domains_parent(void *fdt)
{
    int chosen = fdt_subnode_offset(fdt, 0, "chosen"), hv;

    if ( chosen < 0 )
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    if ( chosen < 0 || hl_target == HL_TARGET_ARM64 )
        return chosen;
    hv = fdt_subnode_offset(fdt, chosen, "hypervisor");
    if ( hv < 0 )
        hv = fdt_add_subnode(fdt, chosen, "hypervisor");
    if ( hv >= 0 && set_str(fdt, hv, "compatible", "hypervisor,xen") )
        return -FDT_ERR_NOSPACE;
    return hv;
}

static int add_dom0(void *fdt, const struct hl_config *c, int chosen)
{
    int rc = cells(fdt, chosen);

    if ( !rc && c->dom0_ramdisk )
        rc = module_node(fdt, chosen, "dom0-ramdisk", "multiboot,ramdisk",
                         c->dom0_ramdisk, NULL);
    rc = rc
             ?: module_node(fdt, chosen, "dom0-kernel", "multiboot,kernel",
                            c->dom0_kernel, NULL);
    if ( !rc && c->dom0_cmd )
        rc = set_str(fdt, chosen, "xen,dom0-bootargs", c->dom0_cmd) ? -ENOSPC
                                                                    : 0;
    return rc;
}

/* The board's tree (DEVICE_TREE), or an empty one, with room to grow. */
static void *base_tree(const char *cfg, const struct hl_config *c,
                       size_t *size)
{
    char *path = c->device_tree ? hl_path_join(c->dir, c->device_tree) : NULL;
    void *raw = NULL, *fdt;
    size_t n = 0;
    int bufsize;

    if ( path )
    {
        raw = hl_load_fdt(path, &n);
        free(path);
        if ( !raw )
            return NULL;
        if ( n < sizeof(struct fdt_header) || fdt_check_header(raw) )
        {
            hl_tool_error(cfg, "DEVICE_TREE %s: not a device tree blob",
                          c->device_tree);
            free(raw);
            return NULL;
        }
    }
    bufsize = (int)(raw ? fdt_totalsize(raw) : 0) + (int)FDT_ROOM +
              (int)(c->nr_domus * 1024);
    fdt = malloc((size_t)bufsize);
    if ( fdt && (raw ? fdt_open_into(raw, fdt, bufsize)
                     : fdt_create_empty_tree(fdt, bufsize)) )
    {
        free(fdt);
        fdt = NULL;
    }
    free(raw);
    *size = (size_t)bufsize;
    return fdt;
}

void *hl_config_fdt(const char *path, struct hl_config *c)
{
    size_t size;
    void *fdt;
    unsigned int i;
    int parent, rc;

    if ( config_values(path, c) )
        return NULL;
    fdt = base_tree(path, c, &size);
    if ( !fdt )
        return NULL;
    parent = domains_parent(fdt);
    rc = parent < 0 ? -ENOSPC : 0;
    if ( !rc && c->xen_cmd && hl_target == HL_TARGET_ARM64 )
        rc = set_str(fdt, fdt_path_offset(fdt, "/chosen"), "xen,xen-bootargs",
                     c->xen_cmd)
                 ? -ENOSPC
                 : 0;
    if ( !rc && c->dom0_kernel )
        rc = add_dom0(fdt, c, fdt_path_offset(fdt, "/chosen"));
    /* The last first: each new node goes before its siblings. */
    for ( i = c->nr_domus; i-- > 0 && !rc; )
    {
        rc = domu_node(fdt, parent, &c->domu[i], i);
        if ( rc == -EEXIST )
            hl_tool_error(path, "DOMU_NAME[%u]: a second node of that name",
                          i);
    }
    if ( rc )
    {
        if ( rc != -EEXIST )
            hl_tool_error(path, "cannot build the device tree (%s)",
                          strerror(-rc));
        free(fdt);
        return NULL;
    }
    return fdt;
}
