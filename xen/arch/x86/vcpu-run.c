/* SPDX-License-Identifier: GPL-2.0-only */
/* Run an x86 vCPU for one time slice under SVM; idle a host CPU. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/vlapic.h>

/* The vCPU that ran last on each host CPU: for shared ASIDs. */
static const struct vcpu *last_run[NR_CPUS];
static const struct domain *last_dom[NR_CPUS]; /* its domain: never freed */

/* More domains than ASIDs: the vCPU that ran before may share ours. */
static bool asid_shared(void)
{
    return nr_domains > svm_nr_asids() - 1;
}

/*
 * Flush this CPU's TLB for @v when it comes from another CPU (its guest
 * may have invalidated mappings there only), or when another vCPU with
 * the same ASID ran here since: one of its own domain, or of another
 * when ASIDs are shared.
 */
static void tlb_check(struct vcpu *v, unsigned int cpu)
{
    if ( v->arch.last_cpu != (int)cpu ||
         (last_run[cpu] != v &&
          (asid_shared() || last_dom[cpu] == v->domain)) )
        v->arch.svm.vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
    last_run[cpu] = v;
    last_dom[cpu] = v->domain;
    v->arch.last_cpu = (int)cpu;
}

void arch_vcpu_run(struct vcpu *v)
{
    struct domain *d = v->domain;
    uint64_t slice_end = host_tsc() + apic_us_to_tsc(SLICE_US);
    bool yield = false;

    tlb_check(v, smp_processor_id());
    fpu_load(&v->arch.svm);
    while ( !yield && v->online && d->state == DOMAIN_RUNNING )
    {
        hvm_io_poll(v);
        vlapic_inject(v);
        /* The slice end, or the vCPU's own timers if sooner. */
        apic_timer_arm_tsc(MIN(slice_end, arch_vcpu_wake_deadline(v)));
        svm_vcpu_run(&v->arch.svm);
        yield = svm_vmexit(v) || host_tsc() >= slice_end;
    }
    fpu_save(&v->arch.svm);
}

/* A device timer that is due fires first: its interrupt may be it. */
bool arch_vcpu_wakeup_pending(struct vcpu *v)
{
    hvm_io_poll(v);
    return vlapic_wakeup_pending(v);
}

/* Under sched_lock (before the device lock): the 16550 may raise IRQ 4. */
void arch_console_input_notify(struct domain *d)
{
    vuart_input_notify(d);
}

/* The vCPU's local APIC timer, or for vCPU0 the PIT's next IRQ 0. */
uint64_t arch_vcpu_wake_deadline(const struct vcpu *v)
{
    return MIN(vlapic_timer_due(v), hvm_io_deadline(v)); /* ~0: never */
}

void arch_cpu_idle(void)
{
    uint64_t slice = host_tsc() + apic_us_to_tsc(SLICE_US);

    apic_timer_arm_tsc(MIN(slice, sched_next_wakeup(smp_processor_id())));
    asm volatile("sti; hlt; cli" ::: "memory");
}
