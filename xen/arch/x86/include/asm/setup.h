/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 boot-time interfaces between head.S, setup.c, multiboot.c, traps.c. */
#ifndef ASM_X86_SETUP_H
#define ASM_X86_SETUP_H

#include <xen/bootinfo.h>
#include <xen/lib.h>

/* Image bounds, from the linker script. */
extern char _start[], _end[];

/* What a multiboot loader handed over, besides the module list. */
struct mb_handoff {
    const char *proto;       /* "multiboot1" or "multiboot2" */
    const char *cmdline;     /* hypervisor command line, never NULL */
    const char *loader_name; /* boot loader name, or NULL */
    unsigned int nr_mods;    /* modules listed, even beyond the limit */
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

/* Install the exception handlers; any exception then stops the machine. */
void traps_init(void);

/* Exit status given to arch_power_off() when the hypervisor crashes. */
#define X86_POWER_OFF_CRASH 2

#endif /* ASM_X86_SETUP_H */
