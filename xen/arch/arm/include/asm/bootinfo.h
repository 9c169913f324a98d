/* SPDX-License-Identifier: GPL-2.0-only */
/* Arm-only fields of a boot domain. */
#ifndef ASM_ARM_BOOTINFO_H
#define ASM_ARM_BOOTINFO_H

#include <xen/types.h>

struct arch_boot_domain {
    uint32_t nr_spis; /* SPIs for the vGIC; 0: default */
    bool nr_spis_set;
    uint32_t mode; /* hyperlaunch 'mode' (must not ask for PV) */
};

#endif /* ASM_ARM_BOOTINFO_H */
