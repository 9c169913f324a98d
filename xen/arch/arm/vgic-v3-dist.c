/* SPDX-License-Identifier: GPL-2.0-only */
/* Virtual GICv3: distributor and redistributor MMIO, trapped SGI writes. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/domain.h>
#include <asm/vgic.h>

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8

#define GICD_CTLR_ENABLE_G1A (1U << 1)
#define GICD_CTLR_ARE_NS (1U << 4)
#define GIC_IIDR_ARM 0x43b
#define GIC_PIDR2_V3 0x3b

#define GICR_FRAME 0x20000 /* RD_base + SGI_base per vCPU */
#define GICR_SGI_BASE 0x10000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_TYPER_LAST (1ULL << 4)

/*
 * The interrupt registers common to the distributor (@first_ok: INTIDs
 * from 32) and the SGI frame (INTIDs 0-31).  Returns false when @off is
 * not one of them.
 */
static bool irq_regs(struct vcpu *v, unsigned int off, unsigned int size,
                     bool write, uint64_t *val, bool spis)
{
    uint8_t flag;
    unsigned int n;
    bool set;

    if ( off >= GICD_IGROUPR && off < GICD_IGROUPR + 0x80 )
    {
        if ( !write )
            *val = (!spis || off != GICD_IGROUPR) ? 0xffffffffU : 0;
        return true; /* every interrupt is group 1 */
    }
    if ( vgic_bank_reg(off, &flag, &set, &n) )
    {
        if ( spis == !n ) /* distributor: INTIDs 0-31 are banked away */
        {
            if ( !write )
                *val = 0;
            return true;
        }
        if ( write )
            vgic_write_bits(v, n * 32, (uint32_t)*val, flag, set);
        else
            *val = vgic_read_bits(v, n * 32, flag);
        return true;
    }
    if ( off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400 )
    {
        n = off - GICD_IPRIORITYR;
        if ( spis == (n < 32) )
            *val = write ? *val : 0;
        else if ( write )
            vgic_write_prio(v, n, size, *val);
        else
            *val = vgic_read_prio(v, n, size);
        return true;
    }
    if ( off >= GICD_ICFGR && off < GICD_ICFGR + 0x100 )
    {
        n = (off - GICD_ICFGR) / 4 * 16;
        if ( spis == (n < 32) )
            *val = write ? *val : 0;
        else if ( write )
            vgic_write_cfg(v, n, (uint32_t)*val);
        else
            *val = vgic_read_cfg(v, n);
        return true;
    }
    return false;
}

/* GICD_IROUTER<n>: the vCPU whose affinity is written; 1-of-N: vCPU0. */
static void irouter(struct vcpu *v, unsigned int n, bool write, uint64_t *val)
{
    struct domain *d = v->domain;
    struct virq *q = vgic_irq(v, n);
    unsigned int i;

    if ( !q || n < 32 )
    {
        *val = write ? *val : 0;
        return;
    }
    if ( !write )
    {
        *val = vcpu_mpidr_aff(q->target);
        return;
    }
    q->target = 0;
    for ( i = 0; i < d->nr_vcpus && i < 256; i++ )
        if ( vcpu_mpidr_aff(i) == (*val & 0xff00ffffffULL) )
            q->target = (uint8_t)i;
}

static void dist(struct vcpu *v, unsigned int off, unsigned int size,
                 bool write, uint64_t *val)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;

    if ( irq_regs(v, off, size, write, val, true) )
        return;
    if ( off >= GICD_IROUTER && off < GICD_IROUTER + 8 * 1020 )
    {
        irouter(v, (off - GICD_IROUTER) / 8, write, val);
        return;
    }
    if ( write )
    {
        if ( off == GICD_CTLR )
            vg->enabled = *val & GICD_CTLR_ENABLE_G1A;
        return; /* everything else: writes ignored */
    }
    switch ( off )
    {
    case GICD_CTLR:
        *val = GICD_CTLR_ARE_NS | (vg->enabled ? GICD_CTLR_ENABLE_G1A : 0);
        break;
    case GICD_TYPER: /* 10 INTID bits, ITLinesNumber */
        *val = (9U << 19) | ((vg->nr_spis + 32) / 32 - 1);
        break;
    case GICD_IIDR:
        *val = GIC_IIDR_ARM;
        break;
    case GICD_PIDR2:
        *val = GIC_PIDR2_V3;
        break;
    default:
        *val = 0;
        break;
    }
}

