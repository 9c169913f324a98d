/* SPDX-License-Identifier: GPL-2.0-only */
/* Host GIC: choose the driver from the host DT; the EL2 physical timer. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/gic.h>
#include <asm/mm.h>
#include <asm/sysregs.h>
#include <libfdt.h>

static const struct gic_ops *gic;
static paddr_t gich_base, gicv_base;

/* The INTIDs 0-31 every host CPU takes. */
#define GIC_CPU_IRQS \
    ((1U << GIC_PPI_HYP_TIMER) | (1U << GIC_PPI_MAINTENANCE) | \
     (1U << GIC_PPI_VTIMER) | (1U << GIC_SGI_KICK))

static const char *const gicv2_compat[] = { "arm,cortex-a15-gic",
                                            "arm,gic-400" };

/* Entry @idx of the "reg" of @node, with its parent's cell counts. */
static int dt_reg(const void *fdt, int node, int idx, paddr_t *base,
                  paddr_t *size)
{
    int parent = fdt_parent_offset(fdt, node), len, ac, sc, i;
    const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
    uint64_t v[2] = { 0, 0 };

    if ( parent < 0 || !reg )
        return -ENOENT;
    ac = fdt_address_cells(fdt, parent);
    sc = fdt_size_cells(fdt, parent);
    if ( ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
         len < (idx + 1) * (ac + sc) * 4 )
        return -EINVAL;
    reg += idx * (ac + sc);
    for ( i = 0; i < ac + sc; i++ )
        v[i >= ac] = (v[i >= ac] << 32) | fdt32_to_cpu(reg[i]);
    *base = v[0];
    *size = v[1];
    return 0;
}

/* One line naming the GIC node: why guests cannot run on it. */
static int gic_refuse(const void *fdt, int node, int rc, const char *why)
{
    char path[128];

    if ( node < 0 || fdt_get_path(fdt, node, path, sizeof(path)) )
        snprintf(path, sizeof(path), "(no GIC node)");
    printk("ERROR: %s: %s; guests need a virtual GIC\n", path, why);
    return rc;
}

/*
 * GICH and GICV of a GICv2 with the virtualisation extensions ("reg"
 * entries 2 and 3): guests need both, GICV as large as their GICC.
 */
static int gicv2_virt_init(const void *fdt, int node)
{
    paddr_t hsize, vsize;

    if ( dt_reg(fdt, node, 2, &gich_base, &hsize) ||
         dt_reg(fdt, node, 3, &gicv_base, &vsize) )
        return gic_refuse(fdt, node, -ENODEV,
                          "property 'reg': no GICH and GICV frames (entries "
                          "2 and 3), no virtualisation extensions");
    if ( hsize < 0x1000 || vsize < GUEST_GICC_SIZE )
        return gic_refuse(fdt, node, -EINVAL,
                          "property 'reg': GICH under 4 KiB or GICV under "
                          "the 8 KiB of a guest's GICC");
    return mm_map_device(gich_base, hsize);
}

/* The GIC node of the host DT, with its driver in gic; -1 when none. */
static int gic_find(const void *fdt)
{
    unsigned int i;
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");

    gic = &gicv3_ops;
    for ( i = 0; node < 0 && i < ARRAY_SIZE(gicv2_compat); i++ )
    {
        node = fdt_node_offset_by_compatible(fdt, -1, gicv2_compat[i]);
        gic = &gicv2_ops;
    }
    return node;
}

/* Map and bring up the GIC at @node; one line naming it on failure. */
static int gic_probe(const void *fdt, int node, paddr_t *dbase, paddr_t *cbase)
{
    paddr_t dsize, csize;
    char why[80];
    int rc;

    if ( dt_reg(fdt, node, 0, dbase, &dsize) ||
         dt_reg(fdt, node, 1, cbase, &csize) )
        return gic_refuse(fdt, node, -EINVAL,
                          "property 'reg': no distributor and CPU interface "
                          "or redistributor entries");
    if ( gic == &gicv3_ops && !((READ_SYSREG(id_aa64pfr0_el1) >> 24) & 0xf) )
        return gic_refuse(fdt, node, -ENODEV,
                          "the CPU has no GICv3 system-register interface");
    rc = mm_map_device(*dbase, dsize) ?: mm_map_device(*cbase, csize);
    if ( !rc && gic == &gicv2_ops )
    {
        rc = gicv2_virt_init(fdt, node);
        if ( rc )
            return rc; /* reported */
    }
    rc = rc ?: gic->init(*dbase, *cbase, csize);
    rc = rc ?: gic->cpu_init(GIC_CPU_IRQS);
    if ( !rc )
        return 0;
    snprintf(why, sizeof(why), "%s at %#llx unusable (%d)", gic->name,
             (unsigned long long)*dbase, rc);
    return gic_refuse(fdt, node, rc, why);
}

