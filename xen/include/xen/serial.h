/* SPDX-License-Identifier: GPL-2.0-only */
/* Console UART drivers: each starts on a base address and registers itself. */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

/*
 * Drive the ARM PL011 (or SBSA generic UART) at physical address @base as
 * the console, polled, keeping the line settings the firmware chose.  The
 * registers are accessed at their physical address (MMU off).
 */
void pl011_init(paddr_t base);

/*
 * Drive the 16550-compatible UART at x86 I/O port @io_base (0x3f8 for
 * COM1) as the console, polled, at 115200 8N1.
 */
void ns16550_init(unsigned int io_base);

#endif /* XEN_SERIAL_H */
