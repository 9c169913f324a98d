/* SPDX-License-Identifier: GPL-2.0-only */
/* The MC146818 RTC and CMOS at 0x70/0x71: a clock, no interrupts. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/hvm-io.h>

/* Every domain's clock starts at 2026-01-01 00:00:00 when Xen boots. */
#define RTC_EPOCH_YEAR 2026
#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_WDAY 0x06
#define RTC_MDAY 0x07
#define RTC_MON 0x08
#define RTC_YEAR 0x09
#define RTC_REG_A 0x0a
#define RTC_REG_B 0x0b
#define RTC_REG_C 0x0c
#define RTC_REG_D 0x0d
#define RTC_CENTURY 0x32 /* named by the FADT */
#define RTC_A_UIP 0x80
#define RTC_A_DEFAULT 0x26 /* 32.768 kHz divider, 1.024 kHz rate */
#define RTC_B_SET 0x80
#define RTC_B_BINARY 0x04
#define RTC_B_24H 0x02
#define RTC_D_VRT 0x80
#define RTC_HOUR_PM 0x80
#define SECS_PER_DAY 86400

struct rtc_time {
    unsigned int sec, min, hour, wday, mday, mon, year;
};

static bool leap(unsigned int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned int month_days(unsigned int y, unsigned int m)
{
    static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31 };

    return days[m - 1] + (m == 2 && leap(y));
}

/* Seconds since RTC_EPOCH_YEAR (non-negative) to a date; 1 Jan 2026 is
 * a Thursday (day of week 5, Sunday being 1). */
static void rtc_from_secs(uint64_t s, struct rtc_time *t)
{
    uint64_t days = s / SECS_PER_DAY;

    t->sec = (unsigned int)(s % 60);
    t->min = (unsigned int)(s / 60 % 60);
    t->hour = (unsigned int)(s / 3600 % 24);
    t->wday = (unsigned int)((days + 4) % 7) + 1;
    for ( t->year = RTC_EPOCH_YEAR; days >= 365U + leap(t->year); t->year++ )
        days -= 365U + leap(t->year);
    for ( t->mon = 1; days >= month_days(t->year, t->mon); t->mon++ )
        days -= month_days(t->year, t->mon);
    t->mday = (unsigned int)days + 1;
}

static uint64_t rtc_to_secs(const struct rtc_time *t)
{
    uint64_t days = 0;
    unsigned int y, m;

    for ( y = RTC_EPOCH_YEAR; y < t->year; y++ )
        days += 365U + leap(y);
    for ( m = 1; m < t->mon && m <= 12; m++ )
        days += month_days(t->year, m);
    days += t->mday ? t->mday - 1 : 0;
    return days * SECS_PER_DAY + t->hour * 3600U + t->min * 60U + t->sec;
}

static uint64_t rtc_now(const struct vrtc *r)
{
    int64_t s = (int64_t)(time_ns() / 1000000000ULL) + r->offset_s;

    return s < 0 ? 0 : (uint64_t)s;
}

/* A value in the format register B asks for: BCD unless binary. */
static uint8_t rtc_enc(const struct vrtc *r, unsigned int v)
{
    if ( r->ram[RTC_REG_B] & RTC_B_BINARY )
        return (uint8_t)v;
    return (uint8_t)((v / 10) << 4 | v % 10);
}

static unsigned int rtc_dec(const struct vrtc *r, uint8_t v)
{
    if ( r->ram[RTC_REG_B] & RTC_B_BINARY )
        return v;
    return (v >> 4) * 10U + (v & 0xf);
}

static uint8_t rtc_hour_enc(const struct vrtc *r, unsigned int h)
{
    unsigned int h12 = h % 12 ? h % 12 : 12;

    if ( r->ram[RTC_REG_B] & RTC_B_24H )
        return rtc_enc(r, h);
    return rtc_enc(r, h12) | (h >= 12 ? RTC_HOUR_PM : 0);
}

static unsigned int rtc_hour_dec(const struct vrtc *r, uint8_t v)
{
    unsigned int h;

    if ( r->ram[RTC_REG_B] & RTC_B_24H )
        return rtc_dec(r, v);
    h = rtc_dec(r, v & 0x7f) % 12;
    return h + (v & RTC_HOUR_PM ? 12 : 0);
}

