/* SPDX-License-Identifier: GPL-2.0-only */
/* Host SPIs given to domains as hardware interrupts (irq.c). */
#ifndef ASM_ARM_IRQ_H
#define ASM_ARM_IRQ_H

#include <xen/types.h>

struct domain;

/*
 * Give host SPI @intid to @d as its SPI @intid, a hardware interrupt:
 * the host GIC delivers it (enabled, routed to a host CPU) only to
 * irq_forward(), which makes it pending in @d's vGIC; the list register
 * carries the HW bit, so the guest's EOI deactivates the host SPI.  Never
 * reaches the hypervisor's own handlers or another domain.  Called while
 * building @d, after vgic_domain_init().  Returns 0, -EINVAL (not an SPI,
 * or beyond @d's SPIs) or -EBUSY (given to a domain already).
 */
int irq_route_to_guest(struct domain *d, unsigned int intid);

/*
 * Disable and deactivate every host SPI given to @d and forget them.
 * Accepts a half-built domain.  No vCPU of @d may run.
 */
void irq_release_domain(struct domain *d);

/*
 * Called with every acknowledged host interrupt @intid before the
 * hypervisor's own handling: true when it belonged to a domain and was
 * forwarded (its priority dropped; nothing more to do), false otherwise.
 */
bool irq_forward(unsigned int intid);

#endif /* ASM_ARM_IRQ_H */
