/* SPDX-License-Identifier: GPL-2.0-only */
/* Domains whose RAM is given host RAM (xen,static-mem, direct-map). */
#ifndef ASM_ARM_STATIC_MEM_H
#define ASM_ARM_STATIC_MEM_H

#include <xen/bootinfo.h>

struct domain;

/*
 * Set @d's RAM banks (ram0/ram1 base and size) for @bd, which has
 * xen,static-mem: Xen's guest RAM0/RAM1 layout, or with direct-map the
 * host banks themselves (guest physical = host physical).
 */
void static_mem_layout(struct domain *d, const struct boot_domain *bd);

/*
 * Scrub @bd's static banks and map them into @d's stage-2 tables
 * (after static_mem_layout() and p2m_init(); nothing else in RAM yet).
 * The pages are not the tables': p2m_destroy() leaves them alone.
 * Returns 0 or -errno after one line.
 */
int static_mem_populate(struct domain *d, const struct boot_domain *bd);

#endif /* ASM_ARM_STATIC_MEM_H */
