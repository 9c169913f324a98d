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

#endif /* XEN_SERIAL_H */
