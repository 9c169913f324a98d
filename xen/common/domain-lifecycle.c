/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What happens when a domain ends: its policy (hyperlaunch,on-<event>) or
 * a console key's order says destroy or restart.  A restart frees every
 * page of the old domain, then builds it again in the same slot from the
 * same boot modules (kept pristine for it), so it keeps its domid, name
 * and console; its RAM comes scrubbed from the allocator.  A domain
 * restarted RESTART_LIMIT times within RESTART_WINDOW_US stays down.
 */
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define RESTART_LIMIT 5
#define RESTART_WINDOW_US (60ULL * 1000 * 1000)

/* When each slot was last restarted by its policy (a ring of the last 5). */
static struct {
    uint64_t when[RESTART_LIMIT];
    unsigned int count; /* restarts ever */
} history[HL_MAX_DOMAINS];

/* One build at a time: the builders share their scratch buffers. */
static DEFINE_SPINLOCK(build_lock);

void domain_reboot(struct domain *d)
{
    spin_lock(&sched_lock);
    if ( domain_end(d, DOMAIN_OFF) )
    {
        d->end_event = HL_ON_REBOOT;
        printk("d%u: asked for a reset\n", d->domid);
    }
    spin_unlock(&sched_lock);
}

void domain_watchdog_expired(struct domain *d)
{
    spin_lock(&sched_lock);
    if ( domain_end(d, DOMAIN_CRASHED) )
    {
        d->end_event = HL_ON_WATCHDOG;
        printk("d%u: watchdog expired\n", d->domid);
    }
    spin_unlock(&sched_lock);
}

bool domain_force_end(struct domain *d, uint8_t order)
{
    bool ended;

    spin_lock(&sched_lock);
    ended = domain_end(d, DOMAIN_OFF);
    if ( ended )
        d->end_forced = order;
    spin_unlock(&sched_lock);
    return ended;
}

bool domain_claim_ended(struct domain *d)
{
    if ( (d->state != DOMAIN_OFF && d->state != DOMAIN_CRASHED) ||
         d->nr_running )
        return false;
    d->state = DOMAIN_EMPTY; /* nobody else reaps it */
    return true;
}

struct domain *domain_find_ended(void)
{
    unsigned int i;

    for ( i = 0; i < nr_domains; i++ )
        if ( domain_claim_ended(&domain_list[i]) )
            return &domain_list[i];
    return NULL;
}

/* Record a restart of slot @i now; false when it makes a crash loop. */
static bool restart_allowed(unsigned int i)
{
    uint64_t now = arch_sched_clock();
    uint64_t oldest = history[i].when[history[i].count % RESTART_LIMIT];

    if ( history[i].count >= RESTART_LIMIT &&
         now - oldest < RESTART_WINDOW_US )
        return false;
    history[i].when[history[i].count++ % RESTART_LIMIT] = now;
    return true;
}

/* Whether @d (ended, freed) comes back, and why, in one log line. */
static bool wants_restart(const struct domain *d)
{
    const char *why = hl_end_event_name(d->end_event);
    unsigned int action = d->bd->on_end[d->end_event];
    unsigned int i = (unsigned int)(d - domain_list);

    if ( d->end_forced )
    {
        action = d->end_forced == DOMAIN_FORCE_RESTART ? HL_ACTION_RESTART
                                                       : HL_ACTION_DESTROY;
        printk("d%u: %s from the console\n", d->domid,
               action == HL_ACTION_RESTART ? "restarted" : "destroyed");
        return action == HL_ACTION_RESTART;
    }
    if ( action != HL_ACTION_RESTART )
    {
        printk("d%u: on %s: destroy; the domain stays down\n", d->domid, why);
        return false;
    }
    if ( !restart_allowed(i) )
    {
        printk("d%u: restarted %u times within %llu s: crash loop; the "
               "domain stays down\n",
               d->domid, RESTART_LIMIT, RESTART_WINDOW_US / 1000000);
        return false;
    }
    printk("d%u: on %s: restart (restart %u)\n", d->domid, why,
           history[i].count);
    return true;
}

/* Build @d again from its boot modules and put its vCPU0 online. */
static bool rebuild(struct domain *d)
{
    const struct boot_domain *bd = d->bd;
    int rc;

    spin_lock(&build_lock);
    rc = domain_create(hl_boot_fdt, d, bd) ?: domain_connect(d);
    spin_unlock(&build_lock);
    if ( rc )
    {
        printk("d%u: restart failed (%d); the domain stays down\n", d->domid,
               rc);
        domain_destroy(d);
        return false;
    }
    spin_lock(&sched_lock);
    d->state = DOMAIN_RUNNING;
    vcpu_online(&d->vcpu[0]);
    spin_unlock(&sched_lock);
    printk("d%u: %s restarted\n", d->domid, bd->name);
    return true;
}

bool domain_reap(struct domain *d)
{
    domain_destroy(d);
    print_domain_memory(d, "after its teardown");
    return wants_restart(d) && rebuild(d);
}
