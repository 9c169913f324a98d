/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest exits: decode ESR_EL2, emulate MMIO and calls, or crash the domain. */
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/gic.h>
#include <asm/sysregs.h>

/* Vector numbers of hyp_vectors for exceptions from AArch64 EL1/EL0. */
#define VEC_LOWER_SYNC 8
#define VEC_LOWER_IRQ 9
#define VEC_LOWER_FIQ 10

/* The faulting IPA: HPFAR_EL2 has bits 47:12, FAR_EL2 the page offset. */
static paddr_t fault_ipa(void)
{
    uint64_t hpfar = READ_SYSREG(hpfar_el2);

    return ((hpfar & 0xfffffffff0ULL) << 8) |
           (READ_SYSREG(far_el2) & (PAGE_SIZE - 1));
}

static uint64_t *guest_reg(struct vcpu *v, unsigned int n, uint64_t *zero)
{
    *zero = 0;
    return n == 31 ? zero : &v->arch.regs.x[n]; /* 31 is xzr */
}

static bool emulate_mmio(struct vcpu *v, paddr_t ipa, unsigned int size,
                         bool write, uint64_t *val)
{
    struct domain *d = v->domain;

    if ( vpl011_mmio(d, ipa, write, val) )
        return true;
    return d->arch.gic_v2 ? vgic_v2_mmio(v, ipa, size, write, val)
                          : vgic_v3_mmio(v, ipa, size, write, val);
}

static void data_abort(struct vcpu *v, uint64_t esr)
{
    paddr_t ipa = fault_ipa();
    bool write = esr & ESR_DABT_WNR;
    unsigned int size =
        1U << ((esr >> ESR_DABT_SAS_SHIFT) & ESR_DABT_SAS_MASK);
    struct domain *d = v->domain;
    uint64_t zero, *r, val;

    r = guest_reg(v, (esr >> ESR_DABT_SRT_SHIFT) & ESR_DABT_SRT_MASK, &zero);
    val = *r;
    if ( !(esr & ESR_DABT_ISV) || !emulate_mmio(v, ipa, size, write, &val) )
    {
        domain_crash(d, "data abort at IPA %#llx (%s)",
                     (unsigned long long)ipa,
                     esr & ESR_DABT_ISV ? "unmapped" : "no syndrome");
        return;
    }
    if ( !write )
        *r = size == 8 ? val : val & ((1ULL << (8 * size)) - 1);
    v->arch.regs.pc += 4;
}

/*
 * WFI (TWI): with nothing pending the vCPU blocks until an interrupt or
 * its timer wakes it, and gives the CPU away.  WFE is not trapped.
 */
static bool wfi(struct vcpu *v, uint64_t esr)
{
    if ( esr & 1 )
        return false;
    if ( vgic_pending(v) )
        return false;
    v->blocked = true;
    return true;
}

/* ISS of a trapped MSR/MRS: Op0, Op2, Op1, CRn, Rt, CRm, direction. */
#define SYSREG_ISS_MASK 0x3ffc1eU
#define SYSREG_ICC_SGI1R 0x3a3016U /* Op0 3, Op1 0, CRn 12, CRm 11, Op2 5 */

static bool sysreg(struct vcpu *v, uint64_t esr)
{
    unsigned int rt = (esr >> 5) & 0x1f;
    uint64_t zero, *r = guest_reg(v, rt, &zero);

    if ( (esr & SYSREG_ISS_MASK) == SYSREG_ICC_SGI1R && !(esr & 1) )
    {
        vgic_v3_sgi1r(v, *r);
        v->arch.regs.pc += 4;
        return false;
    }
    domain_crash(v->domain,
                 "access to system register (ESR %#llx) at PC "
                 "%#llx not emulated",
                 (unsigned long long)esr, (unsigned long long)v->arch.regs.pc);
    return false;
}

static bool guest_sync(struct vcpu *v)
{
    uint64_t esr = READ_SYSREG(esr_el2);
    unsigned int ec = (esr >> ESR_EC_SHIFT) & ESR_EC_MASK;

    switch ( ec )
    {
    case ESR_EC_WFX:
        v->arch.regs.pc += 4;
        return wfi(v, esr);
    case ESR_EC_SYSREG:
        return sysreg(v, esr);
    case ESR_EC_DABT_LOW:
        data_abort(v, esr);
        break;
    case ESR_EC_HVC64:
        return vpsci_call(v); /* ELR_EL2 is past the hvc already */
    case ESR_EC_SMC64:
        v->arch.regs.pc += 4; /* a trapped smc returns to itself */
        return vpsci_call(v);
    case ESR_EC_IABT_LOW:
        domain_crash(v->domain, "instruction abort at IPA %#llx (unmapped)",
                     (unsigned long long)fault_ipa());
        break;
    default:
        domain_crash(
            v->domain, "unhandled trap (ESR %#llx, EC %#x) at PC %#llx",
            (unsigned long long)esr, ec, (unsigned long long)v->arch.regs.pc);
        break;
    }
    return false;
}

/*
 * A host interrupt while the guest ran.  The tick asks for a switch; the
 * guest's virtual timer is masked (so its level drops) and injected; a
 * maintenance interrupt or a kick needed only the exit itself.
 */
static bool guest_irq(struct vcpu *v)
{
    unsigned int intid = gic_ack();
    bool tick = intid == GIC_PPI_HYP_TIMER;

    if ( intid >= GIC_INTID_SPECIAL )
        return false;
    if ( tick )
        hyp_timer_rearm(); /* the level drops before the EOI */
    if ( intid == GIC_PPI_VTIMER )
    {
        WRITE_SYSREG(cntv_ctl_el0, READ_SYSREG(cntv_ctl_el0) | CNTx_CTL_IMASK);
        asm volatile("isb" ::: "memory");
        vgic_inject(v, VGIC_PPI_VTIMER);
    }
    gic_eoi(intid);
    return tick;
}

bool guest_trap(struct vcpu *v, unsigned int vector)
{
    switch ( vector )
    {
    case VEC_LOWER_SYNC:
        return guest_sync(v);
    case VEC_LOWER_IRQ:
        return guest_irq(v);
    case VEC_LOWER_FIQ:
        break; /* no FIQ is enabled: resume */
    default:
        domain_crash(v->domain, "unexpected exception (vector %u, ESR %#llx)",
                     vector, (unsigned long long)READ_SYSREG(esr_el2));
        break;
    }
    return false;
}
