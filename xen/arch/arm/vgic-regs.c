/* SPDX-License-Identifier: GPL-2.0-only */
/* Register banks shared by the GICv2 and GICv3 distributor emulations. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/gic.h>
#include <asm/vgic.h>

/* The enable/pend/active banks: same offsets in GICv2 and GICv3. */
static const struct {
    unsigned int base;
    uint8_t flag;
    bool set;
} banks[] = {
    { 0x100, VIRQ_ENABLED, true },  /* ISENABLER */
    { 0x180, VIRQ_ENABLED, false }, /* ICENABLER */
    { 0x200, VIRQ_PENDING, true },  /* ISPENDR */
    { 0x280, VIRQ_PENDING, false }, /* ICPENDR */
    { 0x300, VIRQ_ACTIVE, true },   /* ISACTIVER */
    { 0x380, VIRQ_ACTIVE, false },  /* ICACTIVER */
};

bool vgic_bank_reg(unsigned int off, uint8_t *flag, bool *set, unsigned int *n)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(banks); i++ )
        if ( off >= banks[i].base && off < banks[i].base + 0x80 )
        {
            *flag = banks[i].flag;
            *set = banks[i].set;
            *n = (off - banks[i].base) / 4;
            return true;
        }
    return false;
}

uint32_t vgic_read_bits(struct vcpu *v, unsigned int first, uint8_t flag)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;
    uint32_t bits = 0;
    unsigned int i;

    spin_lock(&vg->lock);
    for ( i = 0; i < 32; i++ )
    {
        const struct virq *q = vgic_irq(v, first + i);

        if ( q && (q->flags & flag) )
            bits |= 1U << i;
    }
    spin_unlock(&vg->lock);
    return bits;
}

void vgic_write_bits(struct vcpu *v, unsigned int first, uint32_t bits,
                     uint8_t flag, bool set)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;
    uint32_t released = 0;
    unsigned int i;
    bool in_lr = false;

    spin_lock(&vg->lock);
    for ( i = 0; i < 32; i++ )
    {
        struct virq *q = vgic_irq(v, first + i);
        bool held;

        if ( !q || !(bits & (1U << i)) )
            continue;
        held = q->flags & (VIRQ_PENDING | VIRQ_ACTIVE);
        if ( set )
        {
            q->flags |= flag;
            q->cleared &= (uint8_t)~flag; /* a later set wins */
        }
        else
            q->flags &= (uint8_t)~flag;
        /* Its state is in another vCPU's list register: ask it to drop. */
        if ( !set && (q->flags & VIRQ_IN_LR) &&
             (flag & (VIRQ_PENDING | VIRQ_ACTIVE)) )
        {
            q->cleared |= flag;
            in_lr = true;
        }
        /* A hardware interrupt the guest dropped: no EOI will come. */
        if ( (q->flags & VIRQ_HW) && held &&
             !(q->flags & (VIRQ_PENDING | VIRQ_ACTIVE)) )
            released |= 1U << i;
    }
    spin_unlock(&vg->lock);
    for ( i = 0; released && i < 32; i++ )
        if ( released & (1U << i) )
            gic_spi_deactivate(first + i);
    if ( in_lr )
        vgic_kick_others(v);
}

uint64_t vgic_read_prio(struct vcpu *v, unsigned int first, unsigned int size)
{
    uint64_t val = 0;
    unsigned int i;

    for ( i = 0; i < size; i++ )
    {
        const struct virq *q = vgic_irq(v, first + i);

        val |= (uint64_t)(q ? q->priority : 0) << (8 * i);
    }
    return val;
}

void vgic_write_prio(struct vcpu *v, unsigned int first, unsigned int size,
                     uint64_t val)
{
    unsigned int i;

    for ( i = 0; i < size; i++ )
    {
        struct virq *q = vgic_irq(v, first + i);

        if ( q )
            q->priority = (uint8_t)(val >> (8 * i));
    }
}

/* GICD_ICFGR: two bits per interrupt, bit 1 set for edge-triggered. */
uint32_t vgic_read_cfg(struct vcpu *v, unsigned int first)
{
    uint32_t val = 0;
    unsigned int i;

    for ( i = 0; i < 16; i++ )
    {
        const struct virq *q = vgic_irq(v, first + i);

        if ( q && (q->flags & VIRQ_EDGE) )
            val |= 2U << (2 * i);
    }
    return val;
}

void vgic_write_cfg(struct vcpu *v, unsigned int first, uint32_t val)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;
    unsigned int i;

    spin_lock(&vg->lock);
    for ( i = 0; i < 16; i++ )
    {
        struct virq *q = vgic_irq(v, first + i);

        if ( !q || first + i < 16 ) /* SGIs are always edge */
            continue;
        if ( val & (2U << (2 * i)) )
            q->flags |= VIRQ_EDGE;
        else
            q->flags &= (uint8_t)~VIRQ_EDGE;
    }
    spin_unlock(&vg->lock);
}
