/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lapic: the local APIC a domain sees (x2APIC).  The command line picks
 * the test: "regs" (IDs, CPUID, self IPIs, TPR, priorities), "timer"
 * (one-shot and periodic, HLT between), "tsc" (TSC-deadline), "smp"
 * (INIT-SIPI-SIPI starts vCPU1 in real mode; IPIs both ways).
 */
#include "guest.h"

#define V_ONESHOT 0x40
#define V_PERIODIC 0x41
#define V_DEADLINE 0x42
#define V_SELF 0x50
#define V_TO_BSP 0x60
#define V_TO_AP 0x61
#define TRAMPOLINE_PA 0x8000U /* the SIPI vector is its page: 0x08 */
#define ICR_INIT 0x4500ULL    /* INIT, level assert */
#define ICR_SIPI 0x4600ULL
#define ICR_SELF (1ULL << 18)

extern const char ap_trampoline[], ap_trampoline_end[];
volatile uint32_t ap_done;
void ap_main(void);

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    asm volatile("cpuid"
                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                 : "a"(leaf), "c"(sub));
}

static bool bit(uint32_t v, unsigned int n)
{
    return (v >> n) & 1;
}

static void regs_ids(void)
{
    uint32_t r1[4], r6[4], rb[4];

    cpuid(1, 0, r1);
    cpuid(6, 0, r6);
    cpuid(0xb, 0, rb);
    gprintf("lapic: id %llx, version %llx, ldr %llx, base %llx\n",
            rdmsr64(X2APIC_ID), rdmsr64(0x803), rdmsr64(0x80d), rdmsr64(0x1b));
    gprintf("lapic: cpuid x2apic %u tsc-deadline %u apic %u arat %u "
            "initial-id %u x2apic-id %u\n",
            bit(r1[2], 21), bit(r1[2], 24), bit(r1[3], 9), bit(r6[0], 2),
            r1[1] >> 24, rb[3]);
}

/* Self IPIs three ways; pending in the IRR while interrupts are off. */
static void regs_self_ipis(void)
{
    wrmsr64(X2APIC_SELF_IPI, V_SELF);
    gprintf("lapic: self-ipi pending %u\n",
            (uint32_t)(rdmsr64(0x820 + V_SELF / 32) >> (V_SELF % 32)) & 1);
    wrmsr64(X2APIC_ICR, (V_SELF + 1) | ICR_SELF);
    wrmsr64(X2APIC_ICR, V_SELF + 2); /* physical, destination 0: us */
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("lapic: self-ipis taken %u %u %u\n", irq_count[V_SELF],
            irq_count[V_SELF + 1], irq_count[V_SELF + 2]);
}

/* TPR holds a class back; the higher vector goes first. */
static void regs_priority(void)
{
    wrmsr64(X2APIC_TPR, 0x60);
    wrmsr64(X2APIC_SELF_IPI, 0x53);
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("lapic: tpr 60 holds 53: taken %u, ppr %llx\n", irq_count[0x53],
            rdmsr64(0x80a));
    wrmsr64(X2APIC_TPR, 0);
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("lapic: tpr 0: taken %u\n", irq_count[0x53]);
    irq_log_len = 0;
    wrmsr64(X2APIC_SELF_IPI, 0x58);
    wrmsr64(X2APIC_SELF_IPI, 0x70);
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("lapic: order %x %x\n", irq_log[0], irq_log[1]);
}

