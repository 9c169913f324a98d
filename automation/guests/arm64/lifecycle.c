/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lifecycle: checks that it starts as at boot (its image unchanged, its
 * RAM holding nothing of an earlier run), then leaves a marker in every
 * KiB of its RAM, overwrites a string of its own image and ends as its
 * first bootargs word says: "reboot" (PSCI SYSTEM_RESET), "crash" (a
 * fault the hypervisor cannot inject: the domain is crashed), "off"
 * (SYSTEM_OFF), "wait" (WFI for ever), "hang" (arms its watchdog, kicks
 * it a few times, then spins without kicking it), "wdt-probe" (every
 * register of the watchdog with good and bad accesses, then SYSTEM_OFF).
 * With "after=<ms>" it first prints "lifecycle: seq <n>" every 100 ms for
 * that long (the soak test counts them).
 */
#include "guest.h"

#define PSCI_SYSTEM_RESET 0x84000009U

/* "HL-PREVIOUS-RUN!" as two little-endian words. */
#define MARK0 0x49564552502d4c48ULL
#define MARK1 0x214e55522d53554fULL

const char guest_name[] = "lifecycle";

/* In the image: an image copied afresh has it whole. */
static const volatile char canary[] = "LIFECYCLE-IMAGE-AS-BUILT";

static uint64_t image_end(void)
{
    uint64_t e;

    asm("adrp %0, _end; add %0, %0, :lo12:_end" : "=r"(e));
    return e;
}

static bool image_pristine(void)
{
    static const char want[] = "LIFECYCLE-IMAGE-AS-BUILT";
    unsigned int i;

    for ( i = 0; i < sizeof(want); i++ )
        if ( canary[i] != want[i] )
            return false;
    return true;
}

/* Markers of an earlier run anywhere past the image: how many. */
static uint64_t scan(uint64_t start, uint64_t end, uint64_t *first)
{
    const volatile uint64_t *p = (const volatile uint64_t *)(uintptr_t)start;
    uint64_t found = 0;

    for ( ; (uint64_t)(uintptr_t)(p + 1) < end; p++ )
        if ( *p == MARK0 && p[1] == MARK1 && !found++ )
            *first = (uint64_t)(uintptr_t)p;
    return found;
}

static void mark(uint64_t start, uint64_t end)
{
    volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)start;

    for ( ; (uint64_t)(uintptr_t)(p + 2) <= end; p += 1024 / 8 )
    {
        p[0] = MARK0;
        p[1] = MARK1;
    }
    /* The canary too: only a fresh copy of the image has it. */
    ((volatile char *)canary)[0] = 'X';
}

/* The watchdog's control and refresh frames, from the DT; false if none. */
static bool wdt_frames(const void *fdt, uint64_t *ctrl, uint64_t *rfsh)
{
    int node, depth = 0;
    const void *reg;
    uint32_t len;

    for ( node = fdt_next_node(fdt, -1, &depth); node >= 0;
          node = fdt_next_node(fdt, node, &depth) )
        if ( fdt_compatible(fdt, node, "arm,sbsa-gwdt") )
            break;
    reg = node >= 0 ? fdt_prop(fdt, node, "reg", &len) : NULL;
    if ( !reg || len != 32 )
        return false;
    *ctrl = fdt_read_cells(reg, 0, 2);
    *rfsh = fdt_read_cells(reg, 4, 2);
    return true;
}

static uint64_t wdt_ctrl, wdt_rfsh, freq;

static uint64_t now(void)
{
    uint64_t t;

    asm volatile("isb; mrs %0, cntpct_el0" : "=r"(t));
    return t;
}

static void delay_ms(uint64_t ms)
{
    uint64_t end = now() + freq * ms / 1000;

    while ( now() < end )
        ;
}

static uint32_t rd32(uint64_t a)
{
    return *(volatile uint32_t *)(uintptr_t)a;
}

static void wr32(uint64_t a, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)a = v;
}

/* Arm the watchdog (100 ms a stage), kick it 5 times, then stop kicking. */
static void hang(void)
{
    unsigned int i;

    wr32(wdt_ctrl + 0x8, (uint32_t)(freq / 10));
    wr32(wdt_ctrl, 1);
    for ( i = 0; i < 5; i++ )
    {
        delay_ms(50);
        wr32(wdt_rfsh, 0);
    }
    gprintf("lifecycle: watchdog kicked 5 times, WCS=0x%x; hanging\n",
            rd32(wdt_ctrl));
    for ( ;; )
        ;
}

/* Both vCPUs write every register at once (WOR stays long: no expiry). */
static volatile unsigned int hammer_done;

static void hammer(uint32_t seed)
{
    uint32_t x = seed;
    unsigned int i;

    for ( i = 0; i < 3000; i++ )
    {
        x = x * 1664525U + 1013904223U;
        wr32(wdt_ctrl + 0x8, (uint32_t)(freq / 4) + (x >> 8));
        wr32(wdt_rfsh, x);
        wr32(wdt_ctrl, 1);
        wr32(wdt_ctrl + 0x14, 0x7fff0000U | (x & 0xffff));
        (void)rd32(wdt_ctrl + 0x10);
        (void)rd32(wdt_ctrl);
    }
}

