/* SPDX-License-Identifier: GPL-2.0-only */
/* Synchronous exceptions the hypervisor makes a guest take at its EL1. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/domain.h>
#include <asm/sysregs.h>

/* Offsets in the EL1 vector table of the synchronous entries. */
#define VEC_CURRENT_SP0 0x000
#define VEC_CURRENT_SPX 0x200
#define VEC_LOWER_A64 0x400
#define VEC_LOWER_A32 0x600
#define VEC_TABLE_SIZE 0x800

/* Injected-fault lines printed per domain before they are suppressed. */
#define FAULT_REPORT_LIMIT 8

static bool from_el1(const struct vcpu *v)
{
    uint64_t psr = v->arch.regs.cpsr;

    return !(psr & PSR_AARCH32) && (psr & PSR_MODE_MASK) != PSR_MODE_EL0T;
}

static uint64_t vector_offset(const struct vcpu *v)
{
    uint64_t psr = v->arch.regs.cpsr;

    if ( psr & PSR_AARCH32 )
        return VEC_LOWER_A32;
    switch ( psr & PSR_MODE_MASK )
    {
    case PSR_MODE_EL0T:
        return VEC_LOWER_A64;
    case PSR_MODE_EL1T:
        return VEC_CURRENT_SP0;
    default:
        return VEC_CURRENT_SPX;
    }
}

/*
 * PSTATE on entry to EL1h: DAIF masked; PAN set unless SCTLR_EL1.SPAN;
 * SSBS from SCTLR_EL1.DSSBS; everything else (SS, IL, UAO, BTYPE) clear.
 */
static uint64_t entry_psr(void)
{
    uint64_t psr = PSR_MODE_EL1H | PSR_DAIF, sctlr = READ_SYSREG(sctlr_el1);

    if ( ID_FIELD(READ_SYSREG(id_aa64mmfr1_el1), ID_AA64MMFR1_PAN_SHIFT) &&
         !(sctlr & SCTLR_SPAN) )
        psr |= PSR_PAN;
    if ( ID_FIELD(READ_SYSREG(id_aa64pfr1_el1), ID_AA64PFR1_SSBS_SHIFT) &&
         (sctlr & SCTLR_DSSBS) )
        psr |= PSR_SSBS;
    return psr;
}

/* T32 IT block: move ITSTATE (SPSR bits 15:10 and 26:25) on by one. */
static uint64_t it_advance(uint64_t psr)
{
    unsigned int it = (unsigned int)(((psr >> 8) & 0xfc) | ((psr >> 25) & 3));

    if ( !(it & 7) )
        it = 0; /* the last instruction of the block */
    else
        it = (it & 0xe0) | ((it << 1) & 0x1f);
    psr &= ~((0x3fULL << 10) | (3ULL << 25));
    return psr | ((uint64_t)(it & 0xfc) << 8) | ((uint64_t)(it & 3) << 25);
}

void vcpu_skip_insn(struct vcpu *v, uint64_t esr)
{
    struct guest_regs *r = &v->arch.regs;

    if ( !(r->cpsr & PSR_AARCH32) )
    {
        r->pc += 4;
        return;
    }
    r->pc = (r->pc + ((esr & ESR_IL) ? 4 : 2)) & 0xffffffffULL;
    if ( r->cpsr & PSR_T32 )
        r->cpsr = it_advance(r->cpsr);
}

bool vcpu_cond_passed(const struct vcpu *v, uint64_t esr)
{
    unsigned int nzcv = (unsigned int)(v->arch.regs.cpsr >> PSR_NZCV_SHIFT);
    bool n = nzcv & 8, z = nzcv & 4, c = nzcv & 2, ov = nzcv & 1, r;
    unsigned int cond = (esr >> ESR_COND_SHIFT) & 0xf;

    if ( !(v->arch.regs.cpsr & PSR_AARCH32) || !(esr & ESR_CV) )
        return true;
    switch ( cond >> 1 )
    {
    case 0:
        r = z;
        break;
    case 1:
        r = c;
        break;
    case 2:
        r = n;
        break;
    case 3:
        r = ov;
        break;
    case 4:
        r = c && !z;
        break;
    case 5:
        r = n == ov;
        break;
    case 6:
        r = n == ov && !z;
        break;
    default:
        return true; /* AL */
    }
    return (cond & 1) ? !r : r;
}

bool vcpu_inject_sync(struct vcpu *v, uint64_t esr, uint64_t far,
                      const char *what)
{
    struct domain *d = v->domain;
    uint64_t vbar = READ_SYSREG(vbar_el1), pc = v->arch.regs.pc;

    /*
     * Only a guest with a vector table that is not itself faulting can
     * take the exception; anything else would loop for ever.
     */
    if ( !vbar )
    {
        domain_crash(d, "%s at PC %#llx: no EL1 vector table", what,
                     (unsigned long long)pc);
        return false;
    }
    if ( from_el1(v) && pc >= vbar && pc - vbar < VEC_TABLE_SIZE )
    {
        domain_crash(d, "%s at PC %#llx: in its own vector table", what,
                     (unsigned long long)pc);
        return false;
    }
    if ( d->arch.nr_fault_reports < FAULT_REPORT_LIMIT )
        printk("d%u: %s at PC %#llx: injected (ESR %#llx)\n", d->domid, what,
               (unsigned long long)pc, (unsigned long long)esr);
    else if ( d->arch.nr_fault_reports == FAULT_REPORT_LIMIT )
        printk("d%u: further injected faults not reported\n", d->domid);
    if ( d->arch.nr_fault_reports <= FAULT_REPORT_LIMIT )
        d->arch.nr_fault_reports++;

    /* The vCPU is loaded: its EL1 registers are the live ones. */
    WRITE_SYSREG(esr_el1, esr);
    WRITE_SYSREG(far_el1, far);
    WRITE_SYSREG(elr_el1, pc);
    WRITE_SYSREG(spsr_el1, v->arch.regs.cpsr);
    v->arch.regs.pc = vbar + vector_offset(v);
    v->arch.regs.cpsr = entry_psr();
    return true;
}

bool vcpu_inject_undef(struct vcpu *v, uint64_t esr_el2)
{
    return vcpu_inject_sync(
        v, ((uint64_t)ESR_EC_UNKNOWN << ESR_EC_SHIFT) | (esr_el2 & ESR_IL), 0,
        "undefined instruction");
}

bool vcpu_inject_abort(struct vcpu *v, bool insn, uint64_t esr_el2,
                       const char *why)
{
    uint64_t far = READ_SYSREG(far_el2), esr;
    unsigned int ec;
    char what[48];

    if ( insn )
        ec = from_el1(v) ? ESR_EC_IABT_CUR : ESR_EC_IABT_LOW;
    else
        ec = from_el1(v) ? ESR_EC_DABT_CUR : ESR_EC_DABT_LOW;
    esr = ((uint64_t)ec << ESR_EC_SHIFT) | ESR_IL | ESR_FSC_SEA;
    if ( !insn )
        esr |= esr_el2 & ESR_DABT_WNR;
    if ( esr_el2 & ESR_ABT_FNV )
    {
        esr |= ESR_ABT_FNV;
        far = 0;
    }
    snprintf(what, sizeof(what), "%s abort (%s)",
             insn ? "instruction" : "data", why);
    return vcpu_inject_sync(v, esr, far, what);
}
