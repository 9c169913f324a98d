/* SPDX-License-Identifier: GPL-2.0-only */
/* hostile-io: write to an I/O port nobody emulates; must be stopped. */
#include "guest.h"

#define UNKNOWN_PORT 0xcf8 /* PCI configuration address: no PCI here */

void guest_main(const struct hvm_start_info *si)
{
    gprintf("hostile-io: writing to port %x\n", UNKNOWN_PORT);
    outl(0x80000000U, UNKNOWN_PORT);
    gprintf("hostile-io: STILL-RUNNING\n");
    guest_power_off(0);
}
