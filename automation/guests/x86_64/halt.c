/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * halt: with "sti" on the command line, halt 1000 times with interrupts
 * enabled (each HLT gives the CPU away and comes back), then power off;
 * otherwise halt with interrupts disabled, which is the end of it.
 */
#include "guest.h"

#define ROUNDS 1000

void guest_main(const struct hvm_start_info *si)
{
    const char *cmd = (const char *)(uintptr_t)si->cmdline_paddr;
    unsigned int i;

    if ( cmd && cmd[0] == 's' && cmd[1] == 't' && cmd[2] == 'i' )
    {
        for ( i = 0; i < ROUNDS; i++ )
            asm volatile("sti; hlt; cli" ::: "memory");
        gprintf("halt: back from %u halts\n", ROUNDS);
        guest_power_off(0);
    }
    gprintf("halt: halting with interrupts disabled\n");
    for ( ;; )
        asm volatile("cli; hlt" ::: "memory");
}
