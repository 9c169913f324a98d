/* SPDX-License-Identifier: GPL-2.0-only */
/* VMRUN with the guest GPRs loaded; save them back on #VMEXIT. */
#include <asm/svm.h>

        .text
        .code64

/*
 * void svm_vmrun(paddr_t vmcb_pa, struct svm_gprs *gprs)
 *
 * VMRUN saves and restores the host RSP, RIP, RAX and RFLAGS (in the
 * VM_HSAVE_PA area); every other GPR comes back holding the guest's value,
 * so the callee-saved ones are pushed here.  Host IF is set across VMRUN
 * (GIF 0 holds interrupts off around it): with V_INTR_MASKING a physical
 * interrupt while the guest runs is a #VMEXIT(INTR), and stays pending
 * in the local APIC for the caller to take.  VMRUN does not come right
 * after STI: QEMU's TCG keeps the STI interrupt shadow into the guest, where
 * it holds off a virtual interrupt (V_IRQ) for the guest's first
 * instructions, long enough for a CLI.
 */
        .globl svm_vmrun
svm_vmrun:
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rsi
        mov     %rdi, %rax
        mov     SVM_GPR_RBX(%rsi), %rbx
        mov     SVM_GPR_RCX(%rsi), %rcx
        mov     SVM_GPR_RDX(%rsi), %rdx
        mov     SVM_GPR_RDI(%rsi), %rdi
        mov     SVM_GPR_RBP(%rsi), %rbp
        mov     SVM_GPR_R8 + 0(%rsi), %r8
        mov     SVM_GPR_R8 + 8(%rsi), %r9
        mov     SVM_GPR_R8 + 16(%rsi), %r10
        mov     SVM_GPR_R8 + 24(%rsi), %r11
        mov     SVM_GPR_R8 + 32(%rsi), %r12
        mov     SVM_GPR_R8 + 40(%rsi), %r13
        mov     SVM_GPR_R8 + 48(%rsi), %r14
        mov     SVM_GPR_R8 + 56(%rsi), %r15
        mov     SVM_GPR_RSI(%rsi), %rsi
        clgi
        sti
        nop                             /* not in STI's shadow: see above */
        vmrun
        cli
        /* #VMEXIT: GIF is 0; RAX, RSP are the host's again. */
        xchg    %rsi, (%rsp)            /* guest RSI to the stack */
        mov     %rbx, SVM_GPR_RBX(%rsi)
        mov     %rcx, SVM_GPR_RCX(%rsi)
        mov     %rdx, SVM_GPR_RDX(%rsi)
        mov     %rdi, SVM_GPR_RDI(%rsi)
        mov     %rbp, SVM_GPR_RBP(%rsi)
        mov     %r8, SVM_GPR_R8 + 0(%rsi)
        mov     %r9, SVM_GPR_R8 + 8(%rsi)
        mov     %r10, SVM_GPR_R8 + 16(%rsi)
        mov     %r11, SVM_GPR_R8 + 24(%rsi)
        mov     %r12, SVM_GPR_R8 + 32(%rsi)
        mov     %r13, SVM_GPR_R8 + 40(%rsi)
        mov     %r14, SVM_GPR_R8 + 48(%rsi)
        mov     %r15, SVM_GPR_R8 + 56(%rsi)
        popq    SVM_GPR_RSI(%rsi)
        stgi
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        ret
