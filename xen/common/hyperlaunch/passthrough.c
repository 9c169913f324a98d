/* SPDX-License-Identifier: GPL-2.0-only */
/* Partial device trees: the devices a domain gets, checked against the host. */
#include "private.h"

#define PAGE_MASK_4K 0xfffULL
#define GIC_SPI_BASE 32U

struct pt_ctx {
    const void *fdt;  /* the host DT */
    const void *pfdt; /* the partial DT */
    struct boot_info *bi;
    struct boot_domain *bd;
    struct hl_pt_dev *dev;
    uint32_t ac, sc; /* cells of 'xen,reg' numbers: the partial DT root's */
};

static uint64_t read_number(const fdt32_t *p, uint32_t cells)
{
    uint64_t v = 0;

    while ( cells-- )
        v = (v << 32) | fdt32_to_cpu(*p++);
    return v;
}

/* Whether [@s, +@n) lies inside one entry of host node @node's "reg". */
static bool in_host_reg(const void *fdt, int node, paddr_t s, paddr_t n)
{
    uint32_t ac, sc;
    const fdt32_t *reg;
    int len;

    if ( hl_parent_cells(fdt, fdt_parent_offset(fdt, node), &ac, &sc) ||
         ac > 2 || sc > 2 )
        return false;
    reg = fdt_getprop(fdt, node, "reg", &len);
    for ( ; reg && len >= (int)((ac + sc) * 4);
          len -= (int)((ac + sc) * 4), reg += ac + sc )
    {
        paddr_t a = read_number(reg, ac), z = read_number(reg + ac, sc);

        if ( s >= a && s - a <= z && n <= z - (s - a) )
            return true;
    }
    return false;
}

/* 'xen,reg': (host address, size, guest address) triples. */
static int read_xen_reg(struct pt_ctx *c)
{
    struct hl_pt_dev *dev = c->dev;
    uint32_t entry = (2 * c->ac + c->sc) * 4;
    const fdt32_t *p;
    int len;

    p = fdt_getprop(c->pfdt, dev->node, "xen,reg", &len);
    if ( !p )
        return 0;
    if ( len <= 0 || (uint32_t)len % entry ||
         (uint32_t)len / entry > HL_MAX_PT_REGS )
    {
        hl_error(c->pfdt, dev->node, "xen,reg",
                 "%d bytes: expected 1 to %u (host address, size, guest "
                 "address) entries of %u, %u and %u cells",
                 len, HL_MAX_PT_REGS, c->ac, c->sc, c->ac);
        return -EINVAL;
    }
    for ( ; len > 0; len -= (int)entry, p += 2 * c->ac + c->sc )
    {
        struct hl_pt_reg *r = &dev->regs[dev->nr_regs++];

        r->host = read_number(p, c->ac);
        r->size = read_number(p + c->ac, c->sc);
        r->guest = read_number(p + c->ac + c->sc, c->ac);
        /* Mapped in whole pages: both ends need the same page offset. */
        if ( !r->size || (r->host ^ r->guest) & PAGE_MASK_4K ||
             r->host + r->size < r->host || r->guest + r->size < r->guest )
        {
            hl_error(c->pfdt, dev->node, "xen,reg",
                     "%#llx+%#llx at guest %#llx: must be non-empty, with "
                     "the same offset in a 4 KiB page at both addresses",
                     (unsigned long long)r->host, (unsigned long long)r->size,
                     (unsigned long long)r->guest);
            return -EINVAL;
        }
    }
    return 0;
}

