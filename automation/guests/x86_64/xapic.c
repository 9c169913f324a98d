/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xapic: the local APIC in xAPIC mode, on the MMIO page at 0xfee00000.
 * Each word of the command line runs one group, in this order:
 *   modes   IA32_APIC_BASE: the transitions allowed and the ones that #GP;
 *           ends in xAPIC mode (every later group gets there itself too);
 *   regs    ID, version, TPR, PPR, SVR, LDR, DFR, ESR, ICR, self IPIs, EOI;
 *   enc     32-bit encodings: moffs, disp32, disp8, SIB, imm32, segment;
 *   timer   one-shot and periodic, counted;
 *   paging  32-bit paging (4 MiB pages), PAE, long mode (64-bit forms);
 *   smp     INIT-SIPI of vCPU1 from xAPIC mode, IPIs by physical ID,
 *           logical flat and cluster destinations (two vCPUs);
 *   odd     offsets not a multiple of 16: read 0, writes dropped;
 *   random  both vCPUs hit random registers with random values;
 *   back    xAPIC to x2APIC (an MSR read works), then disabled;
 * and then at most one of these, which the hypervisor cannot emulate:
 *   bad-byte bad-movs bad-add bad-push bad-0x22 bad-mov64 bad-walk
 *   (the page as a page table) bad-fetch mmio-x2apic mmio-off: each
 *   prints "xapic: <word> next" first, "survived" after.
 */
#include "guest.h"

#define R_ID 0x20U
#define R_VER 0x30U
#define R_TPR 0x80U
#define R_PPR 0xa0U
#define R_EOI 0xb0U
#define R_LDR 0xd0U
#define R_DFR 0xe0U
#define R_SVR 0xf0U
#define R_ISR 0x100U
#define R_IRR 0x200U
#define R_ESR 0x280U
#define R_ICR 0x300U
#define R_ICR2 0x310U
#define R_LVTT 0x320U
#define R_TMICT 0x380U
#define R_TMCCT 0x390U
#define R_TDCR 0x3e0U
#define BASE 0xfee00000U
#define BSP (1U << 8)
#define X2APIC_VERSION 0x803U
#define ICR_SELF (1U << 18)
#define ICR_OTHERS (3U << 18)
#define ICR_LOGICAL (1U << 11)
#define VEC_GP 13
#define TRAMPOLINE_PA 0x8000U
#define V_SELF 0x50
#define V_TIMER 0x40
#define V_PERIODIC 0x41
#define V_PHYS 0x61
#define V_FLAT 0x62
#define V_CLUSTER 0x63
#define V_MISS 0x64
#define V_TO_BSP 0x60
#define V_OTHERS 0x65
#define RANDOM_ACCESSES 100000U

/* xapic-modes.S */
void paging_on(uint32_t cr3, uint32_t cr4_bits, uint32_t long_mode);
void paging_off(void);
uint32_t call64(void (*fn)(void), uint32_t arg);
void x64_rip_read(void), x64_rip_write_imm(void), x64_sib_read(void);
void x64_r12_disp8_read(void), x64_r13_disp32_write(void), x64_r8_ldr(void);
void x64_moffs_read(void), x64_gs_read(void), x64_mov64(void);

/* The registers through the aliases long_mode() maps (xapic-modes.S). */
asm(".globl apic_4k_ver, apic_2m_tpr\n"
    ".set apic_4k_ver, 0x40000030\n"
    ".set apic_2m_tpr, 0x40200080");

/* lapic-tramp.S: vCPU1's real-mode start, then ap_main(). */
extern const char ap_trampoline[], ap_trampoline_end[];
void ap_main(void);

static uint32_t pd32[1024] __attribute__((aligned(4096)));
static uint64_t pd[4][512] __attribute__((aligned(4096)));
static uint64_t pt0[512] __attribute__((aligned(4096)));
static uint64_t pml4[512] __attribute__((aligned(4096)));
static uint64_t pdpt[512] __attribute__((aligned(4096)));
static uint64_t alias_pd[512] __attribute__((aligned(4096)));
static uint64_t alias_pt[512] __attribute__((aligned(4096)));
static uint64_t pae_pdpt[4] __attribute__((aligned(32)));

static volatile uint32_t ap_stage, ap_random_done, ap_random_sum;
static uint32_t seed = 4321;

