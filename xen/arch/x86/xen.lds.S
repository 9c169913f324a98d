/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 link map: one image at 1 MiB, multiboot headers first. */
#include <asm/x86-defs.h>

OUTPUT_FORMAT("elf64-x86-64", "elf64-x86-64", "elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start)

/*
 * A single load segment: the multiboot1 a.out kludge copies the file
 * linearly from load_addr to load_end_addr, so file offsets must follow
 * addresses with no gaps.
 */
PHDRS
{
    image PT_LOAD FLAGS(7);
}

SECTIONS
{
    . = 0x100000;
    _start = .;

    .text : {
        *(.text.head)
        *(.text .text.*)
    } :image

    .rodata : {
        . = ALIGN(8);
        __hvm_io_ranges_start = .;
        KEEP(*(.hvm_io_ranges))
        __hvm_io_ranges_end = .;
        *(.rodata .rodata.*)
    } :image

    .data : {
        *(.data .data.*)
        *(.got .got.plt)
    } :image

    _edata = .;

    .bss : {
        __bss_start = .;
        *(.bss.page_aligned)
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(8);
        __bss_end = .;
    } :image

    _end = .;

    /DISCARD/ : {
        *(.note.GNU-stack)
        *(.note.gnu.property)
        *(.comment)
        *(.eh_frame)
    }
}

ASSERT(_end <= 0x1000000, "image too large: must end below 16 MiB")
