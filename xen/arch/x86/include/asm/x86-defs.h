/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 architectural constants: control registers, MSRs, paging, selectors. */
#ifndef ASM_X86_DEFS_H
#define ASM_X86_DEFS_H

/* Usable from assembly: plain numbers only. */

#define X86_CR0_PE (1 << 0)
#define X86_CR0_MP (1 << 1)
#define X86_CR0_EM (1 << 2)
#define X86_CR0_TS (1 << 3)
#define X86_CR0_NE (1 << 5)
#define X86_CR0_WP (1 << 16)
#define X86_CR0_NW (1 << 29)
#define X86_CR0_CD (1 << 30)
#define X86_CR0_PG 0x80000000

#define X86_CR4_PAE (1 << 5)
#define X86_CR4_OSFXSR (1 << 9)
#define X86_CR4_OSXMMEXCPT (1 << 10)

#define MSR_EFER 0xc0000080
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define EFER_LME (1 << 8)

#define PAGE_SHIFT 12
#ifdef __ASSEMBLY__
#define PAGE_SIZE (1 << PAGE_SHIFT) /* C code: <xen/page-alloc.h> */
#endif
#define L2_PAGE_SHIFT 21 /* 2 MiB pages */
#define PTE_PRESENT (1 << 0)
#define PTE_RW (1 << 1)
#define PTE_PSE (1 << 7)
#define PTE_TABLE (PTE_PRESENT | PTE_RW)
#define PTE_LARGE (PTE_PRESENT | PTE_RW | PTE_PSE)

/*
 * The hypervisor's 1:1 map of host physical memory (boot/head.S), in
 * 2 MiB pages: RAM beyond it is not used.
 */
#define IDMAP_GIB 64

/* Boot GDT layout (boot/head.S). */
#define __HYPERVISOR_CS64 0x08
#define __HYPERVISOR_DS 0x10
#define __HYPERVISOR_CS32 0x18

#define X86_NR_EXCEPTIONS 32
#define X86_EXC_UD 6
#define X86_EXC_GP 13
/* Vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30. */
#define X86_EXC_ERRCODE_MASK 0x60227d00

/* Size of the boot stack, in .bss. */
#define STACK_SIZE (16 * 1024)

/* Offset of the stack-protector canary from the FS base (x86_64 ABI). */
#define SSP_CANARY_OFFSET 0x28

#endif /* ASM_X86_DEFS_H */
