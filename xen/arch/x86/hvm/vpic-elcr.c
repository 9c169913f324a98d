/* SPDX-License-Identifier: GPL-2.0-only */
/* The edge/level control registers at 0x4d0 (IRQ 0-7) and 0x4d1 (8-15). */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-io.h>

/*
 * Each bit selects how the 8259 samples that line: 0 edge (the reset
 * value), 1 level.  Every bit reads back as written.
 */
static void elcr_read(struct vcpu *v, unsigned int offset, unsigned int size,
                      uint32_t *val)
{
    const struct vpic *pic = &v->domain->arch.io.pic;

    *val = pic->chip[offset].elcr;
    if ( size > 1 && offset == 0 )
        *val |= (uint32_t)pic->chip[1].elcr << 8;
}

static void elcr_write(struct vcpu *v, unsigned int offset, unsigned int size,
                       uint32_t val)
{
    struct domain *d = v->domain;
    unsigned int n;

    for ( n = offset; n < 2 && n < offset + size; n++, val >>= 8 )
    {
        struct vpic_chip *c = &d->arch.io.pic.chip[n];

        c->elcr = (uint8_t)val;
        /* A line that is high now requests at once in level mode. */
        c->irr |= c->lines & c->elcr;
    }
    vpic_update(d);
}

HVM_IO_RANGE(elcr_range) = {
    .first = 0x4d0,
    .count = 2,
    .name = "ELCR",
    .read = elcr_read,
    .write = elcr_write,
};
