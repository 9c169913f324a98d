/* SPDX-License-Identifier: GPL-2.0-only */
/* Virtual GICv2 distributor MMIO (the CPU interface is the host's GICV). */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/domain.h>
#include <asm/vgic.h>

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_IGROUPR 0x080
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_PIDR2 0xfe8

#define GIC_IIDR_ARM 0x43b
#define GIC_PIDR2_V2 0x2b
#define VGIC_V2_MAX_VCPUS GUEST_GICV2_MAX_VCPUS

static bool bank_access(struct vcpu *v, unsigned int off, bool write,
                        uint64_t *val)
{
    unsigned int n;
    uint8_t flag;
    bool set;

    if ( !vgic_bank_reg(off, &flag, &set, &n) )
        return false;
    if ( write )
        vgic_write_bits(v, n * 32, (uint32_t)*val, flag, set);
    else
        *val = vgic_read_bits(v, n * 32, flag);
    return true;
}

/* GICD_ITARGETSR: a byte per interrupt, the vCPU mask it goes to. */
static void targets(struct vcpu *v, unsigned int first, unsigned int size,
                    bool write, uint64_t *val)
{
    unsigned int i;

    if ( !write )
        *val = 0;
    for ( i = 0; i < size; i++ )
    {
        struct virq *q = vgic_irq(v, first + i);
        uint8_t mask = (uint8_t)(*val >> (8 * i));

        if ( !q )
            continue;
        if ( first + i < 32 )
            *val |= write ? 0 : (uint64_t)(1U << v->vcpu_id) << (8 * i);
        else if ( !write )
            *val |= (uint64_t)(1U << q->target) << (8 * i);
        else if ( mask )
            q->target = (uint8_t)__builtin_ctz(mask);
    }
}

/* GICD_SGIR: target list filter, CPU target list, SGI number. */
static void sgir(struct vcpu *v, uint32_t val)
{
    struct domain *d = v->domain;
    unsigned int filter = (val >> 24) & 3, list = (val >> 16) & 0xff, i;

    if ( filter == 1 )
        list = 0xff & ~(1U << v->vcpu_id);
    else if ( filter == 2 )
        list = 1U << v->vcpu_id;
    for ( i = 0; i < d->nr_vcpus && i < VGIC_V2_MAX_VCPUS; i++ )
        if ( list & (1U << i) )
            vgic_send_sgi(v, &d->vcpu[i], val & 0xf);
}

static void other_regs(struct vcpu *v, unsigned int off, bool write,
                       uint64_t *val)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;

    if ( write )
    {
        if ( off == GICD_CTLR )
            vg->enabled = *val & 1;
        else if ( off == GICD_SGIR )
            sgir(v, (uint32_t)*val);
        return;
    }
    switch ( off )
    {
    case GICD_CTLR:
        *val = vg->enabled;
        break;
    case GICD_TYPER:
        *val = ((MIN(v->domain->nr_vcpus, VGIC_V2_MAX_VCPUS) - 1) << 5) |
               ((vg->nr_spis + 32) / 32 - 1);
        break;
    case GICD_IIDR:
        *val = GIC_IIDR_ARM;
        break;
    case GICD_PIDR2:
        *val = GIC_PIDR2_V2;
        break;
    default:
        *val = 0; /* IGROUPR (group 0), NSACR, SPENDSGIR, ... */
        break;
    }
}

bool vgic_v2_mmio(struct vcpu *v, paddr_t gpa, unsigned int size, bool write,
                  uint64_t *val)
{
    unsigned int off = (unsigned int)(gpa - GUEST_GICD_BASE);

    /*
     * The GICC frame is the host's GICV, mapped: what traps here is a
     * part the host has nothing behind (a GICV smaller than the 8 KiB the
     * guest is told of).  Reads as zero, writes ignored.
     */
    if ( gpa >= GUEST_GICC_BASE && gpa < GUEST_GICC_BASE + GUEST_GICC_SIZE )
    {
        *val = write ? *val : 0;
        return true;
    }
    if ( gpa < GUEST_GICD_BASE || off >= GUEST_GICV2_GICD_SIZE )
        return false;
    if ( bank_access(v, off, write, val) )
        return true;
    if ( off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400 )
    {
        if ( write )
            vgic_write_prio(v, off - GICD_IPRIORITYR, size, *val);
        else
            *val = vgic_read_prio(v, off - GICD_IPRIORITYR, size);
    }
    else if ( off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 0x400 )
        targets(v, off - GICD_ITARGETSR, size, write, val);
    else if ( off >= GICD_ICFGR && off < GICD_ICFGR + 0x100 )
    {
        if ( write )
            vgic_write_cfg(v, (off - GICD_ICFGR) / 4 * 16, (uint32_t)*val);
        else
            *val = vgic_read_cfg(v, (off - GICD_ICFGR) / 4 * 16);
    }
    else
        other_regs(v, off, write, val);
    return true;
}
