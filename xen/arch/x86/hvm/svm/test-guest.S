/* SPDX-License-Identifier: GPL-2.0-only */
/* The SVM self-test guest: 32-bit code printing "svm ok" on COM1. */

/* Guest physical address the blob is copied to (svm-selftest.c). */
#define TEST_GUEST_GPA 0x1000

        .section .rodata, "a", @progbits
        .code32
        .globl svm_test_guest, svm_test_guest_end
svm_test_guest:
        mov     $(TEST_GUEST_GPA + msg - svm_test_guest), %esi
        mov     $0x3f8, %dx
1:      lodsb
        test    %al, %al
        jz      2f
        out     %al, (%dx)
        jmp     1b
2:      vmmcall
        hlt
        jmp     2b
msg:
        .asciz  "svm ok\n"
svm_test_guest_end:
        .code64
