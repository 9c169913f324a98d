/* SPDX-License-Identifier: GPL-2.0-only */
/* Host GICv3: distributor, each CPU's redistributor, ICC system registers. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/gic.h>
#include <asm/smp.h>
#include <asm/sysregs.h>

#define GICD_CTLR 0x0000
#define GICD_CTLR_RWP (1U << 31)
#define GICD_CTLR_ENABLE_G0 (1U << 0)
#define GICD_CTLR_ENABLE_G1 (1U << 1) /* G1A in the non-secure view */
#define GICD_CTLR_ARE (1U << 4)       /* ARE_NS in the non-secure view */

#define GICR_TYPER 0x0008
#define GICR_TYPER_VLPIS (1ULL << 1)
#define GICR_TYPER_LAST (1ULL << 4)
#define GICR_WAKER 0x0014
#define GICR_WAKER_SLEEP (1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1U << 2)
#define GICR_SGI 0x10000 /* SGI and PPI frame */
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_IPRIORITYR 0x0400

/* ICC_* at EL1 and EL2 by encoding: not every assembler knows the names. */
#define ICC_PMR_EL1 S3_0_C4_C6_0
#define ICC_IAR1_EL1 S3_0_C12_C12_0
#define ICC_EOIR1_EL1 S3_0_C12_C12_1
#define ICC_BPR1_EL1 S3_0_C12_C12_3
#define ICC_CTLR_EL1 S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_SRE_EL2 S3_4_C12_C9_5
#define ICC_SRE_SRE (1UL << 0)
#define ICC_SRE_ENABLE (1UL << 3) /* EL1 may use ICC_SRE_EL1 */

