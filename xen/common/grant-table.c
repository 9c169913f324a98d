/* SPDX-License-Identifier: GPL-2.0-only */
/* grant_table_op: v1 grant tables, and grants mapped between domains. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/pv.h>
#include <xen/sched.h>
#include <public/grant-table.h>

/* Operations one call may carry. */
#define GNTTAB_BATCH_MAX 512U

static struct grant_entry_v1 *grant_entry(struct domain *d, uint32_t ref)
{
    struct grant_entry_v1 *frame;

    if ( ref >= PV_GNTTAB_ENTRIES )
        return NULL;
    frame = (struct grant_entry_v1 *)(uintptr_t)d->pv->gnttab[ref / 512];
    return &frame[ref % 512];
}

/* Check the grant @ref of @gd for @d; the host page it grants, or 0. */
static int16_t grant_check(struct domain *d, struct domain *gd, uint32_t ref,
                           bool ro, paddr_t *pa)
{
    struct grant_entry_v1 *e = grant_entry(gd, ref);
    uint16_t flags;
    void *page;

    if ( !e )
        return GNTST_bad_gntref;
    flags = __atomic_load_n(&e->flags, __ATOMIC_SEQ_CST);
    if ( (flags & GTF_type_mask) != GTF_permit_access ||
         e->domid != d->domid || ((flags & GTF_readonly) && !ro) )
        return GNTST_permission_denied;
    page = arch_guest_ram_page(gd, e->frame);
    if ( !page )
        return GNTST_general_error; /* the granter named no RAM of its own */
    *pa = (paddr_t)(uintptr_t)page;
    __atomic_fetch_or(&e->flags, GTF_reading | (ro ? 0 : GTF_writing),
                      __ATOMIC_SEQ_CST);
    return GNTST_okay;
}

static int16_t map_one(struct domain *d, struct gnttab_map_grant_ref *m)
{
    bool ro = m->flags & GNTMAP_readonly;
    struct domain *gd;
    struct pv_map *slot = NULL;
    paddr_t pa;
    unsigned int i;
    int16_t st;

    if ( !(m->flags & GNTMAP_host_map) || (m->host_addr & (PAGE_SIZE - 1)) )
        return GNTST_bad_virt_addr;
    gd = pv_domain_by_id(d, m->dom);
    if ( !gd )
        return GNTST_bad_domain;
    for ( i = 0; i < PV_MAPTRACK && !slot; i++ )
        if ( !d->pv->maps[i].used )
            slot = &d->pv->maps[i];
    if ( !slot )
        return GNTST_no_space;
    st = grant_check(d, gd, m->ref, ro, &pa);
    if ( st )
        return st;
    if ( arch_map_page(d, m->host_addr >> PAGE_SHIFT, pa, ro) )
        return GNTST_bad_virt_addr;
    *slot = (struct pv_map){ true, gd->domid, m->ref, m->host_addr };
    m->handle = (uint32_t)(slot - d->pv->maps);
    return GNTST_okay;
}

/* Take mapping @m of @d away; the granter's entry is no longer in use. */
static void unmap_slot(struct domain *d, struct pv_map *m)
{
    struct domain *gd = pv_domain_by_id(d, m->dom);
    struct grant_entry_v1 *e = gd ? grant_entry(gd, m->ref) : NULL;

    arch_unmap_page(d, m->gpa >> PAGE_SHIFT);
    if ( e )
        __atomic_fetch_and(&e->flags, ~(GTF_reading | GTF_writing),
                           __ATOMIC_SEQ_CST);
    m->used = false;
}

static int16_t unmap_one(struct domain *d, struct gnttab_unmap_grant_ref *u)
{
    struct pv_map *m;

    if ( u->handle >= PV_MAPTRACK || !d->pv->maps[u->handle].used )
        return GNTST_bad_handle;
    m = &d->pv->maps[u->handle];
    if ( u->host_addr && u->host_addr != m->gpa )
        return GNTST_bad_virt_addr;
    unmap_slot(d, m);
    return GNTST_okay;
}

