/* SPDX-License-Identifier: GPL-2.0-only */
/* event_channel_op: 2-level event channels between and within domains. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pv.h>
#include <xen/sched.h>
#include <public/event-channel.h>

static bool test_and_set(uint64_t *word, unsigned int bit)
{
    return (__atomic_fetch_or(word, 1ULL << bit, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static bool test_bit(const uint64_t *word, unsigned int bit)
{
    return (__atomic_load_n(word, __ATOMIC_SEQ_CST) >> bit) & 1;
}

bool evtchn_vcpu_pending(const struct vcpu *v)
{
    const struct vcpu_info *vi = v->pv.vcpu_info;

    return vi &&
           __atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST) &&
           !__atomic_load_n(&vi->evtchn_upcall_mask, __ATOMIC_SEQ_CST);
}

/* Tell the port's vCPU: selector bit, upcall flag, arch notification. */
static void notify_vcpu(struct domain *d, evtchn_port_t port)
{
    struct evtchn *c = &d->pv->ports[port];
    struct vcpu *v;
    struct vcpu_info *vi;

    if ( c->notify_vcpu >= d->nr_vcpus )
        return;
    v = &d->vcpu[c->notify_vcpu];
    vi = v->pv.vcpu_info;
    if ( !vi || test_and_set(&vi->evtchn_pending_sel, port / 64) )
        return;
    if ( !__atomic_exchange_n(&vi->evtchn_upcall_pending, 1,
                              __ATOMIC_SEQ_CST) )
        arch_evtchn_notify(v);
}

void evtchn_set_pending(struct domain *d, evtchn_port_t port)
{
    struct shared_info *si = d->pv->shared_info;

    if ( !si || test_and_set(&si->evtchn_pending[port / 64], port % 64) )
        return;
    if ( !test_bit(&si->evtchn_mask[port / 64], port % 64) )
        notify_vcpu(d, port);
}

/* A free port of @d, or 0 when none is left. */
static evtchn_port_t port_alloc(struct domain *d)
{
    evtchn_port_t p;

    for ( p = 1; p < PV_NR_PORTS; p++ )
        if ( d->pv->ports[p].state == ECS_FREE )
            return p;
    return 0;
}

/* @port of @d when it is in use, else NULL. */
static struct evtchn *port_get(struct domain *d, evtchn_port_t port)
{
    if ( port == 0 || port >= PV_NR_PORTS ||
         d->pv->ports[port].state == ECS_FREE )
        return NULL;
    return &d->pv->ports[port];
}

static long alloc_unbound(struct vcpu *v, struct evtchn_alloc_unbound *op)
{
    struct domain *d = v->domain;
    evtchn_port_t p;

    if ( op->dom != DOMID_SELF && op->dom != d->domid )
        return -EPERM; /* only a control domain may, and there is none */
    if ( op->remote_dom != DOMID_SELF && !pv_domain_by_id(d, op->remote_dom) )
        return -ESRCH;
    p = port_alloc(d);
    if ( !p )
        return -ENOSPC;
    d->pv->ports[p] = (struct evtchn){
        .state = ECS_UNBOUND,
        .remote_dom = op->remote_dom == DOMID_SELF ? d->domid : op->remote_dom,
    };
    op->port = p;
    return 0;
}

/*
 * Connect port @lp of @ld to port @rp of @rd (unbound, waiting for @ld).
 * pv_lock held; used by the hypercall and by the static channels.
 */
static int bind_ports(struct domain *ld, evtchn_port_t lp, struct domain *rd,
                      evtchn_port_t rp)
{
    struct evtchn *r = port_get(rd, rp);

    if ( !r || r->state != ECS_UNBOUND || r->remote_dom != ld->domid )
        return -EINVAL;
    if ( ld == rd && lp == rp )
        return -EINVAL;
    r->state = ECS_INTERDOMAIN;
    r->remote_port = lp;
    ld->pv->ports[lp] = (struct evtchn){ .state = ECS_INTERDOMAIN,
                                         .remote_dom = rd->domid,
                                         .remote_port = rp };
    return 0;
}

void evtchn_bind_static(const struct boot_info *bi, const struct domain *only)
{
    const struct boot_evtchn *e;
    struct domain *d, *rd;
    struct evtchn *c, *r;
    unsigned int i;

    spin_lock(&pv_lock);
    for ( i = 0; i < bi->nr_evtchns; i++ )
    {
        e = &bi->evtchns[i];
        if ( e->peer < e ) /* each pair once */
            continue;
        d = &domain_list[e->bd - bi->domains];
        rd = &domain_list[e->peer->bd - bi->domains];
        if ( only && only != d && only != rd )
            continue;
        if ( !d->pv || !rd->pv ) /* a restart while its peer is down */
            continue;
        c = &d->pv->ports[e->port];
        r = &rd->pv->ports[e->peer->port];
        *c = (struct evtchn){ .state = ECS_INTERDOMAIN,
                              .is_static = 1,
                              .remote_dom = rd->domid,
                              .remote_port = e->peer->port };
        *r = (struct evtchn){ .state = ECS_INTERDOMAIN,
                              .is_static = 1,
                              .remote_dom = d->domid,
                              .remote_port = e->port };
        printk("d%u: static event channel: port %u to d%u port %u\n", d->domid,
               e->port, rd->domid, e->peer->port);
    }
    spin_unlock(&pv_lock);
}

