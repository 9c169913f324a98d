/* SPDX-License-Identifier: GPL-2.0-only */
/* 16550 UART on x86 I/O ports, polled: the console on COM1. */
#include <xen/console.h>
#include <xen/serial.h>
#include <asm/io.h>

/* Registers, as offsets from the I/O base. */
#define UART_THR 0 /* transmit holding (DLAB=0) */
#define UART_RBR 0 /* receive buffer (DLAB=0, read) */
#define UART_DLL 0 /* divisor latch low (DLAB=1) */
#define UART_IER 1 /* interrupt enable (DLAB=0) */
#define UART_DLM 1 /* divisor latch high (DLAB=1) */
#define UART_FCR 2 /* FIFO control */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */

#define UART_LCR_8N1 0x03
#define UART_LCR_DLAB 0x80
#define UART_FCR_ENABLE 0x01
#define UART_FCR_CLEAR 0x06 /* clear both FIFOs */
#define UART_MCR_DTR_RTS 0x03
#define UART_LSR_DR 0x01   /* data ready */
#define UART_LSR_THRE 0x20 /* transmit holding register empty */

#define UART_CLOCK_HZ 1843200
#define UART_BAUD 115200

static uint16_t uart_base;

static void ns16550_putc(char c)
{
    while ( !(inb(uart_base + UART_LSR) & UART_LSR_THRE) )
        cpu_relax();
    outb((uint8_t)c, uart_base + UART_THR);
}

static int ns16550_getc(void)
{
    if ( !(inb(uart_base + UART_LSR) & UART_LSR_DR) )
        return -1;
    return inb(uart_base + UART_RBR);
}

static const struct console_driver ns16550_driver = {
    .name = "ns16550",
    .putc = ns16550_putc,
    .getc = ns16550_getc,
};

void ns16550_init(unsigned int io_base)
{
    unsigned int divisor = UART_CLOCK_HZ / (16 * UART_BAUD);

    uart_base = (uint16_t)io_base;
    outb(0, uart_base + UART_IER);
    outb(UART_LCR_DLAB, uart_base + UART_LCR);
    outb((uint8_t)divisor, uart_base + UART_DLL);
    outb((uint8_t)(divisor >> 8), uart_base + UART_DLM);
    outb(UART_LCR_8N1, uart_base + UART_LCR);
    outb(UART_FCR_ENABLE | UART_FCR_CLEAR, uart_base + UART_FCR);
    outb(UART_MCR_DTR_RTS, uart_base + UART_MCR);
    console_register(&ns16550_driver);
}