static uint8_t rtc_time_reg(const struct vrtc *r, unsigned int idx)
{
    struct rtc_time t;

    rtc_from_secs(rtc_now(r), &t);
    switch ( idx )
    {
    case RTC_SEC:
        return rtc_enc(r, t.sec);
    case RTC_MIN:
        return rtc_enc(r, t.min);
    case RTC_HOUR:
        return rtc_hour_enc(r, t.hour);
    case RTC_WDAY:
        return rtc_enc(r, t.wday);
    case RTC_MDAY:
        return rtc_enc(r, t.mday);
    case RTC_MON:
        return rtc_enc(r, t.mon);
    case RTC_YEAR:
        return rtc_enc(r, t.year % 100);
    default: /* RTC_CENTURY */
        return rtc_enc(r, t.year / 100);
    }
}

static bool rtc_is_time(unsigned int idx)
{
    return (idx <= RTC_YEAR && !(idx & 1 && idx < RTC_WDAY)) ||
           idx == RTC_CENTURY;
}

/* Setting one field of the clock: the others stay as they read now. */
static void rtc_set_field(struct vrtc *r, unsigned int idx, uint8_t v)
{
    int64_t now = (int64_t)rtc_now(r);
    struct rtc_time t;
    unsigned int n = idx == RTC_HOUR ? rtc_hour_dec(r, v) : rtc_dec(r, v);

    rtc_from_secs((uint64_t)now, &t);
    if ( idx == RTC_SEC && n < 60 )
        t.sec = n;
    else if ( idx == RTC_MIN && n < 60 )
        t.min = n;
    else if ( idx == RTC_HOUR && n < 24 )
        t.hour = n;
    else if ( idx == RTC_MDAY && n >= 1 && n <= month_days(t.year, t.mon) )
        t.mday = n;
    else if ( idx == RTC_MON && n >= 1 && n <= 12 && t.mday <= 28 )
        t.mon = n;
    else if ( idx == RTC_YEAR && n < 100 && t.year / 100 * 100 + n >= 2026 )
        t.year = t.year / 100 * 100 + n;
    else
        return; /* day of week, century, or out of range: kept */
    r->offset_s += (int64_t)rtc_to_secs(&t) - now;
}

static uint8_t vrtc_reg_read(struct vrtc *r, unsigned int idx)
{
    uint8_t v;

    if ( rtc_is_time(idx) )
        return rtc_time_reg(r, idx);
    switch ( idx )
    {
    case RTC_REG_A: /* update in progress in the last 244 us of a second */
        return r->ram[RTC_REG_A] |
               (time_ns() % 1000000000ULL >= 999756000ULL ? RTC_A_UIP : 0);
    case RTC_REG_C:
        v = r->ram[RTC_REG_C];
        r->ram[RTC_REG_C] = 0; /* cleared by reading */
        return v;
    case RTC_REG_D:
        return RTC_D_VRT;
    default:
        return r->ram[idx];
    }
}

static void vrtc_reg_write(struct vrtc *r, unsigned int idx, uint8_t v)
{
    if ( rtc_is_time(idx) )
        rtc_set_field(r, idx, v);
    else if ( idx == RTC_REG_A )
        r->ram[idx] = v & 0x7f; /* UIP is read-only */
    else if ( idx != RTC_REG_C && idx != RTC_REG_D )
        r->ram[idx] = v; /* register B, alarms, CMOS RAM */
}

static void vrtc_read(struct vcpu *v, unsigned int offset, unsigned int size,
                      uint32_t *val)
{
    struct vrtc *r = &v->domain->arch.io.rtc;

    *val = offset ? vrtc_reg_read(r, r->index) : 0xff;
}

static void vrtc_write(struct vcpu *v, unsigned int offset, unsigned int size,
                       uint32_t val)
{
    struct vrtc *r = &v->domain->arch.io.rtc;

    if ( offset )
        vrtc_reg_write(r, r->index, (uint8_t)val);
    else
        r->index = val & 0x7f; /* bit 7 is the NMI mask: ignored */
}

void vrtc_init(struct domain *d)
{
    struct vrtc *r = &d->arch.io.rtc;

    r->ram[RTC_REG_A] = RTC_A_DEFAULT;
    r->ram[RTC_REG_B] = RTC_B_24H;
    r->offset_s = 0;
}

HVM_IO_RANGE(vrtc_range) = {
    .first = 0x70,
    .count = 2,
    .name = "MC146818",
    .read = vrtc_read,
    .write = vrtc_write,
};
