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
    gprintf("HELLO-DONE\n");
    psci_system_off();
}
