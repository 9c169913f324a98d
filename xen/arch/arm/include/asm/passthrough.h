/* SPDX-License-Identifier: GPL-2.0-only */
/* Devices given to a domain through its partial device tree. */
#ifndef ASM_ARM_PASSTHROUGH_H
#define ASM_ARM_PASSTHROUGH_H

#include <xen/bootinfo.h>

struct domain;

/* SPIs @bd's vGIC needs for its devices' interrupts (0: none). */
unsigned int passthrough_nr_spis(const struct boot_domain *bd);

/*
 * Give @d the devices the check phase recorded for @bd: each 'xen,reg'
 * range mapped as device memory at its guest address (whole pages), each
 * SPI routed as a hardware interrupt (irq_route_to_guest()).  After
 * p2m_init() and vgic_domain_init(), before the domain runs.  Returns 0 or
 * -errno after one line naming the device; passthrough_domain_destroy()
 * undoes what was done (it accepts a half-built domain).
 */
int passthrough_domain_build(struct domain *d, const struct boot_domain *bd);
void passthrough_domain_destroy(struct domain *d);

/*
 * Append to guest DT @fdt (libfdt sequential write, inside the root node)
 * the partial DT's /aliases and /passthrough nodes, without their xen,*
 * properties, with 'interrupt-parent' of the /gic placeholder pointing at
 * the guest's GIC.  Nothing when @d has no partial DT.  0 or -FDT_ERR_*.
 */
int passthrough_guest_dt(void *fdt, const struct domain *d);

#endif /* ASM_ARM_PASSTHROUGH_H */
