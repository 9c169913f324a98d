/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * leak: "write" puts a secret into its RAM, x87 ST0, XMM0-15, the upper
 * halves of YMM0-15 (with AVX) and DR0-DR3, gives the CPU away for a while
 * and ends; "read" (at once, or with "late" after giving the CPU away as
 * long) looks for the secret in its own registers and RAM and says where
 * it found it, or "leak: clean".
 */
#include "guest.h"

#define SECRET 0x5ec2e71dU
#define CR4_OSFXSR (1U << 9)
#define CR4_OSXMMEXCPT (1U << 10)
#define CR4_OSXSAVE (1U << 18)
#define YIELDS 50
#define MAX_REPORTS 64

void long_mode_enter(void);
void regs64_fill(uint32_t s, uint32_t avx);
void regs64_save(void *area, uint32_t xsave);

extern char _end[];
static uint8_t area[4096] __attribute__((aligned(64)));
static bool has_xsave, has_avx;
static unsigned int reports;

static void yield(unsigned int n)
{
    guest_yield(n);
}

/* SSE, and XSAVE with AVX when the CPUID says so; then long mode. */
static void setup(void)
{
    uint32_t a, b, c, d, cr4;

    asm volatile("cpuid"
                 : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
                 : "a"(1), "c"(0));
    has_xsave = c & (1U << 26);
    has_avx = has_xsave && (c & (1U << 28));
    asm volatile("mov %%cr4, %0" : "=r"(cr4));
    cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT | (has_xsave ? CR4_OSXSAVE : 0);
    asm volatile("mov %0, %%cr4" : : "r"(cr4));
    if ( has_xsave )
        asm volatile("xsetbv" : : "c"(0), "a"(has_avx ? 7 : 3), "d"(0));
    traps_install();
    long_mode_enter();
}

/* The reader must not find the secret; the writer must find it kept. */
static bool writer;

static void found(const char *where, uint32_t n, bool has)
{
    if ( has != writer && reports++ < MAX_REPORTS )
        gprintf("leak: secret %s %s%u\n", writer ? "lost from" : "found in",
                where, n);
}

static void check_area(void)
{
    static const struct {
        uint32_t off, size, count;
        const char *name;
    } parts[] = {
        { 32, 16, 8, "ST" },
        { 160, 16, 16, "XMM" },
        { 576, 16, 16, "YMM upper half " },
    };
    unsigned int p, i, w;

    for ( p = 0; p < ARRAY_LEN(parts); p++ )
    {
        if ( p == 2 && !has_avx )
            break;
        for ( i = 0; i < parts[p].count; i++ )
        {
            bool has = false;

            for ( w = 0; w < parts[p].size; w += 4 )
            {
                const uint32_t *x = (const void *)(area + parts[p].off +
                                                   i * parts[p].size + w);

                has = has || *x == SECRET;
            }
            /* The writer loaded only ST0. */
            if ( p || !i || !writer )
                found(parts[p].name, i, has);
        }
    }
}

static void check_drs(void)
{
    uint32_t dr[4];
    unsigned int i;

    asm volatile("mov %%dr0, %0" : "=r"(dr[0]));
    asm volatile("mov %%dr1, %0" : "=r"(dr[1]));
    asm volatile("mov %%dr2, %0" : "=r"(dr[2]));
    asm volatile("mov %%dr3, %0" : "=r"(dr[3]));
    for ( i = 0; i < 4; i++ )
        found("DR", i, dr[i] == SECRET);
}

static uint32_t ram_top(const struct hvm_start_info *si)
{
    const struct hvm_memmap_table_entry *e =
        (const void *)(uintptr_t)si->memmap_paddr;
    uint32_t i, top = 0;

    for ( i = 0; i < si->memmap_entries; i++ )
        if ( e[i].type == E820_RAM && e[i].addr + e[i].size > top &&
             e[i].addr + e[i].size <= 0x40000000ULL )
            top = (uint32_t)(e[i].addr + e[i].size);
    return top;
}

/* All its RAM but its own image (which holds the constant). */
static void check_ram(const struct hvm_start_info *si)
{
    uint32_t top = ram_top(si), a;

    for ( a = 0; a < top; a += 4 )
    {
        if ( a >= 0x100000 && a < (uint32_t)(uintptr_t)_end )
            continue;
        if ( *(volatile uint32_t *)(uintptr_t)a == SECRET )
            found("RAM at 0x", a, true);
    }
}

static void write_secret(const struct hvm_start_info *si)
{
    static const uint8_t st0[10] = { 0x1d, 0xe7, 0xc2, 0x5e, 0x1d,
                                     0xe7, 0xc2, 0xde, 0xff, 0x3f };
    uint32_t top = ram_top(si), a, s = SECRET;

    for ( a = ((uint32_t)(uintptr_t)_end + 0xfff) & ~0xfffU; a < top; a += 4 )
        *(volatile uint32_t *)(uintptr_t)a = SECRET;
    asm volatile("fninit; fldt %0" : : "m"(st0));
    asm volatile("mov %0, %%dr0; mov %0, %%dr1; mov %0, %%dr2; mov %0, %%dr3"
                 :
                 : "r"(s));
    regs64_fill(SECRET, has_avx);
    gprintf("leak: secret written (AVX %u)\n", has_avx);
    yield(YIELDS);
    /* Its own registers must have come back with it. */
    writer = true;
    regs64_save(area, has_xsave);
    check_area();
    check_drs();
    gprintf("leak: writer done, %s\n", reports ? "STATE LOST" : "state kept");
}

void guest_main(const struct hvm_start_info *si)
{
    const char *cmd = (const char *)(uintptr_t)si->cmdline_paddr;

    setup();
    if ( has_word(cmd, "write") )
    {
        write_secret(si);
        guest_power_off(0);
    }
    yield(has_word(cmd, "late") ? 2 * YIELDS : YIELDS / 5);
    regs64_save(area, has_xsave);
    check_area();
    check_drs();
    check_ram(si);
    gprintf("leak: %s\n", reports ? "SECRET FOUND" : "clean");
    guest_power_off(0);
}
