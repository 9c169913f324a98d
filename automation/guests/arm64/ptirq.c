/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ptirq: a domain given QEMU's PL031 (0x9010000, SPI 2 = INTID 34) as a
 * hardware interrupt, on a GICv3 host.  It makes the RTC interrupt with
 * its match register and takes the interrupt as an OS does; then, while
 * the interrupt is pending or active, it abuses the virtual GIC's state
 * of that interrupt (each acknowledged interrupt still gets its EOI, which
 * drops the running priority: without it no interrupt of that priority
 * could come, on hardware too) (set and clear pending and active, disable, priority,
 * routing, every access size, from both vCPUs at once, and vCPU 1
 * clearing the pending or active state of the interrupt while it sits in
 * vCPU 0's list registers, which then must drop it); after each abuse
 * the next real interrupt must still arrive.  Prints "ptirq: round <n>
 * irq" per interrupt taken, "ptirq: <abuse> ok" and PTIRQ-DONE.
 */
#include "guest.h"

#define RTC 0x9010000UL
#define RTC_DR 0x00
#define RTC_MR 0x04
#define RTC_IMSC 0x10
#define RTC_ICR 0x1c
#define INTID 34
#define GICD 0x03001000UL
#define GICD_ISENABLER (GICD + 0x100)
#define GICD_ICENABLER (GICD + 0x180)
#define GICD_ISPENDR (GICD + 0x200)
#define GICD_ICPENDR (GICD + 0x280)
#define GICD_ISACTIVER (GICD + 0x300)
#define GICD_ICACTIVER (GICD + 0x380)
#define GICD_IPRIORITYR (GICD + 0x400)
#define GICD_ICFGR (GICD + 0xc00)
#define GICD_IGROUPR (GICD + 0x80)
#define GICD_IROUTER (GICD + 0x6000)
#define BIT (1U << (INTID % 32))
#define REG(base) ((base) + INTID / 32 * 4)
#define SPIN_MS 3000
#define NR_ABUSES 7

const char guest_name[] = "ptirq";
/* vCPU 1's job (JOB_*), set by vCPU 0; other_done when it is done. */
static volatile unsigned int other_go, other_done;

#define JOB_SIZES 1
#define JOB_CLEAR_ACTIVE 2
#define JOB_CLEAR_PENDING 3

static void w32(uint64_t a, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)a = v;
}

static uint32_t r32(uint64_t a)
{
    return *(volatile uint32_t *)(uintptr_t)a;
}

static void w8(uint64_t a, uint8_t v)
{
    *(volatile uint8_t *)(uintptr_t)a = v;
}

static void w64(uint64_t a, uint64_t v)
{
    *(volatile uint64_t *)(uintptr_t)a = v;
}

static void cpu_if_on(void)
{
    asm volatile("msr S3_0_C4_C6_0, %0" ::"r"(0xffUL)); /* ICC_PMR_EL1 */
    asm volatile("msr S3_0_C12_C12_7, %0" ::"r"(1UL));  /* ICC_IGRPEN1 */
    asm volatile("isb" ::: "memory");
}

static void gic_setup(void)
{
    w32(GICD, 0x12); /* ARE, EnableGrp1 */
    w32(REG(GICD_IGROUPR), r32(REG(GICD_IGROUPR)) | BIT);
    w8(GICD_IPRIORITYR + INTID, 0x80);
    w64(GICD_IROUTER + 8 * INTID, 0); /* vCPU 0 */
    w32(REG(GICD_ISENABLER), BIT);
    cpu_if_on();
}

static uint64_t ms(void)
{
    uint64_t t, f;

    asm volatile("isb; mrs %0, cntvct_el0; mrs %1, cntfrq_el0"
                 : "=r"(t), "=r"(f));
    return f ? t * 1000 / f : 0;
}

