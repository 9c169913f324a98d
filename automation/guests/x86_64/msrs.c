/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * msrs: set FS base, kernel GS base and STAR to values made from the
 * number on the command line, then check over many time slices that they
 * stay (another domain does the same with other values); power off.
 */
#include "guest.h"

#define MSR_STAR 0xc0000081U
#define MSR_FS_BASE 0xc0000100U
#define MSR_KERNEL_GS_BASE 0xc0000102U
#define ROUNDS 40
#define SPIN 1000000

static void wrmsr(uint32_t msr, uint64_t v)
{
    asm volatile("wrmsr"
                 :
                 : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static uint32_t number(const char *s)
{
    uint32_t n = 0;

    for ( ; s && *s >= '0' && *s <= '9'; s++ )
        n = n * 10 + (uint32_t)(*s - '0');
    return n;
}

static bool check(uint32_t msr, uint64_t want, unsigned int round)
{
    uint64_t got = rdmsr(msr);

    if ( got == want )
        return true;
    gprintf("msrs: MSR %x is %x:%x, not %x:%x, in round %u\n", msr,
            (uint32_t)(got >> 32), (uint32_t)got, (uint32_t)(want >> 32),
            (uint32_t)want, round);
    return false;
}

void guest_main(const struct hvm_start_info *si)
{
    uint64_t base =
        (uint64_t)number((const char *)(uintptr_t)si->cmdline_paddr) << 20;
    volatile uint32_t spin;
    unsigned int r;
    bool ok = true;

    wrmsr(MSR_FS_BASE, base + 0x1000);
    wrmsr(MSR_KERNEL_GS_BASE, base + 0x2000);
    wrmsr(MSR_STAR, base + 0x3000);
    for ( r = 0; r < ROUNDS && ok; r++ )
    {
        for ( spin = 0; spin < SPIN; spin++ )
            ;
        ok = check(MSR_FS_BASE, base + 0x1000, r) &&
             check(MSR_KERNEL_GS_BASE, base + 0x2000, r) &&
             check(MSR_STAR, base + 0x3000, r);
    }
    gprintf("msrs: %s\n", ok ? "preserved" : "LOST");
    guest_power_off(ok ? 0 : 1);
}
