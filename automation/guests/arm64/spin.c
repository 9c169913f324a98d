/* SPDX-License-Identifier: GPL-2.0-only */
/* spin: print a marker, then burn its vCPU forever (no WFI). */
#include "guest.h"

const char guest_name[] = "spin";

void guest_main(const void *fdt)
{
    guest_dt_read(fdt);
    gprintf("SPIN-START\n");
    for ( ;; )
        asm volatile("" ::: "memory");
}