/* The (type, number, flags) interrupt specifiers of @node, as INTIDs. */
static int read_irqs(const void *fdt, int node, uint32_t *irqs,
                     unsigned int max, unsigned int *nr, bool report)
{
    const fdt32_t *p;
    int len;

    *nr = 0;
    p = fdt_getprop(fdt, node, "interrupts", &len);
    if ( !p )
        return 0;
    if ( len <= 0 || len % 12 || (unsigned int)len / 12 > max )
    {
        if ( report )
            hl_error(fdt, node, "interrupts",
                     "%d bytes: expected 1 to %u GIC specifiers of 3 cells",
                     len, max);
        return -EINVAL;
    }
    for ( ; len > 0; len -= 12, p += 3 )
    {
        if ( fdt32_to_cpu(p[0]) != 0 || fdt32_to_cpu(p[1]) > 987 )
        {
            if ( report )
                hl_error(fdt, node, "interrupts",
                         "<%u %u %u>: only SPIs (type 0, number 0-987) can be "
                         "given to a domain",
                         fdt32_to_cpu(p[0]), fdt32_to_cpu(p[1]),
                         fdt32_to_cpu(p[2]));
            return -EINVAL;
        }
        irqs[(*nr)++] = fdt32_to_cpu(p[1]) + GIC_SPI_BASE;
    }
    return 0;
}

/* Each interrupt of the device must be one the host node has. */
static int check_irqs_on_host(struct pt_ctx *c)
{
    uint32_t host[64];
    unsigned int nr_host, i, j;

    for ( i = 0; i < c->dev->nr_irqs; i++ )
        if ( c->dev->irqs[i] == GIC_SPI_BASE &&
             (c->bd->flags & (BD_VPL011 | BD_IS_DOM0)) )
        {
            hl_error(c->pfdt, c->dev->node, "interrupts",
                     "SPI 0 is the domain's vPL011 interrupt");
            return -EINVAL;
        }
        else if ( c->dev->irqs[i] == GIC_SPI_BASE + 1 &&
                  (c->bd->flags & BD_WATCHDOG) )
        {
            hl_error(c->pfdt, c->dev->node, "interrupts",
                     "SPI 1 is the domain's virtual watchdog interrupt");
            return -EINVAL;
        }
    if ( read_irqs(c->fdt, c->dev->host_node, host, ARRAY_SIZE(host), &nr_host,
                   false) )
        nr_host = 0;
    for ( i = 0; i < c->dev->nr_irqs; i++ )
    {
        for ( j = 0; j < nr_host && host[j] != c->dev->irqs[i]; j++ )
            ;
        if ( j == nr_host )
        {
            hl_error(c->pfdt, c->dev->node, "interrupts",
                     "SPI %u (INTID %u) is not an interrupt of host node %s",
                     c->dev->irqs[i] - GIC_SPI_BASE, c->dev->irqs[i],
                     c->dev->path);
            return -EINVAL;
        }
    }
    return 0;
}

/* A host node the hypervisor keeps for itself cannot be given away. */
static bool host_node_reserved(const void *fdt, int node)
{
    int chosen = fdt_path_offset(fdt, "/chosen"), len;
    const char *out =
        chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;
    char path[128];

    if ( fdt_getprop(fdt, node, "interrupt-controller", NULL) ||
         hl_node_is(fdt, node, "arm,armv8-timer") )
        return true;
    if ( !out || len <= 0 || fdt_get_path(fdt, node, path, sizeof(path)) )
        return false;
    /* stdout-path: a path or an alias, then ":options". */
    return !strncmp(out, path, strlen(path)) &&
           (out[strlen(path)] == '\0' || out[strlen(path)] == ':');
}

/* 'xen,path', and what the device asks for checked against that node. */
static int check_host_node(struct pt_ctx *c)
{
    struct hl_pt_dev *dev = c->dev;
    unsigned int i;
    int len;

    dev->path = fdt_getprop(c->pfdt, dev->node, "xen,path", &len);
    if ( !dev->path || len < 2 || dev->path[len - 1] ||
         strlen(dev->path) != (size_t)len - 1 )
    {
        hl_error(c->pfdt, dev->node, "xen,path",
                 dev->path ? "must be one host DT path"
                           : "missing: which "
                             "host node is it?");
        return -EINVAL;
    }
    dev->host_node = fdt_path_offset(c->fdt, dev->path);
    if ( dev->host_node < 0 )
    {
        hl_error(c->pfdt, dev->node, "xen,path",
                 "\"%s\": no such node in the host device tree", dev->path);
        return -EINVAL;
    }
    if ( host_node_reserved(c->fdt, dev->host_node) )
    {
        hl_error(c->pfdt, dev->node, "xen,path",
                 "\"%s\" is used by the hypervisor itself", dev->path);
        return -EINVAL;
    }
    for ( i = 0; i < dev->nr_regs; i++ )
        if ( !in_host_reg(c->fdt, dev->host_node, dev->regs[i].host,
                          dev->regs[i].size) )
        {
            hl_error(
                c->pfdt, dev->node, "xen,reg",
                "[%#llx, %#llx) is not within the 'reg' of host node %s",
                (unsigned long long)dev->regs[i].host,
                (unsigned long long)(dev->regs[i].host + dev->regs[i].size),
                dev->path);
            return -EINVAL;
        }
    if ( !fdt_getprop(c->fdt, dev->host_node, "xen,passthrough", NULL) )
        hl_warn(c->fdt, dev->host_node, "xen,passthrough",
                "missing, but the node is given to %s (Xen would also give "
                "it to Dom0)",
                c->bd->name);
    return check_irqs_on_host(c);
}