static long bind_interdomain(struct vcpu *v,
                             struct evtchn_bind_interdomain *op)
{
    struct domain *d = v->domain, *rd;
    evtchn_port_t p;
    int rc;

    rd = pv_domain_by_id(d, op->remote_dom);
    if ( !rd )
        return -ESRCH;
    p = port_alloc(d);
    if ( !p )
        return -ENOSPC;
    rc = bind_ports(d, p, rd, op->remote_port);
    if ( rc )
        return rc;
    /* The new connection may have missed an event: raise it. */
    evtchn_set_pending(d, p);
    op->local_port = p;
    return 0;
}

/* As Xen: the timer, debug and profiling VIRQs are per vCPU. */
static bool virq_is_global(uint32_t virq)
{
    return virq != VIRQ_TIMER && virq != VIRQ_DEBUG && virq != VIRQ_XENOPROF &&
           virq != VIRQ_XENPMU;
}

static long bind_virq(struct vcpu *v, struct evtchn_bind_virq *op)
{
    struct domain *d = v->domain;
    struct vcpu *t;
    evtchn_port_t p;

    if ( op->virq >= NR_VIRQS )
        return -EINVAL;
    if ( op->vcpu >= d->nr_vcpus )
        return -ENOENT;
    if ( virq_is_global(op->virq) && op->vcpu != 0 )
        return -EINVAL; /* a global VIRQ is bound on vCPU 0, then moved */
    t = &d->vcpu[op->vcpu];
    if ( t->pv.virq_port[op->virq] )
        return -EEXIST;
    p = port_alloc(d);
    if ( !p )
        return -ENOSPC;
    d->pv->ports[p] = (struct evtchn){ .state = ECS_VIRQ,
                                       .notify_vcpu = (uint16_t)op->vcpu,
                                       .virq = (uint16_t)op->virq };
    t->pv.virq_port[op->virq] = (uint16_t)p;
    op->port = p;
    return 0;
}

static long bind_ipi(struct vcpu *v, struct evtchn_bind_ipi *op)
{
    struct domain *d = v->domain;
    evtchn_port_t p;

    if ( op->vcpu >= d->nr_vcpus )
        return -ENOENT;
    p = port_alloc(d);
    if ( !p )
        return -ENOSPC;
    d->pv->ports[p] =
        (struct evtchn){ .state = ECS_IPI, .notify_vcpu = (uint16_t)op->vcpu };
    op->port = p;
    return 0;
}

static long evtchn_close(struct domain *d, evtchn_port_t port)
{
    struct evtchn *c = port_get(d, port);
    struct domain *rd;

    if ( !c )
        return port < PV_NR_PORTS ? 0 : -EINVAL;
    /* A static port may be closed too, as on Xen 4.17: the peer's end
     * becomes unbound. */
    if ( c->state == ECS_INTERDOMAIN &&
         (rd = pv_domain_by_id(d, c->remote_dom)) )
        rd->pv->ports[c->remote_port].state = ECS_UNBOUND;
    if ( c->state == ECS_VIRQ )
        d->vcpu[c->notify_vcpu].pv.virq_port[c->virq] = 0;
    c->state = ECS_FREE;
    return 0;
}

static long evtchn_send(struct domain *d, evtchn_port_t port)
{
    struct evtchn *c = port_get(d, port);
    struct domain *rd;

    if ( !c )
        return -EINVAL;
    switch ( c->state )
    {
    case ECS_INTERDOMAIN:
        rd = pv_domain_by_id(d, c->remote_dom);
        if ( rd )
            evtchn_set_pending(rd, c->remote_port);
        return 0;
    case ECS_IPI:
        evtchn_set_pending(d, port);
        return 0;
    case ECS_UNBOUND:
        return 0; /* nobody listens yet: dropped, as Xen does */
    default:
        return -EINVAL;
    }
}

static long evtchn_status(struct domain *d, struct evtchn_status *op)
{
    struct evtchn *c;

    if ( op->dom != DOMID_SELF && op->dom != d->domid )
        return -EPERM;
    if ( op->port >= PV_NR_PORTS )
        return -EINVAL;
    c = &d->pv->ports[op->port];
    memset(&op->u, 0, sizeof(op->u));
    op->vcpu = c->notify_vcpu;
    switch ( c->state )
    {
    case ECS_UNBOUND:
        op->status = EVTCHNSTAT_unbound;
        op->u.unbound_dom = c->remote_dom;
        break;
    case ECS_INTERDOMAIN:
        op->status = EVTCHNSTAT_interdomain;
        op->u.interdomain.dom = c->remote_dom;
        op->u.interdomain.port = c->remote_port;
        break;
    case ECS_VIRQ:
        op->status = EVTCHNSTAT_virq;
        op->u.virq = c->virq;
        break;
    case ECS_IPI:
        op->status = EVTCHNSTAT_ipi;
        break;
    default:
        op->status = EVTCHNSTAT_closed;
        break;
    }
    return 0;
}

