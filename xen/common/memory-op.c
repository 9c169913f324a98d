/* SPDX-License-Identifier: GPL-2.0-only */
/* memory_op: place the shared_info page and the grant-table frames. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/pv.h>
#include <xen/sched.h>

/* Entries one add_to_physmap_batch may carry. */
#define BATCH_MAX 1024U

/* Only the domain itself: there is no control domain to act for others. */
static long own_domain(struct domain *d, uint16_t domid)
{
    if ( domid == DOMID_SELF || domid == d->domid )
        return 0;
    return pv_domain_by_id(d, domid) ? -EPERM : -ESRCH;
}

/*
 * The guest gives up its RAM page at @gfn for shared_info: the page
 * becomes the shared_info page (with the pending events so far), vCPU 0's
 * vcpu_info in it unless it registered its own.
 */
static int map_shared_info(struct domain *d, uint64_t idx, uint64_t gfn)
{
    struct shared_info *si;

    if ( idx != 0 )
        return -EINVAL;
    si = arch_guest_ram_page(d, gfn);
    if ( !si )
        return -EINVAL;
    spin_lock(&pv_lock);
    if ( si != d->pv->shared_info )
    {
        /* What was raised so far goes with it (the guest gave up the page). */
        memcpy(si, d->pv->shared_info, PAGE_SIZE);
        d->pv->shared_info = si;
        if ( !d->vcpu[0].pv.registered )
            d->vcpu[0].pv.vcpu_info = &si->vcpu_info[0];
    }
    spin_unlock(&pv_lock);
    return 0;
}

static int map_grant_frame(struct domain *d, uint64_t idx, uint64_t gfn)
{
    int rc;

    if ( idx >= PV_GNTTAB_FRAMES ) /* status frames are v2 only */
        return -EINVAL;
    rc = arch_map_page(d, gfn, d->pv->gnttab[idx], false);
    return rc == -EEXIST ? -EBUSY : rc;
}

static int add_one(struct domain *d, unsigned int space, uint64_t idx,
                   uint64_t gfn)
{
    switch ( space )
    {
    case XENMAPSPACE_shared_info:
        return map_shared_info(d, idx, gfn);
    case XENMAPSPACE_grant_table:
        return map_grant_frame(d, idx, gfn);
    default:
        return -EOPNOTSUPP;
    }
}

static long add_to_physmap(struct vcpu *v, uint64_t gva)
{
    struct xen_add_to_physmap x;
    long rc;

    if ( arch_copy_from_guest(v, &x, gva, sizeof(x)) )
        return -EFAULT;
    rc = own_domain(v->domain, x.domid);
    return rc ?: add_one(v->domain, x.space, x.idx, x.gpfn);
}

static long add_to_physmap_batch(struct vcpu *v, uint64_t gva)
{
    struct xen_add_to_physmap_batch b;
    uint64_t idx, gfn;
    int32_t err;
    unsigned int i;
    long rc;

    if ( arch_copy_from_guest(v, &b, gva, sizeof(b)) )
        return -EFAULT;
    rc = own_domain(v->domain, b.domid);
    if ( rc )
        return rc;
    if ( b.size > BATCH_MAX )
        return -EINVAL;
    for ( i = 0; i < b.size; i++ )
    {
        if ( arch_copy_from_guest(v, &idx, b.idxs + 8ULL * i, 8) ||
             arch_copy_from_guest(v, &gfn, b.gpfns + 8ULL * i, 8) )
            return -EFAULT;
        err = add_one(v->domain, b.space, idx, gfn);
        if ( arch_copy_to_guest(v, b.errs + 4ULL * i, &err, 4) )
            return -EFAULT;
    }
    return 0;
}

long do_memory_op(struct vcpu *v, const uint64_t a[5])
{
    switch ( a[0] )
    {
    case XENMEM_add_to_physmap:
        return add_to_physmap(v, a[1]);
    case XENMEM_add_to_physmap_batch:
        return add_to_physmap_batch(v, a[1]);
    default:
        return -ENOSYS;
    }
}