/* Guest addresses must not land on the domain's RAM or emulated devices. */
static int check_guest_ranges(struct pt_ctx *c)
{
    const struct hl_pt_dev *dev = c->dev;
    const char *what;
    unsigned int i, j;

    for ( i = 0; i < dev->nr_regs; i++ )
    {
        what = arch_guest_region_clash(c->fdt, c->bd, dev->regs[i].guest,
                                       dev->regs[i].size);
        for ( j = 0; !what && j < c->bi->nr_pt_devs - 1; j++ )
        {
            const struct hl_pt_dev *o = &c->bi->pt_devs[j];
            unsigned int k;

            for ( k = 0; o->owner == c->bd && k < o->nr_regs; k++ )
                if ( ranges_overlap(dev->regs[i].guest, dev->regs[i].size,
                                    o->regs[k].guest, o->regs[k].size) )
                    what = "another device's 'xen,reg'";
        }
        if ( what )
        {
            hl_error(
                c->pfdt, dev->node, "xen,reg",
                "guest range [%#llx, %#llx) overlaps %s",
                (unsigned long long)dev->regs[i].guest,
                (unsigned long long)(dev->regs[i].guest + dev->regs[i].size),
                what);
            return -EINVAL;
        }
    }
    return 0;
}

/* Whether device @a and earlier device @b share a host node, MMIO or SPI. */
static const char *shared_with(const struct hl_pt_dev *a,
                               const struct hl_pt_dev *b, const char **prop)
{
    unsigned int i, j;

    *prop = "xen,path";
    if ( a->host_node == b->host_node )
        return "its host node";
    *prop = "xen,reg";
    for ( i = 0; i < a->nr_regs; i++ )
        for ( j = 0; j < b->nr_regs; j++ )
            if ( ranges_overlap(a->regs[i].host, a->regs[i].size,
                                b->regs[j].host, b->regs[j].size) )
                return "host MMIO";
    *prop = "interrupts";
    for ( i = 0; i < a->nr_irqs; i++ )
        for ( j = 0; j < b->nr_irqs; j++ )
            if ( a->irqs[i] == b->irqs[j] )
                return "an interrupt";
    return NULL;
}

static int check_unique(struct pt_ctx *c)
{
    unsigned int j;
    const char *what, *prop;

    for ( j = 0; j < c->bi->nr_pt_devs - 1; j++ )
    {
        const struct hl_pt_dev *o = &c->bi->pt_devs[j];

        what = shared_with(c->dev, o, &prop);
        if ( !what )
            continue;
        hl_error(c->pfdt, c->dev->node, prop,
                 "%s is given to %s already (%s): a device belongs to one "
                 "domain",
                 what, o->owner->name, o->path);
        return -EINVAL;
    }
    return 0;
}

