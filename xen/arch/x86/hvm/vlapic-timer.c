/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual local APIC timer: one-shot, periodic and TSC-deadline modes.
 * The timer counts at the TSC frequency, divided as the divide
 * configuration says; deadlines are kept in host TSC cycles.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include "vlapic-priv.h"

#define TIMER_ONESHOT 0
#define TIMER_PERIODIC 1
#define TIMER_TSC_DEADLINE 2

/*
 * The shortest period a periodic timer ticks at.  A period of a few TSC
 * cycles would have the hypervisor's own timer fire again before the
 * vCPU ran an instruction: the vCPU would make no progress, and its host
 * CPU would spend its slices in exits.
 */
#define MIN_PERIOD_US 500

static unsigned int timer_mode(const struct vlapic *l)
{
    return (l->lvt[VLAPIC_LVT_TIMER] >> 17) & 3;
}

/* Divide configuration bits 0, 1, 3: 0-6 divide by 2 << n, 7 by 1. */
static uint64_t divisor(const struct vlapic *l)
{
    unsigned int n = (l->tdcr & 3) | ((l->tdcr >> 1) & 4);

    return n == 7 ? 1 : 2ULL << n;
}

uint64_t vlapic_timer_due(const struct vcpu *v)
{
    return __atomic_load_n(&v->arch.vlapic.timer_due, __ATOMIC_RELAXED);
}

static void set_due(struct vlapic *l, uint64_t due)
{
    __atomic_store_n(&l->timer_due, due, __ATOMIC_RELAXED);
}

uint32_t vlapic_timer_count(const struct vcpu *v)
{
    const struct vlapic *l = &v->arch.vlapic;
    uint64_t now = host_tsc(), due = l->timer_due;

    if ( timer_mode(l) == TIMER_TSC_DEADLINE || due == VLAPIC_NO_DEADLINE ||
         due <= now )
        return 0;
    return (uint32_t)MIN((due - now) / divisor(l), (uint64_t)l->tmict);
}

void vlapic_timer_set_count(struct vcpu *v, uint32_t count)
{
    struct vlapic *l = &v->arch.vlapic;

    if ( timer_mode(l) == TIMER_TSC_DEADLINE )
        return; /* ignored in that mode */
    l->tmict = count;
    set_due(l, count ? host_tsc() + count * divisor(l) : VLAPIC_NO_DEADLINE);
}

/* A mode change (to or from TSC-deadline, or mode 3: #GP) disarms it. */
int vlapic_timer_lvt_write(struct vcpu *v, uint32_t val)
{
    struct vlapic *l = &v->arch.vlapic;
    unsigned int old = timer_mode(l);

    if ( ((val >> 17) & 3) == 3 )
        return -EPERM;
    if ( !(l->svr & VLAPIC_SVR_ENABLE) )
        val |= VLAPIC_LVT_MASKED;
    l->lvt[VLAPIC_LVT_TIMER] = val;
    if ( timer_mode(l) != old )
    {
        l->tmict = 0;
        l->tsc_deadline = 0;
        set_due(l, VLAPIC_NO_DEADLINE);
    }
    return 0;
}

uint64_t vlapic_tsc_deadline(const struct vcpu *v)
{
    const struct vlapic *l = &v->arch.vlapic;

    return timer_mode(l) == TIMER_TSC_DEADLINE ? l->tsc_deadline : 0;
}

/* A guest TSC value becomes a host one through the VMCB's TSC offset. */
void vlapic_tsc_deadline_write(struct vcpu *v, uint64_t val)
{
    struct vlapic *l = &v->arch.vlapic;
    uint64_t host = val - v->arch.svm.vmcb->tsc_offset;

    if ( timer_mode(l) != TIMER_TSC_DEADLINE )
        return; /* ignored in the other modes */
    l->tsc_deadline = val;
    set_due(l, val ? MIN(host, VLAPIC_NO_DEADLINE - 1) : VLAPIC_NO_DEADLINE);
}

void vlapic_timer_poll(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    uint32_t lvt = l->lvt[VLAPIC_LVT_TIMER];
    uint64_t now = host_tsc(), due = l->timer_due, period;

    if ( due == VLAPIC_NO_DEADLINE || now < due )
        return;
    if ( !(lvt & VLAPIC_LVT_MASKED) )
        vlapic_set_irq(v, (uint8_t)lvt);
    else
        l->masked_expiry = true;
    if ( timer_mode(l) == TIMER_PERIODIC && l->tmict )
    {
        period = MAX(l->tmict * divisor(l), apic_us_to_tsc(MIN_PERIOD_US));
        due += period;
        if ( due <= now ) /* ticks missed while descheduled: not queued */
            due = now + period;
        set_due(l, due);
        return;
    }
    l->tsc_deadline = 0;
    set_due(l, VLAPIC_NO_DEADLINE);
}
