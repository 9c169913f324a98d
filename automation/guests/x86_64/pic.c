/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pic: legacy interrupts through the 8259 pair and vCPU0's LINT0 (ExtINT).
 * "pit": PIT channel 0 raising IRQ 0 in modes 2, 3 and 0, counted over PM
 * timer intervals with HLT between; IMR, EOI, LINT0 mask, TPR, order
 * against a fixed APIC vector, auto-EOI, the ELCR.  "uart": the 16550's
 * THRE interrupt, then its receive interrupt when console input comes.
 */
#include "pic.h"

#define V_FIXED 0x50
#define PIT_CMD 0x43
#define PIT_100HZ 11932
#define PM_TMR 0x608
#define PM_PER_MS 3580 /* 3.579545 MHz */
#define X2APIC_LVT_LINT0 0x835U
#define LVT_EXTINT 0x700U

static volatile bool aeoi, no_eoi;

static uint32_t inl(uint16_t port)
{
    uint32_t v;

    asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static uint32_t pm_ms_since(uint32_t t0)
{
    return ((inl(PM_TMR) - t0) & 0xffffff) / PM_PER_MS;
}

/* HLT with interrupts on until @ms passed: something must wake us. */
static uint32_t sleep_ms(uint32_t ms)
{
    uint32_t t0 = inl(PM_TMR), halts = 0;

    while ( pm_ms_since(t0) < ms )
    {
        asm volatile("sti; hlt; cli" ::: "memory");
        halts++;
    }
    return halts;
}

/* Spin with interrupts on (they are taken at each round) for @ms. */
static void spin_ms(uint32_t ms)
{
    uint32_t t0 = inl(PM_TMR);

    while ( pm_ms_since(t0) < ms )
        asm volatile("sti; nop; nop; cli" ::: "memory");
}

uint8_t pic_reg(uint16_t base, uint8_t ocw3)
{
    outb(ocw3, base);
    return inb(base);
}

void pic_init(uint8_t icw4)
{
    outb(0x11, PIC1);
    outb(VEC_BASE, PIC1 + 1);
    outb(0x04, PIC1 + 1);
    outb(icw4, PIC1 + 1);
    outb(0x11, PIC2);
    outb(VEC_BASE + 8, PIC2 + 1);
    outb(0x02, PIC2 + 1);
    outb(icw4, PIC2 + 1);
    outb(0xff, PIC1 + 1);
    outb(0xff, PIC2 + 1);
    aeoi = icw4 & 2;
}

/* ext_irq_hook: the IR in service, and its non-specific EOI. */
static uint32_t pic_irq(void)
{
    uint8_t isr = pic_reg(PIC1, OCW3_ISR), sisr;
    uint32_t ir;

    if ( !isr )
        return aeoi ? V_PIT : 0xff; /* auto-EOI: only IRQ 0 is unmasked */
    ir = (uint32_t)__builtin_ctz(isr);
    if ( ir == 2 && (sisr = pic_reg(PIC2, OCW3_ISR)) != 0 )
    {
        if ( !no_eoi )
            outb(0x20, PIC2);
        ir = 8 + (uint32_t)__builtin_ctz(sisr);
    }
    if ( !no_eoi )
        outb(0x20, PIC1);
    return VEC_BASE + ir;
}

static void pit_start(uint8_t control, uint16_t count)
{
    outb(control, PIT_CMD);
    outb((uint8_t)count, 0x40);
    outb((uint8_t)(count >> 8), 0x40);
}

static uint32_t ticks(void)
{
    return irq_count[V_PIT];
}

static void pit_periodic(void)
{
    uint32_t n0 = ticks(), halts, n;

    pit_start(0x34, PIT_100HZ); /* mode 2 */
    halts = sleep_ms(500);
    n = ticks() - n0;
    gprintf("pic: pit mode 2: %u ticks in 500 ms, %u halts\n", n, halts);
    gprintf("pic: pit mode 2: 100 Hz %u, halted %u\n", n >= 30 && n <= 52,
            halts * 2 >= n);
    n0 = ticks();
    pit_start(0x36, PIT_100HZ); /* mode 3 */
    sleep_ms(200);
    n = ticks() - n0;
    gprintf("pic: pit mode 3: %u ticks in 200 ms\n", n);
    gprintf("pic: pit mode 3: 100 Hz %u\n", n >= 12 && n <= 22);
}

static void masks(void)
{
    uint32_t n0 = ticks(), masked, irr, lint0;

    outb(0xff, PIC1 + 1);
    spin_ms(100);
    masked = ticks() - n0;
    irr = pic_reg(PIC1, OCW3_IRR) & 1;
    outb(0xfe, PIC1 + 1);
    n0 = ticks();
    sleep_ms(50);
    gprintf("pic: IMR: %u ticks masked, IRR %u; unmasked: ticking %u\n",
            masked, irr, ticks() - n0 >= 2);
    wrmsr64(X2APIC_LVT_LINT0, LVT_EXTINT | LVT_MASKED);
    n0 = ticks();
    spin_ms(100);
    lint0 = ticks() - n0;
    wrmsr64(X2APIC_LVT_LINT0, LVT_EXTINT);
    n0 = ticks();
    sleep_ms(50);
    gprintf("pic: LINT0 masked: %u ticks; unmasked: ticking %u\n", lint0,
            ticks() - n0 >= 2);
}

static void eoi(void)
{
    uint32_t n0, n, isr;

    no_eoi = true;
    n0 = ticks();
    spin_ms(100);
    n = ticks() - n0;
    isr = pic_reg(PIC1, OCW3_ISR);
    no_eoi = false;
    outb(0x60, PIC1); /* specific EOI, IR0 */
    gprintf("pic: no EOI: %u tick, ISR %x; specific EOI: ISR %x", n, isr,
            pic_reg(PIC1, OCW3_ISR));
    n0 = ticks();
    sleep_ms(50);
    gprintf(", ticking %u\n", ticks() - n0 >= 2);
}

/* ExtINT ignores the TPR, and goes before a pending fixed vector. */
static void priority(void)
{
    uint32_t n0 = ticks();

    wrmsr64(X2APIC_TPR, 0xf0);
    sleep_ms(50);
    wrmsr64(X2APIC_TPR, 0);
    gprintf("pic: TPR f0: ticking %u\n", ticks() - n0 >= 2);
    while ( !(pic_reg(PIC1, OCW3_IRR) & 1) )
        ;
    wrmsr64(X2APIC_SELF_IPI, V_FIXED);
    irq_log_len = 0;
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("pic: ExtINT then fixed: %x %x\n", irq_log[0], irq_log[1]);
}

static void oneshot_and_aeoi(void)
{
    uint32_t n0 = ticks(), once;

    pit_start(0x30, PIT_100HZ); /* mode 0: 10 ms, once */
    spin_ms(100);
    once = ticks() - n0;
    outb((uint8_t)PIT_100HZ, 0x40); /* a new count alone: once more */
    outb(PIT_100HZ >> 8, 0x40);
    spin_ms(100);
    gprintf("pic: pit mode 0: %u tick in 100 ms, %u after a new count\n", once,
            ticks() - n0 - once);
    pic_init(0x03);
    outb(0xfe, PIC1 + 1);
    n0 = ticks();
    pit_start(0x34, PIT_100HZ);
    sleep_ms(100);
    gprintf("pic: auto-EOI: ticking %u, ISR %x\n", ticks() - n0 >= 5,
            pic_reg(PIC1, OCW3_ISR));
    outb(0x30, PIT_CMD); /* stopped: mode 0, no count */
    outb(0xff, PIC1 + 1);
}

static void elcr(void)
{
    outb(0x20, 0x4d0);
    outb(0x0e, 0x4d1);
    gprintf("pic: ELCR %x %x\n", inb(0x4d0), inb(0x4d1));
    outb(0, 0x4d0);
    outb(0, 0x4d1);
}

static void pit(void)
{
    pic_init(0x01);
    outb(0xfe, PIC1 + 1);
    pit_periodic();
    masks();
    eoi();
    priority();
    oneshot_and_aeoi();
    elcr();
}

void guest_main(const struct hvm_start_info *si)
{
    const char *cmd = (const char *)(uintptr_t)si->cmdline_paddr;

    traps_install();
    x2apic_enable();
    ext_irq_hook = pic_irq;
    wrmsr64(X2APIC_LVT_LINT0, LVT_EXTINT);
    if ( has_word(cmd, "pit") )
        pit();
    if ( has_word(cmd, "uart") )
    {
        pic_init(0x01);
        outb(0xef, PIC1 + 1);
        pic_uart();
    }
    gprintf("pic: done\n");
    guest_power_off(0);
}
