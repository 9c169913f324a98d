/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostile-io: touch what nobody emulates, with no IDT.  The command line
 * picks what: "msr" reads an MSR outside the policy (#GP), "vmload" runs
 * an SVM instruction (#UD), "triple" takes an exception with an empty IDT:
 * each a triple fault; "hypercall" makes an unknown hypercall (which fails,
 * and the guest goes on); anything else writes to an I/O port with no
 * device (dropped, and the guest goes on).
 */
#include "guest.h"

#define UNKNOWN_PORT 0xcf8 /* PCI configuration address: no PCI here */
#define UNKNOWN_MSR 0x3a   /* IA32_FEATURE_CONTROL */

void guest_main(const struct hvm_start_info *si)
{
    const char *cmd = (const char *)(uintptr_t)si->cmdline_paddr;
    uint32_t lo, hi;

    if ( has_word(cmd, "hypercall") )
    {
        uint32_t rc = 999;

        asm volatile("vmmcall" : "+a"(rc) : : "memory");
        gprintf("hostile-io: hypercall 999 returned %s%u\n",
                (int32_t)rc < 0 ? "-" : "", (int32_t)rc < 0 ? -rc : rc);
        guest_power_off(0);
    }
    else if ( has_word(cmd, "msr") )
    {
        gprintf("hostile-io: reading MSR %x\n", UNKNOWN_MSR);
        asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(UNKNOWN_MSR));
    }
    else if ( has_word(cmd, "triple") )
    {
        static const uint16_t empty_idt[3];

        gprintf("hostile-io: int3 with an empty IDT\n");
        asm volatile("lidt %0; int3" : : "m"(empty_idt) : "memory");
    }
    else if ( has_word(cmd, "vmload") )
    {
        gprintf("hostile-io: running vmload\n");
        asm volatile("vmload %%eax" : : "a"(0) : "memory");
    }
    else
    {
        gprintf("hostile-io: writing to port %x\n", UNKNOWN_PORT);
        outl(0x80000000U, UNKNOWN_PORT);
    }
    gprintf("hostile-io: STILL-RUNNING\n");
    guest_power_off(0);
}
