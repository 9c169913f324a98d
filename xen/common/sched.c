/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time slicing of every online vCPU on the host CPUs.  Each vCPU counts
 * the time it ran (vruntime).  A CPU whose slice ends takes, first, a vCPU
 * just woken from WFI/HLT that has not run more than its share (boosted),
 * else the runnable vCPU that ran least, the round-robin order breaking
 * ties.  So a woken vCPU runs at the next slice end of any CPU it may use
 * (sooner on arm64, where a CPU's slice ends when a blocked vCPU's timer
 * is due), however many vCPUs spin; a vCPU that wakes all the time stops
 * being boosted once it is a slice ahead, and nobody banks time asleep.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/setup.h>

DEFINE_SPINLOCK(sched_lock);
uint64_t cpu_online_map;

static bool started, stopping;
static uint64_t cpu_idle_map; /* CPUs waiting in arch_cpu_idle() */
static unsigned int nr_live;
/* Where the next search for a runnable vCPU begins. */
static unsigned int next_dom, next_vcpu;
/* The vruntime of the last vCPU picked: a waking vCPU's floor. */
static uint64_t vr_floor;

/* What a vCPU coming back may be behind the others: one slice. */
#define WAKE_CREDIT_US 10000

/*
 * The hardware domain, running but held back (vCPU0 not online) until
 * every other domain is under way: its first vCPU was on a host CPU, or
 * it ended.  Its console lines are held back longer, until each of the
 * others printed a line or ended (console_guest_hold()), so their first
 * lines come first, without Dom0 waiting for them to get that far.
 * The first wait ends after HWDOM_HOLD_MAX_US, the second after
 * HWDOM_CONSOLE_HOLD_MAX_US (a domain may never print).  NULL when nobody
 * is held.
 */
static struct domain *held, *held_console;
static uint64_t held_since;
#define HWDOM_HOLD_MAX_US 2000000ULL
#define HWDOM_CONSOLE_HOLD_MAX_US 10000000ULL

static bool is_hwdom(const struct domain *d)
{
    return d->bd && (d->bd->capabilities & DOMAIN_CAPS_HARDWARE);
}

/* Whether every running domain but @d ran (@lines: printed a line). */
static bool others_under_way(const struct domain *d, bool lines)
{
    unsigned int i;

    if ( arch_sched_clock() - held_since >=
         (lines ? HWDOM_CONSOLE_HOLD_MAX_US : HWDOM_HOLD_MAX_US) )
        return true;
    for ( i = 0; i < nr_domains; i++ )
    {
        const struct domain *o = &domain_list[i];

        if ( o == d || o->state != DOMAIN_RUNNING )
            continue;
        if ( lines ? !o->nr_lines : !o->vcpu[0].ran_on )
            return false;
    }
    return true;
}

/* Let the held hardware domain go when its time came.  sched_lock held. */
static struct domain *release_held(void)
{
    struct domain *d = held;

    if ( !d || (d->state == DOMAIN_RUNNING && !others_under_way(d, false)) )
        return NULL;
    held = NULL;
    if ( d->state != DOMAIN_RUNNING )
        return NULL;
    d->vcpu[0].online = true;
    return d;
}

/* Print the hardware domain's console lines when their time came. */
static struct domain *release_console(void)
{
    struct domain *d = held_console;

    if ( !d || held ||
         (d->state == DOMAIN_RUNNING && !others_under_way(d, true)) )
        return NULL;
    held_console = NULL;
    return d;
}

/* Every built domain runs; the hardware domain once the others are up. */
void domains_start(void)
{
    unsigned int i;

    spin_lock(&sched_lock);
    for ( i = 0; i < nr_domains; i++ )
    {
        struct domain *d = &domain_list[i];

        if ( d->state != DOMAIN_BUILT )
            continue;
        d->state = DOMAIN_RUNNING;
        nr_live++;
        if ( is_hwdom(d) && nr_domains > 1 )
        {
            held = held_console = d;
            held_since = arch_sched_clock();
            console_guest_hold(d->domid);
            continue;
        }
        d->vcpu[0].online = true;
    }
    started = true;
    spin_unlock(&sched_lock);
}

/* @v wakes from WFI/HLT: it may not bank the time it slept. */
static void vcpu_wake(struct vcpu *v)
{
    if ( vr_floor > WAKE_CREDIT_US )
        v->vruntime = MAX(v->vruntime, vr_floor - WAKE_CREDIT_US);
    v->boosted = v->vruntime <= vr_floor + WAKE_CREDIT_US;
    v->blocked = false;
}

