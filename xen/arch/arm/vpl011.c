/* SPDX-License-Identifier: GPL-2.0-only */
/* Emulated SBSA UART (vpl011), polled: transmit to the console by lines. */
#include <xen/console.h>
#include <xen/lib.h>
#include <asm/domain.h>

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_FR_TXFE (1U << 7) /* transmit FIFO empty */
#define UART_FR_RXFE (1U << 4) /* receive FIFO empty */

static void vpl011_flush(struct domain *d)
{
    console_guest_line(d->domid, d->line, d->line_len);
    d->line_len = 0;
}

static void vpl011_putc(struct domain *d, char c)
{
    if ( c == '\r' )
        return;
    if ( c == '\n' )
    {
        vpl011_flush(d);
        return;
    }
    d->line[d->line_len++] = c;
    if ( d->line_len == VPL011_LINE_MAX )
        vpl011_flush(d);
}

bool vpl011_mmio(struct domain *d, paddr_t gpa, bool write, uint64_t *val)
{
    paddr_t off = gpa - GUEST_PL011_BASE;

    if ( !d->vpl011 || gpa < GUEST_PL011_BASE || off >= GUEST_PL011_SIZE )
        return false;
    if ( write )
    {
        if ( off == UART_DR )
            vpl011_putc(d, (char)(*val & 0xff));
        return true; /* other registers: writes ignored */
    }
    *val = off == UART_FR ? UART_FR_TXFE | UART_FR_RXFE : 0;
    return true;
}
