/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 entry: Linux Image header, EL2 and boot CPU checks, stack, .bss, C. */
#include <asm/config.h>
#include <asm/sysregs.h>

/*
 * Boot protocol (Linux arm64 Image): x0 = physical address of the DTB,
 * x1-x3 = 0, MMU off, D-cache off, all exceptions masked, at EL2.
 * x19 keeps the DTB address and x20 the entry time until start_xen().
 */

/*
 * Known EL2 state on every CPU (clobbers x1): no VHE, MMU and D-cache
 * off, I-cache on, FP/SIMD usable (Debian's libfdt.a and the vCPU switch
 * use its registers), our exception vectors.
 */
        .macro  el2_setup
        msr     hcr_el2, xzr
        isb
        ldr     x1, =(SCTLR_EL2_RES1 | SCTLR_EL2_I)
        msr     sctlr_el2, x1
        mrs     x1, cptr_el2
        bic     x1, x1, #(1 << CPTR_EL2_TFP_BIT)
        bic     x1, x1, #(1 << CPTR_EL2_TCPAC_BIT)
        msr     cptr_el2, x1
        adrp    x1, hyp_vectors
        add     x1, x1, :lo12:hyp_vectors
        msr     vbar_el2, x1
        isb
        .endm

        .section .text.head, "ax", %progbits
        .global _start
_start:
        b       real_start              /* code0 */
        .long   0                       /* code1 */
        .quad   XEN_TEXT_OFFSET         /* text_offset */
        .quad   _image_size             /* image_size, .bss included */
        .quad   XEN_IMAGE_FLAGS         /* flags */
        .quad   0                       /* res2 */
        .quad   0                       /* res3 */
        .quad   0                       /* res4 */
        .ascii  "ARM\x64"               /* magic */
        .long   0                       /* res5 (no PE/COFF header) */

real_start:
        mov     x19, x0
        msr     daifset, #0xf
        isb
        mrs     x20, cntpct_el0         /* entry time, for the boot log */

        /* Anything but EL2 cannot run a hypervisor: stay silent, park. */
        mrs     x1, CurrentEL
        cmp     x1, #CURRENT_EL2
        b.ne    park

        /* Only the boot CPU (affinity 0) goes on; loaders start no other. */
        mrs     x1, mpidr_el1
        ldr     x2, =MPIDR_AFF_MASK
        tst     x1, x2
        b.ne    park

        adr     x1, _start              /* where we run */
        ldr     x2, =_start             /* where we are linked */
        cmp     x1, x2
        b.ne    relocate

linked:
        el2_setup

        /* Clear .bss (16-byte aligned bounds, see xen.lds.S). */
        adrp    x1, __bss_start
        add     x1, x1, :lo12:__bss_start
        adrp    x2, __bss_end
        add     x2, x2, :lo12:__bss_end
1:      cmp     x1, x2
        b.hs    2f
        stp     xzr, xzr, [x1], #16
        b       1b

2:      msr     spsel, #1
        adrp    x1, boot_stack
        add     x1, x1, :lo12:boot_stack
        add     sp, x1, #BOOT_STACK_SIZE
        mov     x29, xzr
        mov     x30, xzr

        mov     x0, x19
        mov     x1, x20
        bl      start_xen
        /* start_xen() does not return; park if it ever does. */

/*
 * Secondary CPUs, started by PSCI CPU_ON with x0 = their CPU index: at
 * EL2, MMU off.  Load the boot CPU's MMU set-up (mm_cpu_regs), take the
 * CPU's own stack and call start_secondary(index).
 */
        .global secondary_entry
secondary_entry:
        msr     daifset, #0xf
        mov     x19, x0
        mrs     x1, CurrentEL
        cmp     x1, #CURRENT_EL2
        b.ne    park
        el2_setup

        adrp    x2, mm_cpu_regs
        add     x2, x2, :lo12:mm_cpu_regs
        ldp     x3, x4, [x2]            /* mair, tcr */
        msr     mair_el2, x3
        msr     tcr_el2, x4
        ldp     x3, x4, [x2, #16]       /* ttbr0, sctlr */
        msr     ttbr0_el2, x3
        isb
        tlbi    alle2
        dsb     nsh
        isb
        msr     sctlr_el2, x4
        isb

        msr     spsel, #1
        adrp    x1, cpu_stacks
        add     x1, x1, :lo12:cpu_stacks
        mov     x2, #CPU_STACK_SIZE
        madd    x1, x19, x2, x1         /* the top of stack x19 - 1 */
        mov     sp, x1
        mov     x29, xzr
        mov     x30, xzr
        mov     x0, x19
        bl      start_secondary
        b       park

        .global park
park:
        wfe
        b       park

/*
 * Loaded at another address than the link address (x1 = here, x2 = link
 * address): copy the loaded part of the image to the link address, then
 * continue there.  Overlapping ranges, or a DTB in the way, cannot be
 * handled with the MMU off and no stack: park.
 */
relocate:
        ldr     x3, =__bss_start
        sub     x3, x3, x2              /* bytes to copy */
        subs    x4, x1, x2
        cneg    x4, x4, mi              /* |here - link| */
        cmp     x4, x3
        b.lo    park

        ldr     x4, =_end
        cbz     x19, 2f
        tst     x19, #7
        b.ne    2f
        cmp     x19, x4
        b.hs    2f                      /* DTB above the image */
        ldr     w5, [x19, #4]           /* fdt totalsize (big-endian) */
        rev     w5, w5
        add     x5, x19, x5
        cmp     x5, x2
        b.hi    park                    /* DTB overlaps the destination */

2:      mov     x4, #0
3:      ldr     w5, [x1, x4]
        str     w5, [x2, x4]
        add     x4, x4, #4
        cmp     x4, x3
        b.lo    3b

        dsb     sy
        ic      iallu
        dsb     sy
        isb
        ldr     x1, =linked
        br      x1

        .ltorg

        .section .bss.stack, "aw", %nobits
        .balign 16
boot_stack:
        .space  BOOT_STACK_SIZE
        /* Stacks of CPUs 1 .. NR_CPUS - 1 (CPU n's ends at n * size). */
cpu_stacks:
        .space  CPU_STACK_SIZE * (NR_CPUS - 1)
