/* SPDX-License-Identifier: GPL-2.0-only */
/* Devices of a partial device tree: MMIO, SPIs and guest DT nodes. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/irq.h>
#include <asm/passthrough.h>
#include <libfdt.h>

#define PT_PAGE 0x1000ULL
#define DT_MAX_DEPTH 8

unsigned int passthrough_nr_spis(const struct boot_domain *bd)
{
    unsigned int i, j, nr = 0;

    for ( i = 0; i < bd->nr_pt_devs; i++ )
        for ( j = 0; j < bd->pt_devs[i].nr_irqs; j++ )
            nr = MAX(nr, bd->pt_devs[i].irqs[j] - 32 + 1);
    return nr;
}

/* The pages holding [@r->host, +@r->size), at the same offset in the guest. */
static int map_reg(struct domain *d, const struct hl_pt_reg *r)
{
    paddr_t h = r->host & ~(PT_PAGE - 1), g = r->guest & ~(PT_PAGE - 1);
    paddr_t end = ROUNDUP(r->host + r->size, PT_PAGE), pa;
    int rc = 0;

    /* Page by page: two ranges of one device may share a page. */
    for ( ; h < end && !rc; h += PT_PAGE, g += PT_PAGE )
    {
        rc = p2m_map_mmio(&d->arch.p2m, g, h, PT_PAGE);
        if ( rc == -EEXIST &&
             !pt_lookup(&d->arch.p2m.pt, g, &pa, NULL, NULL) && pa == h )
            rc = 0;
    }
    return rc;
}

static int build_device(struct domain *d, const struct hl_pt_dev *dev)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < dev->nr_regs && !rc; i++ )
    {
        rc = map_reg(d, &dev->regs[i]);
        if ( !rc )
            printk("d%u: %s: MMIO %#llx-%#llx at guest %#llx\n", d->domid,
                   dev->path, (unsigned long long)dev->regs[i].host,
                   (unsigned long long)(dev->regs[i].host + dev->regs[i].size),
                   (unsigned long long)dev->regs[i].guest);
    }
    for ( i = 0; i < dev->nr_irqs && !rc; i++ )
    {
        rc = irq_route_to_guest(d, dev->irqs[i]);
        if ( !rc )
            printk("d%u: %s: SPI %u (INTID %u) routed to the domain\n",
                   d->domid, dev->path, dev->irqs[i] - 32, dev->irqs[i]);
    }
    if ( rc )
        printk("ERROR: d%u: cannot give it %s (%d)\n", d->domid, dev->path,
               rc);
    return rc;
}

int passthrough_domain_build(struct domain *d, const struct boot_domain *bd)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < bd->nr_pt_devs && !rc; i++ )
        rc = build_device(d, &bd->pt_devs[i]);
    return rc;
}

void passthrough_domain_destroy(struct domain *d)
{
    irq_release_domain(d);
}

/* The phandle of the partial DT's /gic placeholder, or 0. */
static uint32_t gic_placeholder(const void *pfdt)
{
    int gic = fdt_path_offset(pfdt, "/gic");

    return gic < 0 ? 0 : fdt_get_phandle(pfdt, gic);
}

/* Properties of @node for the guest: not xen,*, the GIC phandle fixed. */
static int copy_props(void *fdt, const void *pfdt, int node, uint32_t gic)
{
    const char *name;
    const void *val;
    int prop, len, rc = 0;

    fdt_for_each_property_offset(prop, pfdt, node)
    {
        val = fdt_getprop_by_offset(pfdt, prop, &name, &len);
        if ( !val || !strncmp(name, "xen,", 4) )
            continue;
        if ( !strcmp(name, "interrupt-parent") && len == 4 &&
             fdt32_ld(val) == gic )
            rc = fdt_property_u32(fdt, name, GUEST_PHANDLE_GIC);
        else
            rc = fdt_property(fdt, name, val, len);
        if ( rc )
            return rc;
    }
    return 0;
}

static int copy_node(void *fdt, const void *pfdt, int node, uint32_t gic,
                     int depth)
{
    const char *name = fdt_get_name(pfdt, node, NULL);
    int sub, rc;

    if ( !name || depth > DT_MAX_DEPTH )
        return -FDT_ERR_BADSTRUCTURE;
    rc = fdt_begin_node(fdt, name);
    rc = rc ?: copy_props(fdt, pfdt, node, gic);
    fdt_for_each_subnode(sub, pfdt, node)
    {
        if ( rc )
            break;
        rc = copy_node(fdt, pfdt, sub, gic, depth + 1);
    }
    return rc ?: fdt_end_node(fdt);
}

int passthrough_guest_dt(void *fdt, const struct domain *d)
{
    static const char *const copied[] = { "/aliases", "/passthrough" };
    const void *pfdt = d->bd->pfdt;
    unsigned int i;
    int node, rc = 0;

    if ( !pfdt )
        return 0;
    for ( i = 0; i < ARRAY_SIZE(copied) && !rc; i++ )
    {
        node = fdt_path_offset(pfdt, copied[i]);
        if ( node >= 0 )
            rc = copy_node(fdt, pfdt, node, gic_placeholder(pfdt), 0);
    }
    return rc;
}
