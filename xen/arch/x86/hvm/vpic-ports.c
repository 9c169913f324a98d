/* SPDX-License-Identifier: GPL-2.0-only */
/* The dual 8259 PIC's ports: ICWs, OCWs, IMR, IRR/ISR reads, poll. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-io.h>
#include "vpic-priv.h"

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
    int ir = (v & OCW2_SL) ? (v & 7) : vpic_highest(c, c->isr);

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
    struct vpic_chip *c = vpic_chip(d, n);
    int ir = vpic_pending_ir(c);

    c->poll = false;
    if ( ir < 0 )
        return 0;
    vpic_ack_chip(c);
    vpic_update(d);
    return (uint8_t)(0x80 | ir);
}

static void vpic_read(struct vcpu *v, unsigned int offset, unsigned int size,
                      uint32_t *val)
{
    struct domain *d = v->domain;
    unsigned int n = offset >> 7; /* 0x20-0x21: 0; 0xa0-0xa1: 1 */
    struct vpic_chip *c = vpic_chip(d, n);

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
    struct vpic_chip *c = vpic_chip(d, offset >> 7);

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
