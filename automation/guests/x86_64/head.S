/* SPDX-License-Identifier: GPL-2.0-only */
/* PVH test guest entry: the PHYS32_ENTRY note, a stack, guest_main(ebx). */

#define XEN_ELFNOTE_PHYS32_ENTRY 18

/* The note: namesz, descsz, type, "Xen\0", the 32-bit entry address. */
        .section .note.Xen, "a", @note
        .balign 4
        .long   4
        .long   4
        .long   XEN_ELFNOTE_PHYS32_ENTRY
        .asciz  "Xen"
        .long   _start

/*
 * Entered in flat 32-bit protected mode, paging off, interrupts off, with
 * %ebx = the physical address of struct hvm_start_info.
 */
        .section .head.text, "ax", @progbits
        .code32
        .globl _start
_start:
        cli
        cld
        mov     $_stack_top, %esp
        push    %ebx
        call    guest_main
        push    $1
        call    guest_power_off
