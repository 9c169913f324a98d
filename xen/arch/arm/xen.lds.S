/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 linker script: one flat image at XEN_LINK_ADDR, .bss last. */
#include <asm/config.h>

OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
    . = XEN_LINK_ADDR;

    .text : {
        *(.text.head)
        /* The PE header page ends here: all code is past it. */
        . = ALIGN(4096);
        *(.text.entry)
        *(.text .text.*)
    }

    /* Page boundaries between code, constants and data: mapped apart. */
    . = ALIGN(4096);
    _etext = .;

    .rodata : {
        *(.rodata .rodata.*)
        . = ALIGN(8);
        __arm_vdevs_start = .;
        KEEP(*(.arm_vdevs))
        __arm_vdevs_end = .;
    }

    . = ALIGN(4096);
    _erodata = .;

    /* libfdt.a reaches __stack_chk_guard through the GOT. */
    .data ALIGN(16) : {
        *(.data .data.*)
        *(.got .got.plt)
        /* The file ends on a PE FileAlignment boundary. */
        . = ALIGN(4096);
    }
    _pe_file_end = .;

    /* Zeroed by head.S with 16-byte stores, so both ends are aligned. */
    .bss ALIGN(16) : {
        __bss_start = .;
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(16);
        __bss_end = .;
    }

    _end = .;
    _image_size = _end - _start;

    /* PE/COFF header values (head.S): one section after the header page. */
    _pe_file_size = _pe_file_end - _start;
    _pe_image_size = ALIGN(_end - _start, 4096);
    _pe_image_pages = _pe_image_size / 4096;
    _pe_text_fsize = _pe_file_size - 4096;
    _pe_text_vsize = _pe_image_size - 4096;

    /DISCARD/ : {
        *(.comment)
        *(.note .note.*)
        *(.eh_frame)
        *(.interp .dynamic .dynsym .dynstr .hash .gnu.hash)
    }
}

ASSERT(_start == XEN_LINK_ADDR, "the Image header must come first")
ASSERT(SIZEOF(.text) > 0, "no code")
ASSERT(efi_start - _start >= 4096, "code must start past the PE header page")