/* One child of /passthrough. */
static int check_device(struct pt_ctx *c, int node)
{
    struct hl_pt_dev *dev;
    bool has_reg = fdt_getprop(c->pfdt, node, "xen,reg", NULL) != NULL;
    bool has_irq = fdt_getprop(c->pfdt, node, "interrupts", NULL) != NULL;

    if ( !has_reg && !has_irq &&
         !fdt_getprop(c->pfdt, node, "xen,path", NULL) )
        return 0; /* copied to the guest as it is, with nothing to map */
    if ( c->bi->nr_pt_devs == HL_MAX_PT_DEVS )
    {
        hl_error(c->pfdt, node, NULL, "more than %u passed-through devices",
                 HL_MAX_PT_DEVS);
        return -ENOSPC;
    }
    dev = c->dev = &c->bi->pt_devs[c->bi->nr_pt_devs++];
    memset(dev, 0, sizeof(*dev));
    dev->owner = c->bd;
    dev->node = node;
    dev->host_node = -1;
    if ( read_xen_reg(c) ||
         read_irqs(c->pfdt, node, dev->irqs, HL_MAX_PT_IRQS, &dev->nr_irqs,
                   true) ||
         check_host_node(c) )
        return -EINVAL;
    if ( !fdt_getprop(c->pfdt, node, "xen,force-assign-without-iommu", NULL) )
    {
        hl_error(c->pfdt, node, "xen,force-assign-without-iommu",
                 "missing: there is no IOMMU, so the device is given only "
                 "when forced (it can DMA anywhere)");
        return -EINVAL;
    }
    return check_guest_ranges(c) ?: check_unique(c);
}

/* The partial DT's blob: a whole FDT within its module. */
static const void *partial_blob(const void *fdt, const struct boot_module *m)
{
    const void *pfdt = hl_module_data(m);

    if ( !pfdt )
    {
        hl_warn(fdt, m->node, "reg",
                "partial device tree not available here: its devices are not "
                "checked");
        return NULL;
    }
    if ( m->size < 40 || fdt_check_header(pfdt) ||
         fdt_totalsize(pfdt) > m->size ||
         fdt_check_full(pfdt, fdt_totalsize(pfdt)) )
    {
        hl_error(fdt, m->node, "reg",
                 "the module is not a valid flattened device tree");
        return NULL;
    }
    return pfdt;
}

static int check_domain_dtb(struct pt_ctx *c)
{
    char scope[160];
    int pt, node, rc = 0;

    if ( fdt_get_path(c->fdt, c->bd->dtb->node, scope, sizeof(scope) - 4) )
        snprintf(scope, sizeof(scope), "%s's device-tree module", c->bd->name);
    snprintf(scope + strlen(scope), 5, " at ");
    if ( hl_parent_cells(c->pfdt, 0, &c->ac, &c->sc) || c->ac > 2 ||
         c->sc > 2 )
        return -EINVAL;
    pt = fdt_path_offset(c->pfdt, "/passthrough");
    if ( pt < 0 )
        return 0;
    hl_diag_scope(scope);
    fdt_for_each_subnode(node, c->pfdt, pt)
        rc = check_device(c, node) ?: rc;
    hl_diag_scope(NULL);
    return rc;
}

int hl_check_passthrough(const void *fdt, struct boot_info *bi)
{
    struct pt_ctx c = { .fdt = fdt, .bi = bi };
    unsigned int i;
    int rc = 0;

    bi->nr_pt_devs = 0;
    for ( i = 0; i < bi->nr_domains; i++ )
    {
        c.bd = &bi->domains[i];
        c.bd->pfdt = NULL;
        c.bd->pt_devs = &bi->pt_devs[bi->nr_pt_devs];
        c.bd->nr_pt_devs = 0;
        if ( !c.bd->dtb )
            continue;
        c.pfdt = partial_blob(fdt, c.bd->dtb);
        if ( !c.pfdt )
        {
            rc = hl_module_data(c.bd->dtb) ? -EINVAL : rc;
            continue;
        }
        if ( check_domain_dtb(&c) )
            rc = -EINVAL;
        else
            c.bd->pfdt = c.pfdt;
        c.bd->nr_pt_devs =
            (unsigned int)(&bi->pt_devs[bi->nr_pt_devs] - c.bd->pt_devs);
    }
    return rc;
}

const struct boot_domain *hl_pt_host_owner(const struct boot_info *bi,
                                           int host_node)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_pt_devs; i++ )
        if ( bi->pt_devs[i].host_node == host_node )
            return bi->pt_devs[i].owner;
    return NULL;
}
