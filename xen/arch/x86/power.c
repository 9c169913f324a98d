/* SPDX-License-Identifier: GPL-2.0-only */
/* Stopping the machine: QEMU's isa-debug-exit port, else halt for good. */
#include <xen/setup.h>
#include <asm/io.h>

/*
 * QEMU's "-device isa-debug-exit,iobase=0xf4,iosize=4" ends QEMU with
 * status (value << 1) | 1 on a write; elsewhere the write does nothing.
 */
#define DEBUG_EXIT_PORT 0xf4

__noreturn void arch_power_off(int code)
{
    printk("Powering off (%s)\n", code ? "boot failed" : "normal stop");
    outl((uint32_t)code, DEBUG_EXIT_PORT);
    printk("No QEMU exit device: halting (status %d)\n", code);
    for ( ;; )
        asm volatile("cli; hlt" ::: "memory");
}
