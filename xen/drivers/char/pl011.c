/* SPDX-License-Identifier: GPL-2.0-only */
/* Polled ARM PL011 / SBSA UART console driver. */
#include <xen/console.h>
#include <xen/serial.h>

/* Registers (32-bit accesses; the SBSA UART allows nothing else). */
#define UART_DR 0x00           /* data */
#define UART_FR 0x18           /* flags */
#define UART_FR_TXFF (1U << 5) /* transmit FIFO full */
#define UART_FR_RXFE (1U << 4) /* receive FIFO empty */

static volatile uint32_t *pl011_regs;

static uint32_t pl011_read(unsigned int reg)
{
    return pl011_regs[reg / 4];
}

static void pl011_write(unsigned int reg, uint32_t val)
{
    pl011_regs[reg / 4] = val;
}

static void pl011_putc(char c)
{
    while ( pl011_read(UART_FR) & UART_FR_TXFF )
        ;
    pl011_write(UART_DR, (uint8_t)c);
}

static int pl011_getc(void)
{
    if ( pl011_read(UART_FR) & UART_FR_RXFE )
        return -1;
    return (int)(pl011_read(UART_DR) & 0xff);
}

static const struct console_driver pl011_driver = {
    .name = "pl011",
    .putc = pl011_putc,
    .getc = pl011_getc,
};

void pl011_init(paddr_t base)
{
    pl011_regs = (volatile uint32_t *)(uintptr_t)base;
    console_register(&pl011_driver);
}
