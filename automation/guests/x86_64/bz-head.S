/* SPDX-License-Identifier: GPL-2.0-only */
/* HVM test guest: a bzImage setup header, and startup_64 at offset 0x200. */

/*
 * The real-mode part: one setup sector after the boot sector.  Nothing
 * in it runs; the header (Linux/x86 boot protocol 2.15) is what a loader
 * reads.  _bz_* symbols come from bzguest.lds.
 */
        .section .bzsetup, "a", @progbits
        .org    0x1f1
        .byte   1                       /* setup_sects */
        .word   0                       /* root_flags */
        .long   _bz_syssize             /* syssize, 16-byte units */
        .word   0, 0xffff, 0            /* ram_size, vid_mode, root_dev */
        .word   0xaa55                  /* boot_flag */
        .byte   0xeb, hdr_end - 0x202   /* jump over the header */
        .ascii  "HdrS"
        .word   0x020f                  /* version 2.15 */
        .long   0                       /* realmode_swtch */
        .word   0, 0                    /* start_sys_seg, kernel_version */
        .byte   0                       /* type_of_loader */
        .byte   0x01                    /* loadflags: LOADED_HIGH */
        .word   0                       /* setup_move_size */
        .long   0x100000                /* code32_start */
        .long   0, 0                    /* ramdisk_image, ramdisk_size */
        .long   0                       /* bootsect_kludge */
        .word   0                       /* heap_end_ptr */
        .byte   0, 0                    /* ext_loader_ver, ext_loader_type */
        .long   0                       /* cmd_line_ptr */
        .long   0x7fffffff              /* initrd_addr_max */
        .long   0x200000                /* kernel_alignment: 2 MiB */
        .byte   1                       /* relocatable_kernel */
        .byte   21                      /* min_alignment */
        .word   0x3                     /* xloadflags: KERNEL_64, above 4G */
        .long   2047                    /* cmdline_size */
        .long   0, 0, 0                 /* hardware_subarch(_data) */
        .long   0, 0                    /* payload_offset, payload_length */
        .quad   0                       /* setup_data */
        .quad   0x1000000               /* pref_address: 16 MiB */
        .long   _bz_init_size           /* init_size */
        .long   0, 0                    /* handover, kernel_info offsets */
hdr_end:

/* The protected-mode part, loaded anywhere 2 MiB-aligned: RIP-relative. */
        .section .bzhead, "ax", @progbits
        .code32
        .globl  startup_32
startup_32:                             /* never entered */
        ud2
        .org    0x200
        .code64
        .globl  startup_64
startup_64:
        cli
        cld
        lea     _stack_top(%rip), %rsp
        mov     %rsi, %rdi              /* the zero page */
        lea     startup_32(%rip), %rsi  /* where we were loaded */
        call    bz_main
1:      hlt
        jmp     1b
