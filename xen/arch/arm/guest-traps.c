/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest exits: decode ESR_EL2, emulate MMIO and calls, or inject a fault. */
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/gic.h>
#include <asm/irq.h>
#include <asm/sysregs.h>
#include <asm/vdev.h>

/*
 * Vector numbers of hyp_vectors for exceptions from EL1/EL0.  Which half
 * is used depends on the state of EL1 (the level below EL2), not of EL0:
 * with HCR_EL2.RW set, exits from an AArch32 EL0 task come through 8-11
 * too, and 12-15 are never taken.  Those are handled alike all the same.
 * What an AArch32 EL0 exit needs is in the decoding: its own exception
 * classes, condition codes, 16-bit T32 instructions (vcpu_skip_insn()).
 */
#define VEC_LOWER_SYNC 8
#define VEC_LOWER_IRQ 9
#define VEC_LOWER_FIQ 10
#define VEC_LOWER32_SYNC 12
#define VEC_LOWER32_IRQ 13
#define VEC_LOWER32_FIQ 14

/* Data abort ISS: sign-extend the load, to a 64-bit register. */
#define ESR_DABT_SSE (1U << 21)
#define ESR_DABT_SF (1U << 15)

/* Abort ISS: the fault status code, and a fault on a stage-1 walk. */
#define ESR_ABT_FSC_MASK 0x3fU
#define ESR_ABT_FSC_PERM 0x0cU /* 0b0011xx: permission fault, level xx */
#define ESR_ABT_S1PTW (1U << 7)

/*
 * The faulting IPA: HPFAR_EL2 has bits 47:12, FAR_EL2 the page offset.
 * HPFAR_EL2 is UNKNOWN after a stage-2 permission fault that was not on
 * a stage-1 walk (a write to a read-only page, the vpl011's read page):
 * then the guest's stage 1 translates FAR_EL2 again (~0 if it no longer
 * does: an abort for the guest).
 */
static paddr_t fault_ipa(uint64_t esr)
{
    uint64_t hpfar, far = READ_SYSREG(far_el2);

    if ( (esr & (ESR_ABT_FSC_MASK & ~3U)) == ESR_ABT_FSC_PERM &&
         !(esr & ESR_ABT_S1PTW) )
        return vcpu_gva_to_ipa(far, false);
    hpfar = READ_SYSREG(hpfar_el2);
    return ((hpfar & 0xfffffffff0ULL) << 8) | (far & (PAGE_SIZE - 1));
}

static uint64_t *guest_reg(struct vcpu *v, unsigned int n, uint64_t *zero)
{
    *zero = 0;
    return n == 31 ? zero : &v->arch.regs.x[n]; /* 31 is xzr */
}

/* The device that emulated the access (EXIT_DEV_*), or EXIT_DEV_NONE. */
static unsigned int emulate_mmio(struct vcpu *v, paddr_t ipa,
                                 unsigned int size, bool write, uint64_t *val)
{
    struct domain *d = v->domain;
    bool gic;

    if ( vpl011_mmio(d, ipa, write, val) )
        return EXIT_DEV_VPL011;
    if ( vdev_mmio(v, ipa, size, write, val) )
    {
        v->arch.vdev_poll = true;
        return EXIT_DEV_VDEV;
    }
    gic = d->arch.gic_v2 ? vgic_v2_mmio(v, ipa, size, write, val)
                         : vgic_v3_mmio(v, ipa, size, write, val);
    if ( gic && write )
        vgic_note_change(d);
    return gic ? EXIT_DEV_VGIC : EXIT_DEV_NONE;
}

/* A loaded value as the load instruction leaves it in its register. */
static uint64_t load_value(uint64_t esr, unsigned int size, uint64_t val)
{
    unsigned int bits = 8 * size;

    if ( bits < 64 )
    {
        val &= (1ULL << bits) - 1;
        if ( (esr & ESR_DABT_SSE) && (val >> (bits - 1)) )
            val |= ~0ULL << bits;
    }
    return (esr & ESR_DABT_SF) ? val : (uint32_t)val;
}

