/* SPDX-License-Identifier: GPL-2.0-only */
/* The 8254 PIT: what its two files share. */
#ifndef HVM_VPIT_PRIV_H
#define HVM_VPIT_PRIV_H

#include <asm/hvm-io.h>

#define PIT_HZ 1193182ULL

/* The ticks @c has counted since it was loaded (vpit.c). */
uint64_t vpit_ticks(const struct vpit_channel *c);

/*
 * Channel 0 of @d was programmed (vpit-irq.c): a control word (@control)
 * stops its interrupts, a count starts them: the first edge comes one
 * period on.  In mode 0 both take OUT (IRQ 0) low.  Device lock held.
 */
void vpit_irq_program(struct domain *d, bool control);

#endif /* HVM_VPIT_PRIV_H */