/* Arm the RTC to match within a second or two. */
static void rtc_arm(void)
{
    w32(RTC + RTC_ICR, 1);
    w32(RTC + RTC_MR, r32(RTC + RTC_DR) + 1);
    w32(RTC + RTC_IMSC, 1);
}

static uint64_t ack(void)
{
    uint64_t intid;

    asm volatile("mrs %0, S3_0_C12_C12_0" : "=r"(intid)); /* IAR1 */
    return intid & 0xffffff;
}

static void eoi(uint64_t intid)
{
    asm volatile("msr S3_0_C12_C12_1, %0; isb" ::"r"(intid)); /* EOIR1 */
}

/* Poll for INTID 34 (interrupts masked, so WFI wakes but nothing traps). */
static bool take(unsigned int round, bool quiet_device)
{
    uint64_t end = ms() + SPIN_MS, intid;

    while ( ms() < end )
    {
        asm volatile("dsb sy; wfi" ::: "memory");
        intid = ack();
        if ( intid >= 1020 )
            continue;
        if ( quiet_device )
            w32(RTC + RTC_ICR, 1);
        eoi(intid);
        if ( intid == INTID )
        {
            gprintf("ptirq: round %u irq\n", round);
            return true;
        }
    }
    gprintf("ptirq: round %u: no interrupt in %u ms\n", round, SPIN_MS);
    return false;
}

/* Every size and alignment at the interrupt's registers. */
static void sizes(void)
{
    static const uint64_t regs[] = { GICD_ISPENDR, GICD_ICPENDR,
                                     GICD_ISACTIVER, GICD_ICACTIVER,
                                     GICD_ICFGR };
    unsigned int i;

    exc_quiet = true;
    exc_limit = 1000;
    for ( i = 0; i < sizeof(regs) / sizeof(regs[0]); i++ )
    {
        w8(REG(regs[i]) + 1, 0xff);
        *(volatile uint16_t *)(uintptr_t)(REG(regs[i]) + 2) = 0xffff;
        w64(REG(regs[i]) & ~7UL, ~0UL);
        w32(REG(regs[i]) + 1, BIT);
    }
    w64(GICD_IROUTER + 8 * INTID + 4, ~0UL);
    w64(GICD_IROUTER + 8 * INTID, 0xff00ffffffUL); /* no such vCPU */
    w64(GICD_IROUTER + 8 * INTID, 0);
    exc_quiet = false;
}

/* The highest priority pending interrupt, read without an exit. */
static uint64_t hppi(void)
{
    uint64_t intid;

    asm volatile("mrs %0, S3_0_C12_C12_2" : "=r"(intid)); /* HPPIR1 */
    return intid & 0xffffff;
}

/*
 * Give vCPU 1 @job and wait for it.  With @busy this vCPU runs sizes()
 * meanwhile; without, it spins on memory alone: no exit, so whatever its
 * list registers hold stays there while vCPU 1 writes.
 */
static void other_job(unsigned int job, bool busy)
{
    other_done = 0;
    asm volatile("dmb sy" ::: "memory");
    other_go = job;
    if ( busy )
        sizes();
    while ( !other_done )
        asm volatile("yield");
}

static unsigned int abuse_fails;

static void abuse_fail(unsigned int n, const char *why)
{
    gprintf("ptirq: abuse %u: %s\n", n, why);
    abuse_fails++;
}

