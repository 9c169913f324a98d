/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 parts of domains and vCPUs: guest memory map, register state. */
#ifndef ASM_ARM_DOMAIN_H
#define ASM_ARM_DOMAIN_H

#include <xen/bootinfo.h>
#include <xen/types.h>
#include <asm/exits.h>
#include <asm/p2m.h>
#include <asm/vgic.h>

/* Guest physical map (Xen's public arm64 layout). */
#include <xen/arm-guest-map.h>

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
 * is switched out and loaded when it is switched back in (vcpu-run.c).
 */
struct el1_regs {
    uint64_t sctlr, cpacr, vbar, ttbr0, ttbr1, tcr, mair, amair;
    uint64_t contextidr, tpidr, tpidr0, tpidrro, sp0, sp1, elr, spsr;
    uint64_t esr, far, afsr0, afsr1, par, csselr, cntkctl;
    uint64_t cntv_ctl, cntv_cval, cntp_ctl, cntp_cval;
    uint64_t tpidr2; /* TPIDR2_EL0, with SME (hidden, but reachable) */
    uint64_t vdisr;  /* VDISR_EL2 (the guest's DISR_EL1), with RAS */
};

/* FP/SIMD registers of a vCPU (arm64/fpsimd.S: q[n] at 16 * n). */
struct fp_regs {
    uint64_t q[64]; /* q0-q31, low half first */
    uint64_t fpsr, fpcr;
} __attribute__((aligned(16)));

struct arch_vcpu {
    struct guest_regs regs;
    struct el1_regs el1;
    struct fp_regs fp;
    struct vgic_vcpu vgic;
    uint64_t vmpidr;
    int last_cpu; /* host CPU it was last loaded on, -1 before */
    /* CNTV_CTL.IMASK is set by us (the timer fired), not by the guest. */
    bool vtimer_masked;
    /* Set by PSCI CPU_ON: reset to start_pc/start_ctx when next loaded. */
    bool start_pending;
    uint64_t start_pc, start_ctx;
    struct vcpu_exits exits;
    /* This exit may have made a device timer due (vdev_poll()). */
    bool vdev_poll;
};

/* The virtual SBSA generic watchdog of a domain (vwdt.c). */
struct vwdt {
    bool enabled_by_dt; /* hyperlaunch,watchdog */
    spinlock_t lock;
    uint32_t wcs, wor; /* control and status, offset */
    uint64_t wcv;      /* compare value */
};

struct arch_domain {
    uint16_t vmid;
    struct p2m p2m;
    /* RAM banks: GUEST_RAM0_BASE and GUEST_RAM1_BASE (the rest beyond
     * 3 GiB), or the host's static banks of a direct-mapped domain. */
    paddr_t ram0_base, ram1_base;
    uint64_t ram0_size, ram1_size;
    paddr_t kernel_gpa, kernel_end;
    paddr_t ramdisk_gpa, dtb_gpa;
    bool vpl011;
    uint32_t vpl011_imsc; /* interrupt mask set/clear */
    /* The vpl011's read page (vpl011.c): host address, mapped or not. */
    uint32_t *vpl011_page;
    bool vpl011_page_mapped;
    spinlock_t vpl011_lock; /* the read page's contents and mapping */
    bool gic_v2;
    struct vgic_domain vgic;
    unsigned int nr_hvc_reports;   /* rate limit of unknown HVC/SMC lines */
    unsigned int nr_fault_reports; /* rate limit of injected-fault lines */
    struct vwdt vwdt;
};

struct domain;
struct vcpu;

/*
 * Write the guest DT of @d (RAM, kernel, ramdisk and DTB placed) into
 * @buf of @size bytes.  Returns 0 or -errno (-ENOSPC: @buf too small).
 */
int guest_dt_build(const struct domain *d, void *buf, int size);

/* vMPIDR affinity (Aff1.Aff0) of vCPU @n, as Xen numbers vCPUs. */
static inline uint32_t vcpu_mpidr_aff(unsigned int n)
{
    return (n & 0xf) | (((n >> 4) & 0xff) << 8);
}

/*
 * Copy @len bytes from @src to guest physical @gpa of @d through its
 * stage-2 tables.  Returns 0, or -EFAULT when part of the range is not
 * guest RAM.
 */
int domain_copy_to_guest(struct domain *d, paddr_t gpa, const void *src,
                         uint64_t len);

/*
 * Make @v start afresh at @pc with x0 = @x0 (EL1h, MMU off, everything
 * masked) when it is next loaded on a host CPU.
 */
void vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t x0);

