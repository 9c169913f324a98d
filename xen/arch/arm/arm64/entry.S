/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 EL2 exception vectors: hypervisor faults are fatal, guest exits return. */
#include <asm/config.h>

/*
 * Entries 0-7 (taken at EL2) pass their number (x0), the interrupted x30
 * (x1) and sp (x2) to do_hyp_trap(), on a stack of its own in case sp is
 * what went wrong.  Nothing returns.  Entries 8-15 (from the guest) save
 * x0/x1 on the hypervisor stack and leave through guest_exit
 * (guest-entry.S) with their number in x0.
 */
        .macro  vector idx
        .balign 128
        mov     x1, x30
        mov     x0, #\idx
        b       hyp_trap
        .endm

        .macro  guest_vector idx
        .balign 128
        stp     x0, x1, [sp, #-16]!
        mov     x0, #\idx
        b       guest_exit
        .endm

        .text
        .balign 2048
        .global hyp_vectors
hyp_vectors:
        .irp    idx, 0, 1, 2, 3, 4, 5, 6, 7
        vector  \idx
        .endr
        .irp    idx, 8, 9, 10, 11, 12, 13, 14, 15
        guest_vector \idx
        .endr

hyp_trap:
        mov     x2, sp
        adrp    x3, trap_stack
        add     x3, x3, :lo12:trap_stack
        add     sp, x3, #TRAP_STACK_SIZE
        mov     x29, xzr
        bl      do_hyp_trap
        b       park

        .section .bss.stack, "aw", %nobits
        .balign 16
trap_stack:
        .space  TRAP_STACK_SIZE
