/* SPDX-License-Identifier: GPL-2.0-only */
/* Build every domain of the plan, then run them time-sliced on the boot CPU. */
#include <xen/lib.h>
#include <asm/apic.h>
#include <asm/domain.h>

/* Length of a time slice. */
#define SLICE_US 10000

static struct domain domains[HL_MAX_DOMAINS];
static unsigned int nr_domains;
static const struct vcpu *last_run;

int domains_build(const struct boot_info *bi)
{
    uint32_t nr_asids = svm_nr_asids() - 1; /* ASID 0 is the host's */
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < bi->nr_domains && !rc; i++ )
    {
        rc = arch_domain_build(&domains[i], &bi->domains[i], 1 + i % nr_asids);
        domains[i].vcpu0.arch.asid_shared = bi->nr_domains > nr_asids;
        nr_domains = i + 1;
    }
    if ( !rc )
        return 0;
    printk("Hyperlaunch: building d%u failed (%d); no domain was started\n",
           bi->domains[i - 1].domid, rc);
    for ( i = 0; i < nr_domains; i++ )
        arch_domain_destroy(&domains[i]);
    nr_domains = 0;
    return rc;
}

void arch_vcpu_run(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool yield = false;

    if ( d->state == DOMAIN_BUILT )
        d->state = DOMAIN_RUNNING;
    /* More domains than ASIDs: whoever ran last may share ours. */
    if ( v->arch.asid_shared && last_run != v )
        v->arch.svm.vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
    last_run = v;
    while ( d->state == DOMAIN_RUNNING && !yield )
    {
        svm_vcpu_run(&v->arch.svm);
        yield = svm_vmexit(v);
    }
}

void domains_run(void)
{
    unsigned int i, live = 0;

    for ( i = 0; i < nr_domains; i++ )
        live += domains[i].state == DOMAIN_BUILT;
    /* Round-robin; a domain that stopped leaves the run queue. */
    for ( i = 0; live; i = (i + 1) % nr_domains )
    {
        struct domain *d = &domains[i];

        if ( d->state != DOMAIN_BUILT && d->state != DOMAIN_RUNNING )
            continue;
        apic_timer_arm(SLICE_US); /* a full slice for every domain */
        arch_vcpu_run(&d->vcpu0);
        if ( d->state == DOMAIN_RUNNING )
            continue;
        arch_domain_destroy(d);
        live--;
    }
    apic_timer_stop();
    printk("all domains have stopped\n");
}
