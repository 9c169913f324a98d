/* SPDX-License-Identifier: GPL-2.0-only */
/* Virtual GIC core: interrupt state, injection, list-register flush/sync. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/gic.h>
#include <asm/vgic.h>

static const struct vgic_lr_ops *lr_ops(const struct domain *d)
{
    return d->arch.vgic.v2 ? &vgic_v2_lr_ops : &vgic_v3_lr_ops;
}

/* List registers of the host (every CPU alike), at most VGIC_MAX_LRS. */
static unsigned int nr_lrs;

static unsigned int spi_order(unsigned int nr)
{
    return nr * sizeof(struct virq) > PAGE_SIZE ? 1 : 0;
}

int vgic_domain_init(struct domain *d, unsigned int nr_spis)
{
    struct vgic_domain *vg = &d->arch.vgic;
    unsigned int i, j, nr = ROUNDUP(MAX(nr_spis, 1U), 32U);
    paddr_t pa;

    vg->v2 = gic_is_v2();
    vg->gen = 1; /* no vCPU's idle_gen (0) */
    if ( !nr_lrs )
        nr_lrs = MIN(lr_ops(d)->nr_lrs(), (unsigned int)VGIC_MAX_LRS);
    vg->nr_spis = MIN(nr, (unsigned int)VGIC_MAX_SPIS);
    if ( alloc_pages(spi_order(vg->nr_spis), &pa) )
        return -ENOMEM;
    vg->spis = (struct virq *)(uintptr_t)pa;
    memset(vg->spis, 0, vg->nr_spis * sizeof(struct virq));
    for ( i = 0; i < d->nr_vcpus; i++ )
    {
        struct vgic_vcpu *vv = &d->vcpu[i].arch.vgic;

        memset(vv, 0, sizeof(*vv));
        for ( j = 0; j < 16; j++ )
            vv->priv[j].flags = VIRQ_EDGE; /* SGIs */
    }
    return 0;
}

void vgic_domain_destroy(struct domain *d)
{
    struct vgic_domain *vg = &d->arch.vgic;
    struct virq *spis = vg->spis;
    unsigned int order = spi_order(vg->nr_spis);

    /* No SPI is reachable through vgic_irq() once this returns. */
    vg->spis = NULL;
    vg->nr_spis = 0;
    if ( spis )
        free_pages((paddr_t)(uintptr_t)spis, order);
}

struct virq *vgic_irq(struct vcpu *v, unsigned int intid)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;

    if ( intid < VGIC_NR_PRIVATE )
        return &v->arch.vgic.priv[intid];
    if ( intid - VGIC_NR_PRIVATE < vg->nr_spis )
        return &vg->spis[intid - VGIC_NR_PRIVATE];
    return NULL;
}

/* The vCPU an interrupt is delivered to: its own, or an SPI's target. */
static struct vcpu *irq_vcpu(struct vcpu *v, unsigned int intid,
                             const struct virq *q)
{
    struct domain *d = v->domain;

    if ( intid < VGIC_NR_PRIVATE )
        return v;
    return &d->vcpu[q->target < d->nr_vcpus ? q->target : 0];
}

void vgic_inject(struct vcpu *v, unsigned int intid)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;
    struct virq *q;

    spin_lock(&vg->lock);
    q = vgic_irq(v, intid);
    if ( q )
        q->flags |= VIRQ_PENDING;
    vg->gen++;
    spin_unlock(&vg->lock);
    if ( q )
        vcpu_kick(irq_vcpu(v, intid, q));
}

void vgic_send_sgi(struct vcpu *from, struct vcpu *to, unsigned int sgi)
{
    struct vgic_domain *vg = &to->domain->arch.vgic;
    struct virq *q = &to->arch.vgic.priv[sgi & 15];

    spin_lock(&vg->lock);
    q->flags |= VIRQ_PENDING;
    q->source = (uint8_t)from->vcpu_id;
    vg->gen++;
    spin_unlock(&vg->lock);
    vcpu_kick(to);
}

int vgic_bind_hw(struct domain *d, unsigned int intid)
{
    struct vgic_domain *vg = &d->arch.vgic;

    if ( intid < VGIC_NR_PRIVATE || intid - VGIC_NR_PRIVATE >= vg->nr_spis )
        return -EINVAL;
    /* Edge-like here: the host GIC holds the line until the guest's EOI. */
    vg->spis[intid - VGIC_NR_PRIVATE].flags |= VIRQ_HW | VIRQ_EDGE;
    return 0;
}

