/* SPDX-License-Identifier: GPL-2.0-only */
/* PVH test guest runtime: MSRs, the TSC, the x2APIC and interrupt counts. */
#include "guest.h"

volatile uint32_t irq_count[256];
volatile uint8_t irq_log[IRQ_LOG_LEN];
volatile uint32_t irq_log_len;

uint64_t rdmsr64(uint32_t msr)
{
    uint32_t lo, hi;

    asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

void wrmsr64(uint32_t msr, uint64_t val)
{
    asm volatile("wrmsr"
                 :
                 : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32))
                 : "memory");
}

uint64_t rdtsc64(void)
{
    uint32_t lo, hi;

    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

void x2apic_enable(void)
{
    wrmsr64(X2APIC_SVR, 0x1ff); /* enabled, spurious vector 0xff */
}

/* The local APIC's register @msr (x2APIC number) in either mode. */
static uint32_t apic_read(uint32_t msr, bool xapic)
{
    uint32_t v;

    if ( !xapic )
        return (uint32_t)rdmsr64(msr);
    asm volatile(
        "movl %1, %0"
        : "=r"(v)
        : "m"(*(volatile uint32_t *)(XAPIC_MMIO + ((msr - 0x800) << 4))));
    return v;
}

/* The vector in service: the highest ISR bit; 0xff (spurious) if none. */
static uint32_t isr_vector(bool xapic)
{
    int i;

    for ( i = 7; i >= 1; i-- )
    {
        uint32_t isr = apic_read(0x810 + (uint32_t)i, xapic);

        if ( isr )
            return (uint32_t)i * 32 + 31 - (uint32_t)__builtin_clz(isr);
    }
    return 0xff;
}

uint32_t (*volatile ext_irq_hook)(void);

/*
 * Called by traps.S for vectors 32-255, interrupts off: count and EOI,
 * through the MSRs or, in xAPIC mode (IA32_APIC_BASE.EXTD clear), the
 * MMIO page (which must be mapped 1:1 when paging is on).  An interrupt
 * not in the local APIC's ISR came through LINT0 (ExtINT): ext_irq_hook,
 * when set, names it (and signals its EOI).
 */
void guest_irq(void)
{
    bool xapic = !(rdmsr64(MSR_APIC_BASE) & APIC_BASE_EXTD);
    uint32_t vector = isr_vector(xapic);
    bool apic = vector != 0xff; /* the spurious vector takes no EOI */

    if ( !apic && ext_irq_hook )
        vector = ext_irq_hook();
    irq_count[vector]++;
    if ( irq_log_len < IRQ_LOG_LEN )
        irq_log[irq_log_len++] = (uint8_t)vector;
    if ( !apic )
        return;
    if ( xapic )
        asm volatile("movl %1, %0"
                     : "=m"(*(volatile uint32_t *)(XAPIC_MMIO + 0xb0))
                     : "r"(0U)
                     : "memory");
    else
        wrmsr64(X2APIC_EOI, 0);
}

/* Wait with interrupts on (HLT) until @vector has come @n times in all. */
void wait_irq(uint32_t vector, uint32_t n, uint32_t *halts)
{
    while ( irq_count[vector] < n )
    {
        asm volatile("sti; hlt; cli" ::: "memory");
        if ( halts )
            (*halts)++;
    }
}

/*
 * Give the CPU away @n times: HLT until a short one-shot timer expires.
 * The timer is masked, so this works in any mode, with or without an
 * IDT: the hypervisor ends a HLT when the timer expires even masked.
 */
void guest_yield(unsigned int n)
{
    x2apic_enable();
    wrmsr64(X2APIC_TDCR, 0); /* divide by 2 */
    while ( n-- )
    {
        wrmsr64(X2APIC_LVT_TIMER, LVT_MASKED | 0xef);
        wrmsr64(X2APIC_TMICT, 20000);
        asm volatile("sti; hlt; cli" ::: "memory");
    }
}
