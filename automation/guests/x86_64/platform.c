/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * platform: what a PVH domain finds besides RAM (docs/misc/x86/
 * platform.md).  The ACPI tables from the start info's RSDP, each
 * checksum and the fields the kernel uses; the PIT's channel 2 and port
 * 0x61 timing the TSC; the RTC; the 8259s and the 16550's interrupt
 * registers (read, polled: no interrupt is delivered yet).  Ends with the
 * ACPI S5 write to PM1a_CNT.
 */
#include "guest.h"

static bool failed;

static void check(bool ok, const char *what)
{
    if ( !ok )
    {
        gprintf("platform: FAIL: %s\n", what);
        failed = true;
    }
}

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
    return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static bool sum_ok(const uint8_t *p, uint32_t len)
{
    uint8_t s = 0;

    while ( len-- )
        s = (uint8_t)(s + *p++);
    return s == 0;
}

static bool sig_is(const uint8_t *p, const char *sig)
{
    return p[0] == sig[0] && p[1] == sig[1] && p[2] == sig[2] &&
           p[3] == sig[3];
}

/* A table at @pa: its signature and checksum; NULL when wrong. */
static const uint8_t *table(uint64_t pa, const char *sig)
{
    const uint8_t *t = (const uint8_t *)(uintptr_t)pa;

    if ( !pa || pa >> 32 || !sig_is(t, sig) )
    {
        gprintf("platform: no %s at %llx\n", sig, pa);
        failed = true;
        return NULL;
    }
    check(sum_ok(t, rd32(t + 4)), "table checksum");
    gprintf("platform: %s at %x, %u bytes, revision %u, checksum %s\n", sig,
            (uint32_t)pa, rd32(t + 4), t[8],
            sum_ok(t, rd32(t + 4)) ? "ok" : "BAD");
    return t;
}

/* The \_S5 package of the DSDT: its first two values. */
static void dsdt_s5(const uint8_t *t)
{
    uint32_t len = rd32(t + 4), i;

    for ( i = 36; i + 12 <= len; i++ )
    {
        const uint8_t *p = t + i;

        if ( !sig_is(p, "_S5_") || p[4] != 0x12 )
            continue;
        /* PackageOp, PkgLength (one byte), NumElements, BytePrefix n. */
        gprintf(
            "platform: DSDT \\_S5: %u elements, SLP_TYPa %u, SLP_TYPb %u\n",
            p[6], p[7] == 0x0a ? p[8] : p[7], p[9] == 0x0a ? p[10] : p[9]);
        return;
    }
    check(false, "no \\_S5 in the DSDT");
}

static void madt(const uint8_t *t)
{
    uint32_t len = rd32(t + 4), off;

    gprintf("platform: MADT local APIC at %x, flags %x\n", rd32(t + 36),
            rd32(t + 40));
    for ( off = 44; off + 2 <= len && t[off + 1]; off += t[off + 1] )
        if ( t[off] == 0 )
            gprintf("platform: MADT CPU %u: APIC ID %u, flags %x\n",
                    t[off + 2], t[off + 3], rd32(t + off + 4));
        else
            gprintf("platform: MADT entry type %u\n", t[off]);
}

static uint16_t fadt(const uint8_t *f)
{
    const uint8_t *dsdt;

    gprintf("platform: FADT SCI %u, PM1a_EVT %x, PM1a_CNT %x, PM_TMR %x, "
            "flags %x, boot flags %x, century %x\n",
            f[46] | f[47] << 8, rd32(f + 56), rd32(f + 64), rd32(f + 76),
            rd32(f + 112), f[109] | f[110] << 8, f[108]);
    check(rd64(f + 140) == rd32(f + 40), "X_DSDT differs from DSDT");
    check(rd64(f + 176) == rd32(f + 64), "X_PM1a_CNT_BLK differs");
    check(sig_is((const uint8_t *)(uintptr_t)rd32(f + 36), "FACS"), "no FACS");
    dsdt = table(rd64(f + 140), "DSDT");
    if ( dsdt )
        dsdt_s5(dsdt);
    return (uint16_t)rd32(f + 64);
}

