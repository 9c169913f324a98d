/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 host CPUs: per-CPU data in TPIDR_EL2, bring-up through PSCI. */
#ifndef ASM_ARM_SMP_H
#define ASM_ARM_SMP_H

#include <xen/types.h>

struct guest_regs;

/*
 * Per host CPU, pointed at by TPIDR_EL2.  @guest is read by the guest
 * exit path (arm64/guest-entry.S), so it stays the first field.
 */
struct pcpu {
    struct guest_regs *guest; /* registers of the vCPU running here */
    unsigned int id;
    uint64_t mpidr;
};

static inline struct pcpu *this_pcpu(void)
{
    struct pcpu *p;

    asm volatile("mrs %0, tpidr_el2" : "=r"(p));
    return p;
}

/* The MPIDR affinity of host CPU @cpu (an index). */
uint64_t smp_cpu_mpidr(unsigned int cpu);

/* Make this the boot CPU's per-CPU data (CPU 0). */
void smp_boot_cpu_init(void);

/*
 * Start every other CPU of the host @fdt's /cpus through PSCI CPU_ON, up
 * to NR_CPUS, each waiting in the scheduler once it is up.  Needs the MMU
 * on and the GIC up.  Prints one line per CPU that does not come up and
 * one with the count.  CPUs that fail are left out.
 */
void smp_init(const void *fdt);

#endif /* ASM_ARM_SMP_H */