static uint32_t rnd(void)
{
    seed = seed * 1103515245U + 12345U;
    return seed >> 8 ^ seed << 13;
}

/* A plain MOV load or store of the register at @off. */
static uint32_t rd(uint32_t off)
{
    uint32_t v;

    asm volatile("movl %1, %0"
                 : "=r"(v)
                 : "m"(*(volatile uint32_t *)(BASE + off)));
    return v;
}

static void wr(uint32_t off, uint32_t v)
{
    asm volatile("movl %1, %0"
                 : "=m"(*(volatile uint32_t *)(BASE + off))
                 : "r"(v)
                 : "memory");
}

/* wrmsr/rdmsr that report #GP instead of taking it. */
static const char *trap_name(uint32_t vector)
{
    return vector == TRAP_NONE ? "ok" : vector == VEC_GP ? "#GP" : "other";
}

static const char *try_wrmsr(uint32_t msr, uint64_t val)
{
    return trap_name(probe_wrmsr(msr, val));
}

static const char *try_rdmsr(uint32_t msr, uint64_t *val)
{
    return trap_name(probe_rdmsr(msr, val));
}

static void base_write(uint32_t val)
{
    gprintf("xapic: wrmsr 1b <- %x: %s\n", val, try_wrmsr(MSR_APIC_BASE, val));
}

static void msr_read(uint32_t msr)
{
    uint64_t val;
    const char *r = try_rdmsr(msr, &val);

    if ( r[0] == 'o' )
        gprintf("xapic: rdmsr %x: %llx\n", msr, val);
    else
        gprintf("xapic: rdmsr %x: %s\n", msr, r);
}

/* From whatever mode to xAPIC mode, through disabled. */
static void to_xapic(void)
{
    uint32_t bsp = (uint32_t)rdmsr64(MSR_APIC_BASE) & BSP;

    wrmsr64(MSR_APIC_BASE, BASE | bsp);
    wrmsr64(MSR_APIC_BASE, BASE | bsp | APIC_BASE_EN);
    wr(R_SVR, 0x1ff);
}

static void modes(void)
{
    gprintf("xapic: base %llx\n", rdmsr64(MSR_APIC_BASE));
    base_write(BASE | BSP | APIC_BASE_EN);   /* x2APIC -> xAPIC */
    base_write(BASE | BSP | APIC_BASE_EXTD); /* EXTD without EN */
    base_write(0xfed00000U | BSP | APIC_BASE_EN | APIC_BASE_EXTD);
    base_write(BASE | APIC_BASE_EN | APIC_BASE_EXTD); /* BSP cleared */
    base_write(BASE | BSP);                           /* disabled */
    gprintf("xapic: base %llx\n", rdmsr64(MSR_APIC_BASE));
    msr_read(X2APIC_VERSION);
    base_write(BASE | BSP | APIC_BASE_EN | APIC_BASE_EXTD); /* off -> x2 */
    base_write(BASE | BSP | APIC_BASE_EXTD);
    base_write(BASE | BSP | APIC_BASE_EN); /* off -> xAPIC */
    gprintf("xapic: base %llx\n", rdmsr64(MSR_APIC_BASE));
    msr_read(X2APIC_VERSION);
    base_write(0xfec00000U | BSP | APIC_BASE_EN); /* moved */
    base_write(BASE | BSP | APIC_BASE_EN);        /* the same again */
}

static bool irr_bit(uint32_t vector)
{
    return (rd(R_IRR + (vector / 32) * 0x10) >> (vector % 32)) & 1;
}

