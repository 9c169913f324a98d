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

/*
 * The Image is also a UEFI application (PE32+, Microsoft PE/COFF spec):
 * "MZ" at offset 0, the PE header's offset at 0x3c.  The file is laid out
 * as it is in memory (file offset == RVA), so loaders that copy the raw
 * file (GRUB's xen_hypervisor) and those that load sections (UEFI's
 * LoadImage, U-Boot's bootefi) both get the same image.  One section
 * covers everything after the 4 KiB header page; no relocations: the
 * UEFI entry copies the image to its link address (efi_start).
 */
#define PE_MACHINE_ARM64        0xaa64
#define PE_OPT_MAGIC_PE32PLUS   0x20b
#define PE_SUBSYSTEM_EFI_APP    10
/* EXECUTABLE_IMAGE | LINE_NUMS_STRIPPED | DEBUG_STRIPPED */
#define PE_CHARACTERISTICS      0x0206
/* CNT_CODE | CNT_INITIALIZED_DATA | MEM_EXECUTE | MEM_READ | MEM_WRITE */
#define PE_SCN_FLAGS            0xe0000060
#define PE_ALIGN                0x1000

        .section .text.head, "ax", %progbits
        .global _start
_start:
        /* code0: "MZ" as an instruction that only sets flags. */
        ccmp    x18, #0, #0xd, pl
        b       real_start              /* code1 */
        .quad   XEN_TEXT_OFFSET         /* text_offset */
        .quad   _image_size             /* image_size, .bss included */
        .quad   XEN_IMAGE_FLAGS         /* flags */
        .quad   0                       /* res2 */
        .quad   0                       /* res3 */
        .quad   0                       /* res4 */
        .ascii  "ARM\x64"               /* magic */
        .long   pe_header - _start      /* res5: the PE header's offset */

pe_header:
        .ascii  "PE\0\0"
        /* COFF file header */
        .short  PE_MACHINE_ARM64
        .short  1                       /* NumberOfSections */
        .long   0                       /* TimeDateStamp */
        .long   0                       /* PointerToSymbolTable */
        .long   0                       /* NumberOfSymbols */
        .short  pe_sections - pe_opt    /* SizeOfOptionalHeader */
        .short  PE_CHARACTERISTICS
pe_opt:
        .short  PE_OPT_MAGIC_PE32PLUS
        .byte   0, 0                    /* linker version */
        .long   _pe_text_vsize          /* SizeOfCode */
        .long   0                       /* SizeOfInitializedData */
        .long   0                       /* SizeOfUninitializedData */
        .long   efi_start - _start      /* AddressOfEntryPoint */
        .long   PE_ALIGN                /* BaseOfCode */
        .quad   XEN_LINK_ADDR           /* ImageBase */
        .long   PE_ALIGN                /* SectionAlignment */
        .long   PE_ALIGN                /* FileAlignment */
        .short  0, 0                    /* OS version */
        .short  0, 0                    /* image version */
        .short  0, 0                    /* subsystem version */
        .long   0                       /* Win32VersionValue */
        .long   _pe_image_size          /* SizeOfImage */
        .long   PE_ALIGN                /* SizeOfHeaders */
        .long   0                       /* CheckSum */
        .short  PE_SUBSYSTEM_EFI_APP
        .short  0                       /* DllCharacteristics */
        .quad   0, 0, 0, 0              /* stack and heap reserve/commit */
        .long   0                       /* LoaderFlags */
        .long   6                       /* NumberOfRvaAndSizes */
        .quad   0, 0, 0, 0, 0, 0        /* export .. base relocation: none */
pe_sections:
        .ascii  ".text\0\0\0"
        .long   _pe_text_vsize          /* VirtualSize, .bss included */
        .long   PE_ALIGN                /* VirtualAddress */
        .long   _pe_text_fsize          /* SizeOfRawData */
        .long   PE_ALIGN                /* PointerToRawData */
        .long   0, 0                    /* relocations, line numbers */
        .short  0, 0
        .long   PE_SCN_FLAGS

/*
 * All code lies past the 4 KiB header page: a UEFI loader need not load
 * more of that page than the headers (U-Boot's does not).
 */
        .section .text.entry, "ax", %progbits
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

/*
 * UEFI entry (PE AddressOfEntryPoint, in the section after the header
 * page): x0 = ImageHandle, x1 = SystemTable, MMU on with RAM mapped 1:1,
 * on the firmware's stack.  Take the pages at the link address from the
 * firmware (AllocatePages, AllocateAddress, EfiLoaderData), copy the
 * loaded image there, clear .bss, make the copy visible to instruction
 * fetch and call efi_main() there.  Returns the firmware's status if the
 * pages cannot be had (or efi_main()'s, when it gives up).
 */
#define EFI_ST_BOOT_SERVICES    96      /* EFI_SYSTEM_TABLE.BootServices */
#define EFI_BS_ALLOCATE_PAGES   40      /* EFI_BOOT_SERVICES.AllocatePages */
#define EFI_ALLOCATE_ADDRESS    2
#define EFI_LOADER_DATA         2
#define EFI_ST_CON_OUT          64      /* EFI_SYSTEM_TABLE.ConOut */
#define EFI_TXT_OUTPUT_STRING   8       /* ...TEXT_OUTPUT.OutputString */

        .global efi_start