void vcpu_online(struct vcpu *v)
{
    v->online = true;
    v->blocked = false;
    v->vruntime = MAX(v->vruntime, vr_floor);
}

void vcpu_kick(struct vcpu *v)
{
    int cpu = v->processor;
    uint64_t idle;

    if ( cpu >= 0 )
    {
        if ( (unsigned int)cpu != smp_processor_id() )
            arch_cpu_kick((unsigned int)cpu);
        return;
    }
    /* Off every CPU: wake the one it left if it idles, else another. */
    if ( v->last_processor >= 0 &&
         cpu_is_idle((unsigned int)v->last_processor) )
    {
        arch_cpu_kick((unsigned int)v->last_processor);
        return;
    }
    idle = __atomic_load_n(&cpu_idle_map, __ATOMIC_SEQ_CST) & v->affinity;
    if ( idle )
        arch_cpu_kick((unsigned int)__builtin_ctzll(idle));
}

void vcpu_offline(struct vcpu *v)
{
    struct domain *d = v->domain;
    unsigned int i;

    v->online = false;
    for ( i = 0; i < d->nr_vcpus; i++ )
        if ( d->vcpu[i].online )
            return;
    if ( domain_end(d, DOMAIN_OFF) )
        printk("d%u: every vCPU is off: powered off\n", d->domid);
}

uint64_t sched_next_wakeup(unsigned int cpu)
{
    uint64_t t = ~0ULL;
    unsigned int i, j;
    int last;

    spin_lock(&sched_lock);
    for ( i = 0; i < nr_domains; i++ )
    {
        const struct domain *d = &domain_list[i];

        for ( j = 0; d->state == DOMAIN_RUNNING && j < d->nr_vcpus; j++ )
        {
            const struct vcpu *v = &d->vcpu[j];

            last = v->last_processor;
            if ( v->online && v->blocked && v->processor < 0 &&
                 (last == (int)cpu || last < 0 ||
                  !cpu_is_idle((unsigned int)last)) )
                t = MIN(t, arch_vcpu_wake_deadline(v));
        }
    }
    spin_unlock(&sched_lock);
    return t;
}

bool cpu_is_idle(unsigned int cpu)
{
    return (__atomic_load_n(&cpu_idle_map, __ATOMIC_SEQ_CST) >> cpu) & 1;
}

/*
 * A vCPU waking up goes back to the CPU it left when that CPU idles (it
 * wakes for it too): its registers are still there.
 */
static bool belongs_elsewhere(const struct vcpu *v, unsigned int cpu)
{
    int last = v->last_processor;

    return last >= 0 && (unsigned int)last != cpu &&
           cpu_is_idle((unsigned int)last);
}

static bool runnable_here(struct vcpu *v, unsigned int cpu)
{
    if ( !v->online || v->processor >= 0 || !((v->affinity >> cpu) & 1) )
        return false;
    if ( v->blocked &&
         (belongs_elsewhere(v, cpu) || !arch_vcpu_wakeup_pending(v)) )
        return false;
    if ( v->blocked )
        vcpu_wake(v);
    return true;
}

/* Whether @v should run before @best: boosted first, then least run. */
static bool runs_before(const struct vcpu *v, const struct vcpu *best)
{
    if ( !best || v->boosted != best->boosted )
        return !best || v->boosted;
    return v->vruntime < best->vruntime;
}

/*
 * The runnable vCPU that runs_before() every other, the first from the
 * cursor on among equals, looking once at every vCPU of every running
 * domain; the cursor moves past it.  sched_lock held.
 */
static struct vcpu *pick(unsigned int cpu)
{
    unsigned int n, i, first, last;
    struct vcpu *best = NULL;

    for ( n = 0; n <= nr_domains && nr_domains; n++ )
    {
        unsigned int di = (next_dom + n) % nr_domains;
        struct domain *d = &domain_list[di];

        if ( d->state != DOMAIN_RUNNING )
            continue;
        first = n == 0 ? next_vcpu : 0;
        last = n == nr_domains ? MIN(next_vcpu, d->nr_vcpus) : d->nr_vcpus;
        for ( i = first; i < last; i++ )
        {
            struct vcpu *v = &d->vcpu[i];

            if ( !runnable_here(v, cpu) || !runs_before(v, best) )
                continue;
            best = v;
        }
    }
    if ( best )
    {
        next_dom = (unsigned int)(best->domain - domain_list);
        next_vcpu = best->vcpu_id + 1;
        vr_floor = MAX(vr_floor, best->vruntime);
    }
    return best;
}