/* RSDP, XSDT, each table it lists; returns the PM1a_CNT port, or 0. */
static uint16_t acpi(const struct hvm_start_info *si)
{
    const uint8_t *r = (const uint8_t *)(uintptr_t)si->rsdp_paddr;
    const uint8_t *x;
    uint16_t pm1a_cnt = 0;
    uint32_t i, n;

    if ( !si->rsdp_paddr || !sig_is(r, "RSD ") || !sig_is(r + 4, "PTR ") )
    {
        gprintf("platform: no RSDP (rsdp_paddr %llx)\n", si->rsdp_paddr);
        failed = true;
        return 0;
    }
    gprintf("platform: RSDP at %x, revision %u, checksums %s %s\n",
            (uint32_t)si->rsdp_paddr, r[15], sum_ok(r, 20) ? "ok" : "BAD",
            sum_ok(r, 36) ? "ok" : "BAD");
    check(sum_ok(r, 20) && sum_ok(r, 36), "RSDP checksum");
    x = table(rd64(r + 24), "XSDT");
    if ( !x )
        return 0;
    n = (rd32(x + 4) - 36) / 8;
    for ( i = 0; i < n; i++ )
    {
        const uint8_t *t = (const uint8_t *)(uintptr_t)rd64(x + 36 + 8 * i);

        if ( sig_is(t, "FACP") && table(rd64(x + 36 + 8 * i), "FACP") )
            pm1a_cnt = fadt(t);
        else if ( sig_is(t, "APIC") && table(rd64(x + 36 + 8 * i), "APIC") )
            madt(t);
    }
    return pm1a_cnt;
}

static uint64_t rdtsc(void)
{
    uint64_t t;

    asm volatile("rdtsc" : "=A"(t));
    return t;
}

/* @n / @d by shift and subtract (no libgcc). */
static uint64_t udiv(uint64_t n, uint32_t d)
{
    uint64_t q = 0, r = 0;
    int bit;

    for ( bit = 63; bit >= 0; bit-- )
    {
        r = (r << 1) | ((n >> bit) & 1);
        q <<= 1;
        if ( r >= d )
        {
            r -= d;
            q |= 1;
        }
    }
    return q;
}

static uint16_t pit2_latched(void)
{
    uint8_t lo;

    outb(0x80, 0x43); /* latch channel 2 */
    lo = inb(0x42);
    return (uint16_t)(lo | inb(0x42) << 8);
}

/* Channel 2, mode 0, 10 ms with the gate on: OUT (port 0x61 bit 5)
 * rises at the end; the TSC cycles in between give its rate. */
static void pit(void)
{
    uint16_t count = 11932, c1, c2, c3, c4; /* 1193182 Hz / 100 */
    uint64_t t0, t1;
    bool out_low;
    unsigned int i;

    outb((uint8_t)((inb(0x61) & ~0x02) | 0x01), 0x61);
    outb(0xb0, 0x43); /* channel 2, LSB then MSB, mode 0, binary */
    outb((uint8_t)count, 0x42);
    outb((uint8_t)(count >> 8), 0x42);
    t0 = rdtsc();
    out_low = !(inb(0x61) & 0x20);
    c1 = pit2_latched();
    c2 = pit2_latched();
    while ( !(inb(0x61) & 0x20) && rdtsc() - t0 < (1ULL << 36) )
        ;
    t1 = rdtsc();
    gprintf("platform: PIT channel 2: OUT %s at the start, counting %s, OUT "
            "%s after 10 ms\n",
            out_low ? "low" : "high", c2 < c1 && c1 <= count ? "down" : "NOT",
            inb(0x61) & 0x20 ? "high" : "low");
    gprintf("platform: PIT: TSC %llu MHz\n", udiv(t1 - t0, 10000));
    outb(0xb0, 0x43);
    outb(0xff, 0x42);
    outb(0xff, 0x42);
    outb((uint8_t)(inb(0x61) & ~0x01), 0x61); /* gate low: hold */
    c3 = pit2_latched();
    for ( i = 0; i < 100000; i++ )
        asm volatile("" ::: "memory");
    c4 = pit2_latched();
    gprintf("platform: PIT: gate low %s the count\n",
            c3 == c4 ? "holds" : "does NOT hold");
    outb(0x0c, 0x61); /* as Linux leaves it: gate off, NMIs off */
}

static uint8_t cmos(uint8_t idx)
{
    outb(idx, 0x70);
    return inb(0x71);
}

static void cmos_set(uint8_t idx, uint8_t v)
{
    outb(idx, 0x70);
    outb(v, 0x71);
}

