/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 image layout: where the hypervisor is linked and how big its stacks are. */
#ifndef ASM_ARM_CONFIG_H
#define ASM_ARM_CONFIG_H

/*
 * The image runs with the MMU off at the address it is linked at.  Both
 * QEMU's -kernel loader and U-Boot's booti place an Image at "2 MiB-aligned
 * base of RAM + text_offset", so on QEMU virt (RAM at 0x40000000) a
 * text_offset of 2 MiB puts us exactly at the link address.  Loaded
 * anywhere else, head.S first copies the image here.
 */
#define XEN_TEXT_OFFSET 0x00200000
#define XEN_LINK_ADDR (0x40000000 + XEN_TEXT_OFFSET)

/* Image header flags: little-endian, 4 KiB pages, base near start of RAM. */
#define XEN_IMAGE_FLAGS (1 << 1)

#define BOOT_STACK_SIZE (32 * 1024)
#define TRAP_STACK_SIZE (8 * 1024)
#define CPU_STACK_SIZE (16 * 1024) /* each secondary CPU's */

/* Host CPUs brought up and scheduled on. */
#define NR_CPUS 8

/* MPIDR_EL1 affinity fields Aff3..Aff0. */
#define MPIDR_AFF_MASK 0xff00ffffff

#endif /* ASM_ARM_CONFIG_H */