static void regs(void)
{
    gprintf("xapic: id %x version %x ldr %x dfr %x svr %x\n", rd(R_ID),
            rd(R_VER), rd(R_LDR), rd(R_DFR), rd(R_SVR));
    wr(R_SVR, 0x1ff);
    wr(R_TPR, 0x20);
    gprintf("xapic: svr %x tpr %x ppr %x\n", rd(R_SVR), rd(R_TPR), rd(R_PPR));
    wr(R_TPR, 0);
    wr(R_LDR, 0x01000000);
    wr(R_DFR, 0x0fffffff);
    gprintf("xapic: ldr %x dfr %x\n", rd(R_LDR), rd(R_DFR));
    wr(R_LDR, 0xffffffff);
    wr(R_DFR, 0xffffffff);
    gprintf("xapic: ldr %x dfr %x\n", rd(R_LDR), rd(R_DFR));
    wr(R_ESR, 0);
    wr(R_ICR, ICR_SELF | 5); /* illegal vector */
    wr(R_ESR, 0);
    gprintf("xapic: esr after vector 5: %x\n", rd(R_ESR));
    wr(R_ESR, 0);
    gprintf("xapic: esr %x\n", rd(R_ESR));
    wr(R_ICR, ICR_SELF | V_SELF);
    gprintf("xapic: self ipi pending %u icr %x\n", irr_bit(V_SELF), rd(R_ICR));
    wr(R_ICR2, 0); /* physical, destination 0: ourselves */
    wr(R_ICR, V_SELF + 1);
    gprintf("xapic: icr2 %x pending %u\n", rd(R_ICR2), irr_bit(V_SELF + 1));
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("xapic: taken %u %u, isr %x, ppr %x\n", irq_count[V_SELF],
            irq_count[V_SELF + 1], rd(R_ISR + 0x20), rd(R_PPR));
    wr(R_TPR, 0x60);
    wr(R_ICR, ICR_SELF | 0x53);
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("xapic: tpr 60 holds 53: taken %u ppr %x\n", irq_count[0x53],
            rd(R_PPR));
    wr(R_TPR, 0);
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("xapic: tpr 0: taken %u isr %x\n", irq_count[0x53],
            rd(R_ISR + 0x20));
}

/* 32-bit code, the page at its own address (paging off or 1:1). */
static void enc32(const char *mode)
{
    uint32_t a, b, c, d, e, f;
    uint32_t base = BASE, idx = 0x0c;

    asm volatile("movl 0xfee00030, %%eax\n\t"        /* A1 moffs32 */
                 "movl 0xfee00030, %%ecx\n\t"        /* 8B 0D disp32 */
                 "movl 0x30(%%ebx), %%edx\n\t"       /* disp8 */
                 "movl (%%ebx, %%esi, 4), %%edi\n\t" /* SIB */
                 : "=&a"(a), "=&c"(b), "=&d"(c), "=&D"(d)
                 : "b"(base), "S"(idx)
                 : "memory");
    asm volatile("movl %%fs:0xfee00000(, %%esi, 4), %0" /* SIB no base */
                 : "=r"(e)
                 : "S"(idx)
                 : "memory");
    asm volatile("movl $0x40, 0xfee00080" ::: "memory"); /* C7 05 imm32 */
    asm volatile("movl 0x80(%1), %0" : "=r"(f) : "r"(base) : "memory");
    gprintf("xapic: %s reads %x %x %x %x %x, imm32 tpr %x\n", mode, a, b, c, d,
            e, f);
    a = 0x20;
    asm volatile("movl %0, 0xfee00080" : : "a"(a) : "memory"); /* A3 */
    b = 0x10;
    asm volatile("movl %0, %%es:0x80(%1)" : : "r"(b), "r"(base) : "memory");
    gprintf("xapic: %s writes: tpr %x\n", mode, rd(R_TPR));
    wr(R_TPR, 0);
    wr(R_ICR, ICR_SELF | (V_SELF + 2));
    asm volatile("sti; nop; nop; cli" ::: "memory");
    gprintf("xapic: %s self ipi taken %u\n", mode, irq_count[V_SELF + 2]);
    irq_count[V_SELF + 2] = 0;
}

static void timer(void)
{
    uint32_t halts = 0, count;

    wr(R_TDCR, 3); /* divide by 16 */
    wr(R_LVTT, V_TIMER);
    wr(R_TMICT, 200000);
    count = rd(R_TMCCT);
    gprintf("xapic: one-shot armed %u, counting %u\n", rd(R_TMICT),
            count > 0 && count <= 200000);
    wait_irq(V_TIMER, 1, &halts);
    gprintf("xapic: one-shot fired %u, halted %u, count %u\n",
            irq_count[V_TIMER], halts > 0, rd(R_TMCCT));
    wr(R_LVTT, V_PERIODIC | LVT_PERIODIC);
    wr(R_TMICT, 100000);
    wait_irq(V_PERIODIC, 5, NULL);
    wr(R_LVTT, V_PERIODIC | LVT_PERIODIC | LVT_MASKED);
    wr(R_TMICT, 0);
    gprintf("xapic: periodic 5 ticks %u, lvt %x\n", irq_count[V_PERIODIC] >= 5,
            rd(R_LVTT));
}