void vgic_inject_hw(struct domain *d, unsigned int intid)
{
    struct vgic_domain *vg = &d->arch.vgic;
    struct virq *q;
    struct vcpu *to;

    if ( intid < VGIC_NR_PRIVATE || intid - VGIC_NR_PRIVATE >= vg->nr_spis )
        return;
    q = &vg->spis[intid - VGIC_NR_PRIVATE];
    spin_lock(&vg->lock);
    q->flags |= VIRQ_PENDING;
    to = irq_vcpu(&d->vcpu[0], intid, q);
    vg->gen++;
    spin_unlock(&vg->lock);
    vcpu_kick(to);
}

void vgic_set_level(struct domain *d, unsigned int intid, bool level)
{
    struct vgic_domain *vg = &d->arch.vgic;
    struct virq *q;
    struct vcpu *to = NULL;
    uint8_t old;

    if ( intid < VGIC_NR_PRIVATE || intid - VGIC_NR_PRIVATE >= vg->nr_spis )
        return;
    q = &vg->spis[intid - VGIC_NR_PRIVATE];
    spin_lock(&vg->lock);
    old = q->flags;
    if ( level && !(q->flags & VIRQ_LEVEL) )
    {
        q->flags |= VIRQ_LEVEL | VIRQ_PENDING;
        to = irq_vcpu(&d->vcpu[0], intid, q);
    }
    else if ( !level )
        q->flags &= (uint8_t) ~(VIRQ_LEVEL |
                                (q->flags & VIRQ_IN_LR ? 0 : VIRQ_PENDING));
    /* A line that stays as it was leaves the LRs' last scan valid. */
    if ( q->flags != old )
        vg->gen++;
    spin_unlock(&vg->lock);
    if ( to )
        vcpu_kick(to);
}

void vgic_note_change(struct domain *d)
{
    struct vgic_domain *vg = &d->arch.vgic;

    spin_lock(&vg->lock);
    vg->gen++;
    spin_unlock(&vg->lock);
}

static bool deliverable(const struct virq *q)
{
    return (q->flags & VIRQ_ACTIVE) ||
           (q->flags & (VIRQ_PENDING | VIRQ_ENABLED)) ==
               (VIRQ_PENDING | VIRQ_ENABLED);
}

bool vgic_pending(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct vgic_domain *vg = &d->arch.vgic;
    bool found = false;
    unsigned int i;

    spin_lock(&vg->lock);
    for ( i = 0; i < VGIC_NR_PRIVATE + vg->nr_spis && !found; i++ )
    {
        struct virq *q = vgic_irq(v, i);

        found = (q->flags & (VIRQ_PENDING | VIRQ_ENABLED)) ==
                    (VIRQ_PENDING | VIRQ_ENABLED) &&
                irq_vcpu(v, i, q) == v && vg->enabled;
    }
    spin_unlock(&vg->lock);
    return found;
}

/* The best interrupt for the next LR: active ones first, then priority. */
static int next_candidate(struct vcpu *v)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;
    int best = -1;
    unsigned int i, best_key = ~0U;

    for ( i = 0; i < VGIC_NR_PRIVATE + vg->nr_spis; i++ )
    {
        struct virq *q = vgic_irq(v, i);
        unsigned int key;

        if ( (q->flags & VIRQ_IN_LR) || !deliverable(q) ||
             irq_vcpu(v, i, q) != v ||
             (!vg->enabled && !(q->flags & VIRQ_ACTIVE)) )
            continue;
        key = (q->flags & VIRQ_ACTIVE ? 0 : 0x100) | q->priority;
        if ( key < best_key )
        {
            best_key = key;
            best = (int)i;
        }
    }
    return best;
}

/* Write the interface's control for @v, when it is not that already. */
static void hcr_set(struct vcpu *v, uint8_t hcr)
{
    const struct vgic_lr_ops *ops = lr_ops(v->domain);

    if ( v->arch.vgic.hcr == hcr )
        return;
    v->arch.vgic.hcr = hcr;
    if ( hcr == VGIC_HCR_OFF )
        ops->disable();
    else
        ops->enable(hcr == VGIC_HCR_ON_UNDERFLOW);
}

