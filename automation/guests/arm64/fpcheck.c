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

/* v<n>.d[0] = seed + n, v<n>.d[1] = ~(seed + n), for n = 0..31. */
static void fp_fill(uint64_t seed)
{
    uint64_t lo, hi;

#define FILL(n) \
    lo = seed + n; \
    hi = ~lo; \
    asm volatile("mov v" #n ".d[0], %0; mov v" #n ".d[1], %1" \
                 : : "r"(lo), "r"(hi));
    FILL(0) FILL(1) FILL(2) FILL(3) FILL(4) FILL(5) FILL(6) FILL(7)
    FILL(8) FILL(9) FILL(10) FILL(11) FILL(12) FILL(13) FILL(14) FILL(15)
    FILL(16) FILL(17) FILL(18) FILL(19) FILL(20) FILL(21) FILL(22) FILL(23)
    FILL(24) FILL(25) FILL(26) FILL(27) FILL(28) FILL(29) FILL(30) FILL(31)
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
    CHECK(0) CHECK(1) CHECK(2) CHECK(3) CHECK(4) CHECK(5) CHECK(6) CHECK(7)
    CHECK(8) CHECK(9) CHECK(10) CHECK(11) CHECK(12) CHECK(13) CHECK(14)
    CHECK(15) CHECK(16) CHECK(17) CHECK(18) CHECK(19) CHECK(20) CHECK(21)
    CHECK(22) CHECK(23) CHECK(24) CHECK(25) CHECK(26) CHECK(27) CHECK(28)
    CHECK(29) CHECK(30) CHECK(31)
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