static void tables(void)
{
    uint32_t i, j;

    for ( i = 0; i < 1024; i++ )
        pd32[i] = i << 22 | 0x83; /* present, writable, 4 MiB */
    for ( i = 0; i < 4; i++ )
    {
        for ( j = 0; j < 512; j++ )
            pd[i][j] = (uint64_t)(i * 512 + j) << 21 | 0x83;
        pae_pdpt[i] = (uintptr_t)pd[i] | 1;
        pdpt[i] = (uintptr_t)pd[i] | 3;
    }
    /* The first 2 MiB (this code) in 4 KiB pages: the longest walk. */
    for ( j = 0; j < 512; j++ )
        pt0[j] = (uint64_t)j << 12 | 3;
    pd[0][0] = (uintptr_t)pt0 | 3;
    pml4[0] = (uintptr_t)pdpt | 3;
    /* Long mode: the page again at 1 GiB (4 KiB) and 1 GiB + 2 MiB. */
    pdpt[1] = (uintptr_t)alias_pd | 3;
    alias_pd[0] = (uintptr_t)alias_pt | 3;
    alias_pt[0] = BASE | 0x1b; /* present, writable, uncached */
    alias_pd[1] = BASE | 0x9b;
}

static void long_mode(void)
{
    uint32_t rip, rip_imm, sib, r12, tpr, ldr, moffs, gs;

    paging_on((uintptr_t)pml4, 0x20, 1);
    rip = call64(x64_rip_read, 0);
    call64(x64_rip_write_imm, 0);
    rip_imm = rd(R_TPR);
    sib = call64(x64_sib_read, 0);
    r12 = call64(x64_r12_disp8_read, 0);
    call64(x64_r13_disp32_write, 0x50);
    tpr = rd(R_TPR);
    ldr = call64(x64_r8_ldr, 0x04000000);
    moffs = call64(x64_moffs_read, 0);
    gs = call64(x64_gs_read, 0);
    wr(R_TPR, 0);
    wr(R_LDR, 0);
    paging_off();
    gprintf("xapic: long rip %x, rip imm32 tpr %x, sib r15 %x, r12 %x, "
            "r13 r10 tpr %x, r8 r11 r14 ldr %x, moffs64 %x, gs %x\n",
            rip, rip_imm, sib, r12, tpr, ldr, moffs, gs);
}

static void paging(void)
{
    tables();
    paging_on((uintptr_t)pd32, 0x10, 0);
    enc32("pse");
    paging_off();
    paging_on((uintptr_t)pae_pdpt, 0x20, 0);
    enc32("pae");
    paging_off();
    long_mode();
}

static void wait_stage(uint32_t stage)
{
    while ( ap_stage < stage )
        asm volatile("pause" ::: "memory");
}

/* vCPU1: its APIC is in x2APIC mode from reset; it goes to xAPIC too. */
static void ap_ipis(void)
{
    gprintf("xapic: vCPU1 base %llx\n", rdmsr64(MSR_APIC_BASE));
    to_xapic();
    wr(R_LDR, 0x02000000); /* flat, bit 1 */
    gprintf("xapic: vCPU1 id %x ldr %x\n", rd(R_ID), rd(R_LDR));
    wr(R_ICR2, 0);
    wr(R_ICR, V_TO_BSP);
    wr(R_ICR, ICR_OTHERS | V_OTHERS);
    ap_stage = 1;
    wait_irq(V_PHYS, 1, NULL);
    wait_irq(V_FLAT, 1, NULL);
    gprintf("xapic: vCPU1 got physical %u flat %u, not %u\n",
            irq_count[V_PHYS], irq_count[V_FLAT], irq_count[V_MISS]);
    wr(R_DFR, 0x0fffffff); /* cluster 1, member 2 */
    wr(R_LDR, 0x12000000);
    ap_stage = 2;
    wait_irq(V_CLUSTER, 1, NULL);
    gprintf("xapic: vCPU1 got cluster %u, not %u\n", irq_count[V_CLUSTER],
            irq_count[V_MISS]);
    ap_stage = 3;
}

static void ap_random(void);

