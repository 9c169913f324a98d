/* SPDX-License-Identifier: GPL-2.0-only */
/* Console core: printk, line prefixes, the registered UART driver. */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/spinlock.h>

static const struct console_driver *console_drv;
static bool at_line_start = true;

/* Whole lines from one CPU at a time; an emergency print takes it over. */
static DEFINE_SPINLOCK(console_lock);
static bool console_locking = true;

void console_lock_acquire(void)
{
    if ( console_locking )
        spin_lock(&console_lock);
}

void console_lock_release(void)
{
    if ( console_locking )
        spin_unlock(&console_lock);
}

void console_force_unlock(void)
{
    console_locking = false;
}

void console_register(const struct console_driver *drv)
{
    console_drv = drv;
}

static void console_putc(char c)
{
    if ( !console_drv )
        return;
    if ( c == '\n' )
        console_drv->putc('\r');
    console_drv->putc(c);
}

int console_getc(void)
{
    return console_drv && console_drv->getc ? console_drv->getc() : -1;
}

void console_puts(const char *s)
{
    for ( ; *s; s++ )
        console_putc(*s);
}

void printk(const char *fmt, ...)
{
    char buf[512];
    const char *p;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);

    console_lock_acquire();
    for ( p = buf; *p; p++ )
    {
        if ( at_line_start )
            console_puts("(XEN) ");
        console_putc(*p);
        at_line_start = *p == '\n';
    }
    console_lock_release();
}

void bug(const char *file, int line)
{
    printk("Xen BUG at %s:%d\n", file, line);
    for ( ;; )
        ;
}
