/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostile: abuse what a PVH guest can reach and report how the platform
 * answered.  Each word of the command line runs one group, in order:
 * efer, hsave, apic, ipi (x2APIC MSRs, ICR, IPI storms), tsc, msrs,
 * ports, devices (hostile-dev.c: the emulated devices, from two vCPUs),
 * insns, xsetbv, svm (each probe prints "ok" or the exception it
 * raised), then longmode (enters long mode
 * and reads EFER; no faults can be caught after it); cli (spins with
 * interrupts off), int3 and ud2 (with no IDT: a triple fault) never come
 * back.
 */
#include "guest.h"

#define MSR_TSC 0x10U
#define MSR_APIC_BASE 0x1bU
#define MSR_PAT 0x277U
#define MSR_EFER 0xc0000080U
#define MSR_TSC_AUX 0xc0000103U
#define MSR_VM_CR 0xc0010114U
#define MSR_VM_HSAVE_PA 0xc0010117U
#define CR4_OSXSAVE (1U << 18)
#define VEC_UD 6
#define VEC_GP 13
#define YIELDS 200

/* leak64.S */
void long_mode_enter(void);
/* hostile-dev.c */
void hostile_devices(void);

static uint32_t seed = 12345;

static uint32_t rnd(void)
{
    seed = seed * 1103515245U + 12345U;
    return seed >> 8 ^ seed << 13;
}

/* What the last probe raised: "ok", "#GP", "#UD" or "vector N". */
static const char *outcome(void)
{
    static char buf[] = "vector NN";
    uint32_t v = trap_vector;

    if ( v == TRAP_NONE )
        return "ok";
    if ( v == VEC_GP )
        return "#GP";
    if ( v == VEC_UD )
        return "#UD";
    buf[7] = (char)('0' + v / 10 % 10);
    buf[8] = (char)('0' + v % 10);
    return buf;
}

static uint32_t probe_xsetbv(uint32_t xcr, uint64_t val)
{
    trap_vector = TRAP_NONE;
    asm volatile("movl $1f, trap_fixup\n\txsetbv\n1:\tmovl $0, trap_fixup"
                 :
                 : "c"(xcr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32))
                 : "memory");
    return trap_vector;
}

/* One instruction with no operands in registers the compiler must know. */
#define PROBE_INSN(name, insn) \
    static uint32_t probe_##name(void) \
    { \
        trap_vector = TRAP_NONE; \
        asm volatile("movl $1f, trap_fixup\n\t" insn \
                     "\n1:\tmovl $0, trap_fixup" \
                     : \
                     : "a"(0x100000), "c"(0), "d"(0) \
                     : "memory"); \
        return trap_vector; \
    }
PROBE_INSN(invd, "invd")
PROBE_INSN(wbinvd, "wbinvd")
PROBE_INSN(monitor, "monitor %%eax, %%ecx, %%edx")
PROBE_INSN(mwait, "mwait %%eax, %%ecx")
PROBE_INSN(vmrun, "vmrun %%eax")
PROBE_INSN(vmload, "vmload %%eax")
PROBE_INSN(vmsave, "vmsave %%eax")
PROBE_INSN(stgi, "stgi")
PROBE_INSN(clgi, "clgi")
PROBE_INSN(skinit, "skinit %%eax")
PROBE_INSN(invlpga, "invlpga %%eax, %%ecx")

static uint32_t probe_rdtscp(uint32_t *aux)
{
    uint32_t lo, hi, c = 0;

    trap_vector = TRAP_NONE;
    asm volatile("movl $1f, trap_fixup\n\trdtscp\n1:\tmovl $0, trap_fixup"
                 : "=a"(lo), "=d"(hi), "+c"(c)
                 :
                 : "memory");
    *aux = c;
    return trap_vector;
}

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    asm volatile("cpuid"
                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                 : "a"(leaf), "c"(sub));
}

static void yield(unsigned int n)
{
    guest_yield(n);
}

static void wr(uint32_t msr, uint64_t val)
{
    probe_wrmsr(msr, val);
    gprintf("hostile: wrmsr %x <- %llx: %s\n", msr, val, outcome());
}

