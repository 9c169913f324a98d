/* SPDX-License-Identifier: GPL-2.0-only */
/* Run a domain's vCPU0 on this CPU: EL2 setup for the guest, the exit loop. */
#include <xen/lib.h>
#include <xen/console.h>
#include <asm/domain.h>
#include <asm/sysregs.h>

#define HCR_GUEST \
    (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TSC | HCR_RW)

/*
 * EL1 state at reset, so that nothing of the domain that ran before on
 * this CPU shows (domains run one after the other, never switched back).
 */
static void el1_reset(void)
{
    WRITE_SYSREG(sctlr_el1, SCTLR_GUEST_INIT);
    WRITE_SYSREG(cpacr_el1, 0);
    WRITE_SYSREG(vbar_el1, 0);
    WRITE_SYSREG(ttbr0_el1, 0);
    WRITE_SYSREG(ttbr1_el1, 0);
    WRITE_SYSREG(tcr_el1, 0);
    WRITE_SYSREG(mair_el1, 0);
    WRITE_SYSREG(contextidr_el1, 0);
    WRITE_SYSREG(tpidr_el1, 0);
    WRITE_SYSREG(tpidr_el0, 0);
    WRITE_SYSREG(tpidrro_el0, 0);
    WRITE_SYSREG(sp_el0, 0);
    WRITE_SYSREG(sp_el1, 0);
    WRITE_SYSREG(elr_el1, 0);
    WRITE_SYSREG(spsr_el1, 0);
    WRITE_SYSREG(esr_el1, 0);
    WRITE_SYSREG(far_el1, 0);
    WRITE_SYSREG(cntkctl_el1, 0);
    WRITE_SYSREG(cntv_ctl_el0, 0);
    WRITE_SYSREG(cntp_ctl_el0, 0);
}

/* Stage 2 of @d, the EL1 state at reset, the traps we want. */
static void vcpu_load(struct domain *d)
{
    WRITE_SYSREG(vttbr_el2, d->p2m.pt.root | ((uint64_t)d->vmid << 48));
    WRITE_SYSREG(hcr_el2, HCR_GUEST);
    WRITE_SYSREG(vmpidr_el2, 1UL << 31); /* vCPU0: Aff0 = 0, RES1 bit 31 */
    WRITE_SYSREG(vpidr_el2, READ_SYSREG(midr_el1));
    WRITE_SYSREG(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
    WRITE_SYSREG(cntvoff_el2, 0);
    el1_reset();
    asm volatile("isb; tlbi vmalls12e1; dsb nsh; isb" ::: "memory");
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
    d->state = DOMAIN_RUNNING;
    vcpu_load(d);
    while ( d->state == DOMAIN_RUNNING )
        guest_trap(d, guest_run(&d->regs));
    vcpu_unload();
    if ( d->line_len )
        console_guest_line(d->domid, d->line, d->line_len);
    d->line_len = 0;
}
