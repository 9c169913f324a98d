/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xapic: paging and long mode for the xapic guest, and the instructions it
 * reaches the xAPIC page with from 64-bit code.  The page tables are
 * xapic.c's; these only switch modes.  In long mode the guest stays in
 * compatibility mode (the 32-bit code segment) with interrupts off (its
 * IDT is a 32-bit one) and far-calls the 64-bit routines through call64().
 * APIC_4K and APIC_2M are linear aliases of the xAPIC page that xapic.c
 * maps in long mode (a 4 KiB and a 2 MiB page), within RIP-relative reach.
 */
#define SEL_CODE64 0x18
#define MSR_EFER 0xc0000080
#define EFER_LME 0x100
#define CR4_PSE 0x10
#define CR4_PAE 0x20
#define CR0_PG 0x80000000
#define APIC 0xfee00000
#define APIC_4K 0x40000000
#define APIC_2M 0x40200000

        .text
        .code32
/* void paging_on(uint32_t cr3, uint32_t cr4_bits, uint32_t long_mode) */
        .globl paging_on
paging_on:
        mov     %cr4, %eax
        or      8(%esp), %eax
        mov     %eax, %cr4
        mov     4(%esp), %eax
        mov     %eax, %cr3
        cmpl    $0, 12(%esp)
        je      1f
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        wrmsr
1:      mov     %cr0, %eax
        or      $CR0_PG, %eax
        mov     %eax, %cr0
        ret

/* void paging_off(void): back to flat protected mode, paging off. */
        .globl paging_off
paging_off:
        mov     %cr0, %eax
        and     $~CR0_PG, %eax
        mov     %eax, %cr0
        mov     $MSR_EFER, %ecx
        rdmsr
        and     $~EFER_LME, %eax
        wrmsr
        mov     %cr4, %eax
        and     $~(CR4_PSE | CR4_PAE), %eax
        mov     %eax, %cr4
        ret

/* uint32_t call64(void (*fn)(void), uint32_t arg): %eax in and out. */
        .globl call64
call64:
        push    %ebx
        push    %esi
        push    %edi
        push    %ebp
        mov     20(%esp), %eax
        mov     %eax, far_target
        mov     24(%esp), %eax
        lcall   *far_target
        pop     %ebp
        pop     %edi
        pop     %esi
        pop     %ebx
        ret

        .data
far_target:
        .long   0
        .word   SEL_CODE64

        .text
        .code64
/* Version through the 4 KiB alias, RIP-relative, into r9d. */
        .globl x64_rip_read
x64_rip_read:
        mov     apic_4k_ver(%rip), %r9d
        mov     %r9d, %eax
        lretl

/* TPR <- imm32 0x30 through the 2 MiB alias, RIP-relative (C7 /0). */
        .globl x64_rip_write_imm
x64_rip_write_imm:
        movl    $0x30, apic_2m_tpr(%rip)
        lretl

/* TPR read with a SIB (base rbx, index rcx * 4) into r15d. */
        .globl x64_sib_read
x64_sib_read:
        mov     $APIC, %ebx
        mov     $0x20, %ecx
        mov     (%rbx, %rcx, 4), %r15d
        mov     %r15d, %eax
        lretl

/* Version at r12 + disp8 (r12 as a base takes a SIB). */
        .globl x64_r12_disp8_read
x64_r12_disp8_read:
        mov     $APIC, %r12d
        mov     0x30(%r12), %eax
        lretl

/* TPR <- %eax from r10d at r13 + disp32. */
        .globl x64_r13_disp32_write
x64_r13_disp32_write:
        mov     $APIC, %r13d
        mov     %eax, %r10d
        mov     %r10d, 0x80(%r13)
        lretl

/* LDR <- %eax from r11d at r8 + disp32, read back into r14d. */
        .globl x64_r8_ldr
x64_r8_ldr:
        mov     $APIC, %r8d
        mov     %eax, %r11d
        mov     %r11d, 0xd0(%r8)
        mov     0xd0(%r8), %r14d
        mov     %r14d, %eax
        lretl

/* Version by a 64-bit absolute address (A1 moffs64). */
        .globl x64_moffs_read
x64_moffs_read:
        movabs  APIC + 0x30, %eax
        lretl

/* Version through a GS prefix and a SIB without base (disp32). */
        .globl x64_gs_read
x64_gs_read:
        mov     %gs:APIC_4K + 0x30, %eax
        lretl

/* A 64-bit load (REX.W): refused. */
        .globl x64_mov64
x64_mov64:
        mov     apic_4k_ver(%rip), %rax
        lretl
