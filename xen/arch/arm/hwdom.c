/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hardware domain: RAM direct-mapped from host RAM the hypervisor does
 * not use, and the host's devices.  A top-level node of the host DT stays
 * in its DT unless the hypervisor keeps or replaces it (/chosen, /cpus,
 * memory, the GIC and its ITS, the timer, PSCI, the console UART), another
 * domain has it (xen,passthrough, a partial DT's xen,path), or it cannot
 * be given as it is (a PCI host bridge; a range over the domain's RAM or
 * emulated devices; a PPI or the vPL011's SPI).  What stays has its 'reg'
 * mapped 1:1 as device memory and its GIC SPIs routed as hardware
 * interrupts.
 */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/hwdom.h>
#include <asm/irq.h>
#include <asm/measure-log.h>
#include <asm/mm.h>
#include <asm/setup.h>
#include <libfdt.h>

#define HW_PAGE 0x1000ULL
#define HW_MAX_DEPTH 8
#define GIC_SPI_TYPE 0
#define VPL011_INTID 32

bool hwdom_is(const struct boot_domain *bd)
{
    return bd->capabilities & DOMAIN_CAPS_HARDWARE;
}

/* ---- RAM ---- */

int hwdom_ram_populate(struct domain *d, const struct boot_domain *bd)
{
    uint64_t size = bd->memory_kib << 10, left;
    unsigned int order = 0;
    paddr_t pa;
    int rc;

    while ( (PAGE_SIZE << order) < size )
        order++;
    if ( alloc_pages(order, &pa) )
    {
        char path[128];

        if ( fdt_get_path(hl_boot_fdt, bd->node, path, sizeof(path)) )
            snprintf(path, sizeof(path), "%s", bd->name);
        printk("ERROR: d%u: %s: property '%s': %sno free host RAM holds %llu "
               "KiB in one piece for the direct-mapped hardware domain\n",
               d->domid, path,
               bd->flags & BD_IS_DOM0 ? "xen,xen-bootargs" : "memory",
               bd->flags & BD_IS_DOM0 ? "dom0_mem=: " : "",
               (unsigned long long)bd->memory_kib);
        return -ENOMEM;
    }
    /* Give back the tail of the power-of-two block, largest pieces first. */
    for ( left = (PAGE_SIZE << order) - size; left; )
    {
        unsigned int o = 0;

        while ( (PAGE_SIZE << (o + 1)) <= left &&
                IS_ALIGNED(pa + size, PAGE_SIZE << (o + 1)) )
            o++;
        BUG_ON(free_pages(pa + size, o));
        size += PAGE_SIZE << o;
        left -= PAGE_SIZE << o;
    }
    size = bd->memory_kib << 10;
    ram_scrub((void *)(uintptr_t)pa, size); /* cleaned: the MMU is off */
    /*
     * On failure p2m_destroy() frees what was mapped; the rest of the
     * block stays allocated (the boot stops, or the restart fails).
     */
    rc = pt_map(&d->arch.p2m.pt, pa, pa, size, PT_RWX | PT_OWNED);
    if ( rc )
        return rc;
    d->arch.ram0_base = pa;
    d->arch.ram0_size = size;
    d->arch.ram1_base = d->arch.ram1_size = 0;
    return 0;
}

/* ---- Which host nodes the domain keeps ---- */

struct host_view {
    const void *fdt;
    int root_ac, root_sc; /* root #address-cells, #size-cells */
    uint32_t gic_ph;      /* phandle of the host GIC */
    int gic, console;
};

static void host_view(struct host_view *h)
{
    const fdt32_t *p;
    paddr_t base;
    int len;

    h->fdt = hl_boot_fdt;
    h->root_ac = fdt_address_cells(h->fdt, 0);
    h->root_sc = fdt_size_cells(h->fdt, 0);
    p = fdt_getprop(h->fdt, 0, "interrupt-parent", &len);
    h->gic_ph = p && len == 4 ? fdt32_ld(p) : 0;
    h->gic = h->gic_ph ? fdt_node_offset_by_phandle(h->fdt, h->gic_ph) : -1;
    h->console = dt_console_node(h->fdt, &base);
}

static bool compatible_any(const void *fdt, int node, const char *const *list,
                           unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        if ( !fdt_node_check_compatible(fdt, node, list[i]) )
            return true;
    return false;
}

/* What the hypervisor keeps or replaces, or NULL. */
static const char *hyp_node(const struct host_view *h, int node)
{
    static const char *const timer[] = { "arm,armv8-timer",
                                         "arm,armv7-timer" };
    static const char *const psci[] = { "arm,psci", "arm,psci-0.2",
                                        "arm,psci-1.0" };
    static const char *const its[] = { "arm,gic-v3-its", "arm,gic-v2m-frame" };
    static const char *const gone[] = { "chosen", "cpus", "aliases",
                                        "__symbols__" };
    const char *name = fdt_get_name(h->fdt, node, NULL);
    const char *type = fdt_getprop(h->fdt, node, "device_type", NULL);
    unsigned int i;

    for ( i = 0; name && i < ARRAY_SIZE(gone); i++ )
        if ( !strcmp(name, gone[i]) )
            return "generated";
    if ( type && !strcmp(type, "memory") )
        return "generated";
    if ( node == h->gic || node == h->console )
        return "the hypervisor's";
    if ( compatible_any(h->fdt, node, timer, ARRAY_SIZE(timer)) ||
         compatible_any(h->fdt, node, psci, ARRAY_SIZE(psci)) ||
         compatible_any(h->fdt, node, its, ARRAY_SIZE(its)) )
        return "the hypervisor's";
    if ( type && !strcmp(type, "pci") )
        return "a PCI host bridge (not given yet)";
    return NULL;
}

/* Reg entry @i of top-level @node: 0, or -ENOENT past the last. */
static int node_reg(const struct host_view *h, int node, int i, paddr_t *base,
                    paddr_t *size)
{
    const fdt32_t *reg;
    int len, n = h->root_ac + h->root_sc, k;

    reg = fdt_getprop(h->fdt, node, "reg", &len);
    if ( !reg || n <= 0 || h->root_ac > 2 || h->root_sc > 2 ||
         (i + 1) * n * 4 > len )
        return -ENOENT;
    reg += i * n;
    *base = *size = 0;
    for ( k = 0; k < h->root_ac; k++ )
        *base = (*base << 32) | fdt32_ld(reg++);
    for ( k = 0; k < h->root_sc; k++ )
        *size = (*size << 32) | fdt32_ld(reg++);
    return 0;
}

/* Whether @node's interrupts go to the host GIC (3-cell specifiers). */
static bool gic_interrupts(const struct host_view *h, int node, int *n)
{
    const fdt32_t *p = fdt_getprop(h->fdt, node, "interrupt-parent", NULL);
    int len;

    if ( !fdt_getprop(h->fdt, node, "interrupts", &len) || !h->gic_ph ||
         (p && fdt32_ld(p) != h->gic_ph) )
        return false;
    *n = len / 12;
    return true;
}

/* Interrupt @i of @node as a host INTID, or 0 for a PPI. */
static unsigned int node_irq(const struct host_view *h, int node, int i)
{
    const fdt32_t *c = fdt_getprop(h->fdt, node, "interrupts", NULL);

    c += i * 3;
    if ( fdt32_ld(c) != GIC_SPI_TYPE )
        return 0;
    return fdt32_ld(c + 1) + 32;
}

/* Why @d cannot have @node as it is, or NULL (then it is handed over). */
static const char *unfit(const struct host_view *h, const struct domain *d,
                         int node)
{
    paddr_t base, size;
    const char *what;
    int i, n = 0;

    for ( i = 0; !node_reg(h, node, i, &base, &size); i++ )
    {
        if ( ranges_overlap(base, size, d->arch.ram0_base,
                            d->arch.ram0_size) ||
             ranges_overlap(base, size, d->arch.ram1_base, d->arch.ram1_size) )
            return "its 'reg' is over the domain's RAM";
        what = arch_guest_region_clash(h->fdt, d->bd, base, size);
        if ( what )
            return "its 'reg' is over an emulated device";
    }
    if ( gic_interrupts(h, node, &n) )
        for ( i = 0; i < n; i++ )
        {
            unsigned int intid = node_irq(h, node, i);

            if ( !intid )
                return "a PPI in 'interrupts'";
            if ( intid == VPL011_INTID || intid >= 1020 )
                return "an SPI the domain's vPL011 or vGIC cannot spare";
        }
    return NULL;
}

/* Whether top-level @node is another domain's (a partial DT names it). */
static bool for_others(const struct host_view *h, int node)
{
    return (hl_boot_bi && hl_pt_host_owner(hl_boot_bi, node)) ||
           fdt_getprop(h->fdt, node, "xen,passthrough", NULL);
}

/* Whether top-level @node goes to @d; @say prints why not, once. */
static bool keeps(const struct host_view *h, const struct domain *d, int node,
                  bool say)
{
    const struct boot_info *bi = hl_boot_bi;
    const struct boot_domain *o;
    const char *why = hyp_node(h, node);
    char path[128];

    if ( why && strcmp(why, "generated") && strcmp(why, "the hypervisor's") &&
         say )
        goto report;
    if ( why )
        return false;
    o = bi ? hl_pt_host_owner(bi, node) : NULL;
    if ( for_others(h, node) )
    {
        if ( say && o )
            printk("d%u: %s stays with %s\n", d->domid,
                   fdt_get_path(h->fdt, node, path, sizeof(path)) ? "a node"
                                                                  : path,
                   o->name);
        return false;
    }
    why = unfit(h, d, node);
    if ( !why )
        return true;
    if ( !say )
        return false;
report:
    printk("d%u: host node %s left out: %s\n", d->domid,
           fdt_get_path(h->fdt, node, path, sizeof(path)) ? "?" : path, why);
    return false;
}

/* ---- Handing the devices over ---- */

unsigned int hwdom_nr_spis(const struct domain *d)
{
    struct host_view h;
    unsigned int nr = 0, intid;
    int node, i, n;

    host_view(&h);
    fdt_for_each_subnode(node, h.fdt, 0)
    {
        if ( !keeps(&h, d, node, false) || !gic_interrupts(&h, node, &n) )
            continue;
        for ( i = 0; i < n; i++ )
        {
            intid = node_irq(&h, node, i);
            nr = MAX(nr, intid - 32 + 1);
        }
    }
    return nr;
}

static int map_node(struct domain *d, const struct host_view *h, int node)
{
    paddr_t base, size, pa, p;
    int i, rc = 0;

    for ( i = 0; !rc && !node_reg(h, node, i, &base, &size); i++ )
        for ( p = base & ~(HW_PAGE - 1); !rc && p < base + size; p += HW_PAGE )
        {
            rc = p2m_map_mmio(&d->arch.p2m, p, p, HW_PAGE);
            /* Two ranges of one device, or two devices, may share a page. */
            if ( rc == -EEXIST &&
                 !pt_lookup(&d->arch.p2m.pt, p, &pa, NULL, NULL) && pa == p )
                rc = 0;
        }
    return rc;
}

static int route_node(struct domain *d, const struct host_view *h, int node)
{
    int i, n, rc = 0;

    if ( !gic_interrupts(h, node, &n) )
        return 0;
    for ( i = 0; i < n && !rc; i++ )
    {
        rc = irq_route_to_guest(d, node_irq(h, node, i));
        /* A device listed twice, or two sharing a line: already ours. */
        if ( rc == -EBUSY )
            rc = 0;
    }
    return rc;
}

int hwdom_devices_build(struct domain *d)
{
    struct host_view h;
    unsigned int nr = 0;
    char path[128];
    int node, rc = 0;

    host_view(&h);
    fdt_for_each_subnode(node, h.fdt, 0)
    {
        if ( !keeps(&h, d, node, true) )
            continue;
        rc = map_node(d, &h, node) ?: route_node(d, &h, node);
        if ( rc )
        {
            printk("ERROR: d%u: cannot give it host node %s (%d)\n", d->domid,
                   fdt_get_path(h.fdt, node, path, sizeof(path)) ? "?" : path,
                   rc);
            return rc;
        }
        nr++;
    }
    printk("d%u: hardware domain: %u host device nodes, MMIO 1:1, SPIs as "
           "hardware interrupts\n",
           d->domid, nr);
    return 0;
}

/* ---- The domain's DT ---- */

/* @node's properties but the xen,* ones (and "status" when @disabled). */
static int copy_props(void *fdt, const struct host_view *h, int node,
                      bool disabled)
{
    const char *name;
    const void *val;
    int prop, len, rc = 0;

    fdt_for_each_property_offset(prop, h->fdt, node)
    {
        val = fdt_getprop_by_offset(h->fdt, prop, &name, &len);
        if ( !val || !strncmp(name, "xen,", 4) ||
             (disabled && !strcmp(name, "status")) )
            continue;
        if ( !strcmp(name, "interrupt-parent") && len == 4 &&
             fdt32_ld(val) == h->gic_ph )
            rc = fdt_property_u32(fdt, name, GUEST_PHANDLE_GIC);
        else
            rc = fdt_property(fdt, name, val, len);
        if ( rc )
            return rc;
    }
    return disabled ? fdt_property_string(fdt, "status", "disabled") : 0;
}

bool hwdom_host_reserved_memory(void)
{
    return fdt_path_offset(hl_boot_fdt, "/reserved-memory") >= 0;
}

/* @node and its subtree; @disabled: the node says status = "disabled". */
static int copy_node(const struct domain *d, void *fdt,
                     const struct host_view *h, int node, int depth,
                     bool disabled)
{
    const char *name = fdt_get_name(h->fdt, node, NULL);
    int sub, rc;

    if ( !name || depth > HW_MAX_DEPTH )
        return -FDT_ERR_BADSTRUCTURE;
    rc = fdt_begin_node(fdt, name);
    rc = rc ?: copy_props(fdt, h, node, disabled);
    fdt_for_each_subnode(sub, h->fdt, node)
    {
        if ( rc )
            break;
        rc = copy_node(d, fdt, h, sub, depth + 1, false);
    }
    /* The measured launch's event log beside the host's reservations. */
    if ( !rc && !depth && !strcmp(name, "reserved-memory") )
        rc = measure_log_guest_dt(fdt, d, fdt_address_cells(h->fdt, node),
                                  fdt_size_cells(h->fdt, node));
    return rc ?: fdt_end_node(fdt);
}

/*
 * The domain's DT: the nodes it keeps, and those another domain has with
 * status = "disabled" (none of their MMIO or SPIs is the domain's), as
 * Xen writes them: phandles other nodes refer to stay valid.
 */
int hwdom_guest_dt(void *fdt, const struct domain *d)
{
    struct host_view h;
    int node, rc = 0;

    host_view(&h);
    fdt_for_each_subnode(node, h.fdt, 0)
    {
        if ( rc )
            break;
        if ( keeps(&h, d, node, false) )
            rc = copy_node(d, fdt, &h, node, 0, false);
        else if ( !hyp_node(&h, node) && for_others(&h, node) )
            rc = copy_node(d, fdt, &h, node, 0, true);
    }
    return rc;
}
