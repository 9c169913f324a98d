/* SPDX-License-Identifier: GPL-2.0-only */
/* The 8254 PIT at 0x40-0x43 and port 0x61: counters from host time. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/hvm-io.h>
#include "vpit-priv.h"

#define PIT_CMD 3
#define PIT_RW_LATCH 0 /* counter latch command */
#define PIT_RW_LSB 1
#define PIT_RW_MSB 2
#define PIT_RW_BOTH 3
#define PIT_READ_BACK 3 /* SC field of a read-back command */
#define PIT_STATUS_OUT 0x80
#define PIT_STATUS_NULL 0x40
#define PORT61_GATE2 0x01
#define PORT61_WRITABLE 0x0f
#define PORT61_REFRESH 0x10 /* toggles every 15.085 us */
#define PORT61_OUT2 0x20

uint64_t vpit_ticks(const struct vpit_channel *c)
{
    uint64_t ns = c->gate ? time_ns() - c->start_ns : 0;

    return c->frozen_ticks + (ns / 1000000000ULL) * PIT_HZ +
           (ns % 1000000000ULL) * PIT_HZ / 1000000000ULL;
}

/*
 * The count and OUT now.  Mode 0: down from the reload, OUT high once it
 * reached 0 (the count wraps on).  Mode 2: reload..1, OUT low at 1.
 * Mode 3: down by two, OUT high the first half.  Others count as mode 0.
 */
static uint16_t pit_count(const struct vpit_channel *c, bool *out)
{
    uint64_t t = vpit_ticks(c);
    uint32_t r = c->reload, phase = (uint32_t)(t % r), half = (r + 1) / 2;

    if ( !c->loaded )
    {
        *out = c->mode != 0;
        return 0;
    }
    switch ( c->mode )
    {
    case 2:
        *out = phase != r - 1;
        return (uint16_t)(r - phase);
    case 3:
        *out = phase < half;
        return (uint16_t)(r - 2 * (phase < half ? phase : phase - half));
    default:
        *out = t >= r;
        return (uint16_t)(r - t);
    }
}

static uint8_t pit_status(const struct vpit_channel *c)
{
    bool out;

    pit_count(c, &out);
    return (out ? PIT_STATUS_OUT : 0) | (c->loaded ? 0 : PIT_STATUS_NULL) |
           (uint8_t)(c->rw << 4) | (uint8_t)(c->mode << 1);
}

static void pit_latch(struct vpit_channel *c)
{
    bool out;

    if ( c->latched )
        return; /* the first latch holds until read */
    c->latch = pit_count(c, &out);
    c->latched = true;
}

static void pit_read_back(struct vpit *pit, uint8_t v)
{
    unsigned int i;

    for ( i = 0; i < 3; i++ )
    {
        struct vpit_channel *c = &pit->ch[i];

        if ( !(v & (2U << i)) )
            continue;
        if ( !(v & 0x10) && !c->status_latched )
        {
            c->status = pit_status(c);
            c->status_latched = true;
        }
        if ( !(v & 0x20) )
            pit_latch(c);
    }
}

static void pit_control(struct vpit *pit, uint8_t v)
{
    unsigned int sc = v >> 6, rw = (v >> 4) & 3, mode = (v >> 1) & 7;
    struct vpit_channel *c = &pit->ch[sc & 3];

    if ( sc == PIT_READ_BACK )
        return pit_read_back(pit, v);
    if ( rw == PIT_RW_LATCH )
        return pit_latch(c);
    c->rw = (uint8_t)rw;
    c->mode = (uint8_t)(mode > 5 ? mode - 4 : mode); /* 6, 7: 2, 3 */
    c->loaded = c->latched = c->status_latched = false;
    c->read_msb = c->write_msb = false;
}

static void pit_load(struct vpit_channel *c, uint16_t count)
{
    c->reload = count ? count : 0x10000;
    c->start_ns = time_ns();
    c->frozen_ticks = 0;
    c->loaded = true;
}

