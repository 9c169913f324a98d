/* SPDX-License-Identifier: GPL-2.0-only */
/* PVH test guest runtime: port I/O, a polled 16550, gprintf, power off. */
#include "guest.h"

#define UART_LSR 5
#define UART_LSR_DR 0x01
#define UART_LSR_THRE 0x20

void outb(uint8_t v, uint16_t port)
{
    asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

void outl(uint32_t v, uint16_t port)
{
    asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

uint8_t inb(uint16_t port)
{
    uint8_t v;

    asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

void con_putc(char c)
{
    while ( !(inb(COM1_PORT + UART_LSR) & UART_LSR_THRE) )
        ;
    outb((uint8_t)c, COM1_PORT);
}

int con_getc(void)
{
    if ( !(inb(COM1_PORT + UART_LSR) & UART_LSR_DR) )
        return -1;
    return inb(COM1_PORT);
}

void con_puts(const char *s)
{
    while ( *s )
        con_putc(*s++);
}

/* *v /= base, returning the remainder: shift and subtract (no libgcc). */
static unsigned int div_base(uint64_t *v, unsigned int base)
{
    uint64_t q = 0;
    uint32_t r = 0;
    int bit;

    for ( bit = 63; bit >= 0; bit-- )
    {
        r = (r << 1) | (uint32_t)((*v >> bit) & 1);
        q <<= 1;
        if ( r >= base )
        {
            r -= base;
            q |= 1;
        }
    }
    *v = q;
    return r;
}

static void put_uint(uint64_t v, unsigned int base)
{
    char buf[24];
    int n = 0;

    do
    {
        buf[n++] = "0123456789abcdef"[div_base(&v, base)];
    } while ( v );
    while ( n )
        con_putc(buf[--n]);
}

/* %s, %u, %x, %llu, %llx and %c; enough for the guests. */
void gprintf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    for ( ; *fmt; fmt++ )
    {
        if ( *fmt != '%' || !fmt[1] )
        {
            con_putc(*fmt);
            continue;
        }
        switch ( *++fmt )
        {
        case 's':
            con_puts(va_arg(ap, const char *));
            break;
        case 'u':
            put_uint(va_arg(ap, uint32_t), 10);
            break;
        case 'x':
            put_uint(va_arg(ap, uint32_t), 16);
            break;
        case 'l':
            if ( fmt[1] == 'l' && (fmt[2] == 'u' || fmt[2] == 'x') )
            {
                fmt += 2;
                put_uint(va_arg(ap, uint64_t), *fmt == 'u' ? 10 : 16);
            }
            else
                con_putc(*fmt);
            break;
        case 'c':
            con_putc((char)va_arg(ap, int));
            break;
        default:
            con_putc(*fmt);
            break;
        }
    }
    va_end(ap);
}

void guest_power_off(uint32_t status)
{
    outl(status, HL_POWER_OFF_PORT);
    for ( ;; )
        asm volatile("cli; hlt");
}

void trap_fatal(uint32_t vector, uint32_t eip)
{
    gprintf("guest: unexpected exception %u at %x\n", vector, eip);
    guest_power_off(2);
}

bool has_word(const char *s, const char *w)
{
    const char *a, *b;

    for ( ; s && *s; s++ )
    {
        for ( a = s, b = w; *b && *a == *b; a++, b++ )
            ;
        if ( !*b )
            return true;
    }
    return false;
}
