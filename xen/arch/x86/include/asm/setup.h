/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 boot-time interfaces between head.S, setup.c, multiboot.c, traps.c. */
#ifndef ASM_X86_SETUP_H
#define ASM_X86_SETUP_H

#include <xen/bootinfo.h>
#include <xen/lib.h>

/* Image bounds, from the linker script. */
extern char _start[], _end[];

/* A physical address range [start, start + size). */
struct mb_range {
    paddr_t start, size;
};

#define MB_MAX_RAM 32 /* usable RAM ranges kept from the memory map */
#define MB_MAX_INFO 4 /* ranges of the loader's own boot information */

/* What a multiboot loader handed over, besides the module list. */
struct mb_handoff {
    const char *proto;       /* "multiboot1" or "multiboot2" */
    const char *cmdline;     /* hypervisor command line, never NULL */
    const char *loader_name; /* boot loader name, or NULL */
    unsigned int nr_mods;    /* modules listed, even beyond the limit */
    unsigned int nr_ram;     /* usable RAM ranges, even beyond the limit */
    struct mb_range ram[MB_MAX_RAM];
    unsigned int nr_info; /* boot information blocks (info, module list) */
    struct mb_range info[MB_MAX_INFO];
    const void *rsdp;         /* the loader's copy of the ACPI RSDP, or NULL */
    bool efi;                 /* started from UEFI, boot services exited */
    unsigned int nr_efi_desc; /* UEFI memory descriptors read, or 0 */
};

/*
 * Called from boot/head.S in long mode on the boot stack, with .bss clear,
 * 0-4 GiB identity-mapped and SSE usable.  @magic and @info are the
 * loader's %eax and %ebx.
 */
__noreturn void start_xen(uint32_t magic, uint32_t info);

/*
 * Read the multiboot1 or multiboot2 information at @info into @mb, and
 * the module list into bi->loader_mods / bi->nr_loader_mods (at most
 * HL_MAX_LOADER_MODS, in the loader's order).  Reads only loader memory.
 * Returns 0, or -EINVAL when @magic is neither multiboot magic.
 */
int multiboot_parse(uint32_t magic, uint32_t info, struct mb_handoff *mb,
                    struct boot_info *bi);

/*
 * Seed the page allocator once the Hyperlaunch DT passed parse and check:
 * add the usable RAM of @mb below 4 GiB and above 1 MiB, then reserve the
 * image, the DTB, every loader module, the loader's boot information and
 * the strings in it, and the modules located with 'reg' (which must lie
 * inside the 1:1 map).  Prints one "Memory:" line.  Returns 0 or
 * -errno (with an ERROR line); the caller stops the boot on failure.
 */
int x86_mm_init(const struct mb_handoff *mb, const struct boot_info *bi);

/* Install the exception handlers; any exception then stops the machine. */
void traps_init(void);
/*
 * Load the GDT and IDT traps_init() built on this CPU, number @cpu, and
 * its task state segment: #DF, NMI and #MC run on a stack of their own.
 */
void traps_init_secondary(unsigned int cpu);

/* Exit status given to arch_power_off() when the hypervisor crashes. */
#define X86_POWER_OFF_CRASH 2

#endif /* ASM_X86_SETUP_H */