static void rd(uint32_t msr)
{
    uint64_t val;

    if ( probe_rdmsr(msr, &val) == TRAP_NONE )
        gprintf("hostile: rdmsr %x: %llx\n", msr, val);
    else
        gprintf("hostile: rdmsr %x: %s\n", msr, outcome());
}

/* x2APIC registers that are read-only, write-only or reserved. */
static void x2apic_access(void)
{
    static const uint32_t ro[] = { 0x802, 0x803, 0x80a, 0x80d,
                                   0x810, 0x818, 0x820, 0x839 };
    unsigned int i;

    for ( i = 0; i < ARRAY_LEN(ro); i++ )
        wr(ro[i], 0);
    rd(0x80b); /* EOI */
    rd(0x83f); /* SELF IPI */
    rd(0x831); /* no ICR high half in x2APIC mode */
    rd(0x80e); /* no DFR */
    wr(0x8ff, 0);
    wr(0x80b, 1);          /* EOI: only 0 */
    wr(0x828, 1);          /* ESR: only 0 */
    wr(0x808, 0x100);      /* TPR bits 31:8 */
    wr(0x80f, 0x11ff);     /* SVR: EOI broadcast suppression */
    wr(0x832, 0x60040);    /* timer mode 3 */
    wr(0x838, 1ULL << 32); /* bits 63:32 */
    wr(0x83f, 0x140);      /* SELF IPI bits 31:8 */
    wr(0x830, 0x1040);     /* ICR bit 12 */
    wr(MSR_APIC_BASE, 0xfee00d00);
    wr(MSR_APIC_BASE, 0xfee00900); /* x2APIC to xAPIC: not directly */
    wr(MSR_APIC_BASE, 0xfee00500); /* EXTD without EN */
}

/* IPIs no vCPU takes, modes not offered; then what the ESR latched. */
static void x2apic_icr(void)
{
    static const uint64_t icr[] = {
        0x40 | (99ULL << 32),    /* no such APIC */
        0x840 | (0x80ULL << 32), /* logical, nobody in cluster 0 bit 7 */
        0x240,
        0x340,
        0x440,
        0x740,                 /* SMI, reserved, NMI, ExtINT */
        0x140,                 /* lowest priority: refused */
        0x05,                  /* vector 5: illegal */
        0x4500,                /* INIT to ourselves */
        0x4608 | (7ULL << 32), /* SIPI to nobody */
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_LEN(icr); i++ )
        wr(0x830, icr[i]);
    wr(0x828, 0);
    rd(0x828);
}

/* Self IPIs by the thousand: with interrupts off they merge into one. */
static void x2apic_storm(void)
{
    unsigned int i;

    x2apic_enable();
    for ( i = 0; i < 20000; i++ )
        wrmsr64(0x830, 0x80041); /* all including self, vector 0x41 */
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("hostile: ipi storm with interrupts off: taken %u\n",
            irq_count[0x41]);
    asm volatile("sti" ::: "memory");
    for ( i = 0; i < 20000; i++ )
        wrmsr64(0x83f, 0x42);
    asm volatile("cli" ::: "memory");
    gprintf("hostile: ipi storm with interrupts on: taken %u\n",
            irq_count[0x42] > 0);
}

/* EFER: long mode enabled with paging off, NX, then what must fault. */
static void efer(void)
{
    rd(MSR_EFER);
    wr(MSR_EFER, 0x100);
    rd(MSR_EFER);
    yield(YIELDS);
    wr(MSR_EFER, 0x500);
    rd(MSR_EFER);
    yield(YIELDS);
    wr(MSR_EFER, 0x1000);     /* SVME */
    wr(MSR_EFER, 0x1500);     /* SVME */
    wr(MSR_EFER, 1ULL << 20); /* reserved */
    wr(MSR_EFER, 1ULL << 40); /* reserved */
    rd(MSR_EFER);
    wr(MSR_EFER, 0);
    rd(MSR_EFER);
    gprintf("hostile: efer done\n");
}

