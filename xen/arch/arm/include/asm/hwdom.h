/* SPDX-License-Identifier: GPL-2.0-only */
/* The hardware domain: direct-mapped RAM and the host's devices. */
#ifndef ASM_ARM_HWDOM_H
#define ASM_ARM_HWDOM_H

#include <xen/bootinfo.h>

struct domain;

/* Whether @bd is the hardware domain (its capabilities include hardware). */
bool hwdom_is(const struct boot_domain *bd);

/*
 * RAM of hardware domain @d without static memory: @bd's memory_kib from
 * the page allocator in one naturally aligned piece, scrubbed and mapped
 * at its host address (guest physical = host physical), owned by the p2m.
 * Sets d->arch.ram0_*.  After p2m_init().  0, or -ENOMEM after one line
 * naming the /chosen property (dom0_mem=) or the domain's 'memory'.
 */
int hwdom_ram_populate(struct domain *d, const struct boot_domain *bd);

/*
 * SPIs the host devices handed to @d need (0: none).  Reads the host DT;
 * only meaningful for the hardware domain.
 */
unsigned int hwdom_nr_spis(const struct domain *d);

/*
 * Give hardware domain @d every host device it keeps (see hwdom.c): each
 * 'reg' of a top-level node mapped 1:1 as device memory, each GIC SPI
 * routed as a hardware interrupt.  After vgic_domain_init().  0 or -errno
 * after one line naming the node.  passthrough_domain_destroy() undoes
 * the routing; p2m_destroy() the mappings.
 */
int hwdom_devices_build(struct domain *d);

/*
 * Append the host device nodes @d keeps to guest DT @fdt (sequential
 * write, inside the root node), 'interrupt-parent' of the host GIC
 * pointing at the virtual one.  0 or -FDT_ERR_*.
 */
int hwdom_guest_dt(void *fdt, const struct domain *d);

/*
 * Whether the host DT has a /reserved-memory node (which the hardware
 * domain's DT then copies, the event log added to it).
 */
bool hwdom_host_reserved_memory(void);

#endif /* ASM_ARM_HWDOM_H */
