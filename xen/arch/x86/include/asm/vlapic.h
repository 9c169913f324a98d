/* SPDX-License-Identifier: GPL-2.0-only */
/* The virtual local APIC of an x86 vCPU: x2APIC mode, reached by MSRs. */
#ifndef ASM_X86_VLAPIC_H
#define ASM_X86_VLAPIC_H

#include <xen/types.h>

struct domain;
struct vcpu;

#define VLAPIC_NR_LVT 6 /* timer, thermal, PMC, LINT0, LINT1, error */

/* IA32_APIC_BASE modes: x2APIC (at reset), xAPIC (MMIO page), disabled. */
#define VLAPIC_MODE_X2APIC 0
#define VLAPIC_MODE_XAPIC 1
#define VLAPIC_MODE_OFF 2
#define VLAPIC_XAPIC_PAGE 0xfee00000ULL
#define VLAPIC_NO_DEADLINE (~0ULL)

/*
 * One vCPU's local APIC.  irr is set by any CPU (atomically: IPIs, the
 * platform's devices); everything else belongs to the vCPU's own exits.
 * Timer deadlines are host TSC values; VLAPIC_NO_DEADLINE when disarmed.
 */
struct vlapic {
    uint32_t irr[8], isr[8], tmr[8];
    uint32_t tpr, svr, esr, esr_pending, tdcr, tmict;
    uint32_t lvt[VLAPIC_NR_LVT];
    uint64_t icr;
    uint8_t mode;          /* VLAPIC_MODE_*: the vCPU's own, others read */
    uint32_t ldr, dfr;     /* xAPIC mode: logical ID and destination format */
    uint32_t icr2;         /* xAPIC mode: ICR bits 63:32 (destination) */
    uint64_t timer_due;    /* host TSC of the next expiry */
    uint64_t tsc_deadline; /* IA32_TSC_DEADLINE as the guest wrote it */
    bool init_seen;        /* INIT received while offline: a SIPI starts it */
    uint64_t inject_rip;   /* RIP at the last interrupt injected */
    bool masked_expiry;    /* the timer expired masked since the last HLT */
};

/*
 * Where a domain's legacy interrupt controller (the 8259) plugs in: when
 * vCPU0's LINT0 is unmasked in ExtINT mode, pending() says whether it has
 * an interrupt for the CPU, and ack() (the INTA cycle, called only when
 * the guest takes it now) returns its vector, or -1 when it has none
 * after all.  ack() runs on the vCPU's own CPU, without locks; pending()
 * also on any CPU under sched_lock, so it may not take sched_lock.
 * NULL: no such device (the 8259 of vpic.c installs itself).
 */
struct vlapic_ext_int {
    bool (*pending)(struct domain *d);
    int (*ack)(struct domain *d);
};

/* Reset @v's local APIC: enabled, x2APIC, software-disabled (SVR 0xff). */
void vlapic_reset(struct vcpu *v);

/* INIT: the same reset, but the mode (x2APIC, xAPIC) is kept. */
void vlapic_init_signal(struct vcpu *v);

/*
 * A nested page fault of @v at guest physical @gpa: when @gpa is on the
 * xAPIC page and @v's APIC is in xAPIC mode, emulate the MOV that did it
 * and return 0; -ENOENT when it is not the APIC's; -EINVAL for an
 * address not 4-byte aligned; -EOPNOTSUPP when the instruction is not one
 * the hypervisor decodes (for the last two the caller crashes the domain:
 * it cannot go on).  Only for a fault on the data access itself, not on
 * an instruction fetch or a walk of the guest's page tables.
 */
int vlapic_mmio(struct vcpu *v, paddr_t gpa);

/*
 * Request interrupt @vector (fixed, edge) on @v: set in its IRR and kick
 * its CPU.  Any CPU, any context but with @v's domain alive.  A vector
 * below 16 or an APIC software-disabled drops it (the first sets the
 * receive-illegal-vector error).  The 8259 of a domain may call this
 * instead of the ExtINT route when it delivers through vector numbers.
 */
void vlapic_set_irq(struct vcpu *v, uint8_t vector);

/*
 * An interrupt message from the I/O APIC of @d: @vector in delivery
 * @mode (fixed, lowest priority: to the first APIC that matches; others
 * dropped) to the APIC ID @dest (8 bits; 0xff broadcasts), or to the
 * logical destination @dest when @logical.  Any CPU.
 */
void vlapic_deliver(struct domain *d, uint32_t dest, bool logical,
                    unsigned int mode, uint8_t vector);

/* Install @ext as @d's ExtINT source (see struct vlapic_ext_int). */
void vlapic_set_ext_int(struct domain *d, const struct vlapic_ext_int *ext);

/*
 * The x2APIC MSRs (0x800-0x8ff), IA32_APIC_BASE (0x1b) and
 * IA32_TSC_DEADLINE (0x6e0) of @v.  Returns 0, -ENOENT when @msr is none
 * of these, or -EPERM for an access the SDM answers with #GP.
 */
int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

/*
 * Before each VMRUN of @v, on its CPU: fire its timer if due, then, unless
 * the guest has not yet taken the last one, inject the highest deliverable
 * interrupt as a virtual interrupt (V_IRQ with its vector) when the guest
 * can take it now, else ask for an exit (V_IRQ with the VINTR intercept)
 * at the moment it can.
 */
void vlapic_inject(struct vcpu *v);

/* An interrupt whose delivery an exit cut short: the guest takes it again. */
void vlapic_requeue(struct vcpu *v, unsigned int vector);

/* The VINTR exit: the window opened; vlapic_inject() does the rest. */
void vlapic_vintr_exit(struct vcpu *v);

/*
 * @v executes a HLT with interrupts enabled at @rip: whether an interrupt
 * was injected at that very instruction, i.e. between an STI and its HLT
 * (QEMU's SVM does not always keep the STI shadow across an exit).  The
 * HLT then counts as woken by it, as it would have been on a CPU.  So
 * does a HLT after the timer expired masked (a spurious wake-up, which
 * lets a guest without an IDT give its CPU away for a while).
 */
bool vlapic_hlt_woken(struct vcpu *v, uint64_t rip);

/* Whether @v has an interrupt to take now, or a timer that has expired. */
bool vlapic_wakeup_pending(struct vcpu *v);

/* The host TSC at which @v's timer fires, VLAPIC_NO_DEADLINE if none. */
uint64_t vlapic_timer_due(const struct vcpu *v);

/* Fire @v's timer if it is due (sets the IRR bit, re-arms periodic). */
void vlapic_timer_poll(struct vcpu *v);

#endif /* ASM_X86_VLAPIC_H */
