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

static struct {
    paddr_t start;
    const void *data;
    size_t size;
} given[HL_MAX_MODULES];
static unsigned int nr_given;

int hl_tool_give_module(paddr_t start, const void *data, size_t size)
{
    if ( nr_given == HL_MAX_MODULES )
        return -ENOSPC;
    given[nr_given].start = start;
    given[nr_given].data = data;
    given[nr_given++].size = size;
    return 0;
}

/*
 * The host tools see the device tree only, not the images it names,
 * unless one was given (hlcheck --module ADDR=FILE) for a module at its
 * address.
 */
const void *hl_module_data(const struct boot_module *m)
{
    unsigned int i;

    for ( i = 0; i < nr_given; i++ )
        if ( given[i].start == m->start )
            return given[i].data;
    return NULL;
}
