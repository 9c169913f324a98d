/* SPDX-License-Identifier: GPL-2.0-only */
/* Emulated SBSA UART (vpl011), polled: console output by lines, input. */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_FR_TXFE (1U << 7) /* transmit FIFO empty */
#define UART_FR_RXFE (1U << 4) /* receive FIFO empty */

bool vpl011_mmio(struct domain *d, paddr_t gpa, bool write, uint64_t *val)
{
    paddr_t off = gpa - GUEST_PL011_BASE;

    if ( !d->arch.vpl011 || gpa < GUEST_PL011_BASE || off >= GUEST_PL011_SIZE )
        return false;
    if ( write )
    {
        if ( off == UART_DR )
            domain_console_putc(d, (char)(*val & 0xff));
        return true; /* other registers: writes ignored */
    }
    switch ( off )
    {
    case UART_FR:
        *val = UART_FR_TXFE | (domain_console_has_input(d) ? 0 : UART_FR_RXFE);
        break;
    case UART_DR:
        *val = (uint64_t)(domain_console_getc(d) & 0xff);
        break;
    default:
        *val = 0;
        break;
    }
    return true;
}