/* Free ended @d (DOMAIN_EMPTY already); it stops counting unless restarted. */
static void reap_domain(struct domain *d)
{
    if ( domain_reap(d) )
        return;
    spin_lock(&sched_lock);
    nr_live--;
    spin_unlock(&sched_lock);
}

/*
 * Under sched_lock, @d is one holder fewer (nr_running): true when it ended
 * and that was the last, for the caller to reap it after the unlock.
 */
static bool domain_unhold(struct domain *d)
{
    d->nr_running--;
    return domain_claim_ended(d);
}

/* After @v ran: free its domain when that was the last of it to leave. */
static void vcpu_leave(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool reap;

    spin_lock(&sched_lock);
    v->processor = -1;
    v->vruntime += arch_sched_clock() - v->run_start;
    v->boosted = false;
    reap = domain_unhold(d);
    spin_unlock(&sched_lock);
    if ( reap )
        reap_domain(d);
}

/*
 * Under sched_lock, for a CPU with no vCPU to run: the next running
 * domain with idle work left (arch_domain_idle_work_left()), held as if
 * one of its vCPUs ran (nr_running), so that it cannot be freed while the
 * CPU works for it; NULL when none has.
 */
static struct domain *idle_work_hold(void)
{
    static unsigned int next;
    unsigned int n;

    for ( n = 0; n < nr_domains; n++ )
    {
        struct domain *d = &domain_list[(next + n) % nr_domains];

        if ( d->state != DOMAIN_RUNNING || !arch_domain_idle_work_left(d) )
            continue;
        next = (next + n + 1) % nr_domains;
        d->nr_running++;
        return d;
    }
    return NULL;
}

/* One step of @d's idle work, then let go of it (reaped if it ended). */
static void idle_work_do(struct domain *d)
{
    bool reap;

    arch_domain_idle_work(d);
    spin_lock(&sched_lock);
    reap = domain_unhold(d);
    spin_unlock(&sched_lock);
    if ( reap )
        reap_domain(d);
}

/* True for the one CPU that ends the run once every domain is gone. */
static bool all_stopped(void)
{
    bool last = started && !nr_live && !stopping;

    if ( last )
        stopping = true;
    return last;
}

void sched_run(unsigned int cpu)
{
    for ( ;; )
    {
        struct domain *d;
        struct vcpu *v;

        if ( cpu == 0 && started )
            console_input_poll();
        spin_lock(&sched_lock);
        d = release_held();
        if ( d )
        {
            spin_unlock(&sched_lock);
            printk("Hyperlaunch: d%u (hardware domain) starts: every other "
                   "domain is under way\n",
                   d->domid);
            continue;
        }
        d = release_console();
        if ( d )
        {
            spin_unlock(&sched_lock);
            console_guest_release(d->domid);
            continue;
        }
        if ( all_stopped() )
        {
            spin_unlock(&sched_lock);
            printk("all domains have stopped\n");
            print_free_memory("after every domain was torn down");
            arch_power_off(0);
        }
        d = stopping ? NULL : domain_find_ended();
        if ( d )
        {
            spin_unlock(&sched_lock);
            reap_domain(d); /* ended with no vCPU on a CPU */
            continue;
        }
        v = stopping ? NULL : pick(cpu);
        d = v || stopping ? NULL : idle_work_hold();
        if ( d )
        {
            spin_unlock(&sched_lock);
            idle_work_do(d);
            continue;
        }
        if ( v )
        {
            v->processor = (int)cpu;
            v->last_processor = (int)cpu;
            v->ran_on |= 1ULL << cpu;
            v->run_start = arch_sched_clock();
            v->domain->nr_running++;
        }
        else /* under the lock: a wake-up after pick() sees us idle */
            __atomic_or_fetch(&cpu_idle_map, 1ULL << cpu, __ATOMIC_SEQ_CST);
        spin_unlock(&sched_lock);
        if ( !v )
        {
            arch_cpu_idle();
            __atomic_and_fetch(&cpu_idle_map, ~(1ULL << cpu),
                               __ATOMIC_SEQ_CST);
            continue;
        }
        arch_vcpu_run(v);
        vcpu_leave(v);
    }
}
