/* SPDX-License-Identifier: GPL-2.0-only */
/* The dual 8259 PIC: master at 0x20, slave at 0xa0 on master IR2; edge. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-io.h>

#define PIC_CASCADE_IR 2
#define ICW1_ICW4 0x01
#define ICW1_SINGLE 0x02
#define ICW1 0x10
#define ICW4_AEOI 0x02
#define OCW3 0x08
#define OCW3_READ 0x02 /* with bit 0: 1 = ISR, 0 = IRR */
#define OCW3_RIS 0x01
#define OCW3_POLL 0x04
#define OCW2_EOI 0x20
#define OCW2_SL 0x40
#define OCW2_R 0x80

static struct vpic_chip *pic_chip(struct domain *d, unsigned int n)
{
    return &d->arch.io.pic.chip[n];
}

/* The highest-priority IR set in @bits, or -1; IR lowest+1 ranks first. */
static int pic_highest(const struct vpic_chip *c, uint8_t bits)
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
static int pic_pending_ir(const struct vpic_chip *c)
{
    int req = pic_highest(c, c->irr & ~c->imr);
    int svc = pic_highest(c, c->isr);

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
    struct vpic_chip *m = pic_chip(d, 0);
    bool out, was = d->arch.io.pic.int_out;

    if ( pic_pending_ir(pic_chip(d, 1)) >= 0 )
        m->irr |= 1U << PIC_CASCADE_IR;
    else
        m->irr &= (uint8_t) ~(1U << PIC_CASCADE_IR);
    out = pic_pending_ir(m) >= 0;
    __atomic_store_n(&d->arch.io.pic.int_out, out, __ATOMIC_SEQ_CST);
    if ( out && !was )
        vcpu_kick(&d->vcpu[0]);
}

/* Edge: a rising line sets IRR.  Level (ELCR): IRR follows the line. */
void vpic_raise(struct domain *d, unsigned int irq)
{
    struct vpic_chip *c = pic_chip(d, irq >> 3);
    uint8_t bit = (uint8_t)(1U << (irq & 7));

    if ( !(c->lines & bit) || (c->elcr & bit) )
        c->irr |= bit;
    c->lines |= bit;
    vpic_update(d);
}

void vpic_lower(struct domain *d, unsigned int irq)
{
    struct vpic_chip *c = pic_chip(d, irq >> 3);
    uint8_t bit = (uint8_t)(1U << (irq & 7));

    c->lines &= (uint8_t)~bit;
    c->irr &= (uint8_t)~bit; /* a request gone before INTA is lost */
    vpic_update(d);
}

static int vpic_pending_vector(const struct domain *d)
{
    const struct vpic_chip *m = &d->arch.io.pic.chip[0];
    const struct vpic_chip *s = &d->arch.io.pic.chip[1];
    int ir = pic_pending_ir(m);

    if ( ir < 0 )
        return -1;
    if ( ir == PIC_CASCADE_IR && !m->single )
    {
        int sir = pic_pending_ir(s);

        return sir < 0 ? s->base + 7 : s->base + sir;
    }
    return m->base + ir;
}

/* INTA on one chip: IRR to ISR (or not, in auto-EOI); the IR, or 7. */
static int pic_ack_chip(struct vpic_chip *c)
{
    int ir = pic_pending_ir(c);

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
    struct vpic_chip *m = pic_chip(d, 0), *s = pic_chip(d, 1);
    int ir = pic_ack_chip(m), vec;

    if ( ir == PIC_CASCADE_IR && !m->single )
        vec = s->base + pic_ack_chip(s);
    else
        vec = m->base + ir;
    vpic_update(d);
    return vec;
}

static void pic_icw1(struct vpic_chip *c, uint8_t v)
{
    c->imr = c->isr = c->irr = 0;
    c->lowest = 7;
    c->icw4 = v & ICW1_ICW4;
    c->single = v & ICW1_SINGLE;
    c->auto_eoi = c->read_isr = c->poll = c->rotate_aeoi = false;
    c->icw_step = 2;
}

