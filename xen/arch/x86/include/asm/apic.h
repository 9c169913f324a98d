/* SPDX-License-Identifier: GPL-2.0-only */
/* Local APIC (xAPIC MMIO) one-shot timer for time slices; TSC time. */
#ifndef ASM_X86_APIC_H
#define ASM_X86_APIC_H

/* IDT vectors the hypervisor takes (x86_64/entry.S). */
#define APIC_TIMER_VECTOR 0xf0
#define APIC_KICK_VECTOR 0xf1 /* arch_cpu_kick() */
#define APIC_SPURIOUS_VECTOR 0xff

#ifndef __ASSEMBLY__

#include <xen/types.h>

/* Where the EOI register is: used by the timer interrupt stub. */
extern uint64_t apic_eoi_addr;

/* Remember the TSC at entry: the origin of time_us(). */
void time_early_init(void);

/*
 * Mask the legacy PICs, enable the local APIC with the timer on
 * APIC_TIMER_VECTOR (masked until armed), and calibrate the APIC timer
 * and the TSC against PIT channel 2.  Returns 0, or -ENODEV when the CPU
 * has no local APIC (printed).
 */
int apic_init(void);

/* This CPU's local APIC ID. */
uint32_t apic_id(void);

/* A secondary CPU: enable its local APIC and timer as apic_init() did. */
void apic_init_secondary(void);

/*
 * INIT, then twice SIPI with @vector, to every CPU but this one.  Returns
 * 0, or -EIO when an IPI is not accepted.
 */
int apic_start_others(unsigned int vector);

/* Send interrupt @vector to the CPU whose local APIC ID is @id. */
void apic_send_ipi(uint32_t id, unsigned int vector);

/* Is interrupt @vector pending (requested, not yet taken) here? */
bool apic_irr_test(unsigned int vector);

/* Busy-wait @us microseconds (TSC). */
void udelay(uint64_t us);

/* Arm the one-shot timer for @us microseconds. */
void apic_timer_arm(uint64_t us);

/* Has the armed slice run out? */
bool apic_timer_expired(void);

/* Arm the one-shot timer to fire when the TSC reaches @tsc (now if past). */
void apic_timer_arm_tsc(uint64_t tsc);

/* TSC cycles in @us microseconds. */
uint64_t apic_us_to_tsc(uint64_t us);

/* The time stamp counter of this CPU. */
static inline uint64_t host_tsc(void)
{
    uint32_t lo, hi;

    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Stop the timer. */
void apic_timer_stop(void);

/* Take the interrupt pending since the last #VMEXIT(INTR), if any. */
void apic_take_pending_irq(void);

/* Microseconds since time_early_init(), once apic_init() calibrated. */
uint64_t time_us(void);

/* Nanoseconds since time_early_init(), once apic_init() calibrated. */
uint64_t time_ns(void);

#endif /* __ASSEMBLY__ */

#endif /* ASM_X86_APIC_H */
