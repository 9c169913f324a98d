/* SPDX-License-Identifier: GPL-2.0-only */
/* Run a vCPU for one time slice: EL2 setup, EL1 and FP state, exit loop. */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/sched.h>
#include <asm/config.h>
#include <asm/gic.h>
#include <asm/irq.h>
#include <asm/smp.h>
#include <asm/sysregs.h>
#include <asm/vdev.h>

/* EL1h with D, A, I and F masked: the Linux arm64 boot protocol. */
#define PSR_GUEST64_INIT 0x3c5ULL

#define HCR_GUEST \
    (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TWI | HCR_TWE | \
     HCR_TSC | HCR_TID3 | HCR_TIDCP | HCR_TACR | HCR_RW)

/*
 * The host features the guest traps depend on, read once at boot from the
 * ID registers (every host CPU alike), not at every vCPU switch.
 */
static struct {
    bool ras, lor, spe, amu, sme, pmu; /* pmu: architected PMU (not IMPDEF) */
} host;

void vcpu_run_init(void)
{
    uint64_t pfr0 = READ_SYSREG(id_aa64pfr0_el1);
    uint64_t dfr0 = READ_SYSREG(id_aa64dfr0_el1);
    uint64_t pmuver = ID_FIELD(dfr0, ID_AA64DFR0_PMUVER_SHIFT);

    host.ras = ID_FIELD(pfr0, ID_AA64PFR0_RAS_SHIFT);
    host.amu = ID_FIELD(pfr0, ID_AA64PFR0_AMU_SHIFT);
    host.lor = ID_FIELD(READ_SYSREG(id_aa64mmfr1_el1), ID_AA64MMFR1_LO_SHIFT);
    host.sme = ID_FIELD(READ_SYSREG(id_aa64pfr1_el1), ID_AA64PFR1_SME_SHIFT);
    host.spe = ID_FIELD(dfr0, ID_AA64DFR0_PMSVER_SHIFT);
    host.pmu = pmuver && pmuver != ID_PMUVER_IMPDEF;
}

/*
 * Besides HCR_GUEST's traps (ID, IMPLEMENTATION DEFINED and auxiliary
 * control registers: vsysreg.c), with RAS the error record registers
 * (shared by every domain, and the host's errors) and with LORegions
 * their registers trap too: they read as none.
 */
static uint64_t hcr_guest(const struct domain *d)
{
    return HCR_GUEST | (host.ras ? HCR_TERR : 0) | (host.lor ? HCR_TLOR : 0) |
           (p2m_local_tlbi && d->nr_vcpus == 1 ? HCR_TTLB : 0);
}

/*
 * Debug, trace and PMU registers are not switched: every guest access to
 * them traps (vsysreg.c answers RAZ/WI), so no domain sees what another
 * wrote.  HPMN keeps its reset value.  Statistical profiling traps too.
 */
static uint64_t mdcr_guest(void)
{
    uint64_t mdcr = READ_SYSREG(mdcr_el2) & MDCR_EL2_HPMN_MASK;

    mdcr |= MDCR_EL2_TPMCR | MDCR_EL2_TPM | MDCR_EL2_TDA | MDCR_EL2_TDOSA |
            MDCR_EL2_TDRA;
    if ( host.spe )
        mdcr |= MDCR_EL2_TPMS;
    return mdcr;
}

/*
 * The debug and PMU state no guest reaches, in a known state: no debug
 * events enabled (whatever firmware left), EL0 PMU accesses trapped to
 * the guest's EL1.
 */
static void debug_pmu_quiesce(void)
{
    WRITE_SYSREG(mdscr_el1, 0);
    if ( host.pmu )
        WRITE_SYSREG(pmuserenr_el0, 0);
}

/*
 * FP/SIMD is switched eagerly (not trapped); SVE and SME (whose wider
 * registers are not switched), trace and activity monitors trap, and the
 * ID registers hide them (vsysreg.c).
 */