void secondary_main(unsigned long cpu)
{
    hammer((uint32_t)cpu * 7919U);
    __atomic_add_fetch(&hammer_done, 1, __ATOMIC_SEQ_CST);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

static void wdt_concurrent(void)
{
    unsigned int others = start_other_cpus();

    hammer(12345);
    while ( __atomic_load_n(&hammer_done, __ATOMIC_SEQ_CST) < others )
        ;
    wr32(wdt_ctrl + 0x8, (uint32_t)(freq / 20));
    wr32(wdt_rfsh, 0);
    gprintf("wdt: %u vCPUs at it together, then WCS 0x%x, WOR %s\n",
            others + 1, rd32(wdt_ctrl),
            rd32(wdt_ctrl + 0x8) == (uint32_t)(freq / 20) ? "kept" : "LOST");
}

/* Every register, right and wrong; each line is checked by the test. */
static void wdt_probe(void)
{
    volatile uint8_t *b = (volatile uint8_t *)(uintptr_t)wdt_ctrl;
    volatile uint16_t *h = (volatile uint16_t *)(uintptr_t)wdt_ctrl;
    volatile uint64_t *q = (volatile uint64_t *)(uintptr_t)(wdt_ctrl + 0x10);
    uint64_t wcv;

    gprintf("wdt: W_IIDR 0x%x 0x%x, WCS 0x%x\n", rd32(wdt_ctrl + 0xfcc),
            rd32(wdt_rfsh + 0xfcc), rd32(wdt_ctrl));
    wr32(wdt_ctrl + 0x8, (uint32_t)(freq / 20));
    wr32(wdt_ctrl, 1);
    gprintf("wdt: WOR %s, WCS 0x%x\n",
            rd32(wdt_ctrl + 0x8) == (uint32_t)(freq / 20) ? "kept" : "LOST",
            rd32(wdt_ctrl));
    delay_ms(70);
    gprintf("wdt: after one period WCS 0x%x\n", rd32(wdt_ctrl));
    wr32(wdt_rfsh, 0);
    gprintf("wdt: after a refresh WCS 0x%x\n", rd32(wdt_ctrl));
    b[0] = 0;
    h[0] = 0;
    gprintf("wdt: byte and halfword writes ignored: WCS 0x%x, reads 0x%x "
            "0x%x\n",
            rd32(wdt_ctrl), b[0], h[0]);
    wcv = *q;
    gprintf(
        "wdt: WCV as one 64-bit read %s the two halves\n",
        wcv == ((uint64_t)rd32(wdt_ctrl + 0x14) << 32 | rd32(wdt_ctrl + 0x10))
            ? "matches"
            : "DIFFERS FROM");
    wr32(wdt_ctrl + 0x100, 0xffffffff);
    wr32(wdt_ctrl + 0xfcc, 0xffffffff);
    *(volatile uint64_t *)(uintptr_t)(wdt_ctrl + 0x8) = ~0ULL;
    gprintf("wdt: reserved 0x%x, W_IIDR 0x%x, last word 0x%x, WOR %s\n",
            rd32(wdt_ctrl + 0x100), rd32(wdt_ctrl + 0xfcc),
            rd32(wdt_ctrl + 0xffc),
            rd32(wdt_ctrl + 0x8) == (uint32_t)(freq / 20) ? "kept" : "LOST");
    wdt_concurrent();
    wr32(wdt_ctrl, 0);
    delay_ms(120);
    gprintf("wdt: disabled, two periods later WCS 0x%x\n", rd32(wdt_ctrl));
    gprintf("WDT-PROBE-DONE\n");
}

static void end_as(const char *how)
{
    if ( !str_ncmp(how, "reboot", 6) )
        psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
    else if ( !str_ncmp(how, "crash", 5) )
    {
        /* No vectors, then an abort the hypervisor must inject. */
        asm volatile("msr vbar_el1, xzr; isb");
        (void)*(volatile uint32_t *)0x10000000UL;
    }
    else if ( !str_ncmp(how, "wait", 4) )
        for ( ;; )
            asm volatile("wfi");
    else if ( !str_ncmp(how, "hang", 4) && wdt_ctrl )
        hang();
    else if ( !str_ncmp(how, "wdt-probe", 9) && wdt_ctrl )
        wdt_probe();
    psci_system_off();
}

void guest_main(const void *fdt)
{
    uint64_t start, end, found, first = 0;
    char how[48];
    unsigned int i;

    guest_dt_read(fdt);
    asm volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    if ( wdt_frames(fdt, &wdt_ctrl, &wdt_rfsh) )
        gprintf("lifecycle: watchdog at 0x%lx and 0x%lx\n", wdt_ctrl,
                wdt_rfsh);
    /* The DTB is in the RAM about to be marked: keep what it said. */
    for ( i = 0; i + 1 < sizeof(how) && gi.bootargs[i]; i++ )
        how[i] = gi.bootargs[i];
    how[i] = '\0';
    start = (image_end() + 0xfff) & ~0xfffULL;
    end = gi.ram_base + gi.ram_bytes;
    gprintf("lifecycle: image %s\n",
            image_pristine() ? "as built" : "CHANGED");
    found = scan(start, end, &first);
    if ( found )
        gprintf("lifecycle: RAM NOT SCRUBBED: %lu markers, the first at "
                "0x%lx\n",
                found, first);
    else
        gprintf("lifecycle: RAM scrubbed\n");
    gprintf("LIFECYCLE-UP %s\n", how);
    mark(start, end);
    gprintf("lifecycle: marked %lu MiB\n", (end - start) >> 20);
    if ( str_find(how, "after=") )
    {
        uint64_t n, ms = str_to_u64(str_find(how, "after=") + 6);

        for ( n = 0; n * 100 < ms; n++ )
        {
            gprintf("lifecycle: seq %lu\n", n);
            delay_ms(100);
        }
    }
    end_as(how);
}
