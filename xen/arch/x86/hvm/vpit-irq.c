/* SPDX-License-Identifier: GPL-2.0-only */
/* The 8254 PIT's channel 0 output as ISA IRQ 0, timed from host time. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/hvm-io.h>
#include "vpit-priv.h"

/* The shortest period of IRQ 0 (50 us): a tiny count cannot storm. */
#define PIT_MIN_IRQ_TICKS 60

/* PIT ticks in nanoseconds, rounded up. */
static uint64_t ticks_ns(uint64_t t)
{
    return t / PIT_HZ * 1000000000ULL +
           ((t % PIT_HZ) * 1000000000ULL + PIT_HZ - 1) / PIT_HZ;
}

/* Channel 0's next OUT edge: irq_tick ticks after it started counting. */
static void pit_irq_arm(struct vpit *pit, bool armed)
{
    uint64_t due = VLAPIC_NO_DEADLINE, ns, now = time_ns();

    pit->irq_armed = armed;
    if ( armed )
    {
        ns = pit->ch[0].start_ns + ticks_ns(pit->irq_tick);
        due = host_tsc() +
              (ns > now ? apic_us_to_tsc((ns - now + 999) / 1000) : 0);
    }
    __atomic_store_n(&pit->irq_due, due, __ATOMIC_RELAXED);
}

uint64_t vpit_irq_due(const struct domain *d)
{
    return __atomic_load_n(&d->arch.io.pit.irq_due, __ATOMIC_RELAXED);
}

/* Ticks from one IRQ 0 edge to the next in modes 2 and 3. */
static uint64_t irq_period(const struct vpit_channel *c)
{
    return MAX((uint64_t)c->reload, (uint64_t)PIT_MIN_IRQ_TICKS);
}

/*
 * OUT0 is ISA IRQ 0.  Mode 0 (and 1, 4, 5): high once at terminal count.
 * Modes 2 and 3: one rising edge per period; periods missed while the
 * domain did not run give one interrupt, not a burst.
 */
static void pit_irq_fire(struct domain *d)
{
    struct vpit *pit = &d->arch.io.pit;
    const struct vpit_channel *c = &pit->ch[0];
    uint64_t now;

    if ( !pit->irq_armed || host_tsc() < pit->irq_due )
        return;
    if ( c->mode != 2 && c->mode != 3 )
    {
        hvm_isa_irq_raise(d, 0);
        pit_irq_arm(pit, false);
        return;
    }
    hvm_isa_irq_lower(d, 0);
    hvm_isa_irq_raise(d, 0);
    now = vpit_ticks(c);
    pit->irq_tick += irq_period(c);
    if ( pit->irq_tick <= now )
        pit->irq_tick = now - now % irq_period(c) + irq_period(c);
    pit_irq_arm(pit, true);
}

void vpit_poll(struct domain *d)
{
    if ( host_tsc() < vpit_irq_due(d) )
        return;
    spin_lock(&d->arch.io.lock);
    pit_irq_fire(d);
    spin_unlock(&d->arch.io.lock);
}

void vpit_irq_program(struct domain *d, bool control)
{
    struct vpit *pit = &d->arch.io.pit;
    const struct vpit_channel *c = &pit->ch[0];

    /* Mode 0: a control word or a count (Linux's one-shot writes only
     * the count) takes OUT low, so that terminal count is an edge. */
    if ( c->mode != 2 && c->mode != 3 )
        hvm_isa_irq_lower(d, 0);
    pit->irq_tick = c->mode == 2 || c->mode == 3 ? irq_period(c) : c->reload;
    pit_irq_arm(pit, !control && c->loaded);
}
