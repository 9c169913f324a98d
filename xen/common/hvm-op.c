/* SPDX-License-Identifier: GPL-2.0-only */
/* hvm_op get/set_param: no xenstore and no PV console ring (all read 0). */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pv.h>
#include <xen/sched.h>

static long hvm_param(struct vcpu *v, bool set, uint64_t gva)
{
    struct domain *d = v->domain;
    struct xen_hvm_param p;

    if ( arch_copy_from_guest(v, &p, gva, sizeof(p)) )
        return -EFAULT;
    if ( p.domid != DOMID_SELF && p.domid != d->domid )
        return pv_domain_by_id(d, p.domid) ? -EPERM : -ESRCH;
    if ( p.index >= HVM_NR_PARAMS )
        return -EINVAL;
    if ( set )
    {
        /* Only the upcall route is the guest's to choose. */
        if ( p.index != HVM_PARAM_CALLBACK_IRQ )
            return -EPERM;
        d->pv->params[p.index] = p.value;
        return 0;
    }
    p.value = d->pv->params[p.index];
    return arch_copy_to_guest(v, gva, &p, sizeof(p));
}

long do_hvm_op(struct vcpu *v, const uint64_t a[5])
{
    switch ( a[0] )
    {
    case HVMOP_set_param:
        return hvm_param(v, true, a[1]);
    case HVMOP_get_param:
        return hvm_param(v, false, a[1]);
    default:
        return -ENOSYS;
    }
}