static long bind_vcpu(struct domain *d, struct evtchn_bind_vcpu *op)
{
    struct evtchn *c = port_get(d, op->port);
    uint16_t *slot;

    if ( !c )
        return -EINVAL;
    if ( op->vcpu >= d->nr_vcpus )
        return -ENOENT;
    if ( c->state == ECS_VIRQ && !virq_is_global(c->virq) )
        return -EINVAL; /* per-vCPU VIRQs stay where they were bound */
    if ( c->state == ECS_VIRQ && c->notify_vcpu != op->vcpu )
    {
        /* The VIRQ moves with it: the new vCPU must not have it bound. */
        slot = &d->vcpu[op->vcpu].pv.virq_port[c->virq];
        if ( *slot )
            return -EEXIST;
        *slot = (uint16_t)op->port;
        d->vcpu[c->notify_vcpu].pv.virq_port[c->virq] = 0;
    }
    c->notify_vcpu = (uint16_t)op->vcpu;
    return 0;
}

static long evtchn_unmask(struct domain *d, evtchn_port_t port)
{
    struct shared_info *si = d->pv->shared_info;

    if ( port >= PV_NR_PORTS )
        return -EINVAL;
    if ( !si )
        return 0;
    __atomic_fetch_and(&si->evtchn_mask[port / 64], ~(1ULL << (port % 64)),
                       __ATOMIC_SEQ_CST);
    if ( test_bit(&si->evtchn_pending[port / 64], port % 64) &&
         d->pv->ports[port].state != ECS_FREE )
        notify_vcpu(d, port);
    return 0;
}

/* Argument sizes of the sub-operations we implement (0: not implemented). */
static const uint8_t op_size[] = {
    [EVTCHNOP_bind_interdomain] = sizeof(struct evtchn_bind_interdomain),
    [EVTCHNOP_bind_virq] = sizeof(struct evtchn_bind_virq),
    [EVTCHNOP_close] = sizeof(struct evtchn_port_arg),
    [EVTCHNOP_send] = sizeof(struct evtchn_port_arg),
    [EVTCHNOP_status] = sizeof(struct evtchn_status),
    [EVTCHNOP_alloc_unbound] = sizeof(struct evtchn_alloc_unbound),
    [EVTCHNOP_bind_ipi] = sizeof(struct evtchn_bind_ipi),
    [EVTCHNOP_bind_vcpu] = sizeof(struct evtchn_bind_vcpu),
    [EVTCHNOP_unmask] = sizeof(struct evtchn_port_arg),
};

union evtchn_args {
    struct evtchn_bind_interdomain bind_interdomain;
    struct evtchn_bind_virq bind_virq;
    struct evtchn_port_arg port;
    struct evtchn_status status;
    struct evtchn_alloc_unbound alloc_unbound;
    struct evtchn_bind_ipi bind_ipi;
    struct evtchn_bind_vcpu bind_vcpu;
};

static long evtchn_op(struct vcpu *v, unsigned int cmd, union evtchn_args *u)
{
    struct domain *d = v->domain;

    switch ( cmd )
    {
    case EVTCHNOP_bind_interdomain:
        return bind_interdomain(v, &u->bind_interdomain);
    case EVTCHNOP_bind_virq:
        return bind_virq(v, &u->bind_virq);
    case EVTCHNOP_close:
        return evtchn_close(d, u->port.port);
    case EVTCHNOP_send:
        return evtchn_send(d, u->port.port);
    case EVTCHNOP_status:
        return evtchn_status(d, &u->status);
    case EVTCHNOP_alloc_unbound:
        return alloc_unbound(v, &u->alloc_unbound);
    case EVTCHNOP_bind_ipi:
        return bind_ipi(v, &u->bind_ipi);
    case EVTCHNOP_bind_vcpu:
        return bind_vcpu(d, &u->bind_vcpu);
    default: /* EVTCHNOP_unmask */
        return evtchn_unmask(d, u->port.port);
    }
}

long do_event_channel_op(struct vcpu *v, const uint64_t a[5])
{
    union evtchn_args u;
    unsigned int cmd = (unsigned int)a[0];
    long rc;

    /* FIFO event channels (init_control, ...) are not offered. */
    if ( a[0] >= ARRAY_SIZE(op_size) || !op_size[cmd] )
        return -ENOSYS;
    if ( arch_copy_from_guest(v, &u, a[1], op_size[cmd]) )
        return -EFAULT;
    spin_lock(&pv_lock);
    rc = evtchn_op(v, cmd, &u);
    spin_unlock(&pv_lock);
    if ( rc == 0 && arch_copy_to_guest(v, a[1], &u, op_size[cmd]) )
        rc = -EFAULT;
    return rc;
}
