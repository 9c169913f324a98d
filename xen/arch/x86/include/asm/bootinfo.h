/* SPDX-License-Identifier: GPL-2.0-only */
/* x86-only fields of a boot domain. */
#ifndef ASM_X86_BOOTINFO_H
#define ASM_X86_BOOTINFO_H

#include <xen/types.h>

/* Bits of the hyperlaunch 'mode' property. */
#define HL_MODE_PV (1U << 0)   /* paravirtualised */
#define HL_MODE_DM (1U << 1)   /* HVM with a device model */
#define HL_MODE_LONG (1U << 2) /* 64-bit (informative) */
#define HL_MODE_MASK (HL_MODE_PV | HL_MODE_DM | HL_MODE_LONG)

struct arch_boot_domain {
    uint32_t mode; /* HL_MODE_*; 0 is PVH */
};

#endif /* ASM_X86_BOOTINFO_H */