static void rtc(void)
{
    uint8_t b = cmos(0x0b), year, mon, day, wday, cent, d;
    unsigned int i;

    for ( i = 0; i < 100000 && (cmos(0x0a) & 0x80); i++ )
        ; /* an update in progress: at most 244 us */
    year = cmos(0x09);
    mon = cmos(0x08);
    day = cmos(0x07);
    wday = cmos(0x06);
    cent = cmos(0x32);
    d = cmos(0x0d);
    gprintf("platform: RTC: register B %x, D %x; date %x%x-%x-%x, day of "
            "week %x\n",
            b, d, cent, year, mon, day, wday);
    cmos_set(0x0b, 0x06); /* binary, 24 hours */
    cmos_set(0x04, 13);
    gprintf("platform: RTC binary: year %u, hour set to %u\n", cmos(0x09),
            cmos(0x04));
    cmos_set(0x0b, 0x04); /* binary, 12 hours */
    gprintf("platform: RTC 12-hour: hour %x\n", cmos(0x04));
    cmos_set(0x0b, 0x02);
    cmos_set(0x40, 0x5a); /* CMOS RAM */
    gprintf("platform: CMOS RAM 0x40: %x\n", cmos(0x40));
}

static void pic_init(void)
{
    outb(0x11, 0x20); /* ICW1: edge, cascade, ICW4 */
    outb(0x20, 0x21); /* ICW2: vectors 0x20-0x27 */
    outb(0x04, 0x21); /* ICW3: slave on IR2 */
    outb(0x01, 0x21); /* ICW4: 8086 mode */
    outb(0x11, 0xa0);
    outb(0x28, 0xa1);
    outb(0x02, 0xa1);
    outb(0x01, 0xa1);
    outb(0xfb, 0x21); /* all masked but the cascade */
    outb(0xff, 0xa1);
}

static uint8_t pic_reg(uint8_t ocw3)
{
    outb(ocw3, 0x20);
    return inb(0x20);
}

/* The 16550 raises IRQ 4 (THR empty, OUT2 on): seen in the master's
 * IRR, taken by a poll command into the ISR, cleared by EOI. */
static void pic_uart(void)
{
    uint8_t iir0, iir1, iir2, iir3, lsr, irr0, irr1, poll, isr, isr2;

    pic_init();
    irr0 = pic_reg(0x0a);
    outb(0x01, COM1_PORT + 2); /* FIFOs on */
    iir0 = inb(COM1_PORT + 2);
    outb(0x08, COM1_PORT + 4); /* MCR: OUT2 */
    outb(0x02, COM1_PORT + 1); /* IER: THR empty */
    irr1 = pic_reg(0x0a);
    outb(0xeb, 0x21); /* unmask IRQ 4 */
    poll = pic_reg(0x0c);
    isr = pic_reg(0x0b);
    outb(0x20, 0x20); /* non-specific EOI */
    isr2 = pic_reg(0x0b);
    iir1 = inb(COM1_PORT + 2);
    iir2 = inb(COM1_PORT + 2);
    outb('\n', COM1_PORT); /* an empty line on the console */
    iir3 = inb(COM1_PORT + 2);
    lsr = inb(COM1_PORT + 5);
    outb(0x00, COM1_PORT + 1);
    outb(0x00, COM1_PORT + 4);
    gprintf("platform: PIC: IMR %x %x, IRR %x before, %x after the 16550 "
            "raised IRQ 4\n",
            0xfb, inb(0xa1), irr0, irr1);
    gprintf("platform: PIC: poll %x, ISR %x, after EOI %x\n", poll, isr, isr2);
    gprintf("platform: 16550: IIR %x with nothing enabled; THRE enabled: "
            "IIR %x, then %x, %x after a write; LSR %x\n",
            iir0, iir1, iir2, iir3, lsr);
}

void guest_main(const struct hvm_start_info *si)
{
    uint16_t pm1a_cnt = acpi(si);

    pit();
    rtc();
    pic_uart();
    if ( failed || !pm1a_cnt )
    {
        gprintf("platform: FAILED\n");
        guest_power_off(1);
    }
    gprintf("platform: S5 through PM1a_CNT %x\n", pm1a_cnt);
    asm volatile("outw %w0, %w1" : : "a"(5U << 10 | 1U << 13), "Nd"(pm1a_cnt));
    gprintf("platform: still running after S5\n");
    guest_power_off(2);
}