int gic_init(const void *fdt)
{
    paddr_t dbase, cbase;
    int node, rc;

    if ( !fdt )
        return -ENOENT;
    node = gic_find(fdt);
    rc = node < 0 ? gic_refuse(fdt, node, -ENOENT,
                               "no GICv3 or GICv2 in the device tree")
                  : gic_probe(fdt, node, &dbase, &cbase);
    if ( rc )
    {
        gic = NULL;
        gich_base = gicv_base = 0;
        return rc;
    }
    printk("GIC: %s, distributor at %#llx, %s at %#llx\n", gic->name,
           (unsigned long long)dbase,
           gic == &gicv3_ops ? "redistributors" : "CPU interface",
           (unsigned long long)cbase);
    return 0;
}

int gic_cpu_init(void)
{
    return gic ? gic->cpu_init(GIC_CPU_IRQS) : -ENODEV;
}

paddr_t gic_v2_hyp_base(void)
{
    return gich_base;
}

paddr_t gic_v2_vcpu_base(void)
{
    return gicv_base;
}

void gic_send_sgi(unsigned int cpu, unsigned int sgi)
{
    if ( gic )
        gic->send_sgi(cpu, sgi);
}

bool gic_is_v2(void)
{
    return gic == &gicv2_ops;
}

unsigned int gic_ack(void)
{
    return gic ? gic->ack() : 1023;
}

void gic_eoi(unsigned int intid)
{
    if ( gic )
        gic->eoi(intid);
}

void gic_drop(unsigned int intid)
{
    if ( gic )
        gic->drop(intid);
}

void gic_spi_route(unsigned int intid, unsigned int cpu)
{
    if ( gic )
        gic->spi_route(intid, cpu);
}

void gic_spi_release(unsigned int intid)
{
    if ( gic )
        gic->spi_release(intid);
}

void gic_spi_deactivate(unsigned int intid)
{
    if ( gic && intid >= 32 && intid < GIC_INTID_SPECIAL )
        gic->spi_deactivate(intid);
}

/* CNTHP_CTL_EL2 */
#define CNTHP_CTL_ENABLE (1UL << 0)

static uint64_t timer_ticks;

static bool hyp_timer_arm_ticks(uint64_t ticks)
{
    if ( !ticks )
        return false;
    WRITE_SYSREG(cnthp_tval_el2, ticks);
    WRITE_SYSREG(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
    asm volatile("isb" ::: "memory");
    return true;
}

void hyp_timer_init(unsigned int period_us)
{
    timer_ticks = READ_SYSREG(cntfrq_el0) * period_us / 1000000;
    if ( !timer_ticks )
        timer_ticks = 1;
    hyp_timer_rearm();
}

bool hyp_timer_rearm(void)
{
    return hyp_timer_arm_ticks(timer_ticks);
}

bool hyp_timer_arm_until(uint64_t deadline)
{
    uint64_t now;

    if ( !timer_ticks )
        return false;
    asm volatile("isb" ::: "memory");
    now = READ_SYSREG(cntpct_el0);
    if ( deadline <= now )
        return hyp_timer_arm_ticks(1);
    return hyp_timer_arm_ticks(MIN(deadline - now, timer_ticks));
}

uint64_t arch_sched_clock(void)
{
    uint64_t freq = READ_SYSREG(cntfrq_el0), now;

    asm volatile("isb" ::: "memory");
    now = READ_SYSREG(cntpct_el0);
    if ( !freq )
        return 0;
    return now / freq * 1000000 + now % freq * 1000000 / freq;
}
