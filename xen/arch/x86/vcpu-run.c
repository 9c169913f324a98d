/* SPDX-License-Identifier: GPL-2.0-only */
/* Run an x86 vCPU for one time slice under SVM; idle a host CPU. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/vlapic.h>

/* The vCPU that ran last on each host CPU. */
static const struct vcpu *last_run[NR_CPUS];

/*
 * Flush this CPU's TLB for @v when it comes from another CPU (its guest
 * may have invalidated mappings there only), or when any other vCPU ran
 * here since.  ASIDs would keep domains' translations apart on a CPU that
 * tags its TLB with them, but QEMU's TCG does not: a VMRUN without a
 * flush reloads CR3, which drops only non-global entries, so the global
 * kernel mappings of the domain that ran before stayed in use (a Linux
 * domain then ran on another domain's kernel pages).
 */
static void tlb_check(struct vcpu *v, unsigned int cpu)
{
    if ( v->arch.last_cpu != (int)cpu || last_run[cpu] != v )
        v->arch.svm.vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
    last_run[cpu] = v;
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
        if ( !v->vcpu_id )
            vwdt_poll(d); /* may end the domain: the loop then stops */
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
    /* The watchdog wakes vCPU0, which applies it when it runs. */
    return vlapic_wakeup_pending(v) ||
           (!v->vcpu_id && host_tsc() >= vwdt_deadline(v->domain));
}

/* Under sched_lock (before the device lock): the 16550 may raise IRQ 4. */
void arch_console_input_notify(struct domain *d)
{
    vuart_input_notify(d);
}

/* Exits are not counted by cause on x86 yet. */
void arch_domain_print_exits(const struct domain *d, bool all)
{
    if ( all )
        printk("d%u: exits are not counted on this architecture\n", d->domid);
}

/* The vCPU's local APIC timer, or for vCPU0 the PIT's next IRQ 0. */
uint64_t arch_vcpu_wake_deadline(const struct vcpu *v)
{
    uint64_t wdt = v->vcpu_id ? VLAPIC_NO_DEADLINE : vwdt_deadline(v->domain);

    /* ~0: never */
    return MIN(MIN(vlapic_timer_due(v), hvm_io_deadline(v)), wdt);
}

/* x86 domains are built whole: nothing is left for an idle CPU. */
bool arch_domain_idle_work_left(struct domain *d)
{
    return false;
}

void arch_domain_idle_work(struct domain *d)
{}

void arch_cpu_idle(void)
{
    uint64_t slice = host_tsc() + apic_us_to_tsc(SLICE_US);

    apic_timer_arm_tsc(MIN(slice, sched_next_wakeup(smp_processor_id())));
    asm volatile("sti; hlt; cli" ::: "memory");
}