void vgic_flush(struct vcpu *v)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;
    struct vgic_vcpu *vv = &v->arch.vgic;
    const struct vgic_lr_ops *ops = lr_ops(v->domain);
    unsigned int n = 0, max = nr_lrs, gen;
    int intid = -1;

    /* Nothing changed since a scan found nothing: the LRs stay empty. */
    if ( vv->idle &&
         vv->idle_gen == __atomic_load_n(&vg->gen, __ATOMIC_ACQUIRE) )
        return;
    spin_lock(&vg->lock);
    gen = vg->gen;
    while ( n < max && (intid = next_candidate(v)) >= 0 )
    {
        struct virq *q = vgic_irq(v, (unsigned int)intid);
        unsigned int state = (q->flags & VIRQ_PENDING ? 1 : 0) |
                             (q->flags & VIRQ_ACTIVE ? 2 : 0);
        uint8_t keep = 0;

        /* A hardware LR is never pending and active: the pending waits. */
        if ( (q->flags & VIRQ_HW) && state == 3 )
        {
            state = 2;
            keep = VIRQ_PENDING;
        }
        /*
         * A maintenance interrupt at the guest's EOI only where a line is
         * up to sample again (vgic_set_level()): the timer and event
         * interrupts are injected as single events, and an exit at each
         * of their EOIs would only find nothing to do.
         */
        ops->write_lr(n, (unsigned int)intid, q->priority, state, q->source,
                      (q->flags & (VIRQ_EDGE | VIRQ_LEVEL)) == VIRQ_LEVEL,
                      q->flags & VIRQ_HW);
        q->flags = (uint8_t)(((q->flags | VIRQ_IN_LR) &
                              ~(VIRQ_PENDING | VIRQ_ACTIVE)) |
                             keep);
        vv->lr_irq[n++] = (uint16_t)intid;
    }
    if ( n == max )
        intid = next_candidate(v);
    spin_unlock(&vg->lock);
    vv->nr_used_lrs = n;
    vv->idle = !n && intid < 0;
    vv->idle_gen = gen;
    hcr_set(v, intid >= 0 ? VGIC_HCR_ON_UNDERFLOW : VGIC_HCR_ON);
}

void vgic_kick_others(struct vcpu *v)
{
    struct domain *d = v->domain;
    unsigned int i;

    for ( i = 0; i < d->nr_vcpus; i++ )
        if ( &d->vcpu[i] != v )
            vcpu_kick(&d->vcpu[i]);
}

/*
 * What the guest cleared of @q while it was in a list register, applied to
 * the state read back; true when that leaves a hardware interrupt neither
 * pending nor active, so that no EOI will come to deactivate it.
 */
static bool apply_cleared(struct virq *q)
{
    bool held = q->flags & (VIRQ_PENDING | VIRQ_ACTIVE);

    if ( !q->cleared )
        return false;
    q->flags &= (uint8_t)~q->cleared;
    q->cleared = 0;
    return (q->flags & VIRQ_HW) && held &&
           !(q->flags & (VIRQ_PENDING | VIRQ_ACTIVE));
}

void vgic_sync(struct vcpu *v)
{
    struct vgic_domain *vg = &v->domain->arch.vgic;
    struct vgic_vcpu *vv = &v->arch.vgic;
    const struct vgic_lr_ops *ops = lr_ops(v->domain);
    uint16_t released[VGIC_MAX_LRS];
    unsigned int i, nr_released = 0;

    if ( !vv->nr_used_lrs && vv->idle )
        return; /* the LRs are empty, no underflow interrupt is asked for */
    vv->idle = false;
    /*
     * The interface stays enabled while the LRs are read and cleared
     * (host interrupts are masked here, and an EOI maintenance level
     * drops with the clearing), unless it asked for an underflow
     * interrupt, which would stay pending.
     */
    if ( vv->hcr != VGIC_HCR_ON )
        hcr_set(v, VGIC_HCR_OFF);
    spin_lock(&vg->lock);
    for ( i = 0; i < vv->nr_used_lrs; i++ )
    {
        struct virq *q = vgic_irq(v, vv->lr_irq[i]);
        unsigned int state = ops->read_lr_state(i);

        q->flags &= (uint8_t)~VIRQ_IN_LR;
        q->flags |= (uint8_t)((state & 1 ? VIRQ_PENDING : 0) |
                              (state & 2 ? VIRQ_ACTIVE : 0));
        if ( apply_cleared(q) )
            released[nr_released++] = vv->lr_irq[i];
        /* A level interrupt whose line is still up is pending again. */
        if ( !(q->flags & (VIRQ_EDGE | VIRQ_ACTIVE)) &&
             (q->flags & VIRQ_LEVEL) )
            q->flags |= VIRQ_PENDING;
    }
    spin_unlock(&vg->lock);
    ops->clear_lrs(vv->nr_used_lrs);
    vv->nr_used_lrs = 0;
    for ( i = 0; i < nr_released; i++ )
        gic_spi_deactivate(released[i]);
}

void vgic_load(struct vcpu *v)
{
    /* Another vCPU may have written the interface's control since. */
    v->arch.vgic.idle = false;
    v->arch.vgic.hcr = VGIC_HCR_UNKNOWN;
    lr_ops(v->domain)->restore(&v->arch.vgic);
}

void vgic_save(struct vcpu *v)
{
    lr_ops(v->domain)->save(&v->arch.vgic);
}
