/* SPDX-License-Identifier: GPL-2.0-only */
/* sched_op: yield, block, poll and shutdown for xen,enhanced domains. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pv.h>
#include <xen/sched.h>

/* Ports one SCHEDOP_poll may name, as Xen bounds it (128). */
#define POLL_MAX_PORTS 128U

/* Block @v until an event is pending for it (events get unmasked). */
static long sched_block(struct vcpu *v)
{
    struct vcpu_info *vi = v->pv.vcpu_info;

    if ( vi )
        __atomic_store_n(&vi->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
    if ( !evtchn_vcpu_pending(v) )
    {
        v->blocked = true;
        v->pv.leave = true;
    }
    return 0;
}

/*
 * Wait for one of the ports to be pending: returns at once when one is,
 * else gives the CPU away once (a wake-up without a pending port is
 * allowed by the interface: the guest looks again).
 */
static long sched_poll(struct vcpu *v, uint64_t gva)
{
    struct shared_info *si = v->domain->pv->shared_info;
    struct sched_poll p;
    evtchn_port_t port;
    uint32_t i;

    if ( arch_copy_from_guest(v, &p, gva, sizeof(p)) )
        return -EFAULT;
    if ( p.nr_ports > POLL_MAX_PORTS )
        return -EINVAL;
    for ( i = 0; i < p.nr_ports; i++ )
    {
        if ( arch_copy_from_guest(v, &port, p.ports + 4ULL * i, 4) )
            return -EFAULT;
        if ( port >= PV_NR_PORTS )
            return -EINVAL;
        if ( si && (__atomic_load_n(&si->evtchn_pending[port / 64],
                                    __ATOMIC_SEQ_CST) >>
                    (port % 64)) &
                       1 )
            return 0;
    }
    if ( p.timeout != 1 ) /* 1 ns: a mere check */
        v->pv.leave = true;
    return 0;
}

static long sched_shutdown(struct vcpu *v, uint64_t gva)
{
    struct sched_shutdown s;
    struct domain *d = v->domain;

    if ( arch_copy_from_guest(v, &s, gva, sizeof(s)) )
        return -EFAULT;
    switch ( s.reason )
    {
    case SHUTDOWN_poweroff:
    case SHUTDOWN_reboot: /* nobody restarts it: it ends */
        printk("d%u: shut down (%s)\n", d->domid,
               s.reason ? "reboot" : "poweroff");
        domain_shutdown(d);
        v->pv.leave = true;
        return 0;
    case SHUTDOWN_crash:
    case SHUTDOWN_watchdog:
        domain_crash(d, "shut down with reason %s",
                     s.reason == SHUTDOWN_crash ? "crash" : "watchdog");
        v->pv.leave = true;
        return 0;
    case SHUTDOWN_suspend:
    case SHUTDOWN_soft_reset:
        return -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
}

long do_sched_op(struct vcpu *v, const uint64_t a[5])
{
    switch ( a[0] )
    {
    case SCHEDOP_yield:
        v->pv.leave = true;
        return 0;
    case SCHEDOP_block:
        return sched_block(v);
    case SCHEDOP_poll:
        return sched_poll(v, a[1]);
    case SCHEDOP_shutdown:
        return sched_shutdown(v, a[1]);
    default:
        return -ENOSYS;
    }
}
