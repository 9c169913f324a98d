/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lapic: the real-mode start of vCPU1, copied to 0x8000 (SIPI vector 8):
 * a GDT, protected mode, then ap_main() on its own stack.
 */
#define TRAMPOLINE_PA 0x8000

        .section .rodata
        .globl ap_trampoline, ap_trampoline_end
        .code16
ap_trampoline:
        cli
        mov     %cs, %ax
        mov     %ax, %ds
        lgdtl   tramp_gdt_ptr - ap_trampoline
        mov     %cr0, %eax
        or      $1, %eax
        mov     %eax, %cr0
        ljmpl   $0x08, $ap_pm32
        .balign 8
tramp_gdt:
        .quad   0
        .quad   0x00cf9b000000ffff      /* 0x08: flat 32-bit code */
        .quad   0x00cf93000000ffff      /* 0x10: flat data */
tramp_gdt_ptr:
        .word   tramp_gdt_ptr - tramp_gdt - 1
        .long   TRAMPOLINE_PA + tramp_gdt - ap_trampoline
ap_trampoline_end:

        .text
        .code32
ap_pm32:
        mov     $0x10, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        mov     $ap_stack_top, %esp
        cld
        call    ap_main
1:      hlt
        jmp     1b

        .bss
        .balign 16
        .fill   4096, 1, 0
ap_stack_top:
