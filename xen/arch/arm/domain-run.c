/* SPDX-License-Identifier: GPL-2.0-only */
/* Run a domain's vCPU0 for one time slice: EL2 setup, EL1 state, exit loop. */
#include <xen/lib.h>
#include <xen/console.h>
#include <asm/domain.h>
#include <asm/sysregs.h>

#define HCR_GUEST \
    (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TWI | HCR_TSC | \
     HCR_RW)

/* EL1 state at reset: nothing of another domain shows. */
static void el1_reset(struct el1_regs *r)
{
    memset(r, 0, sizeof(*r));
    r->sctlr = SCTLR_GUEST_INIT;
}

#define SAVE(field, reg) r->field = READ_SYSREG(reg)
#define LOAD(field, reg) WRITE_SYSREG(reg, r->field)

static void el1_save(struct el1_regs *r)
{
    SAVE(sctlr, sctlr_el1);
    SAVE(cpacr, cpacr_el1);
    SAVE(vbar, vbar_el1);
    SAVE(ttbr0, ttbr0_el1);
    SAVE(ttbr1, ttbr1_el1);
    SAVE(tcr, tcr_el1);
    SAVE(mair, mair_el1);
    SAVE(amair, amair_el1);
    SAVE(contextidr, contextidr_el1);
    SAVE(tpidr, tpidr_el1);
    SAVE(tpidr0, tpidr_el0);
    SAVE(tpidrro, tpidrro_el0);
    SAVE(sp0, sp_el0);
    SAVE(sp1, sp_el1);
    SAVE(elr, elr_el1);
    SAVE(spsr, spsr_el1);
    SAVE(esr, esr_el1);
    SAVE(far, far_el1);
    SAVE(afsr0, afsr0_el1);
    SAVE(afsr1, afsr1_el1);
    SAVE(par, par_el1);
    SAVE(csselr, csselr_el1);
    SAVE(cntkctl, cntkctl_el1);
    /* The guest's timers: stop them while it is switched out. */
    SAVE(cntv_ctl, cntv_ctl_el0);
    SAVE(cntv_cval, cntv_cval_el0);
    SAVE(cntp_ctl, cntp_ctl_el0);
    SAVE(cntp_cval, cntp_cval_el0);
    WRITE_SYSREG(cntv_ctl_el0, 0);
    WRITE_SYSREG(cntp_ctl_el0, 0);
}

static void el1_load(const struct el1_regs *r)
{
    LOAD(sctlr, sctlr_el1);
    LOAD(cpacr, cpacr_el1);
    LOAD(vbar, vbar_el1);
    LOAD(ttbr0, ttbr0_el1);
    LOAD(ttbr1, ttbr1_el1);
    LOAD(tcr, tcr_el1);
    LOAD(mair, mair_el1);
    LOAD(amair, amair_el1);
    LOAD(contextidr, contextidr_el1);
    LOAD(tpidr, tpidr_el1);
    LOAD(tpidr0, tpidr_el0);
    LOAD(tpidrro, tpidrro_el0);
    LOAD(sp0, sp_el0);
    LOAD(sp1, sp_el1);
    LOAD(elr, elr_el1);
    LOAD(spsr, spsr_el1);
    LOAD(esr, esr_el1);
    LOAD(far, far_el1);
    LOAD(afsr0, afsr0_el1);
    LOAD(afsr1, afsr1_el1);
    LOAD(par, par_el1);
    LOAD(csselr, csselr_el1);
    LOAD(cntkctl, cntkctl_el1);
    /* Comparators before controls, so that no stale deadline fires. */
    LOAD(cntv_cval, cntv_cval_el0);
    LOAD(cntp_cval, cntp_cval_el0);
    LOAD(cntv_ctl, cntv_ctl_el0);
    LOAD(cntp_ctl, cntp_ctl_el0);
}

/* Stage 2 of @d, its EL1 state (reset state the first time), our traps. */
static void vcpu_load(struct domain *d)
{
    if ( d->state == DOMAIN_BUILT )
    {
        el1_reset(&d->el1);
        d->state = DOMAIN_RUNNING;
    }
    WRITE_SYSREG(vttbr_el2, d->p2m.pt.root | ((uint64_t)d->vmid << 48));
    WRITE_SYSREG(hcr_el2, HCR_GUEST);
    WRITE_SYSREG(vmpidr_el2, 1UL << 31); /* vCPU0: Aff0 = 0, RES1 bit 31 */
    WRITE_SYSREG(vpidr_el2, READ_SYSREG(midr_el1));
    WRITE_SYSREG(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
    WRITE_SYSREG(cntvoff_el2, 0);
    el1_load(&d->el1);
    /* TLB entries are tagged with the VMID: no flush on a switch. */
    asm volatile("isb" ::: "memory");
}

/* Back to the hypervisor's own state: no stage 2, no traps. */
static void vcpu_unload(void)
{
    WRITE_SYSREG(hcr_el2, 0);
    WRITE_SYSREG(vttbr_el2, 0);
    asm volatile("isb" ::: "memory");
}

void domain_run(struct domain *d)
{
    bool yield = false;

    vcpu_load(d);
    while ( d->state == DOMAIN_RUNNING && !yield )
        yield = guest_trap(d, guest_run(&d->regs));
    el1_save(&d->el1);
    vcpu_unload();
    if ( d->state == DOMAIN_RUNNING )
        return;
    if ( d->line_len )
        console_guest_line(d->domid, d->line, d->line_len);
    d->line_len = 0;
}
