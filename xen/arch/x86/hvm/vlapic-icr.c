/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual local APIC interrupt command register: IPIs between the vCPUs
 * of one domain (fixed, INIT, SIPI; physical or logical destinations and
 * the shorthands), and the start of a secondary vCPU by INIT-SIPI.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/svm.h>
#include "vlapic-priv.h"

#define ICR_LOGICAL (1ULL << 11)
#define ICR_ASSERT (1ULL << 14)

#define DM_FIXED 0
#define DM_LOWEST 1
#define DM_INIT 5
#define DM_SIPI 6

#define SH_NONE 0
#define SH_SELF 1
#define SH_ALL 2
#define SH_OTHERS 3

/* Unsupported delivery modes logged per domain; the rest only dropped. */
#define IPI_LOG_MAX 4

/* xAPIC logical: flat model (a bit of 8) or cluster (4 bits, 4 members). */
static bool xapic_logical_match(const struct vlapic *l, uint32_t dest)
{
    uint8_t ldr = (uint8_t)(l->ldr >> 24), d8 = (uint8_t)dest;

    if ( (l->dfr >> 28) == 0xf )
        return ldr & d8;
    return (ldr >> 4) == (d8 >> 4) && (ldr & d8 & 0xf);
}

/*
 * Whether @t is a destination of @icr.  Each target matches in its own
 * mode; an xAPIC sender's 8-bit destination arrives here widened, with
 * 0xff (broadcast) made VLAPIC_ICR_BROADCAST.
 */
static bool dest_match(const struct vcpu *t, uint64_t icr)
{
    uint32_t dest = (uint32_t)(icr >> 32);
    uint8_t mode = __atomic_load_n(&t->arch.vlapic.mode, __ATOMIC_RELAXED);

    if ( dest == VLAPIC_ICR_BROADCAST )
        return true;
    if ( mode == VLAPIC_MODE_OFF )
        return false;
    if ( mode == VLAPIC_MODE_XAPIC && (icr & ICR_LOGICAL) )
        return xapic_logical_match(&t->arch.vlapic, dest);
    if ( !(icr & ICR_LOGICAL) )
        return dest == t->vcpu_id;
    /* Logical: the cluster (bits 31:16) and a bit of its 16 members. */
    return (dest >> 16) == (vlapic_ldr(t->vcpu_id) >> 16) &&
           (dest & vlapic_ldr(t->vcpu_id) & 0xffff);
}

static bool targets(const struct vcpu *src, const struct vcpu *t, uint64_t icr)
{
    switch ( (icr >> 18) & 3 )
    {
    case SH_SELF:
        return t == src;
    case SH_ALL:
        return true;
    case SH_OTHERS:
        return t != src;
    }
    return dest_match(t, icr);
}

/* INIT to an offline vCPU arms it for a SIPI; a running one ignores it. */
static void deliver_init(struct vcpu *t)
{
    spin_lock(&sched_lock);
    if ( !t->online )
    {
        vlapic_init_signal(t);
        t->arch.vlapic.init_seen = true;
    }
    spin_unlock(&sched_lock);
}

/*
 * SIPI to a vCPU waiting after INIT: real mode at @vector << 8 : 0, then
 * scheduled.  A second SIPI (the vCPU runs already) is ignored, as on a
 * CPU that left the wait-for-SIPI state.
 */
static void deliver_sipi(struct vcpu *t, uint8_t vector)
{
    bool started = false;

    spin_lock(&sched_lock);
    if ( !t->online && t->arch.vlapic.init_seen &&
         t->domain->state == DOMAIN_RUNNING )
    {
        t->arch.vlapic.init_seen = false;
        svm_vcpu_real_mode(&t->arch.svm, vector);
        vcpu_online(t);
        started = true;
    }
    spin_unlock(&sched_lock);
    if ( started )
    {
        printk("d%u: vCPU %u started at %#x:0000 (SIPI)\n", t->domain->domid,
               t->vcpu_id, (unsigned int)vector << 8);
        vcpu_kick(t);
    }
}

static void deliver(struct vcpu *t, unsigned int mode, uint8_t vector)
{
    if ( mode == DM_FIXED )
        vlapic_set_irq(t, vector);
    else if ( mode == DM_INIT )
        deliver_init(t);
    else
        deliver_sipi(t, vector);
}

/* Lowest priority: an x2APIC refuses it (redirectible IPI error). */
static bool refused(struct vcpu *v, unsigned int mode, uint64_t icr)
{
    struct domain *d = v->domain;
    uint8_t vector = (uint8_t)icr;

    if ( mode == DM_LOWEST )
    {
        __atomic_or_fetch(&v->arch.vlapic.esr_pending, VLAPIC_ESR_REDIRECTIBLE,
                          __ATOMIC_RELAXED);
        return true;
    }
    if ( mode == DM_FIXED && vector < 16 )
    {
        __atomic_or_fetch(&v->arch.vlapic.esr_pending, VLAPIC_ESR_SEND_ILLEGAL,
                          __ATOMIC_RELAXED);
        return true;
    }
    if ( mode == DM_FIXED || mode == DM_SIPI )
        return false;
    if ( mode == DM_INIT )
        return !(icr & ICR_ASSERT); /* INIT level de-assert: nothing */
    /* SMI, NMI and the reserved modes: not offered. */
    if ( d->arch.ipi_logged < IPI_LOG_MAX && ++d->arch.ipi_logged )
        printk("d%u: IPI with delivery mode %u (ICR %#llx): dropped\n",
               d->domid, mode, (unsigned long long)icr);
    return true;
}

void vlapic_deliver(struct domain *d, uint32_t dest, bool logical,
                    unsigned int mode, uint8_t vector)
{
    uint64_t icr =
        ((uint64_t)(dest == 0xff ? VLAPIC_ICR_BROADCAST : dest) << 32) |
        (logical ? ICR_LOGICAL : 0);
    unsigned int i;

    if ( (mode != DM_FIXED && mode != DM_LOWEST) || vector < 16 )
        return;
    for ( i = 0; i < d->nr_vcpus; i++ )
    {
        if ( !dest_match(&d->vcpu[i], icr) )
            continue;
        vlapic_set_irq(&d->vcpu[i], vector);
        if ( mode == DM_LOWEST )
            return; /* one of them: the first */
    }
}

int vlapic_icr_write(struct vcpu *v, uint64_t icr)
{
    struct domain *d = v->domain;
    unsigned int mode = (icr >> 8) & 7, i;

    if ( icr & VLAPIC_ICR_RESERVED )
        return -EPERM;
    v->arch.vlapic.icr = icr;
    if ( refused(v, mode, icr) )
        return 0;
    for ( i = 0; i < d->nr_vcpus; i++ )
    {
        struct vcpu *t = &d->vcpu[i];

        if ( targets(v, t, icr) && (mode == DM_FIXED || t != v) )
            deliver(t, mode, (uint8_t)icr);
    }
    return 0;
}
