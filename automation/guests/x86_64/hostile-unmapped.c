/* SPDX-License-Identifier: GPL-2.0-only */
/* hostile-unmapped: write far beyond its RAM (at 3 GiB); must be stopped. */
#include "guest.h"

#define OUTSIDE_RAM 0xc0000000U

void guest_main(const struct hvm_start_info *si)
{
    gprintf("hostile-unmapped: writing to %x\n", OUTSIDE_RAM);
    *(volatile uint32_t *)(uintptr_t)OUTSIDE_RAM = 0xdeadbeef;
    gprintf("hostile-unmapped: STILL-RUNNING\n");
    guest_power_off(0);
}
