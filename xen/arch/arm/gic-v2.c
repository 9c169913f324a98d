/* SPDX-License-Identifier: GPL-2.0-only */
/* Host GICv2: distributor and the banked, memory-mapped CPU interface. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/config.h>
#include <asm/gic.h>

#define GICD_CTLR 0x000
#define GICD_ISENABLER0 0x100
#define GICD_ICENABLER0 0x180
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_SGIR 0xf00

#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GICC_DIR 0x1000
#define GICC_CTLR_EOIMODE (1U << 9) /* EOIR drops priority only */

static paddr_t gicd, gicc;

static int gicv2_init(paddr_t dist, paddr_t cpu, paddr_t cpu_size)
{
    /* GICC_DIR, for split priority drop and deactivation, is at 0x1000. */
    if ( cpu_size < 0x2000 )
        return -EINVAL;
    gicd = dist;
    gicc = cpu;
    gic_write32(gicd + GICD_CTLR, 1);
    return 0;
}

/* Each CPU's interface mask (its byte of GICD_ITARGETSR0), for SGIs. */
static uint8_t cpu_masks[NR_CPUS];

static int gicv2_cpu_init(uint32_t mask)
{
    unsigned int i;

    cpu_masks[smp_processor_id()] = (uint8_t)gic_read32(gicd + GICD_ITARGETSR);
    /* SGIs and PPIs of this CPU (banked): all off, @mask on. */
    gic_write32(gicd + GICD_ICENABLER0, 0xffffffffU);
    for ( i = 0; i < 32; i++ )
        if ( mask & (1U << i) )
            gic_write8(gicd + GICD_IPRIORITYR + i, 0xa0);
    gic_write32(gicd + GICD_ISENABLER0, mask);

    gic_write32(gicc + GICC_PMR, 0xff);
    gic_write32(gicc + GICC_BPR, 0);
    gic_write32(gicc + GICC_CTLR, 1 | GICC_CTLR_EOIMODE);
    return 0;
}

static unsigned int gicv2_ack(void)
{
    return gic_read32(gicc + GICC_IAR) & 0x3ff;
}

static void gicv2_drop(unsigned int intid)
{
    gic_write32(gicc + GICC_EOIR, intid);
}

static void gicv2_eoi(unsigned int intid)
{
    gic_write32(gicc + GICC_EOIR, intid);
    gic_write32(gicc + GICC_DIR, intid);
}

static void gicv2_spi_route(unsigned int intid, unsigned int cpu)
{
    uint32_t bit = 1U << (intid % 32);

    gic_write32(gicd + GICD_ICENABLER0 + intid / 32 * 4, bit);
    gic_write8(gicd + GICD_IPRIORITYR + intid, 0xa0);
    gic_write8(gicd + GICD_ITARGETSR + intid, cpu_masks[cpu]);
    gic_write32(gicd + GICD_ISENABLER0 + intid / 32 * 4, bit);
}

static void gicv2_spi_release(unsigned int intid)
{
    uint32_t bit = 1U << (intid % 32);

    gic_write32(gicd + GICD_ICENABLER0 + intid / 32 * 4, bit);
    gic_write32(gicd + GICD_ICACTIVER + intid / 32 * 4, bit);
}

static void gicv2_send_sgi(unsigned int cpu, unsigned int sgi)
{
    asm volatile("dsb ishst" ::: "memory");
    gic_write32(gicd + GICD_SGIR, ((uint32_t)cpu_masks[cpu] << 16) | sgi);
}

static void gicv2_spi_deactivate(unsigned int intid)
{
    gic_write32(gicd + GICD_ICACTIVER + intid / 32 * 4, 1U << (intid % 32));
}

const struct gic_ops gicv2_ops = {
    .name = "GICv2",
    .init = gicv2_init,
    .cpu_init = gicv2_cpu_init,
    .send_sgi = gicv2_send_sgi,
    .ack = gicv2_ack,
    .eoi = gicv2_eoi,
    .drop = gicv2_drop,
    .spi_route = gicv2_spi_route,
    .spi_release = gicv2_spi_release,
    .spi_deactivate = gicv2_spi_deactivate,
};
