/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 host CPUs: bring-up of the others by INIT-SIPI-SIPI, per-CPU data. */
#ifndef ASM_X86_SMP_H
#define ASM_X86_SMP_H

#define NR_CPUS 8

/*
 * Where the real-mode AP trampoline is copied, by preference: SIPI vector
 * 0x08; any free RAM page from AP_TRAMPOLINE_MIN below AP_TRAMPOLINE_END
 * does (a UEFI loader may have put a module there).
 */
#define AP_TRAMPOLINE_PA 0x8000
#define AP_TRAMPOLINE_MIN 0x1000
#define AP_TRAMPOLINE_END 0xa0000

#ifndef __ASSEMBLY__

#include <xen/types.h>

/*
 * Start every other host CPU (all-but-self INIT-SIPI-SIPI), up to
 * NR_CPUS, each into start_secondary() and then the scheduler; wait for
 * them and add them to cpu_online_map.  Called on the boot CPU after
 * apic_init() and svm_enable(), before domains are built.  @tramp_pa: a
 * free 4 KiB-aligned RAM page below 1 MiB the trampoline is copied to.
 * Prints how many CPUs are up.  A CPU that fails to come up is left out.
 */
void smp_init(paddr_t tramp_pa);

/* C entry of a secondary CPU (from the trampoline, on its own stack). */
void start_secondary(unsigned int cpu);

/* Record this CPU's local APIC ID as host CPU @cpu. */
void smp_set_cpu_apic_id(unsigned int cpu, uint32_t apic_id);

#endif /* __ASSEMBLY__ */

#endif /* ASM_X86_SMP_H */
