/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fpcheck: fill the 32 SIMD registers with a pattern of its own (from the
 * bootargs seed), then check them again and again for about a second, in
 * which the hypervisor switches it out many times; prints FP-OK or the
 * first register found changed, then powers off.
 */
#include "guest.h"

const char guest_name[] = "fpcheck";

#define CPACR_FPEN (3UL << 20)

/* clang-format off */
#define ALL_REGS(X) \
    X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) \
    X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) \
    X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)
/* clang-format on */

/* v<n>.d[0] = seed + n, v<n>.d[1] = ~(seed + n), for n = 0..31. */
static void fp_fill(uint64_t seed)
{
    uint64_t lo, hi;

#define FILL(n) \
    lo = seed + n; \
    hi = ~lo; \
    asm volatile("mov v" #n ".d[0], %0; mov v" #n ".d[1], %1" \
                 : \
                 : "r"(lo), "r"(hi));
    /* clang-format off */
    ALL_REGS(FILL)
    /* clang-format on */
#undef FILL
}

/* The first register that lost its pattern, or -1. */
static int fp_check(uint64_t seed)
{
    uint64_t lo, hi;

#define CHECK(n) \
    asm volatile("mov %0, v" #n ".d[0]; mov %1, v" #n ".d[1]" \
                 : "=r"(lo), "=r"(hi)); \
    if ( lo != seed + n || hi != ~(seed + n) ) \
        return n;
    /* clang-format off */
    ALL_REGS(CHECK)
    /* clang-format on */
#undef CHECK
    return -1;
}

void guest_main(const void *fdt)
{
    uint64_t seed, freq, start, now, cpacr;
    int bad = -1;

    guest_dt_read(fdt);
    seed = str_to_u64(gi.bootargs) << 8;
    asm volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
    asm volatile("msr cpacr_el1, %0; isb" : : "r"(cpacr | CPACR_FPEN));
    fp_fill(seed);
    asm volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    asm volatile("isb; mrs %0, cntvct_el0" : "=r"(start));
    do
    {
        bad = fp_check(seed);
        asm volatile("isb; mrs %0, cntvct_el0" : "=r"(now));
    } while ( bad < 0 && now - start < freq );
    if ( bad < 0 )
        gprintf("FP-OK\n");
    else
        gprintf("FP-CORRUPT v%d\n", bad);
    psci_system_off();
}
