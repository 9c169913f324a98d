/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: one UART driver, printk with "(XEN) " prefixes. */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

struct console_driver {
    const char *name;
    void (*putc)(char c);
    int (*getc)(void); /* a received byte, or -1; NULL: no input */
};

/* Route console output to @drv; output before this is dropped. */
void console_register(const struct console_driver *drv);

/* A byte typed on the console, or -1 when none is waiting. */
int console_getc(void);

/* Write @s as is, with no prefix ("\n" becomes "\r\n"). */
void console_puts(const char *s);

/*
 * Hold the console for output that must not interleave with other CPUs'
 * (printk() and console_guest_line() take it themselves).  After
 * console_force_unlock(), for a fatal trap, nothing is locked any more.
 */
void console_lock_acquire(void);
void console_lock_release(void);
void console_force_unlock(void);

/*
 * Print one line of guest output as "(d<domid>) <line>", with no "(XEN) "
 * prefix.  @line holds no newline; characters that are not printable are
 * shown as '.'.  Called between printk() lines (the console is at the
 * start of a line).
 */
void console_guest_line(unsigned int domid, const char *line,
                        unsigned int len);

/*
 * Hold the console lines of domain @domid back (in a 32 KiB buffer) until
 * console_guest_release(@domid); lines that would not fit print what is
 * held first and end the hold.  One domain at a time.
 */
void console_guest_hold(unsigned int domid);
void console_guest_release(unsigned int domid);

#endif /* XEN_CONSOLE_H */