static uint64_t cptr_guest(void)
{
    uint64_t cptr = READ_SYSREG(cptr_el2);

    cptr &= ~((1UL << CPTR_EL2_TFP_BIT) | (1UL << CPTR_EL2_TCPAC_BIT));
    cptr |= CPTR_EL2_TZ | CPTR_EL2_TSM | CPTR_EL2_TTA;
    if ( host.amu )
        cptr |= CPTR_EL2_TAM;
    return cptr;
}

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
    /*
     * Registers of extensions a guest can reach even though the ID
     * registers hide them: SME's TPIDR2_EL0 (no trap short of fine-grained
     * traps) and, with RAS, DISR_EL1, which under HCR_EL2.AMO is VDISR_EL2.
     */
    if ( host.sme )
        SAVE(tpidr2, s3_3_c13_c0_5); /* TPIDR2_EL0 */
    if ( host.ras )
        SAVE(vdisr, s3_4_c12_c1_1); /* VDISR_EL2 */
    /* The guest's timers: stop them while it is switched out. */
    SAVE(cntv_ctl, cntv_ctl_el0);
    SAVE(cntv_cval, cntv_cval_el0);
    SAVE(cntp_ctl, cntp_ctl_el0);
    SAVE(cntp_cval, cntp_cval_el0);
    WRITE_SYSREG(cntv_ctl_el0, 0);
    WRITE_SYSREG(cntp_ctl_el0, 0);
}

/* The guest's timers (stopped by el1_save()). */
static void timers_load(const struct el1_regs *r)
{
    /* Comparators before controls, so that no stale deadline fires. */
    LOAD(cntv_cval, cntv_cval_el0);
    LOAD(cntp_cval, cntp_cval_el0);
    LOAD(cntv_ctl, cntv_ctl_el0);
    LOAD(cntp_ctl, cntp_ctl_el0);
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
    if ( host.sme )
        LOAD(tpidr2, s3_3_c13_c0_5);
    if ( host.ras )
        LOAD(vdisr, s3_4_c12_c1_1);
    timers_load(r);
}

/*
 * The vCPU whose EL1, FP and vGIC registers each host CPU still holds:
 * saving them leaves them in place, and loading them again costs
 * translation-cache flushes (in QEMU as on hardware), so a vCPU that
 * comes back to the CPU it left, with nothing run there meanwhile, only
 * gets its timers back.
 */
static const struct vcpu *regs_owner[NR_CPUS];

static bool still_loaded(const struct vcpu *v, unsigned int cpu)
{
    return regs_owner[cpu] == v && v->arch.last_cpu == (int)cpu &&
           !v->arch.start_pending;
}

