/* SPDX-License-Identifier: GPL-2.0-only */
/* A domain's 16550 at 0x3f8: output to the console by lines, polled input. */
#include <xen/lib.h>
#include <xen/sched.h>

#define UART_RBR_THR 0
#define UART_IER 1
#define UART_IIR_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7
#define UART_LCR_DLAB 0x80
#define UART_IIR_NO_INT 0x01
#define UART_LSR_DR 0x01          /* console input waits */
#define UART_LSR_THRE_TEMT 0x60   /* always ready to send */
#define UART_MSR_CTS_DSR_DCD 0xb0 /* a modem that is always there */

static void vuart_write(struct domain *d, unsigned int reg, uint8_t v)
{
    struct vuart *u = &d->arch.vuart;
    bool dlab = u->lcr & UART_LCR_DLAB;

    switch ( reg )
    {
    case UART_RBR_THR:
        if ( dlab )
            u->dll = v;
        else
            domain_console_putc(d, (char)v);
        break;
    case UART_IER:
        if ( dlab )
            u->dlm = v;
        else
            u->ier = v & 0x0f;
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
    default: /* FCR, LSR, MSR: nothing to keep */
        break;
    }
}

static uint8_t vuart_read(struct domain *d, unsigned int reg)
{
    const struct vuart *u = &d->arch.vuart;
    bool dlab = u->lcr & UART_LCR_DLAB;
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
        return UART_IIR_NO_INT;
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

/* A byte access to register @reg; wider accesses use their low byte. */
void vuart_access(struct domain *d, unsigned int reg, bool in, uint32_t *val)
{
    if ( in )
        *val = vuart_read(d, reg);
    else
        vuart_write(d, reg, (uint8_t)*val);
}
