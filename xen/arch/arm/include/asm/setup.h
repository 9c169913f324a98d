/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 early boot: entry points and helpers shared by the boot files. */
#ifndef ASM_ARM_SETUP_H
#define ASM_ARM_SETUP_H

#include <xen/lib.h>
#include <xen/types.h>

/*
 * Image bounds, from xen.lds.S: code in [_start, _etext), constants in
 * [_etext, _erodata), then data and .bss up to _end; _etext and _erodata
 * are page-aligned.
 */
extern char _start[], _etext[], _erodata[], _end[];

/*
 * C entry from head.S on the boot CPU at EL2: MMU off, FP/SIMD usable,
 * .bss cleared, exceptions masked, vectors installed.  @fdt_paddr is x0 as
 * the loader passed it (not validated); @entry_ticks is CNTPCT_EL0 read at
 * the first instruction.  Never returns.
 */
__noreturn void start_xen(paddr_t fdt_paddr, uint64_t entry_ticks);

/*
 * Start the console on the UART the DT names (dtuart= in
 * xen,xen-bootargs, else /chosen/stdout-path, else the first PL011), or on
 * the QEMU virt PL011 when @fdt is NULL or names none.  @fdt has passed
 * fdt_check_header().  Returns 0 when the UART came from the DT, -ENOENT
 * when the fallback is in use; *@base and *@path say what was chosen.
 */
int dt_console_init(const void *fdt, paddr_t *base, const char **path);

/* The console UART's node in @fdt (its base in *@base), or -ENOENT. */
int dt_console_node(const void *fdt, paddr_t *base);

/* Make sure a console exists (QEMU virt's PL011 if none yet): for traps. */
void dt_console_emergency(void);

/*
 * Record the PSCI conduit from the DT's /psci node, for arch_power_off().
 * @fdt is NULL when no valid DT was passed (QEMU virt's smc is assumed).
 */
void psci_init(const void *fdt);

/*
 * Start the host CPU with affinity @mpidr at physical @entry, x0 =
 * @context, through the PSCI conduit.  Returns the PSCI status (0 or a
 * negative PSCI error; -1 without a usable conduit).
 */
int64_t psci_cpu_on(uint64_t mpidr, paddr_t entry, uint64_t context);

/*
 * Called from the vectors in entry.S with the vector number (0-15), the
 * interrupted x30 and sp.  Prints the syndrome and powers off.
 */
__noreturn void do_hyp_trap(unsigned int vector, uint64_t lr, uint64_t sp);

/* Wait for interrupts forever, with everything masked. */
__noreturn void arch_halt(void);

#endif /* ASM_ARM_SETUP_H */