efi_start:
        stp     x29, x30, [sp, #-64]!
        mov     x29, sp
        stp     x19, x20, [sp, #16]
        stp     x21, x22, [sp, #32]
        mov     x19, x0
        mov     x20, x1
        adr     x21, _start             /* where the firmware put us */
        ldr     x22, =_start            /* the link address */
        cmp     x21, x22
        b.eq    2f

        ldr     x0, [x20, #EFI_ST_BOOT_SERVICES]
        ldr     x9, [x0, #EFI_BS_ALLOCATE_PAGES]
        str     x22, [sp, #48]
        mov     x0, #EFI_ALLOCATE_ADDRESS
        mov     x1, #EFI_LOADER_DATA
        ldr     x2, =_pe_image_pages
        add     x3, sp, #48
        blr     x9
        cbnz    x0, 8f

        /* Copy the file part, 16 bytes at a time (4 KiB multiple). */
        ldr     x3, =_pe_file_size
        mov     x4, #0
1:      add     x7, x21, x4
        ldp     x5, x6, [x7]
        add     x7, x22, x4
        stp     x5, x6, [x7]
        add     x4, x4, #16
        cmp     x4, x3
        b.lo    1b

        /* The copy to the point of unification, then no stale I-cache. */
        mrs     x3, ctr_el0
        ubfx    x3, x3, #16, #4         /* DminLine: log2(words) */
        mov     x4, #4
        lsl     x3, x4, x3              /* bytes per line */
        mov     x4, x22
        ldr     x5, =_pe_file_size
        add     x5, x22, x5
1:      dc      cvau, x4
        add     x4, x4, x3
        cmp     x4, x5
        b.lo    1b
        dsb     ish
        ic      ialluis
        dsb     ish
        isb

2:      /* .bss at the link address */
        ldr     x1, =__bss_start
        ldr     x2, =__bss_end
3:      cmp     x1, x2
        b.hs    4f
        stp     xzr, xzr, [x1], #16
        b       3b
4:      mov     x0, x19
        mov     x1, x20
        ldr     x9, =efi_main
        blr     x9
9:      ldp     x21, x22, [sp, #32]
        ldp     x19, x20, [sp, #16]
        ldp     x29, x30, [sp], #64
        ret

        /*
         * The pages at the link address are not free (the firmware, the
         * loader or a reservation holds them): say so on ConOut, from
         * this copy (only PC-relative addressing here), and give up with
         * the firmware's status.
         */
8:      mov     x19, x0
        adr     x21, efi_msg_taken
        mov     x22, #3                 /* three strings, one after another */
5:      ldr     x0, [x20, #EFI_ST_CON_OUT]
        ldr     x9, [x0, #EFI_TXT_OUTPUT_STRING]
        mov     x1, x21
        blr     x9
6:      ldrh    w0, [x21], #2           /* past this string's NUL */
        cbnz    w0, 6b
        subs    x22, x22, #1
        b.ne    5b
        mov     x0, x19
        b       9b

/* UCS-2 text for ConOut.  The address: XEN_LINK_ADDR in 8 hex digits. */
        .balign 2
efi_msg_taken:
        .string16 "\r\nHyperlaunch: UEFI boot failed: the pages at 0x"
        .irp    sh, 28, 24, 20, 16, 12, 8, 4, 0
        .short  '0' + ((XEN_LINK_ADDR >> \sh) & 0xf) + \
                ((((XEN_LINK_ADDR >> \sh) & 0xf) + 6) >> 4) * 7
        .endr
        .short  0
        .string16 ", where this hypervisor must run (its link address), are already allocated in the UEFI memory map.\r\nLoad nothing there before starting it (U-Boot load addresses, /reserved-memory or /memreserve/ in the device tree the firmware uses), or boot the Image without UEFI (U-Boot's booti, QEMU -kernel).\r\n"
        .balign 4

/*
 * efi_enter_hypervisor(fdt): after ExitBootServices(), with everything
 * the boot path reads cleaned to the point of coherency: interrupts
 * masked, MMU and D-cache off, then the Image entry with x0 = the DTB.
 */
        .global efi_enter_hypervisor
efi_enter_hypervisor:
        msr     daifset, #0xf
        mov     x19, x0
        mrs     x1, sctlr_el2
        bic     x1, x1, #SCTLR_EL2_M
        bic     x1, x1, #SCTLR_EL2_C
        msr     sctlr_el2, x1
        isb
        ic      iallu
        tlbi    alle2
        dsb     sy
        isb
        mov     x0, x19
        b       real_start

        .ltorg

        .section .bss.stack, "aw", %nobits
        .balign 16
boot_stack:
        .space  BOOT_STACK_SIZE
        /* Stacks of CPUs 1 .. NR_CPUS - 1 (CPU n's ends at n * size). */
cpu_stacks:
        .space  CPU_STACK_SIZE * (NR_CPUS - 1)