void ap_main(void)
{
    traps_install();
    if ( ap_random_done == 0xffffffffU )
        ap_random();
    else
        ap_ipis();
    for ( ;; )
        asm volatile("sti; hlt" ::: "memory");
}

static void start_ap(void)
{
    unsigned int i;

    for ( i = 0; i < (unsigned int)(ap_trampoline_end - ap_trampoline); i++ )
        ((volatile char *)TRAMPOLINE_PA)[i] = ap_trampoline[i];
    wr(R_ICR2, 1U << 24);
    wr(R_ICR, 0x4500); /* INIT, level assert */
    wr(R_ICR, 0x4600 | TRAMPOLINE_PA >> 12);
    wr(R_ICR, 0x4600 | TRAMPOLINE_PA >> 12);
}

static void smp(void)
{
    start_ap();
    wait_stage(1);
    wait_irq(V_TO_BSP, 1, NULL);
    wait_irq(V_OTHERS, 1, NULL);
    gprintf("xapic: vCPU0 got physical %u, all-but-self %u\n",
            irq_count[V_TO_BSP], irq_count[V_OTHERS]);
    wr(R_ICR2, 1U << 24);
    wr(R_ICR, V_PHYS);
    wr(R_ICR2, 0x04000000); /* flat: nobody has bit 2 */
    wr(R_ICR, ICR_LOGICAL | V_MISS);
    wr(R_ICR2, 0x02000000);
    wr(R_ICR, ICR_LOGICAL | V_FLAT);
    wait_stage(2);
    wr(R_DFR, 0x0fffffff);
    wr(R_LDR, 0x11000000);  /* cluster 1, member 1: us */
    wr(R_ICR2, 0x22000000); /* cluster 2: nobody */
    wr(R_ICR, ICR_LOGICAL | V_MISS);
    wr(R_ICR2, 0x12000000);
    wr(R_ICR, ICR_LOGICAL | V_CLUSTER);
    wait_stage(3);
    gprintf("xapic: vCPU0 cluster self %u\n", irq_count[V_CLUSTER]);
    wr(R_DFR, 0xffffffff);
    wr(R_LDR, 0);
}

/* Offsets inside a register's 16 bytes: 0 to read, writes dropped. */
static void odd(void)
{
    wr(R_TPR, 0x20);
    wr(R_TPR + 4, 0x70);
    wr(R_TPR + 8, 0x70);
    wr(R_TPR + 12, 0x70);
    wr(R_SVR + 4, 0);
    gprintf("xapic: odd reads %x %x %x %x, tpr %x svr %x\n", rd(R_VER + 4),
            rd(R_VER + 8), rd(R_VER + 12), rd(0xffc), rd(R_TPR), rd(R_SVR));
    wr(R_TPR, 0);
}

/*
 * Random 4-byte aligned registers, random values, interrupts off.  What
 * the ICR and the LVT entries send keeps a vector of 0x30 and up: an
 * interrupt in 16-31 would be taken, once interrupts are on again, as an
 * exception the guest does not expect.  Nor does the ICR send INIT or
 * SIPI (delivery modes 5 and 6 become 1 and 2): they would reset and
 * restart the guest's own vCPUs at the trampoline, as on hardware, when
 * the random run is not done.  The smp case tests them.
 */
static uint32_t random_mmio(unsigned int n)
{
    uint32_t sum = 0;
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        uint32_t off = rnd() & 0xffc;
        uint32_t v = rnd() % 3 ? rnd() : rnd() & 0xfff;

        if ( off == R_ICR || (off >= 0x2f0 && off <= 0x370) )
            v = (v & ~0xffU) | 0x30U | (v & 0xcfU);
        if ( off == R_ICR && ((v >> 8) & 7) >= 5 && ((v >> 8) & 7) <= 6 )
            v &= ~0x400U;
        if ( i & 1 )
            sum += rd(off);
        else
            wr(off, v);
    }
    return sum;
}

static void ap_random(void)
{
    to_xapic();
    seed = 99;
    ap_random_sum = random_mmio(RANDOM_ACCESSES);
    ap_random_done = 1;
}