/*
 * A first touch of guest RAM not mapped yet (p2m-lazy.c): true when the
 * vCPU may retry the access (or its domain was crashed for want of a
 * table page).
 */
static bool ram_fault_in(struct vcpu *v, paddr_t ipa)
{
    int rc = p2m_fault_in(&v->domain->arch.p2m, ipa);

    if ( rc < 0 )
        domain_crash(v->domain, "no memory to map its RAM at IPA %#llx (%d)",
                     (unsigned long long)ipa, rc);
    return rc != 0;
}

/*
 * A stage-2 data abort: an access to an emulated device, else (nothing
 * there, or no syndrome to emulate it from) an external abort for the
 * guest to handle.  Cache maintenance by VA there completes (as on
 * memory that cannot be cached).
 */
static void data_abort(struct vcpu *v, uint64_t esr)
{
    paddr_t ipa = fault_ipa(esr);
    bool write = esr & ESR_DABT_WNR;
    unsigned int size =
        1U << ((esr >> ESR_DABT_SAS_SHIFT) & ESR_DABT_SAS_MASK);
    unsigned int srt = (esr >> ESR_DABT_SRT_SHIFT) & ESR_DABT_SRT_MASK;
    bool a32 = v->arch.regs.cpsr & PSR_AARCH32;
    uint64_t zero, *r = guest_reg(v, srt, &zero), val = *r;
    unsigned int dev = EXIT_DEV_NONE;
    char why[48];

    exit_note(v, EXIT_KEY(EXIT_DABT, EXIT_DABT_SUB(EXIT_DEV_RAM, 0)));
    if ( ram_fault_in(v, ipa) )
        return;
    /* Cache maintenance on something that is not memory: nothing to do. */
    if ( esr & ESR_DABT_CM )
    {
        exit_note(v, EXIT_KEY(EXIT_DABT, EXIT_DABT_SUB(EXIT_DEV_CM, ipa)));
        vcpu_skip_insn(v, esr);
        return;
    }
    if ( (esr & ESR_DABT_ISV) && !(a32 && srt == 15) )
        dev = emulate_mmio(v, ipa, size, write, &val);
    exit_note(v, EXIT_KEY(EXIT_DABT, EXIT_DABT_SUB(dev, ipa)));
    if ( dev != EXIT_DEV_NONE )
    {
        if ( !write )
            *r = load_value(esr, size, val);
        vcpu_skip_insn(v, esr);
        return;
    }
    snprintf(why, sizeof(why), "IPA %#llx, %s", (unsigned long long)ipa,
             esr & ESR_DABT_ISV ? "unmapped" : "no syndrome");
    vcpu_inject_abort(v, false, esr, why);
}

/*
 * WFI (TWI): with nothing pending the vCPU blocks until an interrupt or
 * its timer wakes it, and gives the CPU away.
 */
bool vcpu_wfi(struct vcpu *v)
{
    uint64_t ctl = READ_SYSREG(cntv_ctl_el0);

    if ( !(ctl & CNTx_CTL_IMASK) )
        v->arch.vtimer_masked = false; /* the guest re-armed it */
    /* Its timer has fired and only we masked it: a wake-up already. */
    if ( (ctl & (CNTx_CTL_ENABLE | CNTx_CTL_ISTATUS)) ==
             (CNTx_CTL_ENABLE | CNTx_CTL_ISTATUS) &&
         (!(ctl & CNTx_CTL_IMASK) || v->arch.vtimer_masked) )
        return false;
    if ( vgic_pending(v) )
        return false;
    v->blocked = true;
    return true;
}

/*
 * WFE (TWE): the vCPU waits for another one (a lock, a cross-CPU call)
 * that may be off every host CPU; it yields its CPU instead of spinning
 * out its slice.  Without an event it may return at once, as on hardware.
 */
static bool wfx(struct vcpu *v, uint64_t esr)
{
    bool passed = vcpu_cond_passed(v, esr);

    exit_note(v, EXIT_KEY(esr & 1 ? EXIT_WFE : EXIT_WFI, 0));
    vcpu_skip_insn(v, esr);
    if ( esr & 1 )
        return passed;
    return passed && vcpu_wfi(v);
}

