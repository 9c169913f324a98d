/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * halt: with "sti" on the command line, halt 1000 times with interrupts
 * enabled, each time until a one-shot APIC timer wakes it (the vCPU
 * blocks meanwhile: the CPU goes to the others), then power off;
 * otherwise halt with interrupts disabled, which is the end of it.
 */
#include "guest.h"

#define ROUNDS 1000
#define V_TIMER 0x40

void guest_main(const struct hvm_start_info *si)
{
    const char *cmd = (const char *)(uintptr_t)si->cmdline_paddr;
    unsigned int i;

    if ( cmd && cmd[0] == 's' && cmd[1] == 't' && cmd[2] == 'i' )
    {
        traps_install();
        x2apic_enable();
        wrmsr64(X2APIC_LVT_TIMER, V_TIMER); /* one-shot */
        for ( i = 0; i < ROUNDS; i++ )
        {
            wrmsr64(X2APIC_TMICT, 20000); /* 40000 TSC cycles: div 2 */
            wait_irq(V_TIMER, i + 1, NULL);
        }
        gprintf("halt: back from %u halts\n", ROUNDS);
        guest_power_off(0);
    }
    gprintf("halt: halting with interrupts disabled\n");
    for ( ;; )
        asm volatile("cli; hlt" ::: "memory");
}