/*
 * Read the host features the guest traps depend on (vcpu-run.c).  Once,
 * on the boot CPU, before any guest runs; every host CPU is taken to have
 * the same.
 */
void vcpu_run_init(void);

/*
 * Enter the guest with @regs (x0-x30, pc, cpsr) on this CPU, VTTBR_EL2
 * and HCR_EL2 set.  Returns on the next exception from the guest, with
 * @regs saved, the vector number (8-15, see hyp_vectors).
 */
unsigned int guest_run(struct guest_regs *regs);

/* Save and load the FP/SIMD registers of this CPU (arm64/fpsimd.S). */
void fpsimd_save(struct fp_regs *fp);
void fpsimd_load(const struct fp_regs *fp);

/*
 * Handle the exit of @v through hyp_vectors entry @vector, with ESR_EL2,
 * FAR_EL2 and HPFAR_EL2 still those of the exit: emulate, or crash the
 * domain.  Never panics on what the guest did.  Returns true when the
 * vCPU should leave the CPU (timer tick, WFI, CPU_OFF).
 */
bool guest_trap(struct vcpu *v, unsigned int vector);

/*
 * Make loaded @v take a synchronous exception at its EL1 (inject.c): ESR
 * @esr and FAR @far, from the instruction at its PC.  @what names it in
 * the (rate-limited) log.  When the guest cannot take it (no vector table,
 * or the PC is in the vector table) the domain is crashed with one line
 * instead.  Returns false when the domain was crashed.
 */
bool vcpu_inject_sync(struct vcpu *v, uint64_t esr, uint64_t far,
                      const char *what);
/* An UNDEFINED exception for the instruction trapped with @esr_el2. */
bool vcpu_inject_undef(struct vcpu *v, uint64_t esr_el2);
/*
 * A synchronous external abort for the instruction fetch (@insn) or data
 * access trapped with @esr_el2, at FAR_EL2; @why goes in the log line.
 */
bool vcpu_inject_abort(struct vcpu *v, bool insn, uint64_t esr_el2,
                       const char *why);
/*
 * WFI for loaded @v (its PC already past the instruction): block it
 * unless an interrupt or its timer is already due.  Returns true when it
 * blocked (and leaves its host CPU).
 */
bool vcpu_wfi(struct vcpu *v);
/* Step @v past the instruction trapped with @esr (A64, A32 or T32). */
void vcpu_skip_insn(struct vcpu *v, uint64_t esr);
/* Whether the AArch32 instruction trapped with @esr passes its condition. */
bool vcpu_cond_passed(const struct vcpu *v, uint64_t esr);

/*
 * A trapped MSR/MRS (EC 0x18) or AArch32 CP14/CP15 access of @v with
 * @esr, emulated or answered with an UNDEFINED exception (vsysreg.c).
 * Returns false when the domain was crashed.
 */
bool vsysreg_access(struct vcpu *v, uint64_t esr);
bool vsysreg_cp_access(struct vcpu *v, uint64_t esr);

/*
 * The IPA of guest virtual @gva of the vCPU whose EL1 registers this CPU
 * holds (during its exit), through its stage 1 as it reads (@write: as it
 * writes) at EL1; @gva itself with its stage 1 off; ~0 when it does not
 * translate.
 */
paddr_t vcpu_gva_to_ipa(uint64_t gva, bool write);

/*
 * Emulators.  Each returns true when it handled the access; guest
 * registers are updated, the PC is not advanced.
 */
bool vpl011_mmio(struct domain *d, paddr_t gpa, bool write, uint64_t *val);
/* Re-evaluate the vpl011's interrupt line (console input arrived). */
void vpl011_update_irq(struct domain *d);
/*
 * The vpl011's read page of @d (when it has a vpl011): allocated, filled
 * and mapped read-only over the UART's frame in its stage 2, once the
 * stage-2 tables exist and before the domain runs.  0, -ENOMEM, or what
 * mapping it returned; a failed init is undone by vpl011_domain_destroy().
 */
int vpl011_domain_init(struct domain *d);
/* Free the read page of @d, once its stage 2 is gone (half-built too). */
void vpl011_domain_destroy(struct domain *d);
/*
 * Handle the PSCI or other SMCCC call in @v's registers (HVC or trapped
 * SMC).  Returns true when @v went offline (CPU_OFF).
 */
bool vpsci_call(struct vcpu *v);
/*
 * A hypercall (HVC #0xEA1) of @v (pv.c): result in x0.  Returns true when
 * @v blocked, yielded or ended and should leave the CPU.
 */
bool pv_hvc(struct vcpu *v);

#endif /* ASM_ARM_DOMAIN_H */