/* AArch32 CP14/CP15 accesses that failed their condition do nothing. */
static void coproc(struct vcpu *v, uint64_t esr)
{
    if ( vcpu_cond_passed(v, esr) )
        vsysreg_cp_access(v, esr);
    else
        vcpu_skip_insn(v, esr);
}

/*
 * A synchronous exit from AArch64 EL1/EL0 or AArch32 EL0.  What is not
 * emulated here is UNDEFINED for the guest, as on hardware without the
 * feature.
 */
static bool guest_sync(struct vcpu *v)
{
    uint64_t esr = READ_SYSREG(esr_el2);
    unsigned int ec = (esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
    char why[48];

    switch ( ec )
    {
    case ESR_EC_WFX:
        return wfx(v, esr);
    case ESR_EC_SYSREG:
        /* The register and direction: the ISS without Rt (bits 9:5). */
        exit_note(v, EXIT_KEY(EXIT_SYSREG, esr & 0x3ffc1fU));
        vsysreg_access(v, esr);
        break;
    case ESR_EC_CP15_32:
    case ESR_EC_CP15_64:
    case ESR_EC_CP14_32:
    case ESR_EC_CP14_LS:
    case ESR_EC_CP14_64:
        exit_note(v, EXIT_KEY(EXIT_CP, ec));
        coproc(v, esr);
        break;
    case ESR_EC_DABT_LOW:
        data_abort(v, esr);
        break;
    case ESR_EC_HVC64: /* ELR_EL2 is past the hvc already */
        if ( (esr & 0xffff) == XEN_HYPERCALL_TAG )
        {
            exit_note(v, EXIT_KEY(EXIT_HVC_XEN, v->arch.regs.x[16]));
            return pv_hvc(v);
        }
        exit_note(v, EXIT_KEY(EXIT_SMCCC, v->arch.regs.x[0]));
        return vpsci_call(v);
    case ESR_EC_SMC64:
        v->arch.regs.pc += 4; /* a trapped smc returns to itself */
        exit_note(v, EXIT_KEY(EXIT_SMCCC, v->arch.regs.x[0]));
        return vpsci_call(v);
    case ESR_EC_IABT_LOW:
        exit_note(v, EXIT_KEY(EXIT_IABT, 0));
        if ( ram_fault_in(v, fault_ipa(esr)) )
            break;
        snprintf(why, sizeof(why), "IPA %#llx, unmapped",
                 (unsigned long long)fault_ipa(esr));
        vcpu_inject_abort(v, true, esr, why);
        break;
    default:
        vcpu_inject_undef(v, esr);
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

    exit_note(v, EXIT_KEY(EXIT_IRQ, intid));
    v->arch.vdev_poll = true;
    if ( intid >= GIC_INTID_SPECIAL || irq_forward(intid) )
        return false;
    if ( tick )
        hyp_timer_rearm(); /* the level drops before the EOI */
    if ( intid == GIC_PPI_VTIMER )
    {
        WRITE_SYSREG(cntv_ctl_el0, READ_SYSREG(cntv_ctl_el0) | CNTx_CTL_IMASK);
        asm volatile("isb" ::: "memory");
        v->arch.vtimer_masked = true; /* by us: a WFI does not wait */
        vgic_inject(v, VGIC_PPI_VTIMER);
    }
    gic_eoi(intid);
    return tick;
}

bool guest_trap(struct vcpu *v, unsigned int vector)
{
    exit_note(v, EXIT_KEY(EXIT_OTHER, vector));
    switch ( vector )
    {
    case VEC_LOWER_SYNC:
    case VEC_LOWER32_SYNC:
        return guest_sync(v);
    case VEC_LOWER_IRQ:
    case VEC_LOWER32_IRQ:
        return guest_irq(v);
    case VEC_LOWER_FIQ:
    case VEC_LOWER32_FIQ:
        break; /* no FIQ is enabled: resume */
    default:
        /* SError */
        domain_crash(v->domain, "unexpected exception (vector %u, ESR %#llx)",
                     vector, (unsigned long long)READ_SYSREG(esr_el2));
        break;
    }
    return false;
}
