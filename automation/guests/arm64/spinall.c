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
    uint64_t self = read_mpidr(), entry;
    unsigned int n, nr, up = 1;

    guest_dt_read(fdt);
    nr = gi.nr_cpus < 8 ? gi.nr_cpus : 8;
    entry = (uint64_t)(uintptr_t)secondary_entry;
    for ( n = 0; n < nr; n++ )
        if ( gi.cpu_mpidr[n] != self &&
             !psci_call(PSCI_CPU_ON, gi.cpu_mpidr[n], entry, up) )
            up++;
    gprintf("SPINALL %u\n", up);
    for ( ;; )
        asm volatile("" ::: "memory");
}