static void abuse(unsigned int n)
{
    unsigned int fails_before = abuse_fails;
    uint64_t intid;

    switch ( n )
    {
    case 0: /* acknowledged, then its active state cleared, then EOId */
        rtc_arm();
        while ( (intid = ack()) >= 1020 )
            asm volatile("dsb sy; wfi" ::: "memory");
        w32(RTC + RTC_ICR, 1);
        w32(REG(GICD_ICACTIVER), BIT);
        /* The running priority drops only with an EOI, as on hardware. */
        eoi(intid);
        break;
    case 1: /* pending, then the pending state cleared */
        rtc_arm();
        while ( !(r32(REG(GICD_ISPENDR)) & BIT) )
            asm volatile("yield");
        w32(RTC + RTC_ICR, 1);
        w32(REG(GICD_ICPENDR), BIT);
        break;
    case 2: /* made pending and active by the guest alone, then EOId */
        w32(REG(GICD_ISPENDR), BIT);
        w32(REG(GICD_ISACTIVER), BIT);
        intid = ack();
        if ( intid < 1020 )
            eoi(intid);
        w32(REG(GICD_ICACTIVER), BIT);
        w32(REG(GICD_ICPENDR), BIT);
        break;
    case 3: /* disabled while the device interrupts, enabled later */
        w32(REG(GICD_ICENABLER), BIT);
        rtc_arm();
        for ( intid = ms() + 1500; ms() < intid; )
            ;
        w32(RTC + RTC_ICR, 1);
        w32(REG(GICD_ISENABLER), BIT);
        if ( (intid = ack()) < 1020 )
            eoi(intid);
        break;
    case 4: /* every size and alignment, from both vCPUs at once */
        other_job(JOB_SIZES, true);
        w32(REG(GICD_ISENABLER), BIT);
        w8(GICD_IPRIORITYR + INTID, 0x80);
        break;
    case 5: /* acknowledged here, its active state cleared by vCPU 1 */
        rtc_arm();
        while ( (intid = ack()) >= 1020 )
            asm volatile("dsb sy; wfi" ::: "memory");
        w32(RTC + RTC_ICR, 1);
        other_job(JOB_CLEAR_ACTIVE, false);
        if ( r32(REG(GICD_ISACTIVER)) & BIT )
            abuse_fail(n, "still active after vCPU 1 cleared it");
        eoi(intid);
        break;
    case 6: /* pending here, its pending state cleared by vCPU 1 */
        rtc_arm();
        for ( intid = ms() + SPIN_MS; hppi() != INTID && ms() < intid; )
            asm volatile("yield");
        if ( hppi() != INTID )
        {
            abuse_fail(n, "never pending");
            break;
        }
        w32(RTC + RTC_ICR, 1);
        other_job(JOB_CLEAR_PENDING, false);
        /* The read exits, and so the list registers are synced first. */
        if ( (r32(REG(GICD_ISPENDR)) & BIT) || hppi() == INTID )
            abuse_fail(n, "still pending after vCPU 1 cleared it");
        break;
    }
    /* Whatever is left, drop it as an OS would on an interrupt storm. */
    while ( (intid = ack()) < 1020 )
        eoi(intid);
    if ( fails_before == abuse_fails )
        gprintf("ptirq: abuse %u ok\n", n);
}

void secondary_main(unsigned long cpu)
{
    unsigned int job;

    (void)cpu;
    cpu_if_on();
    for ( ;; )
    {
        while ( !(job = other_go) )
            asm volatile("yield");
        other_go = 0;
        if ( job == JOB_SIZES )
            sizes();
        else if ( job == JOB_CLEAR_ACTIVE )
            w32(REG(GICD_ICACTIVER), BIT);
        else if ( job == JOB_CLEAR_PENDING )
            w32(REG(GICD_ICPENDR), BIT);
        asm volatile("dmb sy" ::: "memory");
        other_done = 1;
    }
}

void guest_main(const void *fdt)
{
    unsigned int n, fails = 0;

    guest_dt_read(fdt);
    gic_setup();
    start_other_cpus();
    gprintf("PTIRQ-START\n");
    for ( n = 0; n < 2; n++ )
    {
        rtc_arm();
        fails += !take(n, true);
    }
    for ( n = 0; n < NR_ABUSES; n++ )
    {
        abuse(n);
        rtc_arm();
        fails += !take(10 + n, true);
    }
    gprintf("PTIRQ-DONE %u\n", fails + abuse_fails);
    psci_system_off();
}