/* Both vCPUs at once; vCPU0 prints for both (one console line each). */
static void random(void)
{
    ap_random_done = 0xffffffffU;
    start_ap();
    random_mmio(RANDOM_ACCESSES);
    while ( ap_random_done != 1 )
        asm volatile("pause" ::: "memory");
    to_xapic();
    gprintf("xapic: random: %u accesses on each vCPU, vCPU1 done %u\n",
            RANDOM_ACCESSES, ap_random_done);
    gprintf("xapic: after random: version %x\n", rd(R_VER));
}

static void back(void)
{
    base_write(BASE | BSP | APIC_BASE_EN | APIC_BASE_EXTD); /* xAPIC -> x2 */
    msr_read(X2APIC_VERSION);
    msr_read(X2APIC_ID);
    base_write(BASE | BSP); /* x2APIC -> disabled */
    msr_read(X2APIC_VERSION);
    base_write(BASE | BSP | APIC_BASE_EN); /* disabled -> xAPIC */
    gprintf("xapic: back in xapic: version %x svr %x\n", rd(R_VER), rd(R_SVR));
}

static uint32_t scratch[4];

/* A page table on the xAPIC page: linear 0x40000000 + 12 pages reads its
 * "entry" 12, the version register (32-bit paging, 4 MiB pages else). */
static void bad_walk(void)
{
    uint32_t v;

    tables();
    pd32[0x100] = BASE | 3;
    paging_on((uintptr_t)pd32, 0x10, 0);
    asm volatile("movl 0x4000c000, %0" : "=r"(v) : : "memory");
    paging_off();
    gprintf("xapic: bad-walk survived (%x)\n", v);
}

/* The accesses the hypervisor refuses: none of them comes back. */
static void bad(const char *cmd)
{
    static const char *const words[] = {
        "bad-byte",  "bad-movs", "bad-add",   "bad-push",    "bad-0x22",
        "bad-mov64", "bad-walk", "bad-fetch", "mmio-x2apic", "mmio-off",
    };
    uint32_t v = 0, base = BASE;
    unsigned int i;

    for ( i = 0; i < ARRAY_LEN(words); i++ )
        if ( has_word(cmd, words[i]) )
            break;
    if ( i == ARRAY_LEN(words) )
        return;
    gprintf("xapic: %s next\n", words[i]);
    switch ( i )
    {
    case 0:
        asm volatile("movb 0x30(%1), %b0" : "=q"(v) : "r"(base) : "memory");
        break;
    case 1:
    {
        uint32_t *dst = scratch;

        asm volatile("movsl" : "+S"(base), "+D"(dst) : : "memory");
        v = scratch[0];
        break;
    }
    case 2:
        asm volatile("addl %0, 0x80(%1)" : : "r"(1U), "r"(base) : "memory");
        break;
    case 3:
        asm volatile("pushl 0x30(%1); popl %0"
                     : "=r"(v)
                     : "r"(base)
                     : "memory");
        break;
    case 4:
        asm volatile("movl 0x22(%1), %0" : "=r"(v) : "r"(base) : "memory");
        break;
    case 5:
        tables();
        paging_on((uintptr_t)pml4, 0x20, 1);
        v = call64(x64_mov64, 0);
        paging_off();
        break;
    case 6:
        bad_walk();
        return;
    case 7:
        asm volatile("call *%0" : : "r"(base) : "memory");
        break;
    case 8:
        wrmsr64(MSR_APIC_BASE, BASE | BSP | APIC_BASE_EN | APIC_BASE_EXTD);
        v = rd(R_VER);
        break;
    default:
        wrmsr64(MSR_APIC_BASE, BASE | BSP);
        v = rd(R_VER);
        break;
    }
    gprintf("xapic: %s survived (%x)\n", words[i], v);
}

void guest_main(const struct hvm_start_info *si)
{
    const char *cmd = (const char *)(uintptr_t)si->cmdline_paddr;

    traps_install();
    if ( has_word(cmd, "modes") )
        modes();
    to_xapic();
    if ( has_word(cmd, "regs") )
        regs();
    if ( has_word(cmd, "enc") )
        enc32("flat");
    if ( has_word(cmd, "timer") )
        timer();
    if ( has_word(cmd, "paging") )
        paging();
    if ( has_word(cmd, "smp") )
        smp();
    if ( has_word(cmd, "odd") )
        odd();
    if ( has_word(cmd, "random") )
        random();
    if ( has_word(cmd, "back") )
        back();
    bad(cmd);
    gprintf("xapic: done\n");
    guest_power_off(0);
}
