/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 EL2 exception vectors: hypervisor faults are fatal, guest exits return. */
#include <asm/config.h>

/*
 * Entries 0-7 (taken at EL2) pass their number (x0), the interrupted x30
 * (x1) and sp (x2) to do_hyp_trap(), on a stack of its own in case sp is
 * what went wrong.  Nothing returns, bar a probe_read32() that aborts.
 * Entries 8-15 (from the guest) save x0/x1 on the hypervisor stack and
 * leave through guest_exit (guest-entry.S) with their number in x0.
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
        /*
         * A data abort on probe_load32 (an address where nothing answers)
         * is no failure of the hypervisor's: probe_read32() returns
         * -EIO.  Only x2 and x3 are used, which probe_read32()'s callers
         * do not expect to keep (AAPCS64), besides x0 and x1 above.
         */
        cmp     x0, #4                  /* synchronous, EL2h */
        b.ne    1f
        mrs     x2, esr_el2
        lsr     x2, x2, #26
        cmp     x2, #0x25               /* data abort, same EL */
        b.ne    1f
        mrs     x2, elr_el2
        adr     x3, probe_load32
        cmp     x2, x3
        b.ne    1f
        adr     x3, probe_fixup
        msr     elr_el2, x3
        eret
1:      mov     x2, sp
        adrp    x3, trap_stack
        add     x3, x3, :lo12:trap_stack
        add     sp, x3, #TRAP_STACK_SIZE
        mov     x29, xzr
        bl      do_hyp_trap
        b       park

/*
 * int probe_read32(uintptr_t addr, uint32_t *val): one 32-bit load from a
 * device that may not be there; 0 and *val, or -EIO (-5) when the load
 * takes an external abort.
 */
        .global probe_read32
probe_read32:
        mov     x4, x1
probe_load32:
        ldr     w5, [x0]
        str     w5, [x4]
        mov     w0, #0
        ret
probe_fixup:
        mov     w0, #-5
        ret

        .section .bss.stack, "aw", %nobits
        .balign 16
trap_stack:
        .space  TRAP_STACK_SIZE
