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
    unsigned int up;

    guest_dt_read(fdt);
    up = start_other_cpus();
    while ( done != up )
        ;
    gprintf("cpuoff: %u other vCPUs off, the last one goes\n", up);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    gprintf("cpuoff: still running after CPU_OFF\n");
    guest_halt();
}
