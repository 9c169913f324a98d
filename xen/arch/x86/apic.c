/* SPDX-License-Identifier: GPL-2.0-only */
/* Local APIC timer (one-shot, xAPIC MMIO), calibrated on PIT channel 2. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/io.h>

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_ENABLE (1U << 11)
#define APIC_BASE_MASK 0xfffff000ULL

#define APIC_ID 0x20
#define APIC_EOI 0xb0
#define APIC_IRR 0x200
#define APIC_ICR_LO 0x300
#define APIC_ICR_HI 0x310
#define APIC_ICR_BUSY (1U << 12)
#define APIC_ICR_ALL_BUT_SELF (3U << 18)
#define APIC_ICR_INIT (5U << 8)
#define APIC_ICR_STARTUP (6U << 8)
#define APIC_ICR_ASSERT (1U << 14)
#define APIC_SVR 0xf0
#define APIC_SVR_ENABLE (1U << 8)
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_MASKED (1U << 16)
#define APIC_TMICT 0x380
#define APIC_TMCCT 0x390
#define APIC_TDCR 0x3e0
#define APIC_TDCR_DIV1 0xb

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_CH2_MODE0 0xb0 /* channel 2, lo/hi byte, mode 0, binary */
#define PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2 0x20
#define PIT_HZ 1193182U
#define CALIBRATE_MS 10U

uint64_t apic_eoi_addr;
static uintptr_t apic_base;
static uint64_t apic_per_ms, tsc_per_us, tsc_at_entry;

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t rdmsr_apic_base(void)
{
    uint32_t lo, hi;

    asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_APIC_BASE));
    return ((uint64_t)hi << 32) | lo;
}

static uint32_t apic_read(unsigned int reg)
{
    return *(volatile uint32_t *)(apic_base + reg);
}

static void apic_write(unsigned int reg, uint32_t v)
{
    *(volatile uint32_t *)(apic_base + reg) = v;
}

void time_early_init(void)
{
    tsc_at_entry = rdtsc();
}

uint64_t time_us(void)
{
    return tsc_per_us ? (rdtsc() - tsc_at_entry) / tsc_per_us : 0;
}

uint64_t time_ns(void)
{
    return tsc_per_us ? (rdtsc() - tsc_at_entry) * 1000 / tsc_per_us : 0;
}

uint64_t arch_sched_clock(void)
{
    return time_us();
}

/* Count APIC ticks and TSC cycles over CALIBRATE_MS of PIT channel 2. */
static void calibrate(void)
{
    uint32_t count = PIT_HZ / (1000U / CALIBRATE_MS);
    uint64_t tsc0, tsc1;

    outb((uint8_t)((inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2), PORT_B);
    outb(PIT_CH2_MODE0, PIT_CMD);
    outb((uint8_t)count, PIT_CH2);
    outb((uint8_t)(count >> 8), PIT_CH2);
    apic_write(APIC_TMICT, ~0U);
    tsc0 = rdtsc();
    while ( !(inb(PORT_B) & PORT_B_OUT2) )
        cpu_relax();
    tsc1 = rdtsc();
    apic_per_ms = (~0U - apic_read(APIC_TMCCT)) / CALIBRATE_MS;
    apic_write(APIC_TMICT, 0);
    tsc_per_us = MAX((tsc1 - tsc0) / (CALIBRATE_MS * 1000), 1ULL);
}

int apic_init(void)
{
    uint64_t msr = rdmsr_apic_base();

    if ( !(msr & APIC_BASE_ENABLE) )
    {
        printk("ERROR: the local APIC is disabled: no time slices\n");
        return -ENODEV;
    }
    outb(0xff, PIC1_DATA); /* every legacy IRQ masked */
    outb(0xff, PIC2_DATA);
    apic_base = (uintptr_t)(msr & APIC_BASE_MASK);
    apic_eoi_addr = apic_base + APIC_EOI;
    apic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS_VECTOR);
    apic_write(APIC_TDCR, APIC_TDCR_DIV1);
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | APIC_TIMER_VECTOR);
    calibrate();
    apic_write(APIC_LVT_TIMER, APIC_TIMER_VECTOR); /* one-shot */
    printk("APIC: timer %llu kHz, TSC %llu MHz\n",
           (unsigned long long)apic_per_ms, (unsigned long long)tsc_per_us);
    return 0;
}

uint32_t apic_id(void)
{
    return apic_read(APIC_ID) >> 24;
}

void apic_init_secondary(void)
{
    apic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS_VECTOR);
    apic_write(APIC_TDCR, APIC_TDCR_DIV1);
    apic_write(APIC_TMICT, 0);
    apic_write(APIC_LVT_TIMER, APIC_TIMER_VECTOR); /* one-shot */
}

void udelay(uint64_t us)
{
    uint64_t end = rdtsc() + us * tsc_per_us;

    while ( rdtsc() < end )
        cpu_relax();
}

void apic_send_ipi(uint32_t id, unsigned int vector)
{
    unsigned int n;

    for ( n = 0; n < 1000 && (apic_read(APIC_ICR_LO) & APIC_ICR_BUSY); n++ )
        cpu_relax();
    apic_write(APIC_ICR_HI, id << 24);
    apic_write(APIC_ICR_LO, vector);
}

bool apic_irr_test(unsigned int vector)
{
    return (apic_read(APIC_IRR + (vector / 32) * 0x10) >> (vector % 32)) & 1;
}

/* Send one IPI to every other CPU; wait until the APIC took it. */
static int ipi_all_but_self(uint32_t icr)
{
    unsigned int n;

    apic_write(APIC_ICR_HI, 0);
    apic_write(APIC_ICR_LO, APIC_ICR_ALL_BUT_SELF | icr);
    for ( n = 0; n < 1000 && (apic_read(APIC_ICR_LO) & APIC_ICR_BUSY); n++ )
        udelay(10);
    return apic_read(APIC_ICR_LO) & APIC_ICR_BUSY ? -EIO : 0;
}

int apic_start_others(unsigned int vector)
{
    int rc = ipi_all_but_self(APIC_ICR_INIT | APIC_ICR_ASSERT);

    udelay(10000);
    rc = rc ?: ipi_all_but_self(APIC_ICR_STARTUP | vector);
    udelay(200);
    return rc ?: ipi_all_but_self(APIC_ICR_STARTUP | vector);
}

void apic_timer_arm(uint64_t us)
{
    uint64_t ticks = MAX(us * apic_per_ms / 1000, 1ULL);

    apic_write(APIC_TMICT, (uint32_t)MIN(ticks, (uint64_t)~0U));
}

uint64_t apic_us_to_tsc(uint64_t us)
{
    return us * tsc_per_us;
}

void apic_timer_arm_tsc(uint64_t tsc)
{
    uint64_t now = rdtsc();
    uint64_t us = tsc > now ? (tsc - now) / tsc_per_us : 0;

    apic_timer_arm(us);
}

bool apic_timer_expired(void)
{
    return !apic_read(APIC_TMCCT);
}

void apic_timer_stop(void)
{
    apic_write(APIC_TMICT, 0);
}

void apic_take_pending_irq(void)
{
    asm volatile("sti; nop; cli" ::: "memory");
}
