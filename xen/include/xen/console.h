/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: one UART driver, printk with "(XEN) " prefixes. */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

struct console_driver {
    const char *name;
    void (*putc)(char c);
};

/* Route console output to @drv; output before this is dropped. */
void console_register(const struct console_driver *drv);

/* Write @s as is, with no prefix ("\n" becomes "\r\n"). */
void console_puts(const char *s);

#endif /* XEN_CONSOLE_H */
