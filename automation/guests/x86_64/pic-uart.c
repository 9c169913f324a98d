/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pic "uart": IRQ 4 from the 16550 through the 8259: THR empty (on IER
 * and after a THR write, Linux's THRE test), edge and level requests
 * (ELCR), and received data waking a halted vCPU.
 */
#include "pic.h"

#define UART_IER (COM1_PORT + 1)
#define UART_IIR (COM1_PORT + 2)
#define UART_MCR (COM1_PORT + 4)
#define UART_LSR (COM1_PORT + 5)

/* THRE: on enabling it, cleared by reading IIR, again after a THR write. */
static void uart_thre(void)
{
    uint32_t n0 = irq_count[V_UART], n1;
    uint8_t iir1, iir2, t1, t2;

    outb(0x08, UART_MCR); /* OUT2: the IRQ line's enable */
    outb(0x02, UART_IER);
    asm volatile("sti; nop; nop; cli" ::: "memory");
    n1 = irq_count[V_UART] - n0;
    iir1 = inb(UART_IIR);
    iir2 = inb(UART_IIR);
    outb('\n', COM1_PORT);
    asm volatile("sti; nop; nop; cli" ::: "memory");
    n0 = irq_count[V_UART] - n0;
    outb(0, UART_IER);
    /* Linux's THRE test: enable, read IIR, disable, enable, read IIR. */
    outb(0x02, UART_IER);
    t1 = inb(UART_IIR);
    outb(0, UART_IER);
    outb(0x02, UART_IER);
    t2 = inb(UART_IIR);
    outb(0, UART_IER);
    gprintf("pic: uart: THRE irq on IER write %u, IIR %x then %x, "
            "irqs after a THR write %u; THRE test IIR %x %x\n",
            n1, iir1, iir2, n0, t1, t2);
}

/*
 * THRE held (interrupts off): after an INTA by the poll command, IRQ 4
 * is requested again (IRR) in level mode (ELCR), not in edge mode.
 */
static void uart_level(void)
{
    uint8_t poll[2], irr[2];
    unsigned int i;

    outb(0x08, UART_MCR);
    for ( i = 0; i < 2; i++ )
    {
        outb(i ? 0x10 : 0, 0x4d0); /* IRQ 4: edge, then level */
        outb(0x02, UART_IER);      /* THR empty: the line rises */
        poll[i] = pic_reg(PIC1, 0x0c);
        irr[i] = pic_reg(PIC1, OCW3_IRR);
        outb(0x20, PIC1);
        inb(UART_IIR); /* reports THRE, which clears it */
        outb(0, UART_IER);
    }
    outb(0, 0x4d0);
    gprintf("pic: uart: poll %x, IRR after it: edge %x, level %x (poll %x)\n",
            poll[0], irr[0], irr[1], poll[1]);
}

/* Received data: an interrupt wakes the HLT when input arrives. */
static void uart_rx(void)
{
    uint32_t n0 = irq_count[V_UART], got = 0;
    uint8_t iir = 0;
    char buf[4] = "";

    outb(0x01, UART_IER);
    gprintf("pic: uart: waiting for input\n");
    while ( got < 3 )
    {
        if ( inb(UART_LSR) & 1 )
        {
            buf[got++] = (char)inb(COM1_PORT);
            continue;
        }
        asm volatile("sti; hlt; cli" ::: "memory");
        if ( !iir && irq_count[V_UART] != n0 )
            iir = inb(UART_IIR);
    }
    outb(0, UART_IER);
    gprintf("pic: uart: input irq %u, IIR %x, read '%s'\n",
            irq_count[V_UART] != n0, iir, buf);
}

void pic_uart(void)
{
    uart_thre();
    uart_level();
    uart_rx();
}