static void timer(void)
{
    uint32_t halts = 0, count;

    wrmsr64(X2APIC_TDCR, 3); /* divide by 16 */
    wrmsr64(X2APIC_LVT_TIMER, V_ONESHOT);
    wrmsr64(X2APIC_TMICT, 200000);
    count = (uint32_t)rdmsr64(X2APIC_TMCCT);
    gprintf("lapic: one-shot armed, counting %u\n",
            count > 0 && count <= 200000);
    wait_irq(V_ONESHOT, 1, &halts);
    gprintf("lapic: one-shot fired %u, halted %u, count %llu\n",
            irq_count[V_ONESHOT], halts > 0, rdmsr64(X2APIC_TMCCT));
    halts = 0;
    wrmsr64(X2APIC_LVT_TIMER, V_PERIODIC | LVT_PERIODIC);
    wrmsr64(X2APIC_TMICT, 100000);
    wait_irq(V_PERIODIC, 5, &halts);
    wrmsr64(X2APIC_LVT_TIMER, V_PERIODIC | LVT_PERIODIC | LVT_MASKED);
    gprintf("lapic: periodic: 5 ticks %u, halted %u\n",
            irq_count[V_PERIODIC] >= 5, halts > 0);
    wrmsr64(X2APIC_TMICT, 0);
}

static void tsc_deadline(void)
{
    uint32_t halts = 0;
    uint64_t t;

    wrmsr64(X2APIC_LVT_TIMER, V_DEADLINE | LVT_TSC_DEADLINE);
    wrmsr64(X2APIC_TMICT, 1234); /* ignored in this mode */
    t = rdtsc64() + 20000000;
    wrmsr64(MSR_TSC_DEADLINE, t);
    gprintf("lapic: tsc-deadline armed %u, initial count %llu\n",
            rdmsr64(MSR_TSC_DEADLINE) == t, rdmsr64(X2APIC_TMICT));
    wait_irq(V_DEADLINE, 1, &halts);
    gprintf("lapic: tsc-deadline fired %u, not early %u, halted %u, msr "
            "%llu\n",
            irq_count[V_DEADLINE], rdtsc64() >= t, halts > 0,
            rdmsr64(MSR_TSC_DEADLINE));
}

/* vCPU1, in protected mode from the trampoline (lapic-tramp.S). */
void ap_main(void)
{
    traps_install();
    x2apic_enable();
    gprintf("lapic: vCPU1 up in protected mode, APIC ID %llu\n",
            rdmsr64(X2APIC_ID));
    wrmsr64(X2APIC_ICR, V_TO_BSP); /* physical, destination 0 */
    wait_irq(V_TO_AP, 1, NULL);
    gprintf("lapic: vCPU1 got IPI %x\n", V_TO_AP);
    ap_done = 1;
    for ( ;; )
        asm volatile("sti; hlt" ::: "memory");
}

static void smp(void)
{
    unsigned int i;

    for ( i = 0; i < (unsigned int)(ap_trampoline_end - ap_trampoline); i++ )
        ((volatile char *)TRAMPOLINE_PA)[i] = ap_trampoline[i];
    wrmsr64(X2APIC_ICR, ICR_INIT | (1ULL << 32));
    wrmsr64(X2APIC_ICR, ICR_SIPI | (TRAMPOLINE_PA >> 12) | (1ULL << 32));
    wrmsr64(X2APIC_ICR, ICR_SIPI | (TRAMPOLINE_PA >> 12) | (1ULL << 32));
    wait_irq(V_TO_BSP, 1, NULL);
    gprintf("lapic: vCPU0 got IPI %x from vCPU1\n", V_TO_BSP);
    wrmsr64(X2APIC_ICR, V_TO_AP | (1ULL << 32));
    while ( !ap_done )
        asm volatile("pause" ::: "memory");
    gprintf("lapic: smp done\n");
}

void guest_main(const struct hvm_start_info *si)
{
    const char *cmd = (const char *)(uintptr_t)si->cmdline_paddr;

    traps_install();
    x2apic_enable();
    if ( has_word(cmd, "regs") )
    {
        regs_ids();
        regs_self_ipis();
        regs_priority();
    }
    if ( has_word(cmd, "timer") )
        timer();
    if ( has_word(cmd, "tsc") )
        tsc_deadline();
    if ( has_word(cmd, "smp") )
        smp();
    gprintf("lapic: done\n");
    guest_power_off(0);
}
