/* SPDX-License-Identifier: GPL-2.0-only */
/* hello: print what the DT says (bootargs, RAM, vCPUs), then power off. */
#include "guest.h"

const char guest_name[] = "hello";

void guest_main(const void *fdt)
{
    guest_dt_read(fdt);
    gprintf("hello: bootargs=\"%s\"\n", gi.bootargs);
    gprintf("hello: ram=%lu MiB\n", gi.ram_bytes >> 20);
    gprintf("hello: vcpus=%u\n", gi.nr_cpus);
    /* RAM above 4 GiB (a second bank): its last word holds what it got. */
    if ( gi.ram_top > (1UL << 32) )
    {
        volatile uint64_t *top = (volatile uint64_t *)(gi.ram_top - 8);

        *top = gi.ram_top;
        gprintf("hello: last word of RAM (0x%lx) %s\n", gi.ram_top - 8,
                *top == gi.ram_top ? "kept" : "LOST");
    }
    gprintf("HELLO-DONE\n");
    psci_system_off();
}
