/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostile-unmapped: read, then write, an address outside its RAM and its
 * devices (0x10000000, or addr=<n> from the bootargs), saying what happens.
 */
#include "guest.h"

#define DEFAULT_ADDR 0x10000000UL

const char guest_name[] = "hostile-unmapped";

void guest_main(const void *fdt)
{
    const char *arg;
    uint64_t addr = DEFAULT_ADDR;
    volatile uint32_t *p;
    unsigned int seen;
    uint32_t v;

    guest_dt_read(fdt);
    arg = str_find(gi.bootargs, "addr=");
    if ( arg )
        addr = str_to_u64(arg + 5);
    p = (volatile uint32_t *)addr;

    gprintf("hostile-unmapped: reading 0x%lx\n", addr);
    seen = exc_count;
    v = *p;
    if ( exc_count == seen )
        gprintf("hostile-unmapped: read returned 0x%x\n", v);

    gprintf("hostile-unmapped: writing 0x%lx\n", addr);
    seen = exc_count;
    *p = 0xdeadbeef;
    if ( exc_count == seen )
        gprintf("hostile-unmapped: write completed\n");

    gprintf("HOSTILE-UNMAPPED-DONE\n");
    psci_system_off();
}