static void msrs(void)
{
    static const uint32_t base[] = { 0, 0xc0000000U, 0xc0010000U, 0x40000000U,
                                     0x80000000U };
    /* Some that exist, among the random ones. */
    static const uint32_t known[] = { MSR_TSC,     MSR_PAT,     MSR_EFER,
                                      MSR_TSC_AUX, 0xc0000081U, 0xc0000100U,
                                      0x174,       0x79,        0x8b,
                                      0xfe,        0x2ff };
    unsigned int i, ok = 0, gp = 0, other = 0, wok = 0;
    uint64_t val;

    for ( i = 0; i < 600; i++ )
    {
        uint32_t msr = i % 8 ? base[rnd() % 5] + (rnd() % 0x2000)
                             : known[(i / 8) % ARRAY_LEN(known)];
        uint32_t r = probe_rdmsr(msr, &val);

        ok += r == TRAP_NONE;
        gp += r == VEC_GP;
        other += r != TRAP_NONE && r != VEC_GP;
        /* Write back what was read; random bits where reading failed. */
        r = probe_wrmsr(msr,
                        r == TRAP_NONE ? val : (uint64_t)rnd() << 32 | rnd());
        wok += r == TRAP_NONE;
        other += r != TRAP_NONE && r != VEC_GP;
    }
    gprintf("hostile: msrs: %u read, %u #GP, %u written, %u other faults\n",
            ok, gp, wok, other);
    for ( i = 0; i < 100; i++ )
    {
        uint32_t r = probe_wrmsr(MSR_PAT, (uint64_t)rnd() << 32 | rnd());

        other += r != TRAP_NONE && r != VEC_GP;
    }
    wr(MSR_PAT, 0x0007040600070406ULL);
    gprintf("hostile: msrs done, %u other faults\n", other);
}

/* Ports with an emulated device behind them (docs/misc/x86/platform.md). */
static const struct {
    uint16_t base, count;
} device_ports[] = {
    { 0x20, 2 },  { 0x40, 4 },  { 0x61, 1 },  { 0x70, 2 },  { 0xa0, 2 },
    { 0x3f8, 8 }, { 0x501, 1 }, { 0x600, 4 }, { 0x604, 2 }, { 0x608, 4 },
};

/* Whether an access of up to 4 bytes at @port may reach a device. */
static bool port_emulated(uint16_t port)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_LEN(device_ports); i++ )
        if ( port + 3 >= device_ports[i].base &&
             port < device_ports[i].base + device_ports[i].count )
            return true;
    return false;
}

static void ports(void)
{
    unsigned int i, ones = 0, not_ones = 0;

    for ( i = 0; i < 400; i++ )
    {
        uint16_t port = (uint16_t)rnd();
        unsigned int size = 1U << (rnd() % 3);
        uint32_t all = size == 4 ? ~0U : (1U << (8 * size)) - 1;

        if ( port_emulated(port) )
            continue;
        if ( rnd() & 1 )
        {
            port_out(port, size, rnd());
            continue;
        }
        if ( port_in(port, size) == all )
            ones++;
        else
            not_ones++;
    }
    gprintf("hostile: ports: %u reads all ones, %u not\n", ones, not_ones);
}

static void insns(void)
{
    uint32_t r[4], aux;

    cpuid(1, 0, r);
    gprintf("hostile: cpuid monitor %u\n", (r[2] >> 3) & 1);
    cpuid(0x80000001U, 0, r);
    gprintf("hostile: cpuid rdtscp %u\n", (r[3] >> 27) & 1);
    probe_invd();
    gprintf("hostile: invd: %s\n", outcome());
    probe_wbinvd();
    gprintf("hostile: wbinvd: %s\n", outcome());
    probe_monitor();
    gprintf("hostile: monitor: %s\n", outcome());
    probe_mwait();
    gprintf("hostile: mwait: %s\n", outcome());
    wr(MSR_TSC_AUX, 0x1234);
    rd(MSR_TSC_AUX);
    yield(10);
    if ( probe_rdtscp(&aux) == TRAP_NONE )
        gprintf("hostile: rdtscp: ok, aux %x\n", aux);
    else
        gprintf("hostile: rdtscp: %s\n", outcome());
}

