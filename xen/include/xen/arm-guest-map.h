/* SPDX-License-Identifier: GPL-2.0-only */
/* The arm64 guest physical memory map (Xen's public layout), for the
 * hypervisor and for the parser's checks on the host. */
#ifndef XEN_ARM_GUEST_MAP_H
#define XEN_ARM_GUEST_MAP_H

#define GUEST_RAM0_BASE 0x40000000ULL
#define GUEST_RAM0_SIZE 0xc0000000ULL
#define GUEST_RAM1_BASE 0x200000000ULL
#define GUEST_RAM1_SIZE 0xfe00000000ULL
#define GUEST_PL011_BASE 0x22000000ULL
#define GUEST_PL011_SIZE 0x1000ULL
#define GUEST_GICD_BASE 0x03001000ULL
#define GUEST_GICV3_GICD_SIZE 0x10000ULL
#define GUEST_GICV3_GICR0_BASE 0x03020000ULL
#define GUEST_GICV3_GICR0_SIZE 0x01000000ULL
#define GUEST_GICC_BASE 0x03002000ULL
#define GUEST_GICV2_GICD_SIZE 0x1000ULL
#define GUEST_GICC_SIZE 0x2000ULL
#define GUEST_PHANDLE_GIC 65000U
/* A GICv2 targets 8 CPU interfaces: at most 8 vCPUs on a GICv2 host. */
#define GUEST_GICV2_MAX_VCPUS 8U
/* The virtual SBSA watchdog (vwdt.c): control and refresh frames. */
#define GUEST_VWDT_CTRL_BASE 0x22010000ULL
#define GUEST_VWDT_REFRESH_BASE 0x22020000ULL
#define GUEST_VWDT_FRAME_SIZE 0x1000ULL
/* Where xen,enhanced domains map their grant-table frames. */
#define GUEST_GNTTAB_BASE 0x38000000ULL
#define GUEST_GNTTAB_SIZE 0x01000000ULL
/* Grant frames and mapped grants go below this (GUEST_MAGIC_BASE + size). */
#define GUEST_PV_WINDOW_END 0x3a000000ULL

#endif /* XEN_ARM_GUEST_MAP_H */
