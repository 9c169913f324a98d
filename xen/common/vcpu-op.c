/* SPDX-License-Identifier: GPL-2.0-only */
/* vcpu_op: where a vCPU's vcpu_info lives, its runstate, whether it is up. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/pv.h>
#include <xen/sched.h>

/* A vcpu_info must not cross a page and must be 8-byte aligned. */
static long register_vcpu_info(struct vcpu *v, struct vcpu *t, uint64_t gva)
{
    struct vcpu_register_vcpu_info r;
    struct vcpu_info *vi;
    uint8_t *page;

    if ( arch_copy_from_guest(v, &r, gva, sizeof(r)) )
        return -EFAULT;
    if ( r.offset > PAGE_SIZE - sizeof(*vi) || (r.offset & 7) || r.rsvd )
        return -EINVAL;
    if ( t->pv.registered )
        return -EINVAL; /* once per vCPU, as in Xen */
    page = arch_guest_ram_page(v->domain, r.mfn);
    if ( !page )
        return -EINVAL;
    vi = (struct vcpu_info *)(page + r.offset);
    spin_lock(&pv_lock);
    memset(vi, 0, sizeof(*vi));
    /* Make the guest look at every selector once: nothing is lost. */
    vi->evtchn_pending_sel = ~0ULL;
    vi->evtchn_upcall_pending = 1;
    t->pv.vcpu_info = vi;
    t->pv.registered = true;
    spin_unlock(&pv_lock);
    arch_evtchn_notify(t);
    return 0;
}

/* Accepted; the area is not updated (no steal time is reported). */
static long register_runstate(struct vcpu *v, uint64_t gva)
{
    uint64_t addr;

    return arch_copy_from_guest(v, &addr, gva, sizeof(addr)) ? -EFAULT : 0;
}

static long get_runstate(struct vcpu *v, struct vcpu *t, uint64_t gva)
{
    struct vcpu_runstate_info r;

    memset(&r, 0, sizeof(r));
    r.state = t->online ? (t == v ? RUNSTATE_running : RUNSTATE_runnable)
                        : RUNSTATE_offline;
    return arch_copy_to_guest(v, gva, &r, sizeof(r));
}

long do_vcpu_op(struct vcpu *v, const uint64_t a[5])
{
    struct domain *d = v->domain;
    struct vcpu *t;

    if ( a[1] >= d->nr_vcpus )
        return -ENOENT;
    t = &d->vcpu[a[1]];
    switch ( a[0] )
    {
    case VCPUOP_register_vcpu_info:
        return register_vcpu_info(v, t, a[2]);
    case VCPUOP_register_runstate_memory_area:
        return register_runstate(v, a[2]);
    case VCPUOP_get_runstate_info:
        return get_runstate(v, t, a[2]);
    case VCPUOP_is_up:
        return t->online;
    default:
        return -ENOSYS;
    }
}
