/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lifecycle: checks that it starts as at boot (its image unchanged, its
 * RAM holding nothing of an earlier run), then leaves a marker in every
 * KiB of RAM outside its image, overwrites a string of its image and ends
 * as its first command-line word says: "reboot" (the reset control
 * register, port 0xcf9), "crash" (a triple fault), "off" (ACPI-free
 * power-off port), "wait" (HLT with interrupts on, for ever), "hang"
 * (arms the IB700 watchdog for 2 s, refreshes it, then spins),
 * "wdt-probe" (its ports with wrong sizes, reads, arm then stop; spins).
 */
#include "guest.h"

#define RESET_PORT 0xcf9
#define RESET_VALUE 0x06

/* "HL-PREVIOUS-RUN!" as four little-endian words, each XOR KEY. */
#define KEY 0x5a5a5a5aU
static const uint32_t masked[4] = { 0x502d4c48U ^ KEY, 0x49564552U ^ KEY,
                                    0x2d53554fU ^ KEY, 0x214e5552U ^ KEY };

static const volatile char canary[] = "LIFECYCLE-IMAGE-AS-BUILT";
extern char _end[];

static bool image_as_built(void)
{
    static const char want[] = "LIFECYCLE-IMAGE-AS-BUILT";
    unsigned int i;

    for ( i = 0; i < sizeof(want); i++ )
        if ( canary[i] != want[i] )
            return false;
    return true;
}

/* Whether [@a, @a + 16) lies in the image (1 MiB up to _end). */
static bool in_image(uint64_t a)
{
    return a + 16 > 0x100000 && a < (uint64_t)(uintptr_t)_end;
}

/* The e820 map, copied: it is in the RAM about to be marked. */
static struct hvm_memmap_table_entry e[16];
static uint32_t n;

/* Scan (@mark false) or mark every KiB of each RAM range outside the image. */
static uint32_t walk(const uint32_t *m, bool mark, uint32_t *first)
{
    uint32_t i, found = 0;

    for ( i = 0; i < n; i++ )
    {
        uint64_t a = e[i].addr, end = e[i].addr + e[i].size;

        if ( e[i].type != E820_RAM )
            continue;
        end = end > 0xfffff000ULL ? 0xfffff000ULL : end;
        for ( ; a + 16 <= end; a += mark ? 1024 : 4 )
        {
            volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)a;

            if ( in_image(a) || (a < 0x1000) )
                continue;
            if ( mark )
            {
                p[0] = m[0], p[1] = m[1], p[2] = m[2], p[3] = m[3];
                continue;
            }
            if ( p[0] == m[0] && p[1] == m[1] && p[2] == m[2] &&
                 p[3] == m[3] && !found++ )
                *first = (uint32_t)a;
        }
    }
    return found;
}

static void end_as(const char *how)
{
    static const struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) no_idt = { 0, 0 };

    if ( has_word(how, "reboot") )
        outb(RESET_VALUE, RESET_PORT);
    else if ( has_word(how, "crash") )
        asm volatile("lidt %0; ud2" : : "m"(no_idt)); /* triple fault */
    else if ( has_word(how, "hang") )
    {
        unsigned int i;

        for ( i = 0; i < 3; i++ )
            outb(0x0e, 0x443); /* 30 - 2 * 14 = 2 s */
        gprintf("lifecycle: watchdog armed for 2 s; hanging\n");
        for ( ;; )
            ;
    }
    else if ( has_word(how, "wdt-probe") )
    {
        port_out(0x443, 2, 0x0f0f); /* 0 s, were it a byte: ignored */
        port_out(0x443, 4, 0x0f0f0f0fU);
        gprintf("wdt: reads 0x%x 0x%x 0x%x\n", port_in(0x441, 1),
                port_in(0x443, 2), port_in(0x443, 4));
        port_out(0xcf9, 2, 0x0606); /* a reset, were it a byte: ignored */
        port_out(0xcf9, 4, 0x06060606U);
        outb(0x0a, 0xcf9); /* SYS_RST and FULL_RST kept, no RST_CPU */
        gprintf("wdt: reset control 0x%x 0x%x 0x%x\n", port_in(0xcf9, 1),
                port_in(0xcf9, 2), port_in(0xcf9, 4));
        outb(0x0e, 0x443);
        outb(0, 0x441);
        gprintf("wdt: armed and stopped; spinning\n");
        for ( ;; )
            ;
    }
    else if ( has_word(how, "wait") )
        for ( ;; )
            asm volatile("sti; hlt");
    guest_power_off(0);
}

void guest_main(const struct hvm_start_info *si)
{
    const char *args = (const char *)(uintptr_t)si->cmdline_paddr;
    uint32_t m[4], i, found, first = 0;
    char how[16];

    /* The command line is in the RAM about to be marked: keep it. */
    for ( i = 0; args && i + 1 < sizeof(how) && args[i]; i++ )
        how[i] = args[i];
    how[i] = '\0';
    for ( i = 0; i < 4; i++ )
        m[i] = masked[i] ^ KEY;
    for ( n = 0; n < si->memmap_entries && n < ARRAY_LEN(e); n++ )
        e[n] = ((const struct hvm_memmap_table_entry *)(uintptr_t)
                    si->memmap_paddr)[n];
    gprintf("lifecycle: image %s\n",
            image_as_built() ? "as built" : "CHANGED");
    found = walk(m, false, &first);
    if ( found )
        gprintf("lifecycle: RAM NOT SCRUBBED: %u markers, the first at %x\n",
                found, first);
    else
        gprintf("lifecycle: RAM scrubbed\n");
    gprintf("LIFECYCLE-UP %s\n", how);
    walk(m, true, &first);
    ((volatile char *)canary)[0] = 'X';
    gprintf("lifecycle: RAM marked\n");
    end_as(how);
}