/* OCW2: end of interrupt, rotation and priority commands. */
static void pic_ocw2(struct vpic_chip *c, uint8_t v)
{
    int ir = (v & OCW2_SL) ? (v & 7) : pic_highest(c, c->isr);

    if ( !(v & OCW2_EOI) && !(v & OCW2_SL) ) /* rotate in AEOI set/clear */
    {
        c->rotate_aeoi = v & OCW2_R;
        return;
    }
    if ( (v & OCW2_EOI) && ir >= 0 )
        c->isr &= (uint8_t) ~(1U << ir);
    if ( (v & OCW2_R) && ir >= 0 ) /* the IR just served ranks last */
        c->lowest = (uint8_t)ir;
}

static void pic_write_cmd(struct vpic_chip *c, uint8_t v)
{
    if ( v & ICW1 )
        pic_icw1(c, v);
    else if ( v & OCW3 )
    {
        if ( v & OCW3_READ )
            c->read_isr = v & OCW3_RIS;
        c->poll = v & OCW3_POLL;
    }
    else
        pic_ocw2(c, v);
}

static void pic_write_data(struct vpic_chip *c, uint8_t v)
{
    switch ( c->icw_step )
    {
    case 2:
        c->base = v & 0xf8;
        c->icw_step = c->single ? (c->icw4 ? 4 : 0) : 3;
        break;
    case 3:
        c->icw3 = v;
        c->icw_step = c->icw4 ? 4 : 0;
        break;
    case 4:
        c->auto_eoi = v & ICW4_AEOI;
        c->icw_step = 0;
        break;
    default:
        c->imr = v; /* OCW1 */
        break;
    }
}

/* A poll command: the next read acknowledges, as INTA would. */
static uint8_t pic_poll(struct domain *d, unsigned int n)
{
    struct vpic_chip *c = pic_chip(d, n);
    int ir = pic_pending_ir(c);

    c->poll = false;
    if ( ir < 0 )
        return 0;
    pic_ack_chip(c);
    vpic_update(d);
    return (uint8_t)(0x80 | ir);
}

static void vpic_read(struct vcpu *v, unsigned int offset, unsigned int size,
                      uint32_t *val)
{
    struct domain *d = v->domain;
    unsigned int n = offset >> 7; /* 0x20-0x21: 0; 0xa0-0xa1: 1 */
    struct vpic_chip *c = pic_chip(d, n);

    if ( c->poll )
        *val = pic_poll(d, n);
    else if ( offset & 1 )
        *val = c->imr;
    else
        *val = c->read_isr ? c->isr : c->irr;
}

static void vpic_write(struct vcpu *v, unsigned int offset, unsigned int size,
                       uint32_t val)
{
    struct domain *d = v->domain;
    struct vpic_chip *c = pic_chip(d, offset >> 7);

    if ( offset & 1 )
        pic_write_data(c, (uint8_t)val);
    else
        pic_write_cmd(c, (uint8_t)val);
    vpic_update(d);
}

static void vpic_read_slave(struct vcpu *v, unsigned int offset,
                            unsigned int size, uint32_t *val)
{
    vpic_read(v, offset | 0x80, size, val);
}

static void vpic_write_slave(struct vcpu *v, unsigned int offset,
                             unsigned int size, uint32_t val)
{
    vpic_write(v, offset | 0x80, size, val);
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
        pic_chip(d, n)->lowest = 7;
        pic_chip(d, n)->imr = 0xff; /* masked until the guest programs it */
    }
}

HVM_IO_RANGE(vpic_master_range) = {
    .first = 0x20,
    .count = 2,
    .name = "8259 master",
    .read = vpic_read,
    .write = vpic_write,
};

HVM_IO_RANGE(vpic_slave_range) = {
    .first = 0xa0,
    .count = 2,
    .name = "8259 slave",
    .read = vpic_read_slave,
    .write = vpic_write_slave,
};
