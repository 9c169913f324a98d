/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tlbi: the guest's TLB invalidations take effect.  It turns its MMU on
 * (identity map of devices and RAM, one test page at VA 0x80000000 that
 * is not global, ASID 1), reads the test page through one host page,
 * points the entry at another, invalidates with one TLBI form and reads
 * again: the new page's contents must show.  Every EL1 form an Armv8.0 CPU
 * has, inner-shareable and local.  Where the hypervisor traps them (a
 * domain of one vCPU on QEMU's virt machine) it must do them itself.
 * Prints "tlbi: <form> ok" per form, a control read without invalidation,
 * and TLBI-DONE <failures>.
 */
#include "guest.h"

#define TEST_VA 0x80000000UL
#define ASID 1UL
#define MAGIC1 0x1111111111111111UL
#define MAGIC2 0x2222222222222222UL

#define DESC_TABLE 3UL
#define DESC_BLOCK 1UL
#define DESC_PAGE 3UL
#define DESC_AF (1UL << 10)
#define DESC_SH_INNER (3UL << 8)
#define DESC_NG (1UL << 11)
#define DESC_XN (3UL << 53)
#define ATTR_DEVICE (0UL << 2) /* MAIR attr 0: Device-nGnRnE */
#define ATTR_NORMAL (1UL << 2) /* MAIR attr 1: write-back */

const char guest_name[] = "tlbi";

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));
static uint64_t page1[512] __attribute__((aligned(4096)));
static uint64_t page2[512] __attribute__((aligned(4096)));

static uint64_t pa(const void *p)
{
    return (uint64_t)(uintptr_t)p; /* identity map */
}

static void mmu_on(void)
{
    uint64_t tcr = 25UL           /* T0SZ: 39-bit VA, walk from level 1 */
                   | (1UL << 8)   /* IRGN0 write-back */
                   | (1UL << 10)  /* ORGN0 write-back */
                   | (3UL << 12)  /* SH0 inner */
                   | (1UL << 23)  /* EPD1: no TTBR1 walks */
                   | (2UL << 32); /* IPS: 40 bits */
    uint64_t sctlr;

    /* VA 0-1 GiB devices, 1-2 GiB RAM, 2 GiB + 4 KiB the test page. */
    l1[0] = 0 | DESC_BLOCK | DESC_AF | ATTR_DEVICE | DESC_XN;
    l1[1] = 0x40000000UL | DESC_BLOCK | DESC_AF | DESC_SH_INNER | ATTR_NORMAL;
    l1[2] = pa(l2) | DESC_TABLE;
    l2[0] = pa(l3) | DESC_TABLE;
    asm volatile("dsb ish" ::: "memory");
    asm volatile("msr mair_el1, %0" ::"r"(0xff00UL));
    asm volatile("msr tcr_el1, %0" ::"r"(tcr));
    asm volatile("msr ttbr0_el1, %0" ::"r"(pa(l1) | (ASID << 48)));
    asm volatile("isb; tlbi vmalle1; dsb nsh; isb" ::: "memory");
    asm volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr |= (1UL << 0) | (1UL << 2) | (1UL << 12); /* M, C, I */
    asm volatile("msr sctlr_el1, %0; isb" ::"r"(sctlr) : "memory");
}

static void point_at(const uint64_t *page)
{
    l3[0] = pa(page) | DESC_PAGE | DESC_AF | DESC_SH_INNER | ATTR_NORMAL |
            DESC_NG | DESC_XN;
    asm volatile("dsb ishst" ::: "memory");
}

static uint64_t read_test(void)
{
    return *(volatile uint64_t *)TEST_VA;
}

/* The operands: %0 VA and ASID, %1 ASID alone (random when abused). */
static uint64_t op_va = (TEST_VA >> 12) | (ASID << 48), op_asid = ASID << 48;
#define TLBI(insn) \
    asm volatile(insn "; dsb ish; isb" ::"r"(op_va), "r"(op_asid) : "memory")
#define NR_FORMS 12

/* Form @i (no table of pointers: the image has no relocations). */
static const char *form(unsigned int i, bool run)
{
    switch ( i )
    {
#define FORM(n, name, arg) \
    case n: \
        if ( run ) \
            TLBI("tlbi " name arg); \
        return name;
        FORM(0, "vae1is", ", %0")
        FORM(1, "vale1is", ", %0")
        FORM(2, "vaae1is", ", %0")
        FORM(3, "vaale1is", ", %0")
        FORM(4, "aside1is", ", %1")
        FORM(5, "vmalle1is", "")
        FORM(6, "vae1", ", %0")
        FORM(7, "vale1", ", %0")
        FORM(8, "vaae1", ", %0")
        FORM(9, "vaale1", ", %0")
        FORM(10, "aside1", ", %1")
        FORM(11, "vmalle1", "")
#undef FORM
    }
    return "";
}

/* The entry on page1 and cached, then on page2: what a read gives next. */
static uint64_t after(int i)
{
    point_at(page1);
    TLBI("tlbi vmalle1");
    if ( read_test() != MAGIC1 )
        return 0;
    point_at(page2);
    if ( i >= 0 )
        form((unsigned int)i, true);
    return read_test();
}

/* Every form, @rounds times each, with random operands. */
static void abuse(unsigned int rounds)
{
    uint64_t x = 0x9e3779b97f4a7c15UL, va = op_va, asid = op_asid;
    unsigned int r, i;

    for ( r = 0; r < rounds; r++ )
        for ( i = 0; i < NR_FORMS; i++ )
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            op_va = x;
            op_asid = x << 7;
            form(i, true);
        }
    op_va = va;
    op_asid = asid;
}

/* Each form in turn: the number that did not take effect. */
static unsigned int check_all(bool quiet)
{
    unsigned int i, fails = 0;
    uint64_t v;

    for ( i = 0; i < NR_FORMS; i++ )
    {
        v = after((int)i);
        if ( v != MAGIC2 )
        {
            gprintf("tlbi: %s read 0x%lx\n", form(i, false), v);
            fails++;
        }
        else if ( !quiet )
            gprintf("tlbi: %s ok\n", form(i, false));
    }
    return fails;
}

void guest_main(const void *fdt)
{
    unsigned int fails, abused;
    uint64_t v;

    guest_dt_read(fdt);
    page1[0] = MAGIC1;
    page2[0] = MAGIC2;
    mmu_on();
    gprintf("TLBI-START\n");
    fails = check_all(false);
    abuse(2000);
    abused = check_all(true);
    gprintf("tlbi: %u invalidations with random operands, then %u of %u "
            "forms took effect\n",
            2000 * NR_FORMS, NR_FORMS - abused, NR_FORMS);
    fails += abused;
    /* Not asserted: without an invalidation the old entry may be gone. */
    v = after(-1);
    gprintf("tlbi: control without invalidation read the %s page\n",
            v == MAGIC1   ? "old"
            : v == MAGIC2 ? "new"
                          : "wrong");
    gprintf("TLBI-DONE %u\n", fails);
    psci_system_off();
}
