/* SPDX-License-Identifier: GPL-2.0-only */
/* spinall: start every vCPU of /cpus and burn them all forever (no WFI). */
#include "guest.h"

const char guest_name[] = "spinall";

void secondary_main(unsigned long cpu)
{
    (void)cpu;
    for ( ;; )
        asm volatile("" ::: "memory");
}

void guest_main(const void *fdt)
{
    guest_dt_read(fdt);
    gprintf("SPINALL %u\n", 1 + start_other_cpus());
    for ( ;; )
        asm volatile("" ::: "memory");
}
