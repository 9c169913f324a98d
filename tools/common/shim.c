/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim for the shared parser: printk on stdout. */
#include "hltool.h"

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

/* The host tools see the device tree only, not the images it names. */
const void *hl_module_data(const struct boot_module *m)
{
    return NULL;
}
