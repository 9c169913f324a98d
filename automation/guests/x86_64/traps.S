/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PVH test guests: a GDT and an IDT for the 32 exceptions, so that a guest
 * can watch an instruction fault, and for the 224 interrupt vectors
 * (guest_irq(), all 224 through one entry).  Before a probed instruction the guest
 * stores a resume address in trap_fixup; an exception then records its
 * vector and error code and resumes there.  With no resume address set,
 * trap_fatal() reports it and powers off.
 */

#define SEL_CODE32 0x08
#define SEL_DATA 0x10
/* Vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30. */
#define ERRCODE_MASK 0x60227d00

        .section .data
        .balign 8
gdt:
        .quad   0
        .quad   0x00cf9b000000ffff      /* 0x08: flat 32-bit code */
        .quad   0x00cf93000000ffff      /* 0x10: flat data */
        .quad   0x00af9b000000ffff      /* 0x18: 64-bit code */
gdt_end:
gdt_ptr:
        .word   gdt_end - gdt - 1
        .long   gdt
idt_ptr:
        .word   256 * 8 - 1
        .long   idt

        .section .bss
        .balign 8
idt:
        .skip   256 * 8
        .section .data

        .globl trap_fixup, trap_vector, trap_error
trap_fixup:
        .long   0
trap_vector:
        .long   0xffffffff
trap_error:
        .long   0

        .text
        .code32
/* One stub per exception: push a zero error code where the CPU does not. */
        .balign 16
stubs:
        .set    vec, 0
        .rept   32
        .balign 16
        .if     (ERRCODE_MASK >> vec) & 1
        .else
        push    $0
        .endif
        push    $vec
        jmp     trap_common
        .set    vec, vec + 1
        .endr

/* Vectors 32-255, the interrupts: guest_irq() (x2apic.c) finds which. */
irq_common:
        pusha
        cld
        call    guest_irq
        popa
        iret

trap_common:
        /* Stack: vector, error code, EIP, CS, EFLAGS. */
        push    %eax
        mov     4(%esp), %eax
        mov     %eax, trap_vector
        mov     8(%esp), %eax
        mov     %eax, trap_error
        mov     trap_fixup, %eax
        test    %eax, %eax
        jz      1f
        mov     %eax, 12(%esp)
        movl    $0, trap_fixup
        pop     %eax
        add     $8, %esp
        iret
1:      push    12(%esp)                /* EIP */
        push    8(%esp)                 /* vector (shifted by the push) */
        call    trap_fatal

/* void traps_install(void): load the GDT, reload segments, fill the IDT. */
        .globl traps_install
traps_install:
        push    %ebx
        lgdt    gdt_ptr
        ljmp    $SEL_CODE32, $1f
1:      mov     $SEL_DATA, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        xor     %ecx, %ecx
2:      mov     %ecx, %eax
        shl     $4, %eax
        add     $stubs, %eax            /* stub address */
        cmp     $32, %ecx
        jb      3f
        mov     $irq_common, %eax
3:
        mov     %eax, %ebx
        and     $0xffff, %ebx
        or      $(SEL_CODE32 << 16), %ebx
        mov     %ebx, idt(, %ecx, 8)
        and     $0xffff0000, %eax
        or      $0x8e00, %eax           /* present, DPL 0, 32-bit interrupt gate */
        mov     %eax, idt + 4(, %ecx, 8)
        inc     %ecx
        cmp     $256, %ecx
        jb      2b
        lidt    idt_ptr
        pop     %ebx
        ret