/* Stage 2 of @v's domain, its EL1 and FP state, our traps. */
static void vcpu_load(struct vcpu *v)
{
    struct arch_domain *ad = &v->domain->arch;
    struct arch_vcpu *av = &v->arch;
    unsigned int cpu = smp_processor_id();
    bool moved;

    if ( still_loaded(v, cpu) )
    {
        timers_load(&av->el1);
        asm volatile("isb" ::: "memory");
        return;
    }
    regs_owner[cpu] = v;
    moved = av->last_cpu >= 0 && av->last_cpu != (int)cpu;
    av->last_cpu = (int)cpu;

    if ( av->start_pending )
    {
        /* Reset state, entering at the recorded point (CPU_ON, boot). */
        memset(&av->regs, 0, sizeof(av->regs));
        memset(&av->fp, 0, sizeof(av->fp));
        av->regs.pc = av->start_pc;
        av->regs.cpsr = PSR_GUEST64_INIT;
        av->regs.x[0] = av->start_ctx;
        el1_reset(&av->el1);
        av->start_pending = false;
    }
    WRITE_SYSREG(vttbr_el2, ad->p2m.pt.root | ((uint64_t)ad->vmid << 48));
    p2m_vmid_claim(v, cpu, moved);
    WRITE_SYSREG(hcr_el2, hcr_guest(v->domain));
    WRITE_SYSREG(mdcr_el2, mdcr_guest());
    debug_pmu_quiesce();
    WRITE_SYSREG(cptr_el2, cptr_guest());
    WRITE_SYSREG(vmpidr_el2, av->vmpidr);
    WRITE_SYSREG(vpidr_el2, READ_SYSREG(midr_el1));
    WRITE_SYSREG(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
    WRITE_SYSREG(cntvoff_el2, 0);
    el1_load(&av->el1);
    fpsimd_load(&av->fp);
    vgic_load(v);
    /* TLB entries are tagged with the VMID: no flush but a shared one's. */
    asm volatile("isb" ::: "memory");
}

/*
 * Save @v's state for any CPU to load; the registers keep it (see
 * still_loaded()), stage 2 and our traps stay set: they act on EL1 and
 * EL0 only.
 */
static void vcpu_unload(struct vcpu *v)
{
    vgic_save(v);
    fpsimd_save(&v->arch.fp);
    el1_save(&v->arch.el1);
    asm volatile("isb" ::: "memory");
}

void arch_vcpu_run(struct vcpu *v)
{
    const struct domain *d = v->domain;
    bool leave = false, counted = false;
    uint64_t t0 = 0;

    vcpu_load(v);
    if ( !v->vcpu_id ) /* device timers (the watchdog) go with vCPU0 */
        vdev_poll(v->domain);
    /* A full slice, or less when a blocked vCPU's timer is due sooner. */
    hyp_timer_arm_until(sched_next_wakeup(smp_processor_id()));
    while ( !leave && v->online && d->state == DOMAIN_RUNNING )
    {
        unsigned int vector;

        vgic_flush(v);
        /* An exit's time: from the exit to the next entry. */
        if ( counted )
            exits_account(&v->arch.exits,
                          t0 ? READ_SYSREG(cntpct_el0) - t0 : 0);
        vector = guest_run(&v->arch.regs);
        counted = true;
        t0 = exits_timed(&v->arch.exits) ? READ_SYSREG(cntpct_el0) : 0;
        vgic_sync(v);
        v->arch.vdev_poll = false;
        leave = guest_trap(v, vector);
        /* Device timers: on a host interrupt (the tick) or their MMIO. */
        if ( !v->vcpu_id && v->arch.vdev_poll )
            vdev_poll(v->domain);
    }
    if ( counted )
        exits_account(&v->arch.exits, t0 ? READ_SYSREG(cntpct_el0) - t0 : 0);
    vcpu_unload(v);
}

/* The virtual timer of switched-out @v has fired (enabled, unmasked). */
static bool vtimer_expired(const struct vcpu *v)
{
    uint64_t ctl = v->arch.el1.cntv_ctl;

    if ( (ctl & (CNTx_CTL_ENABLE | CNTx_CTL_IMASK)) != CNTx_CTL_ENABLE )
        return false;
    asm volatile("isb" ::: "memory");
    return READ_SYSREG(cntpct_el0) >= v->arch.el1.cntv_cval;
}

/* A device timer of @v's domain is due (they go with vCPU0). */
static bool vdev_due(const struct vcpu *v)
{
    uint64_t t = v->vcpu_id ? ~0ULL : vdev_deadline(v->domain);

    asm volatile("isb" ::: "memory");
    return t != ~0ULL && READ_SYSREG(cntpct_el0) >= t;
}

bool arch_vcpu_wakeup_pending(struct vcpu *v)
{
    return vtimer_expired(v) || vgic_pending(v) || vdev_due(v) ||
           evtchn_vcpu_pending(v);
}

void arch_cpu_kick(unsigned int cpu)
{
    gic_send_sgi(cpu, GIC_SGI_KICK);
}

uint64_t arch_vcpu_wake_deadline(const struct vcpu *v)
{
    uint64_t ctl = v->arch.el1.cntv_ctl;
    uint64_t dev = v->vcpu_id ? ~0ULL : vdev_deadline(v->domain);

    if ( (ctl & (CNTx_CTL_ENABLE | CNTx_CTL_IMASK)) != CNTx_CTL_ENABLE )
        return dev;
    return MIN(v->arch.el1.cntv_cval, dev);
}

void arch_cpu_idle(void)
{
    unsigned int intid;

    /* The next tick, or sooner when a blocked vCPU's timer is due. */
    if ( !hyp_timer_arm_until(sched_next_wakeup(smp_processor_id())) )
        return; /* no tick to wake us: poll */
    asm volatile("dsb sy; wfi" ::: "memory");
    intid = gic_ack();
    if ( intid < GIC_INTID_SPECIAL && !irq_forward(intid) )
        gic_eoi(intid);
}

bool arch_domain_idle_work_left(struct domain *d)
{
    return p2m_lazy_prefill(&d->arch.p2m, true) > 0;
}

void arch_domain_idle_work(struct domain *d)
{
    /* Out of table pages: the vCPU's own fault on the piece says so. */
    p2m_lazy_prefill(&d->arch.p2m, false);
}

unsigned int smp_processor_id(void)
{
    return this_pcpu()->id;
}
