/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lifecycle: checks that it starts as at boot (its image unchanged, its
 * RAM holding nothing of an earlier run), then leaves a marker in every
 * KiB of its RAM, overwrites a string of its own image and ends as its
 * first bootargs word says: "reboot" (PSCI SYSTEM_RESET), "crash" (a
 * fault the hypervisor cannot inject: the domain is crashed), "off"
 * (SYSTEM_OFF), "wait" (WFI for ever), "hang" (spins without kicking its
 * watchdog).
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
    else if ( !str_ncmp(how, "hang", 4) )
        for ( ;; )
            ;
    psci_system_off();
}

void guest_main(const void *fdt)
{
    uint64_t start, end, found, first = 0;
    char how[16];
    unsigned int i;

    guest_dt_read(fdt);
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
    end_as(how);
}
