/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * leakcheck: with bootargs "write", put a secret pattern into every
 * register a domain can write without the hypervisor's help (FP/SIMD,
 * FPCR/FPSR, EL0/EL1 thread, context and fault registers, SP_EL0, ELR,
 * PAR, MAIR, debug and PMU registers; with "max" in the bootargs also
 * TPIDR2_EL0 and DISR_EL1, on '-cpu max'), spin a little and power off.
 * With "read" (or "read late", which first waits a second), look for that
 * pattern in the same registers for about a second and print LEAK lines,
 * then LEAKCHECK-CLEAN or LEAKCHECK-LEAKED <n>.
 */
#include "guest.h"

const char guest_name[] = "leakcheck";

#define CPACR_FPEN (3UL << 20)
#define SECRET64 0x00005ec2e75ec2e4UL
#define SECRET32 0x5ec2e75cUL

/* One register: its secret and which of its bits make the secret. */
struct reg {
    char name[16];
    uint64_t secret, mask;
    unsigned int needs; /* NEED_*: only on a CPU with that */
};

#define NEED_PMU 1U /* a PMUv3 (from ID_AA64DFR0_EL1) */
#define NEED_MAX 2U /* bootargs "max": SME, RAS (whatever the ID regs say) */

/* clang-format off */
#define REGS(X) \
    X(tpidr_el0, SECRET64, ~0UL, false) \
    X(tpidrro_el0, SECRET64, ~0UL, false) \
    X(tpidr_el1, SECRET64, ~0UL, false) \
    X(contextidr_el1, SECRET32, 0xffffffffUL, false) \
    X(far_el1, SECRET64, ~0UL, false) \
    X(afsr0_el1, SECRET32, 0xffffffffUL, false) \
    X(sp_el0, SECRET64, ~0UL, false) \
    X(elr_el1, SECRET64, ~0UL, false) \
    X(par_el1, SECRET64 & 0xfffffffff000UL, 0xfffffffff000UL, false) \
    X(mair_el1, SECRET64, ~0UL, false) \
    X(dbgbvr0_el1, SECRET64, ~3UL, false) \
    X(dbgbvr1_el1, SECRET64, ~3UL, false) \
    X(dbgbcr0_el1, 0x501e6UL, 0xffffffUL, false) \
    X(dbgbcr1_el1, 0x501e6UL, 0xffffffUL, false) \
    X(dbgwvr0_el1, SECRET64 & ~7UL, ~7UL, false) \
    X(dbgwvr1_el1, SECRET64 & ~7UL, ~7UL, false) \
    X(dbgwcr0_el1, 0x1ffeUL, 0x1fffUL, false) \
    X(dbgwcr1_el1, 0x1ffeUL, 0x1fffUL, false) \
    X(mdscr_el1, 0x1000UL, 0x1000UL, false) \
    X(pmcr_el0, 0x38UL, 0x38UL, true) \
    X(pmcntenset_el0, 0x80000001UL, 0x80000001UL, true) \
    X(pmintenset_el1, 0x80000001UL, 0x80000001UL, true) \
    X(pmovsset_el0, 0x80000001UL, 0x80000001UL, true) \
    X(pmselr_el0, 0x1fUL, 0x1fUL, true) \
    X(pmuserenr_el0, 0xfUL, 0xfUL, true) \
    X(pmccfiltr_el0, 0x68000000UL, 0xf8000000UL, true) \
    X(pmevtyper0_el0, 0x28000011UL, 0xf800ffffUL, true) \
    X(pmevcntr0_el0, SECRET32, 0xffffffffUL, NEED_PMU) \
    X(s3_3_c13_c0_5, SECRET64, ~0UL, NEED_MAX) /* TPIDR2_EL0 */ \
    X(s3_0_c12_c1_1, 0x80000011UL, 0x80000011UL, NEED_MAX) /* DISR_EL1 */
/* clang-format on */

#define ENTRY(r, s, m, p) { #r, s, m, p },
static const struct reg regs[] = { REGS(ENTRY) };
#undef ENTRY

static uint64_t reg_read(unsigned int i)
{
    uint64_t v = 0;
    unsigned int n = 0;

#define READ(r, s, m, p) \
    if ( n++ == i ) \
        asm volatile("mrs %0, " #r : "=r"(v));
    REGS(READ)
#undef READ
    return v;
}

static void reg_write(unsigned int i, uint64_t v)
{
    unsigned int n = 0;

#define WRITE(r, s, m, p) \
    if ( n++ == i ) \
        asm volatile("msr " #r ", %0; isb" : : "r"(v));
    REGS(WRITE)
#undef WRITE
}

static bool have_pmu(void)
{
    uint64_t dfr0, ver;

    asm volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
    ver = (dfr0 >> 8) & 0xf;
    return ver != 0 && ver != 0xf;
}

/* clang-format off */
#define ALL_V(X) \
    X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) \
    X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) \
    X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)
