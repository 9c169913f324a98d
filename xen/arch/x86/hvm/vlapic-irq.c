/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual local APIC interrupts: IRR, ISR and priorities, and their
 * injection into the guest through the VMCB (AMD APM vol. 2, 15.20-15.21):
 * EVENTINJ when the guest can take an interrupt now, else a virtual
 * interrupt request (V_IRQ) with the VINTR intercept, which exits the
 * moment it can.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/svm.h>
#include "vlapic-priv.h"

#define X86_EFLAGS_IF (1U << 9)
#define INT_SHADOW (1ULL << 0)

/* The highest vector set in a 256-bit register, -1 when none. */
static int highest(const uint32_t *reg)
{
    int i;

    for ( i = 7; i >= 0; i-- )
    {
        uint32_t w = __atomic_load_n(&reg[i], __ATOMIC_ACQUIRE);

        if ( w )
            return i * 32 + 31 - __builtin_clz(w);
    }
    return -1;
}

uint32_t vlapic_ppr(const struct vlapic *l)
{
    int isrv = highest(l->isr);
    uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xf0;

    return (l->tpr & 0xf0) >= isr_class ? l->tpr : isr_class;
}

/* The IRR vector the processor priority lets through, -1 when none. */
static int deliverable(const struct vlapic *l)
{
    int vec = highest(l->irr);

    if ( vec < 0 || ((uint32_t)vec & 0xf0) <= (vlapic_ppr(l) & 0xf0) )
        return -1;
    return vec;
}

void vlapic_set_irq(struct vcpu *v, uint8_t vector)
{
    struct vlapic *l = &v->arch.vlapic;

    if ( vector < 16 )
    {
        __atomic_or_fetch(&l->esr_pending, VLAPIC_ESR_RECV_ILLEGAL,
                          __ATOMIC_RELAXED);
        return;
    }
    if ( !(__atomic_load_n(&l->svr, __ATOMIC_RELAXED) & VLAPIC_SVR_ENABLE) )
        return;
    __atomic_or_fetch(&l->irr[vector / 32], 1U << (vector % 32),
                      __ATOMIC_SEQ_CST);
    vcpu_kick(v);
}

void vlapic_self_ipi(struct vcpu *v, uint8_t vector)
{
    if ( vector < 16 )
        __atomic_or_fetch(&v->arch.vlapic.esr_pending, VLAPIC_ESR_SEND_ILLEGAL,
                          __ATOMIC_RELAXED);
    vlapic_set_irq(v, vector);
}

void vlapic_eoi(struct vlapic *l)
{
    int vec = highest(l->isr);

    if ( vec < 0 )
        return;
    l->isr[vec / 32] &= ~(1U << (vec % 32));
    l->tmr[vec / 32] &= ~(1U << (vec % 32));
}

void vlapic_set_ext_int(struct domain *d, const struct vlapic_ext_int *ext)
{
    d->arch.ext_int = ext;
}

/*
 * vCPU0's LINT0 in ExtINT mode, unmasked, or its APIC disabled in
 * IA32_APIC_BASE (LINT0 is then the CPU's INTR pin), and the 8259 has one.
 */
static bool ext_int_pending(struct vcpu *v)
{
    const struct vlapic_ext_int *ext = v->domain->arch.ext_int;
    uint32_t lint0 = v->arch.vlapic.lvt[VLAPIC_LVT_LINT0];
    bool wired = __atomic_load_n(&v->arch.vlapic.mode, __ATOMIC_ACQUIRE) ==
                     VLAPIC_MODE_OFF ||
                 (!(lint0 & VLAPIC_LVT_MASKED) &&
                  (lint0 & VLAPIC_LVT_DM_MASK) == VLAPIC_LVT_DM_EXTINT);

    return v->vcpu_id == 0 && ext && ext->pending && wired &&
           ext->pending(v->domain);
}

bool vlapic_wakeup_pending(struct vcpu *v)
{
    uint64_t due = vlapic_timer_due(v);

    return deliverable(&v->arch.vlapic) >= 0 || ext_int_pending(v) ||
           (due != VLAPIC_NO_DEADLINE && host_tsc() >= due);
}

