/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lazytouch: every vCPU writes, at once, into the same 2 MiB pieces of RAM
 * no one has touched yet (their first use maps them), then the boot vCPU
 * checks each vCPU's words landed and everything else reads zero.
 */
#include "guest.h"

#define PIECE (2UL << 20)
#define PIECES 8
#define FIRST_PIECE (32UL << 20) /* beyond the image and the DTB */

const char guest_name[] = "lazytouch";

static volatile uint32_t go, done;

static void touch(unsigned long cpu)
{
    unsigned int i;

    while ( !go )
        ;
    for ( i = 0; i < PIECES; i++ )
    {
        volatile uint64_t *p =
            (volatile uint64_t *)(uintptr_t)(gi.ram_base + FIRST_PIECE +
                                             i * PIECE + 4096 * cpu);
        *p = 0x10ca1000 + cpu * 16 + i;
    }
    __atomic_add_fetch(&done, 1, __ATOMIC_SEQ_CST);
}

void secondary_main(unsigned long cpu)
{
    touch(cpu);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    guest_halt();
}

void guest_main(const void *fdt)
{
    unsigned int up, bad = 0, i, cpu;
    uint64_t off;

    guest_dt_read(fdt);
    up = start_other_cpus();
    go = 1;
    touch(0);
    while ( done != up + 1 )
        ;
    for ( i = 0; i < PIECES; i++ )
        for ( off = 0; off < PIECE; off += 8 )
        {
            uint64_t w =
                *(volatile uint64_t *)(uintptr_t)(gi.ram_base + FIRST_PIECE +
                                                  i * PIECE + off);

            cpu = (unsigned int)(off / 4096);
            if ( off % 4096 == 0 && cpu <= up )
                bad += w != 0x10ca1000 + cpu * 16 + i;
            else
                bad += w != 0;
        }
    gprintf("lazytouch: %u vCPUs wrote into %u fresh pieces, %u words wrong\n",
            up + 1, PIECES, bad);
    gprintf(bad ? "LAZYTOUCH-BAD\n" : "LAZYTOUCH-OK\n");
    psci_system_off();
}