void gnttab_unmap_foreign(struct domain *gd)
{
    struct domain *d;
    unsigned int i, j;

    for ( i = 0; i < nr_domains; i++ )
    {
        d = &domain_list[i];
        if ( d == gd || !d->pv )
            continue;
        for ( j = 0; j < PV_MAPTRACK; j++ )
            if ( d->pv->maps[j].used && d->pv->maps[j].dom == gd->domid )
                unmap_slot(d, &d->pv->maps[j]);
    }
}

static long map_grants(struct vcpu *v, uint64_t gva, uint32_t count,
                       bool unmap)
{
    union {
        struct gnttab_map_grant_ref m;
        struct gnttab_unmap_grant_ref u;
    } op;
    size_t size = unmap ? sizeof(op.u) : sizeof(op.m);
    uint32_t i;

    for ( i = 0; i < count; i++, gva += size )
    {
        if ( arch_copy_from_guest(v, &op, gva, size) )
            return -EFAULT;
        spin_lock(&pv_lock);
        if ( unmap )
            op.u.status = unmap_one(v->domain, &op.u);
        else
            op.m.status = map_one(v->domain, &op.m);
        spin_unlock(&pv_lock);
        if ( arch_copy_to_guest(v, gva, &op, size) )
            return -EFAULT;
    }
    return 0;
}

static long query_size(struct vcpu *v, uint64_t gva)
{
    struct gnttab_query_size q;

    if ( arch_copy_from_guest(v, &q, gva, sizeof(q)) )
        return -EFAULT;
    if ( q.dom != DOMID_SELF && q.dom != v->domain->domid )
        q.status = pv_domain_by_id(v->domain, q.dom) ? GNTST_permission_denied
                                                     : GNTST_bad_domain;
    else
    {
        q.nr_frames = PV_GNTTAB_FRAMES;
        q.max_nr_frames = PV_GNTTAB_FRAMES;
        q.status = GNTST_okay;
    }
    return arch_copy_to_guest(v, gva, &q, sizeof(q));
}

static long set_version(struct vcpu *v, uint64_t gva)
{
    struct gnttab_set_version s;
    long rc = 0;

    if ( arch_copy_from_guest(v, &s, gva, sizeof(s)) )
        return -EFAULT;
    if ( s.version != 1 ) /* v2: as Xen with max_grant_version 1 */
        rc = s.version == 2 ? -ENOSYS : -EINVAL;
    s.version = 1;
    if ( arch_copy_to_guest(v, gva, &s, sizeof(s)) )
        return -EFAULT;
    return rc;
}

static long get_version(struct vcpu *v, uint64_t gva)
{
    struct gnttab_get_version g;

    if ( arch_copy_from_guest(v, &g, gva, sizeof(g)) )
        return -EFAULT;
    if ( g.dom != DOMID_SELF && g.dom != v->domain->domid )
        return pv_domain_by_id(v->domain, g.dom) ? -EPERM : -ESRCH;
    g.version = 1;
    return arch_copy_to_guest(v, gva, &g, sizeof(g));
}

long do_grant_table_op(struct vcpu *v, const uint64_t a[5])
{
    uint32_t count = (uint32_t)a[2];

    if ( count > GNTTAB_BATCH_MAX )
        return -EINVAL;
    switch ( a[0] )
    {
    case GNTTABOP_map_grant_ref:
        return map_grants(v, a[1], count, false);
    case GNTTABOP_unmap_grant_ref:
        return map_grants(v, a[1], count, true);
    case GNTTABOP_query_size:
        return count == 1 ? query_size(v, a[1]) : -EINVAL;
    case GNTTABOP_set_version:
        return count == 1 ? set_version(v, a[1]) : -EINVAL;
    case GNTTABOP_get_version:
        return count == 1 ? get_version(v, a[1]) : -EINVAL;
    default:
        return -ENOSYS;
    }
}
