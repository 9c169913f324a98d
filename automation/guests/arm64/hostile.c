/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostile: abuse one interface the hypervisor gives a domain, chosen by
 * the first word of the bootargs, print what came back, then print
 * HOSTILE-<WORD>-DONE and power off.  Words: sysreg, sve, setway, gic,
 * gicv2, psci, psci-crash, sgi, smp (all vCPUs at once), wfi, flood,
 * ifetch, mmio, uart, aarch32, vectors, vbar-unmapped.
 */
#include "guest.h"

const char guest_name[] = "hostile";

#define GICD_BASE 0x03001000UL
#define GICC_BASE 0x03002000UL
#define GICR_BASE 0x03020000UL
#define GICR_SIZE 0x01000000UL
#define GICR_FRAME 0x20000UL
#define GICR_SGI 0x10000UL
#define GICR_ISPENDR0 (GICR_SGI + 0x200)
#define GICR_ICPENDR0 (GICR_SGI + 0x280)
#define UNMAPPED 0x10000000UL
/* Context id of the CPU_SUSPEND powerdown test (a stack of its own). */
#define PD_CONTEXT 7UL

#define PSCI_CPU_SUSPEND 0xc4000001U
#define PSCI_AFFINITY_INFO 0xc4000004U
#define PSCI_MIGRATE 0xc4000005U
#define PSCI_MIGRATE_INFO_UP_CPU 0xc4000007U
#define PSCI_FEATURES 0x8400000aU
#define PSCI_SYSTEM_SUSPEND 0xc400000eU
#define PSCI_SYSTEM_RESET2 0xc4000012U

#define MRS(reg) \
    ({ \
        uint64_t _v; \
        asm volatile("mrs %0, " reg : "=r"(_v)); \
        _v; \
    })
#define MSR(reg, v) asm volatile("msr " reg ", %0; isb" : : "r"((uint64_t)(v)))

static uint64_t now(void)
{
    return MRS("cntvct_el0");
}

/* The virtual timer due in @ticks (0: already), its interrupt masked by
 * PSTATE.I only: it ends a WFI without being taken. */
static void vtimer_arm(uint64_t ticks)
{
    MSR("cntv_cval_el0", now() + ticks);
    MSR("cntv_ctl_el0", 1);
}

/* Run @what: print the exceptions it took (quietly counted). */
#define TRY(label, stmt) \
    do \
    { \
        unsigned int _seen = exc_count; \
        stmt; \
        gprintf("hostile: %s: %s ESR=0x%lx\n", label, \
                exc_count == _seen ? "ok" : "exception", \
                exc_count == _seen ? 0UL : (uint64_t)exc_esr); \
    } while ( 0 )

/* ---- system registers ---- */

