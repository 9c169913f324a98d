/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64: the measured launch's event log handed to a domain (measure-log.c). */
#ifndef ASM_ARM_MEASURE_LOG_H
#define ASM_ARM_MEASURE_LOG_H

#include <xen/sched.h>
#include <xen/setup.h>

/* Where the log goes: this far into the 2 MiB window that holds the DTB. */
#define MEASURE_LOG_DTB_OFFSET 0x100000UL

/*
 * Called by guest_dt_build() inside the domain's /reserved-memory node
 * (its own, or the host's the hardware domain keeps), whose children's
 * 'reg' takes @ac address and @sc size cells (1 or 2 each): adds the
 * log's no-map child when the domain gets it.  0 or -FDT_ERR_*.
 */
int measure_log_guest_dt(void *fdt, const struct domain *d, int ac, int sc);

/* Called after the DTB is loaded: copies the log into the domain.  0/-errno. */
int measure_log_load(struct domain *d);

#endif /* ASM_ARM_MEASURE_LOG_H */
