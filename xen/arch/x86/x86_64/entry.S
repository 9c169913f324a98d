/* SPDX-License-Identifier: GPL-2.0-only */
/* Exception entry stubs (report in do_exception()), the APIC timer stub. */
#include <asm/x86-defs.h>

        .text
        .code64

/*
 * One stub per vector.  Each pushes a zero where the CPU pushes no error
 * code, then the vector, so every frame has the struct cpu_user_regs shape.
 * The stub addresses go to exception_stubs[] for traps_init().
 */
        .pushsection .rodata, "a", @progbits
        .balign 8
        .globl exception_stubs
exception_stubs:
        .popsection

        .balign 16
        vec = 0
        .rept X86_NR_EXCEPTIONS
1:
        .if ((X86_EXC_ERRCODE_MASK >> vec) & 1) == 0
        pushq   $0
        .endif
        pushq   $vec
        jmp     exception_common
        .pushsection .rodata, "a", @progbits
        .quad   1b
        .popsection
        vec = vec + 1
        .endr

exception_common:
        push    %rax
        push    %rbx
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        call    do_exception
1:      cli
        hlt
        jmp     1b

/*
 * The local APIC timer and the kick IPI: they only end a guest's time
 * slice or an idle wait (the #VMEXIT or the wake-up did), so the handler
 * just signals the end of the interrupt.
 */
        .globl apic_timer_irq, apic_kick_irq
apic_timer_irq:
apic_kick_irq:
        push    %rax
        mov     apic_eoi_addr(%rip), %rax
        movl    $0, (%rax)
        pop     %rax
        iretq

/* A spurious APIC interrupt needs no EOI. */
        .globl apic_spurious_irq
apic_spurious_irq:
        iretq
