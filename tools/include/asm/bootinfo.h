/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: the host tools link the parser hooks of every architecture, so
 * their boot domain carries the union of the per-arch fields.  Keep it in
 * step with xen/arch/{arm,x86}/include/asm/bootinfo.h.
 */
#ifndef ASM_HOST_BOOTINFO_H
#define ASM_HOST_BOOTINFO_H

#include <xen/types.h>

#define HL_MODE_PV (1U << 0)
#define HL_MODE_DM (1U << 1)
#define HL_MODE_LONG (1U << 2)
#define HL_MODE_MASK (HL_MODE_PV | HL_MODE_DM | HL_MODE_LONG)

struct arch_boot_domain {
    uint32_t nr_spis; /* arm */
    bool nr_spis_set; /* arm */
    uint32_t mode;    /* arm and x86 */
};

#endif /* ASM_HOST_BOOTINFO_H */