/* Every encoding of the ID register space (Op0 3, Op1 0, CRn 0, CRm 1-7). */
static void id_space(void)
{
    unsigned int nonzero = 0, n = 0, before = exc_count;
    uint64_t v;

#define ID_READ(m, o) \
    v = 0; \
    asm volatile("mrs %0, s3_0_c0_c" #m "_" #o : "+r"(v)); \
    n++; \
    nonzero += v != 0;
#define ID_ROW(m) \
    ID_READ(m, 0) \
    ID_READ(m, 1) \
    ID_READ(m, 2) \
    ID_READ(m, 3) ID_READ(m, 4) ID_READ(m, 5) ID_READ(m, 6) ID_READ(m, 7)
    exc_quiet = true;
    ID_ROW(1)
    ID_ROW(2)
    ID_ROW(3)
    ID_ROW(4)
    ID_ROW(5)
    ID_ROW(6)
    ID_ROW(7)
    exc_quiet = false;
#undef ID_ROW
#undef ID_READ
    gprintf("hostile: ID space: %u read, %u faulted, %u nonzero\n", n,
            exc_count - before, nonzero);
}

static void sysreg(void)
{
    uint64_t v = 0;

    /* Registers of EL2 and EL3: UNDEFINED at EL1. */
    TRY("mrs hcr_el2", v = MRS("hcr_el2"));
    TRY("msr vbar_el2", MSR("vbar_el2", 0));
    TRY("mrs scr_el3", v = MRS("scr_el3"));
    TRY("msr sctlr_el3", MSR("sctlr_el3", 0));
    TRY("mrs s3_0_c15_c0_0 (IMPDEF)", v = MRS("s3_0_c15_c0_0"));
    /*
     * Cortex-A57's L2CTLR_EL1 and CPUACTLR_EL1: trapped (TIDCP) and
     * UNDEFINED on hardware; QEMU 7.2 does not implement the trap.
     */
    TRY("mrs s3_1_c11_c0_2 (IMPDEF)", v = MRS("s3_1_c11_c0_2"));
    TRY("msr s3_1_c15_c2_0 (IMPDEF)", MSR("s3_1_c15_c2_0", 0));
    /* ACTLR_EL1 (TACR): as firmware set it, writes ignored. */
    TRY("mrs actlr_el1", v = MRS("actlr_el1"));
    TRY("msr actlr_el1", MSR("actlr_el1", ~0UL));
    /* Debug (TDA/TDOSA/TDRA) and PMU (TPM): RAZ/WI. */
    TRY("mrs mdrar_el1", v = MRS("mdrar_el1"));
    gprintf("hostile: mdrar_el1 = 0x%lx\n", v);
    TRY("mrs oslsr_el1", v = MRS("oslsr_el1"));
    gprintf("hostile: oslsr_el1 = 0x%lx\n", v);
    TRY("msr osdlr_el1", MSR("osdlr_el1", 1));
    TRY("mrs dbgauthstatus_el1", v = MRS("dbgauthstatus_el1"));
    TRY("msr dbgclaimset_el1", MSR("dbgclaimset_el1", 0xff));
    TRY("mrs mdccsr_el0", v = MRS("mdccsr_el0"));
    TRY("msr dbgdtrtx_el0", MSR("dbgdtrtx_el0", 0x41));
    TRY("msr mdscr_el1", MSR("mdscr_el1", 0x8000)); /* MDE */
    TRY("mrs mdscr_el1", v = MRS("mdscr_el1"));
    gprintf("hostile: mdscr_el1 = 0x%lx\n", v);
    TRY("msr pmcr_el0", MSR("pmcr_el0", 7));
    TRY("mrs pmcr_el0", v = MRS("pmcr_el0"));
    gprintf("hostile: pmcr_el0 = 0x%lx\n", v);
    TRY("mrs pmccntr_el0", v = MRS("pmccntr_el0"));
    TRY("msr pmswinc_el0", MSR("pmswinc_el0", 1));
    TRY("mrs pmceid0_el0", v = MRS("pmceid0_el0"));
    /* RAS error records (with RAS: trapped, no records). */
    TRY("mrs erridr_el1", v = MRS("s3_0_c5_c3_0"));
    TRY("msr errselr_el1", MSR("s3_0_c5_c3_1", 0));
    /* Write-only GIC SGI registers: reading them is UNDEFINED. */
    TRY("mrs icc_sgi1r_el1", v = MRS("s3_0_c12_c11_5"));
    TRY("mrs icc_sgi0r_el1", v = MRS("s3_0_c12_c11_7"));
    v = MRS("id_aa64pfr0_el1");
    gprintf("hostile: ID_AA64PFR0_EL1.SVE = %lu\n", (v >> 32) & 0xf);
    id_space();
}

/* SVE, SME, PAuth (on a CPU with them): hidden and UNDEFINED. */
static void sve(void)
{
    uint64_t pfr0 = MRS("id_aa64pfr0_el1"), pfr1 = MRS("id_aa64pfr1_el1");
    uint64_t v = 0;

    gprintf("hostile: guest sees SVE %lu SME %lu\n", (pfr0 >> 32) & 0xf,
            (pfr1 >> 24) & 0xf);
    MSR("cpacr_el1",
        (3UL << 16) | (3UL << 20) | (3UL << 24)); /* ZEN FPEN SMEN */
    TRY("rdvl x0, #1", asm volatile(".inst 0x04bf5020" ::: "x0"));
    TRY("mrs zcr_el1", v = MRS("s3_0_c1_c2_0"));
    TRY("msr zcr_el1", MSR("s3_0_c1_c2_0", 0xf));
    TRY("rdsvl x0, #1", asm volatile(".inst 0x04bf5820" ::: "x0"));
    /* FEAT_CSV2_2's SCXTNUM_EL0/EL1: trapped (HCR_EL2.EnSCXT clear). */
    TRY("msr scxtnum_el0", MSR("s3_3_c13_c0_7", 0x5ec2e75e));
    TRY("msr scxtnum_el1", MSR("s3_0_c13_c0_7", 0x5ec2e75e));
    /* Pointer authentication: keys and instructions trap, UNDEFINED. */
    TRY("msr apiakeylo_el1", MSR("s3_0_c2_c1_0", 0x5ec2e75e));
    MSR("sctlr_el1", MRS("sctlr_el1") | (1UL << 31)); /* EnIA */
    TRY("pacia x0, x1 (EnIA)", asm volatile(".inst 0xdac10020" ::: "x0"));
    (void)v;
}

/* Set/way cache maintenance over the first cache level's every set/way. */
static void setway(void)
{
    uint64_t ccsidr, sets, ways, line, s, w, n = 0;
    unsigned int wshift;

    MSR("csselr_el1", 0); /* L1 data */
    ccsidr = MRS("ccsidr_el1");
    line = (ccsidr & 7) + 4;
    ways = ((ccsidr >> 3) & 0x3ff) + 1;
    sets = ((ccsidr >> 13) & 0x7fff) + 1;
    wshift = (unsigned int)__builtin_clzl(ways - 1 ? ways - 1 : 1) - 32;
    for ( s = 0; s < sets; s++ )
        for ( w = 0; w < ways; w++ )
        {
            uint64_t op = (w << wshift) | (s << line);

            asm volatile("dc isw, %0; dc csw, %0; dc cisw, %0" : : "r"(op));
            n++;
        }
    asm volatile("dsb sy");
    gprintf("hostile: dc isw/csw/cisw on %lu sets x %lu ways done\n", sets,
            ways);
}

/* ---- GIC ---- */

static uint64_t mmio_read(uint64_t a, unsigned int size)
{
    switch ( size )
    {
    case 1:
        return *(volatile uint8_t *)a;
    case 2:
        return *(volatile uint16_t *)a;
    case 4:
        return *(volatile uint32_t *)a;
    default:
        return *(volatile uint64_t *)a;
    }
}

static void mmio_write(uint64_t a, unsigned int size, uint64_t v)
{
    switch ( size )
    {
    case 1:
        *(volatile uint8_t *)a = (uint8_t)v;
        break;
    case 2:
        *(volatile uint16_t *)a = (uint16_t)v;
        break;
    case 4:
        *(volatile uint32_t *)a = (uint32_t)v;
        break;
    default:
        *(volatile uint64_t *)a = v;
        break;
    }
}

/*
 * Every size at every alignment 0-7 from @base + @off, read then the
 * value written back; returns the number of accesses that faulted.
 */
static unsigned int poke(uint64_t base, uint64_t off)
{
    unsigned int size, a, faults = 0;

    for ( size = 1; size <= 8; size *= 2 )
        for ( a = 0; a < 8; a++ )
        {
            unsigned int seen = exc_count;
            uint64_t v = mmio_read(base + off + a, size);

            if ( exc_count != seen )
                faults++;
            seen = exc_count;
            mmio_write(base + off + a, size, v);
            if ( exc_count != seen )
                faults++;
        }
    return faults;
}

static const uint32_t gicd_offsets[] = {
    0x0,   0x4,   0x8,    0x80,   0x100,  0x17c,  0x180,  0x200,  0x280, 0x300,
    0x380, 0x3fc, 0x400,  0x7f8,  0x800,  0xc00,  0xcf8,  0xe00,  0xf00, 0xf10,
    0xfe8, 0xff8, 0x6000, 0x6100, 0x7fd8, 0x8000, 0xc000, 0xfff8,
};

static const uint32_t gicr_offsets[] = {
    0x0,     0x4,     0x8,     0xc,     0x10,    0x14,    0x70,    0x78,
    0xffe8,  0xfff8,  0x10000, 0x10080, 0x10100, 0x10180, 0x10200, 0x10280,
    0x10300, 0x10380, 0x10400, 0x1041c, 0x10c00, 0x10c04, 0x10e00, 0x1fff8,
};

static void gic(bool v3)
{
    unsigned int i, faults = 0, n = 0;
    uint64_t frames[] = { 0, GICR_FRAME, 5 * GICR_FRAME,
                          GICR_SIZE - GICR_FRAME };

    exc_quiet = true;
    exc_limit = 100000;
    for ( i = 0; i < sizeof(gicd_offsets) / sizeof(gicd_offsets[0]); i++ )
    {
        if ( !v3 && gicd_offsets[i] >= 0x1000 )
            continue;
        faults += poke(GICD_BASE, gicd_offsets[i]);
        n += 64;
    }
    gprintf("hostile: GICD: %u accesses, %u faulted (misaligned)\n", n,
            faults);
    /* A write spray over the whole distributor page. */
    for ( i = 0; i < 0x1000; i += 4 )
        asm volatile("str %w0, [%1]"
                     :
                     : "r"(0xffffffffU), "r"(GICD_BASE + i)
                     : "memory");
    gprintf("hostile: GICD all-ones spray done\n");
    if ( !v3 )
    {
        faults = poke(GICC_BASE, 0x1000) + poke(GICC_BASE, 0x1ff0);
        gprintf("hostile: GICC second page: 128 accesses, %u faulted\n",
                faults);
        exc_quiet = false;
        return;
    }
    for ( i = 0; i < sizeof(frames) / sizeof(frames[0]); i++ )
    {
        unsigned int j;

        faults = 0;
        for ( j = 0; j < sizeof(gicr_offsets) / sizeof(gicr_offsets[0]); j++ )
            faults += poke(GICR_BASE + frames[i], gicr_offsets[j]);
        gprintf("hostile: GICR frame at +0x%lx: %u faulted, TYPER 0x%lx\n",
                frames[i], faults,
                *(volatile uint64_t *)(GICR_BASE + frames[i] + 8));
    }
    /* The last bytes of the redistributor region. */
    faults = poke(GICR_BASE + GICR_SIZE - 8, 0);
    gprintf("hostile: GICR region end: %u faulted\n", faults);
    exc_quiet = false;
}

/* ---- PSCI ---- */

static void psci_line(const char *what, uint64_t rc)
{
    gprintf("hostile: %s -> %ld\n", what, (int64_t)rc);
}

static void psci(bool crash)
{
    uint64_t ram = gi.ram_base, fn;

    psci_line("CPU_ON mpidr 0xff", psci_call(PSCI_CPU_ON, 0xff, ram, 0));
    psci_line("CPU_ON mpidr 0xff00000001",
              psci_call(PSCI_CPU_ON, 0xff00000001UL, ram, 0));
    psci_line("CPU_ON self", psci_call(PSCI_CPU_ON, 0, ram, 0));
    psci_line("CPU_ON entry outside RAM",
              psci_call(PSCI_CPU_ON, 1, UNMAPPED, 0));
    psci_line("CPU_ON entry 0", psci_call(PSCI_CPU_ON, 1, 0, 0));
    psci_line("CPU_ON entry past RAM",
              psci_call(PSCI_CPU_ON, 1, ram + gi.ram_bytes, 0));
    psci_line("CPU_ON entry misaligned",
              psci_call(PSCI_CPU_ON, 1, ram + 2, 0));
    psci_line("AFFINITY_INFO mpidr 0x7f",
              psci_call(PSCI_AFFINITY_INFO, 0x7f, 0, 0));
    psci_line("AFFINITY_INFO level 3", psci_call(PSCI_AFFINITY_INFO, 0, 3, 0));
    vtimer_arm(1000);
    psci_line("CPU_SUSPEND standby", psci_call(PSCI_CPU_SUSPEND, 0, 0, 0));
    MSR("cntv_ctl_el0", 0);
    psci_line("CPU_SUSPEND powerdown entry outside RAM",
              psci_call(PSCI_CPU_SUSPEND, 1U << 16, UNMAPPED, 0));
    psci_line("SYSTEM_SUSPEND", psci_call(PSCI_SYSTEM_SUSPEND, ram, 0, 0));
    psci_line("MIGRATE", psci_call(PSCI_MIGRATE, 1, 0, 0));
    psci_line("MIGRATE_INFO_UP_CPU",
              psci_call(PSCI_MIGRATE_INFO_UP_CPU, 0, 0, 0));
    psci_line("SYSTEM_RESET2", psci_call(PSCI_SYSTEM_RESET2, 1, 0, 0));
    for ( fn = 0x84000000; fn <= 0x84000015; fn++ )
        gprintf("hostile: PSCI_FEATURES 0x%lx -> %ld\n", fn,
                (int64_t)psci_call(PSCI_FEATURES, fn, 0, 0));
    gprintf("hostile: PSCI_FEATURES 0xc4000001 -> %ld\n",
            (int64_t)psci_call(PSCI_FEATURES, 0xc4000001, 0, 0));
    if ( !crash )
    {
        /* Powerdown: the vCPU comes back at the entry point, reset. */
        vtimer_arm(1000);
        psci_line("CPU_SUSPEND powerdown returned",
                  psci_call(PSCI_CPU_SUSPEND, 1U << 16,
                            (uint64_t)(uintptr_t)secondary_entry, PD_CONTEXT));
        return;
    }
    if ( crash )
    {
        /* vCPU 1 starts on a zero word (UDF) with no vector table. */
        uint64_t entry = ram + gi.ram_bytes - 0x1000;

        *(volatile uint32_t *)entry = 0;
        gprintf("hostile: CPU_ON vCPU 1 at a UDF, no vectors\n");
        psci_call(PSCI_CPU_ON, 1, entry, 0);
        for ( ;; )
            asm volatile("wfi");
    }
}

/* ---- SGIs ---- */

static void sgi_write(int which, uint64_t v)
{
    if ( which == 1 )
        MSR("s3_0_c12_c11_5", v); /* ICC_SGI1R_EL1 */
    else if ( which == 2 )
        MSR("s3_0_c12_c11_6", v); /* ICC_ASGI1R_EL1 */
    else
        MSR("s3_0_c12_c11_7", v); /* ICC_SGI0R_EL1 */
}

static const char sgi_names[3][8] = { "SGI0R", "SGI1R", "ASGI1R" };

static void sgi(void)
{
    volatile uint32_t *pend = (volatile uint32_t *)(GICR_BASE + GICR_ISPENDR0);
    volatile uint32_t *clr = (volatile uint32_t *)(GICR_BASE + GICR_ICPENDR0);
    unsigned int i;
    int which;

    /* Each register aimed at self (Aff 0.0.0, target list bit 0). */
    for ( which = 0; which < 3; which++ )
    {
        *clr = 0xffff;
        sgi_write(which, (3UL << 24) | 1);
        gprintf("hostile: %s self SGI 3 -> pending 0x%x\n", sgi_names[which],
                *pend & 0xffff);
    }
    *clr = 0xffff;
    /* Storm: targets that do not exist, all-but-self, every group. */
    for ( i = 0; i < 3000; i++ )
    {
        uint64_t v = ((uint64_t)(i & 0xf) << 24) | 0xfffe;

        v |= (uint64_t)(i & 0xff) << 16;        /* Aff1 */
        v |= (uint64_t)((i >> 3) & 0xff) << 32; /* Aff2 */
        v |= (uint64_t)((i >> 5) & 0xf) << 44;  /* RS */
        v |= (uint64_t)((i >> 7) & 0xff) << 48; /* Aff3 */
        if ( i % 7 == 0 )
            v = (1UL << 40) | ((uint64_t)(i & 0xf) << 24); /* IRM */
        sgi_write((int)(i % 3), v);
    }
    gprintf("hostile: SGI storm of 3000 writes done, pending 0x%x\n",
            *pend & 0xffff);
}

/* ---- every vCPU at once ---- */

static volatile uint32_t storm_done[8];

/* GIC frames (each vCPU's, absent ones), SGIs, undecodable accesses. */
static void storm(unsigned int cpu)
{
    unsigned int k, i;
    uint32_t a, b;

    for ( k = 0; k < 2; k++ )
    {
        for ( i = 0; i < sizeof(gicd_offsets) / sizeof(gicd_offsets[0]); i++ )
            poke(GICD_BASE, gicd_offsets[i]);
        for ( i = 0; i < 4; i++ )
            poke(GICR_BASE + i * GICR_FRAME, 0x10100 + 8 * cpu);
        for ( i = 0; i < 300; i++ )
            sgi_write((int)(i % 3), ((uint64_t)(i & 0xf) << 24) |
                                        ((uint64_t)(i & 3) << 16) | 0xf);
        asm volatile("ldp %w0, %w1, [%2]"
                     : "=r"(a), "=r"(b)
                     : "r"(gi.console + 0x18)
                     : "memory");
        /* The UART's flags and mask, every vCPU at once. */
        for ( i = 0; i < 50; i++ )
            poke(gi.console, i & 1 ? 0x38 : 0x18);
        for ( i = 0; i < 200; i++ ) /* every vCPU yielding at once */
            asm volatile("wfe" ::: "memory");
    }
}

void secondary_main(unsigned long cpu)
{
    if ( cpu == PD_CONTEXT )
    {
        gprintf("hostile: CPU_SUSPEND powerdown resumed at its entry point, "
                "context %lu\n",
                cpu);
        gprintf("HOSTILE-PSCI-DONE\n");
        psci_system_off();
    }
    storm((unsigned int)cpu);
    storm_done[cpu] = 1;
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    guest_halt();
}

static void smp_storm(void)
{
    uint64_t entry = (uint64_t)(uintptr_t)secondary_entry, start;
    unsigned int i, n = gi.nr_cpus < 8 ? gi.nr_cpus : 8, done;

    exc_quiet = true;
    exc_limit = 1000000;
    for ( i = 1; i < n; i++ )
        psci_call(PSCI_CPU_ON, gi.cpu_mpidr[i], entry, i);
    storm(0);
    start = now();
    do
        for ( done = 1, i = 1; i < n; i++ )
            done += storm_done[i];
    while ( done < n && now() - start < 30 * MRS("cntfrq_el0") );
    exc_quiet = false;
    gprintf("hostile: %u of %u vCPUs stormed the GIC and SGIs at once\n", done,
            n);
}

/* ---- WFI storm, console flood ---- */

static void wfi(void)
{
    unsigned int i;

    vtimer_arm(0); /* due now: each WFI ends at once */
    for ( i = 0; i < 20000; i++ )
        asm volatile("wfi");
    MSR("cntv_ctl_el0", 0);
    gprintf("hostile: 20000 WFIs done\n");
    /* WFE traps and yields the CPU: with the event set and without. */
    for ( i = 0; i < 20000; i++ )
        asm volatile("sevl; wfe; wfe" ::: "memory");
    gprintf("hostile: 20000 WFEs done\n");
}

static void flood(void)
{
    unsigned int i;

    for ( i = 0; i < 1500; i++ )
        gprintf("hostile: flood line %u "
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
                i);
}

/* ---- instruction fetch from nothing ---- */

static void jump(uint64_t target)
{
    exc_resume_ec = 0x21; /* instruction abort, current EL */
    asm volatile("adr x1, 1f\n\t"
                 "str x1, %0\n\t"
                 "blr %1\n"
                 "1:"
                 : "=m"(exc_resume)
                 : "r"(target)
                 : "x1", "x30", "memory");
}

static void ifetch(void)
{
    TRY("jump to 0x10000000 (nothing)", jump(UNMAPPED));
    TRY("jump to the GIC distributor", jump(GICD_BASE));
    TRY("jump past RAM", jump(gi.ram_base + gi.ram_bytes));
}

/* ---- accesses to an emulated device it cannot decode ---- */

static void mmio(void)
{
    uint64_t uart = gi.console, v = 0, w = 0;

    TRY("ldxr from the UART", asm volatile("ldxr %w0, [%1]"
                                           : "=r"(v)
                                           : "r"(uart)
                                           : "memory"));
    TRY("stxr to the UART", asm volatile("stxr %w0, %w1, [%2]"
                                         : "=&r"(v)
                                         : "r"(0x41), "r"(uart)
                                         : "memory"));
    TRY("ldp from the UART", asm volatile("ldp %w0, %w1, [%2]"
                                          : "=r"(v), "=r"(w)
                                          : "r"(uart + 0x18)
                                          : "memory"));
    TRY("ldr post-index from the UART", asm volatile("ldr %w0, [%1], #4"
                                                     : "=r"(v), "+r"(uart)
                                                     :
                                                     : "memory"));
    uart = gi.console;
    TRY("str post-index to the UART", asm volatile("str %w1, [%0], #4"
                                                   : "+r"(uart)
                                                   : "r"(0x41)
                                                   : "memory"));
    uart = gi.console;
    TRY("misaligned ldr from the UART", asm volatile("ldr %w0, [%1]"
                                                     : "=r"(v)
                                                     : "r"(uart + 2)
                                                     : "memory"));
    TRY("dc zva on the GIC distributor", asm volatile("dc zva, %0"
                                                      :
                                                      : "r"(GICD_BASE)
                                                      : "memory"));
    TRY("dc civac on the UART", asm volatile("dc civac, %0"
                                             :
                                             : "r"(gi.console)
                                             : "memory"));
    TRY("dc civac on nothing", asm volatile("dc civac, %0"
                                            :
                                            : "r"(UNMAPPED)
                                            : "memory"));
    TRY("ldr q0 from the GIC distributor",
        asm volatile("msr cpacr_el1, %0; isb; ldr q0, [%1]"
                     :
                     : "r"(3UL << 20), "r"(GICD_BASE)
                     : "v0", "memory"));
    TRY("ldaddal on the GIC distributor",
        asm volatile(".arch_extension lse\n\tldaddal %w0, %w1, [%2]"
                     : "+r"(w), "=r"(v)
                     : "r"(GICD_BASE + 0x400)
                     : "memory"));
    (void)v;
}

/* ---- the emulated UART: each register, size and alignment ---- */

#define UART_FR 0x18
#define UART_CR 0x30
#define UART_IMSC 0x38
#define UART_RIS 0x3c
#define UART_MIS 0x40

static void uart(void)
{
    uint64_t u = gi.console;
    unsigned int faults;

    gprintf("hostile: uart FR 0x%lx IMSC 0x%lx RIS 0x%lx MIS 0x%lx CR 0x%lx\n",
            mmio_read(u + UART_FR, 4), mmio_read(u + UART_IMSC, 4),
            mmio_read(u + UART_RIS, 4), mmio_read(u + UART_MIS, 4),
            mmio_read(u + UART_CR, 4));
    mmio_write(u + UART_IMSC, 4, 0xffffffffUL);
    gprintf("hostile: uart all masked in: IMSC 0x%lx MIS 0x%lx\n",
            mmio_read(u + UART_IMSC, 4), mmio_read(u + UART_MIS, 4));
    mmio_write(u + UART_IMSC, 4, 0);
    mmio_write(u + UART_FR, 4, 0); /* read-only */
    gprintf("hostile: uart FR written: 0x%lx, as 64 bits 0x%lx, byte 0x%lx, "
            "halfword at 0x1a 0x%lx\n",
            mmio_read(u + UART_FR, 4), mmio_read(u + UART_FR, 8),
            mmio_read(u + UART_FR, 1), mmio_read(u + UART_FR + 2, 2));
    exc_quiet = true;
    exc_limit = 1000000;
    faults = poke(u, UART_FR) + poke(u, UART_IMSC) + poke(u, 0xff8);
    exc_quiet = false;
    gprintf("hostile: uart every size at every alignment: %u faults\n",
            faults);
    TRY("stp to the UART", asm volatile("stp %w0, %w1, [%2]"
                                        :
                                        : "r"(0x41), "r"(0x42), "r"(u)
                                        : "memory"));
    /* A 64-bit and a byte store to the data register: "Z", a new line. */
    mmio_write(u, 1, 'Z');
    mmio_write(u, 8, 0x4100000000000000UL | '\n');
    gprintf("hostile: uart IMSC 0x%lx after it all\n",
            mmio_read(u + UART_IMSC, 4));
}

/* ---- AArch32 EL0 ---- */

/* A32 code run at EL0 (r0 = UART, r1 = a character, r2 = loops,
 * r9 = an address with nothing behind it). */
static const uint32_t a32_code[] __attribute__((aligned(64))) = {
    0xe5801000, /* loop: str r1, [r0]        data abort, emulated */
    0xee103e10, /* mrc p14, 0, r3, c0, c0, 0  DBGDIDR: RAZ */
    0xe2834030, /* add r4, r3, #'0' */
    0xe5804000, /* str r4, [r0]               '0' when RAZ */
    0xe3b06000, /* movs r6, #0                Z set */
    0x1e106e10, /* mrcne p14, 0, r6, c0, c0, 0  condition fails */
    0xe320f003, /* wfi */
    0xe2522001, /* subs r2, r2, #1 */
    0x1afffff6, /* bne loop */
    0xe3a07401, /* mov r7, #0x1000000 */
    0xe2577001, /* spin: subs r7, r7, #1      host ticks: IRQ exits */
    0x1afffffd, /* bne spin */
    0xe5998000, /* ldr r8, [r9]               external abort */
    0xef000000, /* svc #0                     back to EL1 */
};

/*
 * T32 code run at EL0 (same registers): 16-bit store (IL 0), a WFI whose
 * IT condition fails, a 32-bit load from nothing, SVC.
 */
static const uint32_t t32_code[] __attribute__((aligned(64))) = {
    0x26006001, /* str r1, [r0]; movs r6, #0 */
    0xbf30bf18, /* it ne; wfine */
    0xf8d96001, /* str r1, [r0]; ldr.w r8, [r9] (first half) */
    0xdf008000, /* (second half); svc #0 */
};

/* Run the code at @pc at EL0 with @psr until its SVC brings it back. */
static void run_el0(const void *pc, uint64_t psr, uint64_t c)
{
    vtimer_arm(0);
    exc_resume_ec = (psr & 0x10) ? 0x11 : 0x15; /* SVC from AArch32/64 */
    asm volatile("adr x1, 1f\n\t"
                 "str x1, %0\n\t"
                 "mov x0, %1\n\t"
                 "mov x1, %5\n\t"
                 "mov x2, #3\n\t"
                 "mov x9, %2\n\t"
                 "msr elr_el1, %3\n\t"
                 "msr spsr_el1, %4\n\t"
                 "eret\n"
                 "1:"
                 : "=m"(exc_resume)
                 : "r"(gi.console), "r"(UNMAPPED), "r"(pc), "r"(psr), "r"(c)
                 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
                   "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17",
                   "x18", "memory", "cc");
    MSR("cntv_ctl_el0", 0);
}

/* A64 code run at EL0: a UART store, WFI, a load from nothing, a PMU
 * read (trapped to EL1, EC 0x18: PMUSERENR_EL0 is 0), SVC. */
asm(".pushsection .text\n"
    ".balign 16\n"
    ".hidden el0_a64_code\n"
    "el0_a64_code:\n"
    "str w1, [x0]\n"
    "wfi\n"
    "ldr w8, [x9]\n"
    "mrs x3, pmcr_el0\n"
    "svc #0\n"
    ".popsection");
extern const uint32_t el0_a64_code[] __attribute__((visibility("hidden")));

/*
 * Faults injected from AArch64 EL0 (vector +0x400) and from EL1 on SP_EL0
 * (+0x000); the other tests cover EL1 on SP_EL1 (+0x200) and AArch32 EL0
 * (+0x600).
 */
static void vectors(void)
{
    uint64_t esr;
    unsigned int slot;

    run_el0(el0_a64_code, 0x3c0, '%'); /* EL0t, DAIF masked */
    esr = exc_esr;
    slot = exc_slot;
    gprintf("\nhostile: back from A64 EL0, last ESR=0x%lx in slot %u\n", esr,
            slot);
    asm volatile("mov x1, sp\n\t"
                 "msr sp_el0, x1\n\t"
                 "msr spsel, #0\n\t"
                 "ldr w2, [%0]\n\t"
                 "msr spsel, #1"
                 :
                 : "r"(UNMAPPED)
                 : "x1", "x2", "memory");
    esr = exc_esr;
    slot = exc_slot;
    gprintf("hostile: back on SP_EL1, last ESR=0x%lx in slot %u\n", esr, slot);
}

static void aarch32(void)
{
    if ( !((MRS("id_aa64pfr0_el1") & 0xf) & 2) )
    {
        gprintf("hostile: no AArch32 EL0 on this CPU\n");
        return;
    }
    run_el0(a32_code, 0x1d0, '*'); /* User mode, A32, DAIF masked */
    gprintf("\nhostile: back from A32 EL0, last ESR=0x%lx\n",
            (uint64_t)exc_esr);
    run_el0(t32_code, 0x1f0, '#'); /* T32 */
    gprintf("\nhostile: back from T32 EL0, last ESR=0x%lx\n",
            (uint64_t)exc_esr);
}

/* Vectors where nothing is, then an UNDEFINED instruction. */
static void vbar_unmapped(void)
{
    gprintf("hostile: VBAR_EL1 = 0x%lx, then udf\n", UNMAPPED);
    MSR("vbar_el1", UNMAPPED);
    asm volatile(".inst 0x00000000"); /* udf #0 */
    gprintf("hostile: still running\n");
}

void guest_main(const void *fdt)
{
    const char *a;
    char word[16];
    unsigned int i;

    guest_dt_read(fdt);
    a = gi.bootargs;
    for ( i = 0; i + 1 < sizeof(word) && a[i] && a[i] != ' '; i++ )
        word[i] = a[i];
    word[i] = 0;
    exc_limit = 64;
    gprintf("hostile: %s\n", word);

    if ( !str_cmp(word, "sysreg") )
        sysreg();
    else if ( !str_cmp(word, "sve") )
        sve();
    else if ( !str_cmp(word, "setway") )
        setway();
    else if ( !str_cmp(word, "gic") )
        gic(true);
    else if ( !str_cmp(word, "gicv2") )
        gic(false);
    else if ( !str_cmp(word, "psci") )
        psci(false);
    else if ( !str_cmp(word, "psci-crash") )
        psci(true);
    else if ( !str_cmp(word, "sgi") )
        sgi();
    else if ( !str_cmp(word, "smp") )
        smp_storm();
    else if ( !str_cmp(word, "wfi") )
        wfi();
    else if ( !str_cmp(word, "flood") )
        flood();
    else if ( !str_cmp(word, "ifetch") )
        ifetch();
    else if ( !str_cmp(word, "mmio") )
        mmio();
    else if ( !str_cmp(word, "uart") )
        uart();
    else if ( !str_cmp(word, "vectors") )
        vectors();
    else if ( !str_cmp(word, "vbar-unmapped") )
        vbar_unmapped();
    else if ( !str_cmp(word, "aarch32") )
        aarch32();
    for ( i = 0; word[i]; i++ )
        if ( word[i] >= 'a' && word[i] <= 'z' )
            word[i] = (char)(word[i] - 'a' + 'A');
    gprintf("HOSTILE-%s-DONE\n", word);
    psci_system_off();
}
