/* SPDX-License-Identifier: GPL-2.0-only */
/* Run a PVH vCPU for one time slice under SVM; idle a host CPU. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>

/* The vCPU that ran last on each host CPU: for shared ASIDs. */
static const struct vcpu *last_run[NR_CPUS];

/* More domains than ASIDs: the vCPU that ran before may share ours. */
static bool asid_shared(void)
{
    return nr_domains > svm_nr_asids() - 1;
}

void arch_vcpu_run(struct vcpu *v)
{
    struct domain *d = v->domain;
    unsigned int cpu = smp_processor_id();
    bool yield = false;

    /*
     * Flush this CPU's TLB for the vCPU when it comes from another CPU
     * (its guest may have invalidated mappings there only), or when
     * another vCPU with the same ASID ran here since.
     */
    if ( v->arch.last_cpu != (int)cpu ||
         (asid_shared() && last_run[cpu] != v) )
        v->arch.svm.vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
    last_run[cpu] = v;
    v->arch.last_cpu = (int)cpu;
    apic_timer_arm(SLICE_US); /* a full slice */
    fpu_load(&v->arch.svm);
    while ( !yield && v->online && d->state == DOMAIN_RUNNING )
    {
        svm_vcpu_run(&v->arch.svm);
        yield = svm_vmexit(v);
    }
    fpu_save(&v->arch.svm);
}

/* x86 vCPUs never block: HLT yields and the vCPU stays runnable. */
bool arch_vcpu_wakeup_pending(struct vcpu *v)
{
    return true;
}

/* The 16550 is polled (no interrupts yet): nothing to raise. */
void arch_console_input_notify(struct domain *d)
{}

void arch_cpu_idle(void)
{
    apic_timer_arm(SLICE_US);
    asm volatile("sti; hlt; cli" ::: "memory");
}