/* RD_base of vCPU @t: identification, wake-up; no LPIs. */
static void rdist(struct vcpu *t, unsigned int off, unsigned int size,
                  bool write, uint64_t *val)
{
    uint64_t typer =
        ((uint64_t)vcpu_mpidr_aff(t->vcpu_id) << 32) |
        ((uint64_t)t->vcpu_id << 8) |
        (t->vcpu_id + 1 == t->domain->nr_vcpus ? GICR_TYPER_LAST : 0);

    if ( write )
        return;
    switch ( off )
    {
    case GICR_TYPER:
        *val = size == 8 ? typer : (uint32_t)typer;
        break;
    case GICR_TYPER + 4:
        *val = typer >> 32;
        break;
    case GICR_IIDR:
        *val = GIC_IIDR_ARM;
        break;
    case GICD_PIDR2:
        *val = GIC_PIDR2_V3;
        break;
    default:
        *val = 0; /* CTLR, WAKER (awake), STATUSR, PROPBASER, ... */
        break;
    }
}

bool vgic_v3_mmio(struct vcpu *v, paddr_t gpa, unsigned int size, bool write,
                  uint64_t *val)
{
    struct domain *d = v->domain;
    unsigned int frame, off;

    if ( gpa >= GUEST_GICD_BASE &&
         gpa < GUEST_GICD_BASE + GUEST_GICV3_GICD_SIZE )
    {
        dist(v, (unsigned int)(gpa - GUEST_GICD_BASE), size, write, val);
        return true;
    }
    if ( gpa < GUEST_GICV3_GICR0_BASE ||
         gpa >= GUEST_GICV3_GICR0_BASE + GUEST_GICV3_GICR0_SIZE )
        return false;
    frame = (unsigned int)((gpa - GUEST_GICV3_GICR0_BASE) / GICR_FRAME);
    off = (unsigned int)((gpa - GUEST_GICV3_GICR0_BASE) % GICR_FRAME);
    if ( frame >= d->nr_vcpus )
        *val = write ? *val : 0; /* beyond the last frame: RAZ/WI */
    else if ( off < GICR_SGI_BASE )
        rdist(&d->vcpu[frame], off, size, write, val);
    else if ( !irq_regs(&d->vcpu[frame], off - GICR_SGI_BASE, size, write, val,
                        false) )
        *val = write ? *val : 0;
    return true;
}

/*
 * ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 / ICC_SGI0R_EL1: TargetList, Aff1, INTID,
 * Aff2, IRM, RS, Aff3.  An SGI reaches a target only when the group the
 * write generates is the group of that SGI there.  Every guest SGI is
 * Non-secure Group 1 (IGROUPR0 reads as ones, GICD_CTLR.DS as 0): a Group
 * 0 SGI (SGI0R), or a Secure Group 1 one (ASGI1R from Non-secure state),
 * is not forwarded to any of them.
 */
void vgic_v3_sgi(struct vcpu *v, uint64_t val, enum vgic_sgi_group group)
{
    struct domain *d = v->domain;
    unsigned int sgi = (val >> 24) & 0xf, i;
    uint64_t aff = ((val >> 16) & 0xff) << 8 | ((val >> 32) & 0xff) << 16 |
                   ((val >> 48) & 0xffULL) << 32;
    unsigned int rs = (val >> 44) & 0xf;
    bool all = val & (1ULL << 40);

    if ( group != VGIC_SGI_GROUP1 )
        return;
    for ( i = 0; i < d->nr_vcpus; i++ )
    {
        uint64_t a = vcpu_mpidr_aff(i);
        unsigned int aff0 = a & 0xff;

        if ( all ? i == v->vcpu_id
                 : (a & ~0xffULL) != aff || aff0 / 16 != rs ||
                       !(val & (1U << (aff0 % 16))) )
            continue;
        vgic_send_sgi(v, &d->vcpu[i], sgi);
    }
}
