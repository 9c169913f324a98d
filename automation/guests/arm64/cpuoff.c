/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpuoff: start every other vCPU, each of which calls PSCI CPU_OFF; then
 * the boot vCPU calls CPU_OFF too, leaving the domain no vCPU at all.
 */
#include "guest.h"

const char guest_name[] = "cpuoff";

static volatile uint32_t done;

void secondary_main(unsigned long cpu)
{
    (void)cpu;
    __atomic_add_fetch(&done, 1, __ATOMIC_SEQ_CST);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    guest_halt();
}

void guest_main(const void *fdt)
{
    uint64_t self = read_mpidr(), entry;
    unsigned int n, nr, up = 0;

    guest_dt_read(fdt);
    nr = gi.nr_cpus < 8 ? gi.nr_cpus : 8;
    entry = (uint64_t)(uintptr_t)secondary_entry;
    for ( n = 0; n < nr; n++ )
        if ( gi.cpu_mpidr[n] != self &&
             !psci_call(PSCI_CPU_ON, gi.cpu_mpidr[n], entry, up + 1) )
            up++;
    while ( done != up )
        ;
    gprintf("cpuoff: %u other vCPUs off, the last one goes\n", up);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    gprintf("cpuoff: still running after CPU_OFF\n");
    guest_halt();
}
