/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dual 8259 PIC's core: requests, priorities, the INTA cycle, and
 * the master's INT output to vCPU0's LINT0 (ExtINT).  Slave on IR2.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-io.h>
#include "vpic-priv.h"

#define PIC_CASCADE_IR 2

struct vpic_chip *vpic_chip(struct domain *d, unsigned int n)
{
    return &d->arch.io.pic.chip[n];
}

/* The highest-priority IR set in @bits, or -1; IR lowest+1 ranks first. */
int vpic_highest(const struct vpic_chip *c, uint8_t bits)
{
    unsigned int i;

    for ( i = 1; i <= 8; i++ )
    {
        unsigned int ir = (c->lowest + i) & 7;

        if ( bits & (1U << ir) )
            return (int)ir;
    }
    return -1;
}

/*
 * The IR this chip would interrupt with: the best unmasked request, if
 * nothing of equal or higher priority is in service.
 */
int vpic_pending_ir(const struct vpic_chip *c)
{
    int req = vpic_highest(c, c->irr & ~c->imr);
    int svc = vpic_highest(c, c->isr);

    if ( req < 0 )
        return -1;
    if ( svc >= 0 &&
         ((svc - c->lowest - 1) & 7) <= ((req - c->lowest - 1) & 7) )
        return -1;
    return req;
}

/*
 * The slave's INT output drives master IR2, as a level; the master's INT
 * output goes to vCPU0's LINT0 (read there without the lock).
 */
void vpic_update(struct domain *d)
{
    struct vpic_chip *m = vpic_chip(d, 0);
    bool out, was = d->arch.io.pic.int_out;

    if ( vpic_pending_ir(vpic_chip(d, 1)) >= 0 )
        m->irr |= 1U << PIC_CASCADE_IR;
    else
        m->irr &= (uint8_t) ~(1U << PIC_CASCADE_IR);
    out = vpic_pending_ir(m) >= 0;
    __atomic_store_n(&d->arch.io.pic.int_out, out, __ATOMIC_SEQ_CST);
    if ( out && !was )
        vcpu_kick(&d->vcpu[0]);
}

/* Edge: a rising line sets IRR.  Level (ELCR): IRR follows the line. */
void vpic_raise(struct domain *d, unsigned int irq)
{
    struct vpic_chip *c = vpic_chip(d, irq >> 3);
    uint8_t bit = (uint8_t)(1U << (irq & 7));

    if ( !(c->lines & bit) || (c->elcr & bit) )
        c->irr |= bit;
    c->lines |= bit;
    vpic_update(d);
}

void vpic_lower(struct domain *d, unsigned int irq)
{
    struct vpic_chip *c = vpic_chip(d, irq >> 3);
    uint8_t bit = (uint8_t)(1U << (irq & 7));

    c->lines &= (uint8_t)~bit;
    c->irr &= (uint8_t)~bit; /* a request gone before INTA is lost */
    vpic_update(d);
}

static int vpic_pending_vector(const struct domain *d)
{
    const struct vpic_chip *m = &d->arch.io.pic.chip[0];
    const struct vpic_chip *s = &d->arch.io.pic.chip[1];
    int ir = vpic_pending_ir(m);

    if ( ir < 0 )
        return -1;
    if ( ir == PIC_CASCADE_IR && !m->single )
    {
        int sir = vpic_pending_ir(s);

        return sir < 0 ? s->base + 7 : s->base + sir;
    }
    return m->base + ir;
}

/* INTA on one chip: IRR to ISR (or not, in auto-EOI); the IR, or 7. */
int vpic_ack_chip(struct vpic_chip *c)
{
    int ir = vpic_pending_ir(c);

    if ( ir < 0 )
        return 7; /* spurious */
    c->irr &= (uint8_t) ~(1U << ir);
    c->irr |= c->lines & c->elcr & (uint8_t)(1U << ir); /* level: still */
    if ( !c->auto_eoi )
        c->isr |= (uint8_t)(1U << ir);
    else if ( c->rotate_aeoi )
        c->lowest = (uint8_t)ir;
    return ir;
}

static int vpic_acknowledge(struct domain *d)
{
    struct vpic_chip *m = vpic_chip(d, 0), *s = vpic_chip(d, 1);
    int ir = vpic_ack_chip(m), vec;

    if ( ir == PIC_CASCADE_IR && !m->single )
        vec = s->base + vpic_ack_chip(s);
    else
        vec = m->base + ir;
    vpic_update(d);
    return vec;
}

/* The ExtINT hooks of vCPU0's local APIC (struct vlapic_ext_int). */
static bool vpic_ext_pending(struct domain *d)
{
    return __atomic_load_n(&d->arch.io.pic.int_out, __ATOMIC_SEQ_CST);
}

static int vpic_ext_ack(struct domain *d)
{
    int vec;

    spin_lock(&d->arch.io.lock);
    vec = vpic_pending_vector(d) < 0 ? -1 : vpic_acknowledge(d);
    spin_unlock(&d->arch.io.lock);
    return vec;
}

static const struct vlapic_ext_int vpic_ext_int = {
    .pending = vpic_ext_pending,
    .ack = vpic_ext_ack,
};

void vpic_init(struct domain *d)
{
    unsigned int n;

    vlapic_set_ext_int(d, &vpic_ext_int);
    for ( n = 0; n < 2; n++ )
    {
        vpic_chip(d, n)->lowest = 7;
        vpic_chip(d, n)->imr = 0xff; /* masked until the guest programs it */
    }
}
