/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 guest enter/exit: load the guest GPRs and eret; save them on exit. */

/*
 * unsigned int guest_run(struct guest_regs *regs)
 *
 * Saves the callee-saved registers on the hypervisor stack, keeps @regs
 * in this CPU's struct pcpu (first field, TPIDR_EL2 points at it), loads ELR_EL2/SPSR_EL2 and x0-x30 from @regs and enters
 * the guest.  The next exception from the guest comes back through
 * guest_exit below, which saves the guest state into @regs and returns
 * the vector number to the caller of guest_run().
 * Layout of struct guest_regs: x[n] at 8 * n, pc at 248, cpsr at 256.
 */
        .text
        .global guest_run
guest_run:
        stp     x29, x30, [sp, #-16]!
        stp     x27, x28, [sp, #-16]!
        stp     x25, x26, [sp, #-16]!
        stp     x23, x24, [sp, #-16]!
        stp     x21, x22, [sp, #-16]!
        stp     x19, x20, [sp, #-16]!
        mrs     x1, tpidr_el2
        str     x0, [x1]
        /*
         * ELR_EL2 and SPSR_EL2 still hold what the last exit left there
         * unless the exit moved the PC (an emulated access) or the state
         * (an injected exception), or another vCPU ran: write only what
         * differs.  Under emulation (QEMU TCG) each such write ends the
         * translated block and recomputes the CPU's cached state; a
         * read is a plain load.
         */
        ldp     x1, x2, [x0, #248]
        mrs     x3, elr_el2
        cmp     x1, x3
        b.eq    1f
        msr     elr_el2, x1
1:      mrs     x3, spsr_el2
        cmp     x2, x3
        b.eq    2f
        msr     spsr_el2, x2
2:
        ldp     x2, x3, [x0, #16]
        ldp     x4, x5, [x0, #32]
        ldp     x6, x7, [x0, #48]
        ldp     x8, x9, [x0, #64]
        ldp     x10, x11, [x0, #80]
        ldp     x12, x13, [x0, #96]
        ldp     x14, x15, [x0, #112]
        ldp     x16, x17, [x0, #128]
        ldp     x18, x19, [x0, #144]
        ldp     x20, x21, [x0, #160]
        ldp     x22, x23, [x0, #176]
        ldp     x24, x25, [x0, #192]
        ldp     x26, x27, [x0, #208]
        ldp     x28, x29, [x0, #224]
        ldr     x30, [x0, #240]
        ldp     x0, x1, [x0, #0]
        eret
        dsb     nsh
        isb

/*
 * From a guest vector: x0 = vector number, the guest's x0/x1 on the stack
 * above the callee-saved registers guest_run() pushed.
 */
        .global guest_exit
guest_exit:
        mrs     x1, tpidr_el2
        ldr     x1, [x1]
        stp     x2, x3, [x1, #16]
        stp     x4, x5, [x1, #32]
        stp     x6, x7, [x1, #48]
        stp     x8, x9, [x1, #64]
        stp     x10, x11, [x1, #80]
        stp     x12, x13, [x1, #96]
        stp     x14, x15, [x1, #112]
        stp     x16, x17, [x1, #128]
        stp     x18, x19, [x1, #144]
        stp     x20, x21, [x1, #160]
        stp     x22, x23, [x1, #176]
        stp     x24, x25, [x1, #192]
        stp     x26, x27, [x1, #208]
        stp     x28, x29, [x1, #224]
        str     x30, [x1, #240]
        ldp     x2, x3, [sp], #16
        stp     x2, x3, [x1, #0]
        mrs     x2, elr_el2
        mrs     x3, spsr_el2
        stp     x2, x3, [x1, #248]
        ldp     x19, x20, [sp], #16
        ldp     x21, x22, [sp], #16
        ldp     x23, x24, [sp], #16
        ldp     x25, x26, [sp], #16
        ldp     x27, x28, [sp], #16
        ldp     x29, x30, [sp], #16
        ret
