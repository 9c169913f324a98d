/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ramscan: search every RAM range of the e820 map (below 4 GiB) for a
 * marker something else (the loader, the hypervisor, another domain) left
 * there.  The marker is built at run time, so the image does not hold it.
 */
#include "guest.h"

/* "HL-SECRET-LEAK!!" as four little-endian words, each XOR KEY. */
#define KEY 0x5a5a5a5aU
static const uint32_t masked[4] = { 0x532d4c48U ^ KEY, 0x45524345U ^ KEY,
                                    0x454c2d54U ^ KEY, 0x21214b41U ^ KEY };

void guest_main(const struct hvm_start_info *si)
{
    const struct hvm_memmap_table_entry *e =
        (const void *)(uintptr_t)si->memmap_paddr;
    uint32_t m[4], i, found = 0, first = 0, mib = 0;

    for ( i = 0; i < 4; i++ )
        m[i] = masked[i] ^ KEY;
    for ( i = 0; i < si->memmap_entries; i++ )
    {
        uint64_t a = e[i].addr, end = e[i].addr + e[i].size;

        if ( e[i].type != E820_RAM )
            continue;
        if ( end > 0xfffff000ULL )
            end = 0xfffff000ULL;
        mib += (uint32_t)((end - a) >> 20);
        for ( ; a + 16 <= end; a += 4 )
        {
            const volatile uint32_t *p =
                (const volatile uint32_t *)(uintptr_t)a;

            if ( p[0] == m[0] && p[1] == m[1] && p[2] == m[2] &&
                 p[3] == m[3] && !found++ )
                first = (uint32_t)a;
        }
    }
    gprintf("ramscan: %u MiB scanned\n", mib);
    if ( found )
        gprintf("RAMSCAN-FOUND %u markers, the first at %x\n", found, first);
    else
        gprintf("RAMSCAN-CLEAN\n");
    guest_power_off(0);
}
