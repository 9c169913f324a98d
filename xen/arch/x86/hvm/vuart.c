/* SPDX-License-Identifier: GPL-2.0-only */
/* A domain's 16550 at 0x3f8: output to the console by lines, IRQ 4. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-io.h>

#define UART_RBR_THR 0
#define UART_IER 1
#define UART_IIR_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7
#define UART_IRQ 4
#define UART_LCR_DLAB 0x80
#define UART_IER_RDA 0x01  /* received data available */
#define UART_IER_THRE 0x02 /* transmitter holding register empty */
#define UART_IIR_NO_INT 0x01
#define UART_IIR_THRE 0x02
#define UART_IIR_RDA 0x04
#define UART_IIR_FIFO 0xc0 /* FIFOs enabled (FCR bit 0) */
#define UART_FCR_ENABLE 0x01
#define UART_MCR_OUT2 0x08        /* on a PC: the IRQ line's enable */
#define UART_LSR_DR 0x01          /* console input waits */
#define UART_LSR_THRE_TEMT 0x60   /* always ready to send */
#define UART_MSR_CTS_DSR_DCD 0xb0 /* a modem that is always there */

/* The interrupt to report, highest priority first: IIR bits 3-0. */
static uint8_t vuart_iir(struct domain *d)
{
    const struct vuart *u = &d->arch.vuart;

    if ( (u->ier & UART_IER_RDA) && domain_console_has_input(d) )
        return UART_IIR_RDA;
    if ( (u->ier & UART_IER_THRE) && u->thre_pending )
        return UART_IIR_THRE;
    return UART_IIR_NO_INT;
}

/* IRQ 4 follows "an interrupt pending and OUT2 set"; edges to the PIC. */
static void vuart_update_irq(struct domain *d)
{
    struct vuart *u = &d->arch.vuart;
    bool line = (u->mcr & UART_MCR_OUT2) && vuart_iir(d) != UART_IIR_NO_INT;

    if ( line == u->irq_line )
        return;
    u->irq_line = line;
    if ( line )
        hvm_isa_irq_raise(d, UART_IRQ);
    else
        hvm_isa_irq_lower(d, UART_IRQ);
}

static void vuart_write_reg(struct domain *d, unsigned int reg, uint8_t v)
{
    struct vuart *u = &d->arch.vuart;
    bool dlab = u->lcr & UART_LCR_DLAB;

    switch ( reg )
    {
    case UART_RBR_THR:
        if ( dlab )
            u->dll = v;
        else
        {
            domain_console_putc(d, (char)v);
            u->thre_pending = true; /* sent at once: empty again */
        }
        break;
    case UART_IER:
        if ( dlab )
            u->dlm = v;
        else
        {
            /* Enabling THRE with the THR empty reports it. */
            if ( (v & UART_IER_THRE) && !(u->ier & UART_IER_THRE) )
                u->thre_pending = true;
            u->ier = v & 0x0f;
        }
        break;
    case UART_IIR_FCR:
        u->fcr = v & UART_FCR_ENABLE;
        break;
    case UART_LCR:
        u->lcr = v;
        break;
    case UART_MCR:
        u->mcr = v & 0x1f;
        break;
    case UART_SCR:
        u->scr = v;
        break;
    default: /* LSR, MSR: nothing to keep */
        break;
    }
}

static uint8_t vuart_read_reg(struct domain *d, unsigned int reg)
{
    struct vuart *u = &d->arch.vuart;
    bool dlab = u->lcr & UART_LCR_DLAB;
    uint8_t iir;
    int c;

    switch ( reg )
    {
    case UART_RBR_THR:
        if ( dlab )
            return u->dll;
        c = domain_console_getc(d);
        return c < 0 ? 0 : (uint8_t)c;
    case UART_IER:
        return dlab ? u->dlm : u->ier;
    case UART_IIR_FCR:
        iir = vuart_iir(d);
        if ( iir == UART_IIR_THRE ) /* reading it clears THRE */
            u->thre_pending = false;
        return iir | (u->fcr ? UART_IIR_FIFO : 0);
    case UART_LCR:
        return u->lcr;
    case UART_MCR:
        return u->mcr;
    case UART_LSR:
        return UART_LSR_THRE_TEMT |
               (domain_console_has_input(d) ? UART_LSR_DR : 0);
    case UART_MSR:
        return UART_MSR_CTS_DSR_DCD;
    default:
        return u->scr;
    }
}

/* Byte registers; a wider access uses its low byte. */
static void vuart_read(struct vcpu *v, unsigned int offset, unsigned int size,
                       uint32_t *val)
{
    *val = vuart_read_reg(v->domain, offset);
    vuart_update_irq(v->domain);
}

static void vuart_write(struct vcpu *v, unsigned int offset, unsigned int size,
                        uint32_t val)
{
    vuart_write_reg(v->domain, offset, (uint8_t)val);
    vuart_update_irq(v->domain);
}

void vuart_input_notify(struct domain *d)
{
    spin_lock(&d->arch.io.lock);
    vuart_update_irq(d);
    spin_unlock(&d->arch.io.lock);
}

HVM_IO_RANGE(vuart_range) = {
    .first = VUART_PORT,
    .count = 8,
    .name = "16550",
    .read = vuart_read,
    .write = vuart_write,
};
