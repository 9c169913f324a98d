/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot flow shared by the architectures once the console works. */
#ifndef XEN_SETUP_H
#define XEN_SETUP_H

#include <xen/bootinfo.h>
#include <xen/lib.h>

/*
 * Run the Hyperlaunch DT phases on @fdt: parse, check, print the plan.
 * @bi has its environment fields (DTB, image, loader modules) filled in.
 * Returns 0 when the configuration is valid, else -errno after every
 * problem was reported; no domain has been started either way.
 */
int hyperlaunch_setup(const void *fdt, size_t fdt_size, struct boot_info *bi);

/* Implemented by each architecture. */

/*
 * Stop the machine for good (PSCI SYSTEM_OFF, QEMU exit, or halt).  Called
 * with the console working; @code is 0 for a normal stop, non-zero when the
 * boot failed.  Never returns.
 */
__noreturn void arch_power_off(int code);

#endif /* XEN_SETUP_H */
