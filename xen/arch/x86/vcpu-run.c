/* SPDX-License-Identifier: GPL-2.0-only */
/* Run a PVH vCPU for one time slice under SVM; idle; the CPU's index. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>

/* The vCPU that ran last on this (the only) CPU: for shared ASIDs. */
static const struct vcpu *last_run;

/* More domains than ASIDs: the vCPU that ran before may share ours. */
static bool asid_shared(void)
{
    return nr_domains > svm_nr_asids() - 1;
}

void arch_vcpu_run(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool yield = false;

    if ( asid_shared() && last_run != v )
        v->arch.svm.vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
    last_run = v;
    apic_timer_arm(SLICE_US); /* a full slice */
    while ( !yield && v->online && d->state == DOMAIN_RUNNING )
    {
        svm_vcpu_run(&v->arch.svm);
        yield = svm_vmexit(v);
    }
}

void arch_cpu_idle(void)
{
    apic_timer_arm(SLICE_US);
    asm volatile("sti; hlt; cli" ::: "memory");
}

/* One host CPU for now: the boot CPU. */
unsigned int smp_processor_id(void)
{
    return 0;
}