/* One level of expansion, so that the S3_* encodings reach the asm. */
#define READ_ICC(r) \
    ({ \
        uint64_t _v; \
        asm volatile("mrs %0, " #r : "=r"(_v)); \
        _v; \
    })
#define WRITE_ICC(r, v) \
    asm volatile("msr " #r ", %0" ::"r"((uint64_t)(v)) : "memory")
#define RDX(r) READ_ICC(r)
#define WRX(r, v) WRITE_ICC(r, v)

#define SPIN_LIMIT 1000000

static bool wait_clear32(paddr_t a, uint32_t mask)
{
    unsigned int i;

    for ( i = 0; i < SPIN_LIMIT; i++ )
        if ( !(gic_read32(a) & mask) )
            return true;
    return false;
}

/* The redistributor whose affinity is this CPU's (MPIDR Aff3.Aff2.Aff1.Aff0). */
static paddr_t find_rdist(paddr_t base, paddr_t size)
{
    uint64_t mpidr = READ_SYSREG(mpidr_el1);
    uint32_t aff =
        (uint32_t)(((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff));
    paddr_t r = base;

    while ( r + 2 * GICR_SGI <= base + size )
    {
        uint64_t typer = gic_read64(r + GICR_TYPER);

        if ( (uint32_t)(typer >> 32) == aff )
            return r;
        if ( typer & GICR_TYPER_LAST )
            break;
        r += (typer & GICR_TYPER_VLPIS) ? 4 * GICR_SGI : 2 * GICR_SGI;
    }
    return 0;
}

static paddr_t rdist_base, rdist_size, dist_base;

#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_IROUTER 0x6000
#define ICC_CTLR_EOIMODE (1UL << 1) /* EOIR drops priority only */
#define ICC_DIR_EL1 S3_0_C12_C11_1

static int gicv3_init(paddr_t dist, paddr_t rbase, paddr_t rsize)
{
    rdist_base = rbase;
    rdist_size = rsize;
    dist_base = dist;
    /* Distributor: affinity routing, both groups on. */
    gic_write32(dist + GICD_CTLR, 0);
    if ( !wait_clear32(dist + GICD_CTLR, GICD_CTLR_RWP) )
        return -EIO;
    gic_write32(dist + GICD_CTLR,
                GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0);
    if ( !wait_clear32(dist + GICD_CTLR, GICD_CTLR_RWP) )
        return -EIO;
    return 0;
}

static int gicv3_cpu_init(uint32_t mask)
{
    paddr_t rd = find_rdist(rdist_base, rdist_size), sgi;
    unsigned int i;

    if ( !rd )
        return -ENODEV;
    sgi = rd + GICR_SGI;

    /* Wake this CPU's redistributor. */
    gic_write32(rd + GICR_WAKER,
                gic_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
    if ( !wait_clear32(rd + GICR_WAKER, GICR_WAKER_CHILDREN_ASLEEP) )
        return -EIO;

    /* SGIs and PPIs: all off, all group 1; @mask on at a middle priority. */
    gic_write32(sgi + GICR_ICENABLER0, 0xffffffffU);
    gic_write32(sgi + GICR_IGROUPR0, 0xffffffffU);
    for ( i = 0; i < 32; i++ )
        if ( mask & (1U << i) )
            gic_write8(sgi + GICR_IPRIORITYR + i, 0xa0);
    gic_write32(sgi + GICR_ISENABLER0, mask);

    /* CPU interface through system registers; EOI drops and deactivates. */
    WRX(ICC_SRE_EL2, RDX(ICC_SRE_EL2) | ICC_SRE_SRE | ICC_SRE_ENABLE);
    asm volatile("isb" ::: "memory");
    if ( !(RDX(ICC_SRE_EL2) & ICC_SRE_SRE) )
        return -ENODEV;
    WRX(ICC_PMR_EL1, 0xff);
    WRX(ICC_BPR1_EL1, 0);
    WRX(ICC_CTLR_EL1, ICC_CTLR_EOIMODE);
    WRX(ICC_IGRPEN1_EL1, 1);
    asm volatile("isb" ::: "memory");
    return 0;
}

static unsigned int gicv3_ack(void)
{
    unsigned int intid = (unsigned int)(RDX(ICC_IAR1_EL1) & 0xffffff);

    asm volatile("dsb sy" ::: "memory");
    return intid;
}

static void gicv3_drop(unsigned int intid)
{
    WRX(ICC_EOIR1_EL1, intid);
    asm volatile("isb" ::: "memory");
}

static void gicv3_eoi(unsigned int intid)
{
    WRX(ICC_EOIR1_EL1, intid);
    WRX(ICC_DIR_EL1, intid);
    asm volatile("isb" ::: "memory");
}

static void gicv3_spi_route(unsigned int intid, unsigned int cpu)
{
    uint64_t mpidr = smp_cpu_mpidr(cpu);
    uint32_t bit = 1U << (intid % 32);

    gic_write32(dist_base + GICD_ICENABLER + intid / 32 * 4, bit);
    gic_write32(dist_base + GICD_IGROUPR + intid / 32 * 4,
                gic_read32(dist_base + GICD_IGROUPR + intid / 32 * 4) | bit);
    gic_write8(dist_base + GICD_IPRIORITYR + intid, 0xa0);
    /* Aff3 at bits 39:32, Aff2.Aff1.Aff0 at 23:0. */
    *(volatile uint64_t *)(uintptr_t)(dist_base + GICD_IROUTER + 8 * intid) =
        (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 32;
    gic_write32(dist_base + GICD_ISENABLER + intid / 32 * 4, bit);
}

static void gicv3_spi_release(unsigned int intid)
{
    uint32_t bit = 1U << (intid % 32);

    gic_write32(dist_base + GICD_ICENABLER + intid / 32 * 4, bit);
    gic_write32(dist_base + GICD_ICACTIVER + intid / 32 * 4, bit);
}

#define ICC_SGI1R_EL1 S3_0_C12_C11_5

static void gicv3_send_sgi(unsigned int cpu, unsigned int sgi)
{
    uint64_t mpidr = smp_cpu_mpidr(cpu), aff0 = mpidr & 0xff;

    asm volatile("dsb ishst" ::: "memory");
    WRX(ICC_SGI1R_EL1, ((mpidr >> 32) & 0xff) << 48 |
                           ((mpidr >> 16) & 0xff) << 32 | (aff0 >> 4) << 44 |
                           ((mpidr >> 8) & 0xff) << 16 | (uint64_t)sgi << 24 |
                           (1ULL << (aff0 & 15)));
    asm volatile("isb" ::: "memory");
}

static void gicv3_spi_deactivate(unsigned int intid)
{
    gic_write32(dist_base + GICD_ICACTIVER + intid / 32 * 4,
                1U << (intid % 32));
}

const struct gic_ops gicv3_ops = {
    .name = "GICv3",
    .init = gicv3_init,
    .cpu_init = gicv3_cpu_init,
    .send_sgi = gicv3_send_sgi,
    .ack = gicv3_ack,
    .eoi = gicv3_eoi,
    .drop = gicv3_drop,
    .spi_route = gicv3_spi_route,
    .spi_release = gicv3_spi_release,
    .spi_deactivate = gicv3_spi_deactivate,
};
