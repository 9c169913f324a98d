/* SPDX-License-Identifier: GPL-2.0-only */
/* hostile-hvc: call an unknown HVC function, then an unknown SMC. */
#include "guest.h"

/* SMCCC fast call, owner 7 (reserved): nobody implements it. */
#define UNKNOWN_FN 0x8700dead

const char guest_name[] = "hostile-hvc";

void guest_main(const void *fdt)
{
    unsigned int seen;
    uint64_t rc;

    guest_dt_read(fdt);

    gprintf("hostile-hvc: hvc #0 function 0x%x\n", UNKNOWN_FN);
    seen = exc_count;
    rc = hvc_call(UNKNOWN_FN, 0, 0, 0);
    if ( exc_count == seen )
        gprintf("hostile-hvc: hvc returned %ld\n", (int64_t)rc);

    gprintf("hostile-hvc: smc #0 function 0x%x\n", UNKNOWN_FN);
    seen = exc_count;
    rc = smc_call(UNKNOWN_FN, 0, 0, 0);
    if ( exc_count == seen )
        gprintf("hostile-hvc: smc returned %ld\n", (int64_t)rc);

    gprintf("HOSTILE-HVC-DONE\n");
    psci_system_off();
}
