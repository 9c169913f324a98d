/* SPDX-License-Identifier: GPL-2.0-only */
/* Emulated SBSA UART (vpl011): console output by lines, input, interrupts. */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_IMSC 0x038
#define UART_RIS 0x03c
#define UART_MIS 0x040
#define UART_ICR 0x044
#define UART_FR_TXFE (1U << 7) /* transmit FIFO empty */
#define UART_FR_RXFE (1U << 4) /* receive FIFO empty */
#define UART_INT_RX (1U << 4)
#define UART_INT_TX (1U << 5)
#define UART_INT_RT (1U << 6) /* receive timeout */
#define UART_INT_ALL 0x7ff

/*
 * Raw interrupt status: transmit always ready (output leaves at once),
 * receive (and its timeout) while input waits.
 */
static uint32_t vpl011_ris(const struct domain *d)
{
    return UART_INT_TX |
           (domain_console_has_input(d) ? UART_INT_RX | UART_INT_RT : 0);
}

void vpl011_update_irq(struct domain *d)
{
    if ( d->arch.vpl011 )
        vgic_set_level(d, VGIC_SPI_VPL011,
                       vpl011_ris(d) & d->arch.vpl011_imsc);
}

void arch_console_input_notify(struct domain *d)
{
    vpl011_update_irq(d);
}

static uint64_t vpl011_read(struct domain *d, paddr_t off)
{
    switch ( off )
    {
    case UART_FR:
        return UART_FR_TXFE | (domain_console_has_input(d) ? 0 : UART_FR_RXFE);
    case UART_DR:
        return (uint64_t)(domain_console_getc(d) & 0xff);
    case UART_IMSC:
        return d->arch.vpl011_imsc;
    case UART_RIS:
        return vpl011_ris(d);
    case UART_MIS:
        return vpl011_ris(d) & d->arch.vpl011_imsc;
    default:
        return 0;
    }
}

bool vpl011_mmio(struct domain *d, paddr_t gpa, bool write, uint64_t *val)
{
    paddr_t off = gpa - GUEST_PL011_BASE;

    if ( !d->arch.vpl011 || gpa < GUEST_PL011_BASE || off >= GUEST_PL011_SIZE )
        return false;
    if ( !write )
        *val = vpl011_read(d, off);
    else if ( off == UART_DR )
        domain_console_putc(d, (char)(*val & 0xff));
    else if ( off == UART_IMSC )
        d->arch.vpl011_imsc = (uint32_t)*val & UART_INT_ALL;
    /* ICR: the conditions are levels of the FIFO state: nothing latches. */
    vpl011_update_irq(d);
    return true;
}