/* clang-format on */

#define FPCR_SECRET 0x07c00000UL /* AHP, DN, FZ, RMode */
#define FPSR_SECRET 0x0800009fUL /* QC and the cumulative flags */

static void fp_write(void)
{
    uint64_t lo = SECRET64, hi = ~SECRET64;

#define FILL(n) \
    asm volatile("mov v" #n ".d[0], %0; mov v" #n ".d[1], %1" \
                 : \
                 : "r"(lo), "r"(hi));
    ALL_V(FILL)
#undef FILL
    asm volatile("msr fpcr, %0; msr fpsr, %1"
                 :
                 : "r"(FPCR_SECRET), "r"(FPSR_SECRET));
}

/* Number of FP/SIMD places holding the secret (printed). */
static unsigned int fp_check(void)
{
    uint64_t lo, hi, fpcr, fpsr;
    unsigned int found = 0;

#define CHECK(n) \
    asm volatile("mov %0, v" #n ".d[0]; mov %1, v" #n ".d[1]" \
                 : "=r"(lo), "=r"(hi)); \
    if ( lo == SECRET64 || hi == ~SECRET64 ) \
    { \
        gprintf("leakcheck: LEAK v%d = 0x%lx:0x%lx\n", n, hi, lo); \
        found++; \
    }
    ALL_V(CHECK)
#undef CHECK
    asm volatile("mrs %0, fpcr; mrs %1, fpsr" : "=r"(fpcr), "=r"(fpsr));
    if ( (fpcr & FPCR_SECRET) == FPCR_SECRET )
    {
        gprintf("leakcheck: LEAK fpcr = 0x%lx\n", fpcr);
        found++;
    }
    if ( (fpsr & FPSR_SECRET) == FPSR_SECRET )
    {
        gprintf("leakcheck: LEAK fpsr = 0x%lx\n", fpsr);
        found++;
    }
    return found;
}

static unsigned int regs_check(unsigned int have)
{
    unsigned int i, found = 0;

    for ( i = 0; i < sizeof(regs) / sizeof(regs[0]); i++ )
    {
        uint64_t v;

        if ( regs[i].needs & ~have )
            continue;
        v = reg_read(i);
        if ( (v & regs[i].mask) == (regs[i].secret & regs[i].mask) )
        {
            gprintf("leakcheck: LEAK %s = 0x%lx\n", regs[i].name, v);
            found++;
        }
    }
    return found;
}

/* OSLSR_EL1.OSLK, set through OSLAR_EL1. */
static unsigned int os_lock_check(void)
{
    uint64_t v;

    asm volatile("mrs %0, oslsr_el1" : "=r"(v));
    if ( !(v & 2) )
        return 0;
    gprintf("leakcheck: LEAK oslsr_el1 = 0x%lx (OS lock set)\n", v);
    return 1;
}

static uint64_t now(void)
{
    uint64_t t;

    asm volatile("isb; mrs %0, cntvct_el0" : "=r"(t));
    return t;
}

static void spin(uint64_t ticks)
{
    uint64_t start = now();

    while ( now() - start < ticks )
        ;
}

static void writer(unsigned int have)
{
    unsigned int i, kept = 0, n = 0;

    fp_write();
    for ( i = 0; i < sizeof(regs) / sizeof(regs[0]); i++ )
    {
        if ( regs[i].needs & ~have )
            continue;
        reg_write(i, regs[i].secret);
        n++;
        if ( (reg_read(i) & regs[i].mask) == (regs[i].secret & regs[i].mask) )
            kept++;
    }
    asm volatile("msr oslar_el1, %0; isb" : : "r"(1UL));
    gprintf("leakcheck: wrote %u registers, %u kept the secret\n", n, kept);
}

void guest_main(const void *fdt)
{
    uint64_t freq, cpacr, start;
    unsigned int found = 0, have;

    guest_dt_read(fdt);
    have = (have_pmu() ? NEED_PMU : 0) |
           (str_find(gi.bootargs, "max") ? NEED_MAX : 0);
    asm volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
    asm volatile("msr cpacr_el1, %0; isb" : : "r"(cpacr | CPACR_FPEN));
    asm volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    gprintf("leakcheck: %s, PMU %s\n", gi.bootargs,
            (have & NEED_PMU) ? "yes" : "no");

    if ( !str_ncmp(gi.bootargs, "write", 5) )
    {
        writer(have);
        spin(freq / 2);
        gprintf("LEAKCHECK-WRITTEN\n");
        psci_system_off();
    }
    if ( str_find(gi.bootargs, "late") )
        spin(freq);
    start = now();
    do
        found = fp_check() + regs_check(have) + os_lock_check();
    while ( !found && now() - start < freq );
    if ( found )
        gprintf("LEAKCHECK-LEAKED %u\n", found);
    else
        gprintf("LEAKCHECK-CLEAN\n");
    psci_system_off();
}