static void xsetbv(void)
{
    static const uint64_t bad[] = { 0, 2, 4, 5, 0xe7, 1ULL << 63, 0x207 };
    uint32_t r[4], cr4, i, lo, hi;

    cpuid(1, 0, r);
    if ( !(r[2] & (1U << 26)) )
    {
        gprintf("hostile: xsetbv: no XSAVE\n");
        return;
    }
    asm volatile("mov %%cr4, %0" : "=r"(cr4));
    cr4 |= CR4_OSXSAVE;
    asm volatile("mov %0, %%cr4" : : "r"(cr4));
    for ( i = 0; i < ARRAY_LEN(bad); i++ )
    {
        probe_xsetbv(0, bad[i]);
        gprintf("hostile: xsetbv %llx: %s\n", bad[i], outcome());
    }
    probe_xsetbv(1, 1);
    gprintf("hostile: xsetbv xcr1: %s\n", outcome());
    probe_xsetbv(0, 3);
    gprintf("hostile: xsetbv 3: %s\n", outcome());
    asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    gprintf("hostile: xcr0 %x\n", lo);
    cpuid(1, 0, r);
    i = (r[2] >> 27) & 1;
    cpuid(0xd, 0, r);
    gprintf("hostile: osxsave %u, xcr0 offered %x, xsave size %u\n", i, r[0],
            r[1]);
}

static void svm(void)
{
    static const struct {
        const char *name;
        uint32_t (*probe)(void);
    } p[] = {
        { "vmrun", probe_vmrun },     { "vmload", probe_vmload },
        { "vmsave", probe_vmsave },   { "stgi", probe_stgi },
        { "clgi", probe_clgi },       { "skinit", probe_skinit },
        { "invlpga", probe_invlpga },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_LEN(p); i++ )
    {
        p[i].probe();
        gprintf("hostile: %s: %s\n", p[i].name, outcome());
    }
}

void guest_main(const struct hvm_start_info *si)
{
    const char *cmd = (const char *)(uintptr_t)si->cmdline_paddr;

    if ( has_word(cmd, "int3") )
    {
        gprintf("hostile: int3 with no IDT\n");
        asm volatile("int3");
    }
    if ( has_word(cmd, "ud2") )
    {
        gprintf("hostile: ud2 with no IDT\n");
        asm volatile("ud2");
    }
    if ( has_word(cmd, "cli") )
    {
        gprintf("hostile: cli; jmp .\n");
        asm volatile("cli; 1: jmp 1b");
    }
    traps_install();
    if ( has_word(cmd, "efer") )
        efer();
    if ( has_word(cmd, "hsave") )
    {
        wr(MSR_VM_HSAVE_PA, 0x100000);
        rd(MSR_VM_HSAVE_PA);
        rd(MSR_VM_CR);
        wr(MSR_VM_CR, 0x10);
    }
    if ( has_word(cmd, "apic") )
    {
        rd(MSR_APIC_BASE);
        wr(MSR_APIC_BASE, 0xfed00900);
    }
    if ( has_word(cmd, "ipi") )
    {
        x2apic_access();
        x2apic_icr();
        x2apic_storm();
    }
    if ( has_word(cmd, "tsc") )
    {
        wr(MSR_TSC, 0x100000000ULL);
        yield(1);
    }
    if ( has_word(cmd, "msrs") )
        msrs();
    if ( has_word(cmd, "ports") )
        ports();
    if ( has_word(cmd, "devices") )
        hostile_devices();
    if ( has_word(cmd, "insns") )
        insns();
    if ( has_word(cmd, "xsetbv") )
        xsetbv();
    if ( has_word(cmd, "svm") )
        svm();
    if ( has_word(cmd, "longmode") )
    {
        long_mode_enter(); /* EFER.LME, then paging: the CPU sets LMA */
        rd(MSR_EFER);
        yield(YIELDS);
        rd(MSR_EFER);
    }
    gprintf("hostile: done\n");
    guest_power_off(0);
}