/* Exit as soon as the guest can take an interrupt (or stop asking). */
static void window(struct vmcb *vmcb, bool open)
{
    uint64_t virq = SVM_V_IRQ | SVM_V_IGN_TPR | SVM_V_INTR_PRIO_MAX;

    if ( open )
    {
        vmcb->vintr |= virq;
        vmcb->intercepts3 |= SVM_INTERCEPT_VINTR;
    }
    else
    {
        vmcb->vintr &= ~virq;
        vmcb->intercepts3 &= ~SVM_INTERCEPT_VINTR;
    }
}

/*
 * Interrupts go in as a virtual interrupt (V_IRQ with its vector), taken by
 * the guest as soon as it can, not through EVENTINJ: QEMU 7.2's TCG, after
 * an EVENTINJ interrupt, keeps its vector as a pending exception and
 * delivers it a second time at the vCPU's next exit request, wherever the
 * guest is by then (docs/misc/x86/known-issues.md).
 */
static void inject(struct vcpu *v, unsigned int vector)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;

    vmcb->vintr = (vmcb->vintr & ~(0xffULL << 32)) | ((uint64_t)vector << 32) |
                  SVM_V_IRQ | SVM_V_IGN_TPR | SVM_V_INTR_PRIO_MAX;
    vmcb->intercepts3 &= ~SVM_INTERCEPT_VINTR;
    v->arch.vlapic.inject_rip = vmcb->rip;
}

/*
 * Whether inject() set V_IRQ with a vector the guest has not taken yet
 * (the CPU clears V_IRQ when it takes it); a window() request is V_IRQ
 * with the VINTR intercept instead.
 */
static bool virq_waiting(const struct vmcb *vmcb)
{
    return (vmcb->vintr & SVM_V_IRQ) &&
           !(vmcb->intercepts3 & SVM_INTERCEPT_VINTR);
}

bool vlapic_hlt_woken(struct vcpu *v, uint64_t rip)
{
    struct vlapic *l = &v->arch.vlapic;
    bool woken = l->inject_rip == rip || l->masked_expiry ||
                 virq_waiting(v->arch.svm.vmcb);

    l->inject_rip = ~0ULL;
    l->masked_expiry = false;
    return woken;
}

/* The 8259's vector (its INTA), or false when it had none after all. */
static bool inject_ext_int(struct vcpu *v)
{
    const struct vlapic_ext_int *ext = v->domain->arch.ext_int;
    int vec = ext->ack ? ext->ack(v->domain) : -1;

    if ( vec < 0 || vec > 0xff )
        return false;
    inject(v, (unsigned int)vec);
    return true;
}

void vlapic_inject(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    struct vlapic *l = &v->arch.vlapic;
    bool ext;
    int vec;

    vlapic_timer_poll(v);
    if ( virq_waiting(vmcb) )
        return; /* the last one is not taken yet */
    ext = ext_int_pending(v);
    vec = deliverable(l);
    if ( !ext && vec < 0 )
    {
        window(vmcb, false);
        return;
    }
    if ( (vmcb->eventinj & SVM_EVTINJ_VALID) ||
         !(vmcb->rflags & X86_EFLAGS_IF) || (vmcb->int_shadow & INT_SHADOW) )
    {
        window(vmcb, true);
        return;
    }
    window(vmcb, false);
    if ( ext && inject_ext_int(v) )
        return;
    if ( vec < 0 )
        return;
    __atomic_and_fetch(&l->irr[vec / 32], ~(1U << (vec % 32)),
                       __ATOMIC_SEQ_CST);
    l->isr[vec / 32] |= 1U << (vec % 32);
    inject(v, (unsigned int)vec);
}

void vlapic_requeue(struct vcpu *v, unsigned int vector)
{
    inject(v, vector);
}

void vlapic_vintr_exit(struct vcpu *v)
{
    window(v->arch.svm.vmcb, false);
}
