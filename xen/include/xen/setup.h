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

/*
 * Measured launch (xen/common/measure.c), called by hyperlaunch_setup()
 * once the plan is valid: measure the DTB, the modules and each domain's
 * configuration into the event log and the TPM.  Returns 0, -EINVAL when
 * a module differs from its 'hyperlaunch,sha256', or -ENODEV when the TPM
 * failed (absent, erring, silent) under hyperlaunch,tpm-failure = "stop"
 * (each reported; the boot must stop before any domain is built).
 */
int measure_boot(const void *fdt, size_t fdt_size, const struct boot_info *bi);

/* The event log measure_boot() wrote (@size bytes), or NULL before it. */
const void *measure_event_log(size_t *size);

/*
 * Whether @bd is handed the event log (a copy, in memory the architecture
 * reserves for it): the control or hardware domain, or a domain with the
 * empty property hyperlaunch,event-log; never before measure_boot().
 */
bool measure_log_wanted(const struct boot_domain *bd);

/* Implemented by each architecture. */

/*
 * Called once by measure_boot() when the boot hashes anything (measured,
 * or a module with an expected digest): point sha256_blocks at the CPU's
 * SHA-256 instructions when it has them (checked against a known answer),
 * else leave the portable code in place.
 */
void arch_sha256_select(void);

/*
 * Stop the machine for good (PSCI SYSTEM_OFF, QEMU exit, or halt).  Called
 * with the console working; @code is 0 for a normal stop, non-zero when the
 * boot failed.  Never returns.
 */
__noreturn void arch_power_off(int code);

#endif /* XEN_SETUP_H */
