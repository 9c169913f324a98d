/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 entry from multiboot1/2: page tables, long mode, then start_xen. */
#include <asm/multiboot.h>
#include <asm/x86-defs.h>

#define MB1_FLAGS (MB1_HDR_PAGE_ALIGN | MB1_HDR_MEMORY_INFO | \
                   MB1_HDR_AOUT_KLUDGE)
#define MB2_LENGTH (mb2_header_end - mb2_header)

/* Both headers must sit early in the file: first in the image. */
        .section .text.head, "ax", @progbits
        .code32

        .balign 4
mb1_header:
        .long MB1_HEADER_MAGIC
        .long MB1_FLAGS
        .long -(MB1_HEADER_MAGIC + MB1_FLAGS)
        /* a.out kludge: QEMU's loader takes these, not the ELF64 headers. */
        .long mb1_header        /* header_addr */
        .long _start            /* load_addr */
        .long _edata            /* load_end_addr */
        .long _end              /* bss_end_addr */
        .long start             /* entry_addr */

        .balign 8
mb2_header:
        .long MB2_HEADER_MAGIC
        .long MB2_ARCH_I386
        .long MB2_LENGTH
        .long 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + MB2_LENGTH)
        .balign 8
        .short MB2_HDR_TAG_ENTRY, 0
        .long 12
        .long start
        .balign 8
        .short MB2_HDR_TAG_END, 0
        .long 8
mb2_header_end:

/*
 * Entry in 32-bit protected mode, paging off, interrupts off: %eax holds
 * the loader magic, %ebx its information.  Keep them in %esi and %ebp.
 */
        .balign 16
        .globl start
start:
        cli
        cld
        mov     %eax, %esi
        mov     %ebx, %ebp

        /* Our own GDT: the loader's may be gone already. */
        lgdt    gdt_ptr
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        ljmp    $__HYPERVISOR_CS32, $1f
1:
        /* Clear .bss (uses %eax, %ecx, %edi only). */
        mov     $__bss_start, %edi
        mov     $__bss_end, %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb

        /* L4[0] -> L3; L3[0..IDMAP_GIB - 1] -> the L2 tables. */
        movl    $l3_table + PTE_TABLE, l4_table
        mov     $l2_tables + PTE_TABLE, %eax
        xor     %ecx, %ecx
1:      mov     %eax, l3_table(, %ecx, 8)
        add     $PAGE_SIZE, %eax
        inc     %ecx
        cmp     $IDMAP_GIB, %ecx
        jb      1b

        /* 512 entries of 2 MiB per GiB: 0-IDMAP_GIB GiB, identity. */
        mov     $PTE_LARGE, %eax
        xor     %edx, %edx
        xor     %ecx, %ecx
1:      mov     %eax, l2_tables(, %ecx, 8)
        mov     %edx, l2_tables + 4(, %ecx, 8)
        add     $(1 << L2_PAGE_SHIFT), %eax
        adc     $0, %edx
        inc     %ecx
        cmp     $(IDMAP_GIB * 512), %ecx
        jb      1b

        /* PAE and SSE (libfdt may use it), then EFER.LME and paging. */
        mov     $l4_table, %eax
        mov     %eax, %cr3
        mov     %cr4, %eax
        or      $(X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %eax
        mov     %eax, %cr4
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        wrmsr
        mov     %cr0, %eax
        and     $~(X86_CR0_EM | X86_CR0_TS), %eax
        or      $(X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP | \
                  X86_CR0_PE), %eax
        mov     %eax, %cr0
        ljmp    $__HYPERVISOR_CS64, $start64

        .code64
start64:
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        lea     stack_end(%rip), %rsp
        fninit

        /* libfdt reads its stack canary at %fs:0x28. */
        rdtsc
        shl     $32, %rdx
        or      %rdx, %rax
        xor     %al, %al        /* a zero byte stops string overruns */
        mov     %rax, hl_ssp_area + SSP_CANARY_OFFSET(%rip)
        lea     hl_ssp_area(%rip), %rax
        mov     %rax, %rdx
        shr     $32, %rdx
        mov     $MSR_FS_BASE, %ecx
        wrmsr

        mov     %esi, %edi      /* magic */
        mov     %ebp, %esi      /* info */
        call    start_xen
1:      cli
        hlt
        jmp     1b

        .section .data, "aw", @progbits
        .balign 8
gdt:
        .quad 0
        .quad 0x00af9b000000ffff    /* __HYPERVISOR_CS64: 64-bit code */
        .quad 0x00cf93000000ffff    /* __HYPERVISOR_DS: flat data */
        .quad 0x00cf9b000000ffff    /* __HYPERVISOR_CS32: flat 32-bit code */
gdt_end:
        .balign 8
        .word 0
gdt_ptr:
        .word gdt_end - gdt - 1
        .quad gdt

        .section .bss.page_aligned, "aw", @nobits
        .balign PAGE_SIZE
l4_table:
        .skip PAGE_SIZE
l3_table:
        .skip PAGE_SIZE
l2_tables:
        .skip IDMAP_GIB * PAGE_SIZE
stack:
        .skip STACK_SIZE
stack_end:

        .section .bss, "aw", @nobits
        .balign 64
        .globl hl_ssp_area
hl_ssp_area:
        .skip 64
