/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypercall dispatch of xen,enhanced domains, and their PV state. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/pv.h>
#include <xen/sched.h>
#include <stdarg.h>

DEFINE_SPINLOCK(pv_lock);

/* At most this many refused-call lines per domain. */
#define PV_REPORTS_MAX 16

typedef long (*hypercall_fn)(struct vcpu *v, const uint64_t a[5]);

static const hypercall_fn hypercall_table[HYPERCALL_NR] = {
    [__HYPERVISOR_memory_op] = do_memory_op,
    [__HYPERVISOR_xen_version] = do_xen_version,
    [__HYPERVISOR_console_io] = do_console_io,
    [__HYPERVISOR_grant_table_op] = do_grant_table_op,
    [__HYPERVISOR_vcpu_op] = do_vcpu_op,
    [__HYPERVISOR_sched_op] = do_sched_op,
    [__HYPERVISOR_event_channel_op] = do_event_channel_op,
    [__HYPERVISOR_hvm_op] = do_hvm_op,
};

void pv_report(struct domain *d, const char *fmt, ...)
{
    char buf[128];
    va_list ap;

    if ( d->pv && d->pv->nr_reports++ >= PV_REPORTS_MAX )
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    printk("d%u: %s%s\n", d->domid, buf,
           d->pv && d->pv->nr_reports == PV_REPORTS_MAX
               ? " (no more such lines)"
               : "");
}

long hypercall_dispatch(struct vcpu *v, unsigned long nr, const uint64_t a[5])
{
    struct domain *d = v->domain;
    long rc;

    if ( !d->pv )
        return -ENOSYS; /* no xen,enhanced: no PV interfaces */
    if ( nr >= HYPERCALL_NR || !hypercall_table[nr] )
    {
        pv_report(d, "unknown hypercall %lu: -ENOSYS", nr);
        return -ENOSYS;
    }
    rc = hypercall_table[nr](v, a);
    if ( rc == -EFAULT )
        pv_report(d, "hypercall %lu op %llu: bad guest address: -EFAULT", nr,
                  (unsigned long long)a[0]);
    return rc;
}

struct domain *pv_domain_by_id(struct domain *self, uint16_t domid)
{
    unsigned int i;

    if ( domid == DOMID_SELF || domid == self->domid )
        return self;
    for ( i = 0; i < nr_domains; i++ )
        if ( domain_list[i].domid == domid && domain_list[i].pv &&
             domain_list[i].state != DOMAIN_EMPTY )
            return &domain_list[i];
    return NULL;
}

static unsigned int pv_order(void)
{
    unsigned int order = 0;

    while ( (PAGE_SIZE << order) < sizeof(struct pv_domain) )
        order++;
    return order;
}

int pv_domain_init(struct domain *d, const struct boot_domain *bd)
{
    struct pv_domain *pv;
    paddr_t pa;
    unsigned int i;

    if ( bd->enhanced == HL_ENHANCED_NONE )
        return 0;
    if ( alloc_pages(pv_order(), &pa) )
        return -ENOMEM;
    pv = (struct pv_domain *)(uintptr_t)pa;
    memset(pv, 0, sizeof(*pv));
    for ( i = 0; i < PV_GNTTAB_FRAMES; i++ )
        if ( alloc_pages(0, &pv->gnttab[i]) )
            goto fail;
        else
            memset((void *)(uintptr_t)pv->gnttab[i], 0, PAGE_SIZE);
    /* Events raised before the guest places shared_info wait in ours. */
    if ( alloc_pages(0, &pv->own_shared_info) )
        goto fail;
    memset((void *)(uintptr_t)pv->own_shared_info, 0, PAGE_SIZE);
    pv->shared_info = (struct shared_info *)(uintptr_t)pv->own_shared_info;
    d->vcpu[0].pv.vcpu_info = &pv->shared_info->vcpu_info[0];
    pv->gnttab_version = 1;
    d->pv = pv;
    return 0;

fail:
    i = PV_GNTTAB_FRAMES;
    while ( i-- )
        if ( pv->gnttab[i] )
            free_pages(pv->gnttab[i], 0);
    free_pages(pa, pv_order());
    return -ENOMEM;
}

/* Close every port of @d: a peer's end becomes unbound (pv_lock held). */
static void close_all_ports(struct domain *d)
{
    struct evtchn *c;
    struct domain *r;
    unsigned int p;

    for ( p = 1; p < PV_NR_PORTS; p++ )
    {
        c = &d->pv->ports[p];
        if ( c->state == ECS_INTERDOMAIN &&
             (r = pv_domain_by_id(d, c->remote_dom)) && r != d &&
             c->remote_port < PV_NR_PORTS )
            r->pv->ports[c->remote_port].state = ECS_UNBOUND;
        c->state = ECS_FREE;
    }
}

void pv_domain_destroy(struct domain *d)
{
    struct pv_domain *pv = d->pv;
    unsigned int i;

    if ( !pv )
        return;
    spin_lock(&pv_lock);
    gnttab_unmap_foreign(d);
    close_all_ports(d);
    d->pv = NULL;
    spin_unlock(&pv_lock);
    for ( i = 0; i < PV_GNTTAB_FRAMES; i++ )
        if ( pv->gnttab[i] )
            free_pages(pv->gnttab[i], 0);
    if ( pv->own_shared_info )
        free_pages(pv->own_shared_info, 0);
    free_pages((paddr_t)(uintptr_t)pv, pv_order());
}