static void pit_write_count(struct vpit_channel *c, uint8_t v)
{
    switch ( c->rw )
    {
    case PIT_RW_LSB:
        return pit_load(c, v);
    case PIT_RW_MSB:
        return pit_load(c, (uint16_t)(v << 8));
    default:
        if ( !c->write_msb )
        {
            c->write_lsb = v; /* counting waits for the MSB */
            c->loaded = false;
        }
        else
            pit_load(c, (uint16_t)(c->write_lsb | v << 8));
        c->write_msb = !c->write_msb;
        break;
    }
}

static uint8_t pit_read_count(struct vpit_channel *c)
{
    bool out, msb;
    uint16_t n;

    if ( c->status_latched )
    {
        c->status_latched = false;
        return c->status;
    }
    n = c->latched ? c->latch : pit_count(c, &out);
    msb = c->rw == PIT_RW_MSB || (c->rw == PIT_RW_BOTH && c->read_msb);
    if ( c->rw == PIT_RW_BOTH )
        c->read_msb = !c->read_msb;
    if ( c->latched && (c->rw != PIT_RW_BOTH || !c->read_msb) )
        c->latched = false; /* fully read */
    return msb ? (uint8_t)(n >> 8) : (uint8_t)n;
}

static void vpit_read(struct vcpu *v, unsigned int offset, unsigned int size,
                      uint32_t *val)
{
    struct vpit *pit = &v->domain->arch.io.pit;

    *val = offset == PIT_CMD ? 0xff : pit_read_count(&pit->ch[offset]);
}

static void vpit_write(struct vcpu *v, unsigned int offset, unsigned int size,
                       uint32_t val)
{
    struct vpit *pit = &v->domain->arch.io.pit;
    bool control = offset == PIT_CMD;

    if ( control )
        pit_control(pit, (uint8_t)val);
    else
        pit_write_count(&pit->ch[offset], (uint8_t)val);
    /* Channel 0 programmed (not latched or read back). */
    if ( control ? (val >> 6) == 0 && (val & 0x30) : offset == 0 )
        vpit_irq_program(v->domain, control);
}

/* Channel 2's gate: low freezes the count; a rising edge restarts modes
 * 1, 2, 3 and 5 from the reload value and resumes mode 0. */
static void pit_set_gate2(struct vpit_channel *c, bool gate)
{
    if ( gate == c->gate )
        return;
    if ( !gate )
        c->frozen_ticks = vpit_ticks(c);
    else if ( c->mode != 0 && c->mode != 4 )
        c->frozen_ticks = 0;
    c->start_ns = time_ns();
    c->gate = gate;
}

static void port61_read(struct vcpu *v, unsigned int offset, unsigned int size,
                        uint32_t *val)
{
    struct vpit *pit = &v->domain->arch.io.pit;
    bool out;

    pit_count(&pit->ch[2], &out);
    *val = pit->port61 | (out ? PORT61_OUT2 : 0) |
           ((time_ns() / 15085) & 1 ? PORT61_REFRESH : 0);
}

static void port61_write(struct vcpu *v, unsigned int offset,
                         unsigned int size, uint32_t val)
{
    struct vpit *pit = &v->domain->arch.io.pit;

    pit->port61 = (uint8_t)(val & PORT61_WRITABLE);
    pit_set_gate2(&pit->ch[2], val & PORT61_GATE2);
}

void vpit_init(struct domain *d)
{
    struct vpit *pit = &d->arch.io.pit;

    pit->ch[0].gate = pit->ch[1].gate = true; /* tied high on a PC */
    pit->ch[0].reload = pit->ch[1].reload = pit->ch[2].reload = 0x10000;
    pit->irq_due = VLAPIC_NO_DEADLINE;
}

HVM_IO_RANGE(vpit_range) = {
    .first = 0x40,
    .count = 4,
    .name = "8254",
    .read = vpit_read,
    .write = vpit_write,
};

HVM_IO_RANGE(port61_range) = {
    .first = 0x61,
    .count = 1,
    .name = "port B",
    .read = port61_read,
    .write = port61_write,
};
