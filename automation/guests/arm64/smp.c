/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp: start every other vCPU of /cpus with PSCI CPU_ON, one at a time (so
 * the lines do not interleave); each prints, then the boot vCPU reports the
 * count and powers off.
 */
#include "guest.h"

/* How long a started vCPU gets to say it is up. */
#define WAIT_SECONDS 5

const char guest_name[] = "smp";

static volatile uint32_t cpu_up[8];

void secondary_main(unsigned long cpu)
{
    gprintf("smp: cpu %lu up\n", (uint64_t)cpu);
    cpu_up[cpu] = 1;
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    guest_halt();
}

static bool start_cpu(unsigned int n, uint64_t mpidr)
{
    uint64_t entry = (uint64_t)(uintptr_t)secondary_entry;
    int64_t rc = (int64_t)psci_call(PSCI_CPU_ON, mpidr, entry, n);
    uint64_t freq, start, now;

    if ( rc )
    {
        gprintf("smp: CPU_ON cpu %u (mpidr 0x%lx) failed: %ld\n", n, mpidr,
                rc);
        return false;
    }
    asm volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    asm volatile("isb; mrs %0, cntvct_el0" : "=r"(start));
    do
    {
        asm volatile("isb; mrs %0, cntvct_el0" : "=r"(now));
    } while ( !cpu_up[n] && now - start < WAIT_SECONDS * freq );
    if ( !cpu_up[n] )
        gprintf("smp: cpu %u did not come up\n", n);
    return cpu_up[n];
}

void guest_main(const void *fdt)
{
    uint64_t self = read_mpidr();
    unsigned int n, up = 1, nr;

    guest_dt_read(fdt);
    nr = gi.nr_cpus < 8 ? gi.nr_cpus : 8;
    gprintf("smp: cpu 0 up\n");
    cpu_up[0] = 1;
    for ( n = 0; n < nr; n++ )
    {
        if ( gi.cpu_mpidr[n] == self )
            continue;
        /* Logical numbers follow DT order, skipping the boot vCPU. */
        if ( start_cpu(up, gi.cpu_mpidr[n]) )
            up++;
    }
    gprintf("SMP-DONE %u\n", up);
    psci_system_off();
}
