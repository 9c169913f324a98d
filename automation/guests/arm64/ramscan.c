/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ramscan: search all of its RAM beyond its own image for a marker that
 * something else (the loader, the hypervisor, another domain) wrote; each
 * 64-bit word is compared, so a marker at any 8-byte offset is found.
 */
#include "guest.h"

/* The marker: "HL-SECRET-LEAK!!" as two little-endian words. */
#define MARK0 0x45524345532d4c48ULL
#define MARK1 0x21214b41454c2d54ULL

const char guest_name[] = "ramscan";

/* The end of the image (bss and stacks included), PC-relative. */
static uint64_t image_end(void)
{
    uint64_t e;

    asm("adrp %0, _end; add %0, %0, :lo12:_end" : "=r"(e));
    return e;
}

void guest_main(const void *fdt)
{
    uint64_t start, end, found = 0, first = 0, zero = 0, words = 0;
    const volatile uint64_t *p;

    guest_dt_read(fdt);
    start = (image_end() + 0xfff) & ~0xfffULL;
    end = gi.ram_base + gi.ram_bytes;
    for ( p = (const volatile uint64_t *)(uintptr_t)start;
          (uint64_t)(uintptr_t)p < end; p++ )
    {
        uint64_t w = *p;

        /* The DTB lies in RAM too; it holds no marker. */
        words++;
        zero += !w;
        if ( w == MARK0 && (uint64_t)(uintptr_t)(p + 1) < end &&
             p[1] == MARK1 )
        {
            if ( !found++ )
                first = (uint64_t)(uintptr_t)p;
        }
    }
    gprintf("ramscan: %lu MiB scanned, %lu%% zero\n", words >> 17,
            zero * 100 / (words ? words : 1));
    if ( found )
        gprintf("RAMSCAN-FOUND %lu markers, the first at 0x%lx\n", found,
                first);
    else
        gprintf("RAMSCAN-CLEAN\n");
    psci_system_off();
}
