/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 domains and vCPUs as built from the Hyperlaunch DT and run. */
#ifndef ASM_ARM_DOMAIN_H
#define ASM_ARM_DOMAIN_H

#include <xen/bootinfo.h>
#include <xen/types.h>
#include <asm/p2m.h>

/* Guest physical map (Xen's public arm64 layout). */
#define GUEST_RAM0_SIZE 0xc0000000ULL
#define GUEST_PL011_BASE 0x22000000ULL
#define GUEST_PL011_SIZE 0x1000ULL
#define GUEST_GICD_BASE 0x03001000ULL
#define GUEST_GICV3_GICD_SIZE 0x10000ULL
#define GUEST_GICV3_GICR0_BASE 0x03020000ULL
#define GUEST_GICV3_GICR0_SIZE 0x01000000ULL
#define GUEST_GICC_BASE 0x03002000ULL
#define GUEST_GICV2_GICD_SIZE 0x1000ULL
#define GUEST_GICC_SIZE 0x2000ULL
#define GUEST_PHANDLE_GIC 65000U

/*
 * Guest GPRs and return state, saved by the guest exit path in
 * arm64/guest-entry.S: the offsets are fixed there (x[n] at 8 * n, pc at
 * 248, cpsr at 256).
 */
struct guest_regs {
    uint64_t x[31];
    uint64_t pc;   /* ELR_EL2 */
    uint64_t cpsr; /* SPSR_EL2 */
};

/*
 * EL1 system registers and the guest's own timers, saved when the domain
 * is switched out and loaded when it is switched back in (domain-run.c).
 */
struct el1_regs {
    uint64_t sctlr, cpacr, vbar, ttbr0, ttbr1, tcr, mair, amair;
    uint64_t contextidr, tpidr, tpidr0, tpidrro, sp0, sp1, elr, spsr;
    uint64_t esr, far, afsr0, afsr1, par, csselr, cntkctl;
    uint64_t cntv_ctl, cntv_cval, cntp_ctl, cntp_cval;
};

#define VPL011_LINE_MAX 256

enum domain_state {
    DOMAIN_EMPTY,
    DOMAIN_BUILT,
    DOMAIN_RUNNING,
    DOMAIN_OFF,
    DOMAIN_CRASHED,
};

struct domain {
    domid_t domid;
    uint16_t vmid;
    enum domain_state state;
    const struct boot_domain *bd;
    struct p2m p2m;
    uint64_t ram_size; /* at GUEST_RAM0_BASE */
    paddr_t kernel_gpa, kernel_end;
    paddr_t ramdisk_gpa, dtb_gpa;
    bool vpl011;
    bool gic_v2;
    unsigned int nr_hvc_reports; /* rate limit of unknown HVC/SMC lines */
    unsigned int line_len;
    char line[VPL011_LINE_MAX]; /* vpl011 output not yet printed */
    struct guest_regs regs;     /* vCPU0 */
    struct el1_regs el1;        /* vCPU0, valid once it has run */
};

/*
 * Build @d from @bd: VMID, stage-2 RAM, kernel, ramdisk and the guest DT
 * in its RAM, vCPU0 at the kernel entry.  @host_fdt is the host DT (for
 * the GIC version).  Prints where everything went.  Returns 0 or -errno
 * after one line naming the domain; a half-built @d is left for
 * domain_destroy().
 */
int domain_build(struct domain *d, const struct boot_domain *bd,
                 const void *host_fdt, uint16_t vmid);

/* Free what domain_build() gave @d; accepts a half-built domain. */
void domain_destroy(struct domain *d);

/*
 * Write the guest DT of @d (RAM, kernel, ramdisk and DTB placed) into
 * @buf of @size bytes.  Returns 0 or -errno (-ENOSPC: @buf too small).
 */
int guest_dt_build(const struct domain *d, void *buf, int size);

/*
 * Copy @len bytes from @src to guest physical @gpa of @d through its
 * stage-2 tables.  Returns 0, or -EFAULT when part of the range is not
 * guest RAM.
 */
int domain_copy_to_guest(struct domain *d, paddr_t gpa, const void *src,
                         uint64_t len);

/*
 * Run @d's vCPU0 on this CPU for one time slice: until the domain powers
 * off or crashes, the hypervisor timer ticks, or the vCPU waits (WFI).
 * Called with VTCR_EL2 programmed; loads @d's EL1 state (reset state the
 * first time) and saves it again on the way out.  Returns with d->state
 * RUNNING (runnable, switched out), OFF or CRASHED.
 */
void domain_run(struct domain *d);

/* End @d for good: print why, state CRASHED.  Never returns to the guest. */
void domain_crash(struct domain *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Enter the guest with @regs (x0-x30, pc, cpsr) on this CPU, VTTBR_EL2
 * and HCR_EL2 set.  Returns on the next exception from the guest, with
 * @regs saved, the vector number (8-15, see hyp_vectors).
 */
unsigned int guest_run(struct guest_regs *regs);

/*
 * Handle the exit from @d's vCPU0 through hyp_vectors entry @vector, with
 * ESR_EL2, FAR_EL2 and HPFAR_EL2 still those of the exit: emulate, or
 * crash the domain.  Never panics on what the guest did.  Returns true
 * when the vCPU should yield the CPU (timer tick, WFI).
 */
bool guest_trap(struct domain *d, unsigned int vector);

/*
 * Build every domain of @bi (a plan that passed parse and check) on the
 * boot CPU; @fdt is the host DT.  Nothing runs yet.  Returns 0, or -errno
 * after the failing domain was reported and every domain freed.
 */
int domains_build(const struct boot_info *bi, const void *fdt);

/*
 * Run the built domains round-robin on this CPU, time-sliced by the
 * hypervisor timer when @ticks (the host GIC is up), a domain leaving the
 * run queue when it powers off or crashes; then print that all have
 * stopped.
 */
void domains_run(bool ticks);

/*
 * Emulators.  Each returns true when it handled the access; guest
 * registers are updated, the PC is not advanced.
 */
bool vpl011_mmio(struct domain *d, paddr_t gpa, bool write, uint64_t *val);
/* Handle the PSCI or other SMCCC call in @d->regs (HVC or trapped SMC). */
void vpsci_call(struct domain *d);

#endif /* ASM_ARM_DOMAIN_H */
