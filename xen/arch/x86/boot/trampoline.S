/* SPDX-License-Identifier: GPL-2.0-only */
/* Secondary CPUs: real mode in a low page to long mode, then C. */
#include <asm/smp.h>
#include <asm/x86-defs.h>

#define TRAMP_OFF(sym) ((sym) - ap_trampoline)

/*
 * Copied to a free page below 1 MiB by smp_init(); a SIPI starts each
 * secondary CPU here in real mode at CS:IP = vector << 8 : 0.  Position
 * independent: the GDT pointer is read relative to CS, and protected mode
 * is entered straight into the image (loaded at its link address).
 */
        .section .rodata, "a", @progbits
        .code16
        .globl ap_trampoline, ap_trampoline_end, ap_gdt_ptr
ap_trampoline:
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        lgdtl   TRAMP_OFF(ap_gdt_ptr)
        mov     %cr0, %eax
        or      $X86_CR0_PE, %eax
        mov     %eax, %cr0
        ljmpl   $__HYPERVISOR_CS32, $ap_protected

        .balign 8
        .word   0
ap_gdt_ptr:
        .word   0               /* filled by smp_init(): the boot GDT */
        .long   0
ap_trampoline_end:

        .text
        .code32
ap_protected:
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     ap_cr3, %eax
        mov     %eax, %cr3
        mov     %cr4, %eax
        or      $(X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %eax
        mov     %eax, %cr4
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        wrmsr
        mov     %cr0, %eax
        /* INIT leaves CD and NW set: caches on, as on the boot CPU. */
        and     $~(X86_CR0_EM | X86_CR0_TS | X86_CR0_CD | X86_CR0_NW), %eax
        or      $(X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP), %eax
        mov     %eax, %cr0
        ljmp    $__HYPERVISOR_CS64, $ap_long_mode

        .code64
/* In the image proper now: take a CPU number and its stack, enter C. */
ap_long_mode:
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        mov     $1, %edi
        lock xadd %edi, ap_next_cpu(%rip)  /* 1, 2, ... in arrival order */
        cmp     $NR_CPUS, %edi
        jae     2f
        lea     ap_stack_top(%rip), %rax
        mov     (%rax, %rdi, 8), %rsp
        test    %rsp, %rsp
        jz      2f
        fninit
        lea     hl_ssp_area(%rip), %rax  /* the shared canary, as the BSP */
        mov     %rax, %rdx
        shr     $32, %rdx
        mov     $MSR_FS_BASE, %ecx
        push    %rdi
        wrmsr
        pop     %rdi
        call    start_secondary
2:      cli
        hlt
        jmp     2b

        .section .data, "aw", @progbits
        .balign 8
        .globl ap_next_cpu, ap_stack_top, ap_cr3
ap_next_cpu:
        .long   1
ap_cr3:
        .long   0
        .balign 8
ap_stack_top:
        .skip   8 * NR_CPUS
