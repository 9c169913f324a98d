/* SPDX-License-Identifier: GPL-2.0-only */
/* Domains, vCPUs and the scheduler that time-slices them on host CPUs. */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <xen/pv.h>
#include <xen/spinlock.h>
#include <xen/types.h>
#include <asm/domain.h>

/* Guest console output buffered up to a newline. */
#define GUEST_LINE_MAX 256
/* Console input waiting for a domain to read it. */
#define CONSOLE_IN_SIZE 256

enum domain_state {
    DOMAIN_EMPTY,   /* slot unused, or destroyed */
    DOMAIN_BUILT,   /* built, not started yet */
    DOMAIN_RUNNING, /* started: its online vCPUs are scheduled */
    DOMAIN_OFF,     /* powered itself off; freed once no vCPU runs */
    DOMAIN_CRASHED, /* ended for what it did; freed once no vCPU runs */
};

struct domain;

struct vcpu {
    struct domain *domain;
    unsigned int vcpu_id;
    bool online;        /* started and not stopped: the scheduler runs it */
    bool blocked;       /* waits (WFI) until arch_vcpu_wakeup_pending() */
    int processor;      /* host CPU running it now, -1 when none */
    uint64_t affinity;  /* host CPUs it may run on: bit n = CPU n */
    bool pinned;        /* the DT gave it a hard affinity */
    uint64_t ran_on;    /* host CPUs it has run on */
    int last_processor; /* host CPU it ran on last, -1 before */
    uint64_t vruntime;  /* microseconds run, as the scheduler counts them */
    uint64_t run_start; /* arch_sched_clock() when it last went on a CPU */
    bool boosted;       /* woken and not run since: goes first */
    struct pv_vcpu pv;  /* Xen PV interfaces (xen,enhanced domains) */
    struct arch_vcpu arch;
};

struct domain {
    domid_t domid;
    enum domain_state state;
    enum domain_state end_state; /* OFF or CRASHED once it ended */
    const struct boot_domain *bd;
    unsigned int nr_vcpus;
    struct vcpu *vcpu;           /* nr_vcpus entries */
    unsigned int nr_running;     /* vCPUs on a host CPU, idle CPUs at work */
    enum hl_end_event end_event; /* why it ended, for its policy */
    uint8_t end_forced;          /* DOMAIN_FORCE_*: a console key's order */
    unsigned int line_len;
    char line[GUEST_LINE_MAX]; /* console output not yet printed */
    unsigned int nr_lines;     /* console lines printed */
    unsigned int in_prod, in_cons;
    char in_buf[CONSOLE_IN_SIZE]; /* console input not yet read */
    struct pv_domain *pv;         /* NULL without xen,enhanced */
    struct arch_domain arch;
};

/* What a console key orders for a domain, whatever its policy says. */
#define DOMAIN_FORCE_NONE 0
#define DOMAIN_FORCE_DESTROY 1
#define DOMAIN_FORCE_RESTART 2

/* Serialises vCPU state changes (online, processor) and domain ends. */
/*
 * The one lifetime rule.  A domain's vCPUs and arch state are touched by
 * its own vCPUs while they run, and by anyone else (console input, an
 * idle CPU's wake-up scan, the key handlers) only with sched_lock held
 * and only while the domain's state is not DOMAIN_EMPTY.  The CPU that
 * reaps a domain marks it DOMAIN_EMPTY under sched_lock before it frees
 * anything, so a holder of the lock never sees it half freed.
 */
extern spinlock_t sched_lock;

/* Host CPUs that are up and scheduling: bit n = CPU n (set by the arch). */
extern uint64_t cpu_online_map;

/* The device tree the domains were built from (restarts read it again). */
extern const void *hl_boot_fdt;
/* Its checked plan (who owns which host device), from domains_build() on. */
extern const struct boot_info *hl_boot_bi;

/* The boot domains, in plan order. */
extern struct domain domain_list[HL_MAX_DOMAINS];
extern unsigned int nr_domains;

/*
 * Build every domain of @bi (a plan that passed parse and check), in plan
 * order, through arch_domain_build(), after marking the modules the arch
 * may map into their domain instead of copying (donatable).  Nothing runs yet.  Returns 0, or
 * -errno after the failing domain was reported and every domain freed
 * ("no domain was started").
 */
int domains_build(struct boot_info *bi);

/* "Memory: N KiB free <when>": the page allocator's free memory now. */
void print_free_memory(const char *when);
/* "d<N>: N KiB free <when>": the same, about @d's build or teardown. */
void print_domain_memory(const struct domain *d, const char *when);

/*
 * Give the pages of every domain's boot modules (kernels, ramdisks) back
 * to the page allocator: their contents were copied by domains_build()
 * (donated modules belong to their domain now and are freed with it).
 * Prints how much.  Modules shared by two domains are freed once.
 */
void domains_free_modules(const struct boot_info *bi);

/*
 * Put vCPU0 of every built domain online.  Called once, on the boot CPU,
 * after domains_build() succeeded.
 */
void domains_start(void);

/*
 * Schedule on host CPU @cpu until the last domain has stopped; then the
 * first CPU to see it prints so and powers off with status 0.  Every host
 * CPU calls this once it is up, the boot CPU after domains_start(); a CPU
 * that finds nothing to run idles until its next tick.
 */
__noreturn void sched_run(unsigned int cpu);

/*
 * Put @v online (PSCI CPU_ON, INIT-SIPI): any host CPU in its affinity
 * may pick it from its next tick.  Call with sched_lock held; the arch
 * code has recorded where the vCPU starts.
 */
void vcpu_online(struct vcpu *v);

/*
 * Something for @v arrived (an interrupt): make it look at it soon, by
 * kicking the CPU it runs on, or an idle CPU it may run on.  No lock.
 */
void vcpu_kick(struct vcpu *v);

/*
 * Take @v, the vCPU running on this CPU, offline: it leaves the CPU at its
 * next exit.  When no vCPU of its domain is left online (every one called
 * PSCI CPU_OFF), the domain is powered off.  Call with sched_lock held.
 */
void vcpu_offline(struct vcpu *v);

/*
 * Free @d and everything it holds, flushing its last console line.  Takes
 * a half-built domain; none of its vCPUs may be on a host CPU.
 */
void domain_destroy(struct domain *d);

/* @d powered itself off: print it, end the domain (all its vCPUs). */
void domain_shutdown(struct domain *d);

/* @d asked for a reset (PSCI SYSTEM_RESET, port 0xcf9): end it so. */
void domain_reboot(struct domain *d);

/* @d's virtual watchdog expired: print it, end the domain so. */
void domain_watchdog_expired(struct domain *d);

/*
 * End running @d on a console key's order (DOMAIN_FORCE_DESTROY or
 * _RESTART), whatever its policy.  Takes sched_lock.  False when @d was
 * not running.
 */
bool domain_force_end(struct domain *d, uint8_t order);

/*
 * Build @d in its slot from @bd, as at boot: vCPUs, then
 * arch_domain_build().  Leaves it DOMAIN_BUILT, or returns -errno with a
 * half-built @d for domain_destroy().  Calls to it are serialised.
 */
int domain_create(const void *fdt, struct domain *d,
                  const struct boot_domain *bd);

/*
 * After a restart rebuilt @d: map its static shared memory again and bind
 * its static event channels to the peers that are up.  0 or -errno.
 */
int domain_connect(struct domain *d);

/*
 * @d ended and its last vCPU left its CPU; it is DOMAIN_EMPTY already.
 * Free it, then apply its policy for d->end_event (or the console key's
 * order): rebuild and start it again in the same slot, or leave it down.
 * Returns true when it runs again.  Called without sched_lock.
 */
bool domain_reap(struct domain *d);

/*
 * Whether @d has ended (off or crashed) and nothing holds it any more (no
 * vCPU on a host CPU, no idle work): then it is marked DOMAIN_EMPTY, and
 * the caller, the only one to see true, must domain_reap() it.
 * sched_lock held.
 */
bool domain_claim_ended(struct domain *d);

/*
 * A domain that has ended while none of its vCPUs was on a host CPU (a
 * console key, its watchdog), claimed for the caller to domain_reap()
 * (domain_claim_ended()), or NULL.  sched_lock held.
 */
struct domain *domain_find_ended(void);

/*
 * End running @d with @state (DOMAIN_OFF or DOMAIN_CRASHED): every vCPU
 * goes offline; the last one to leave its CPU frees it.  sched_lock held.
 * False when @d was not running.
 */
bool domain_end(struct domain *d, enum domain_state state);

/*
 * End @d for what it did: print one line "d<N>: <what>; domain crashed"
 * and stop all its vCPUs.  Never returns to the guest; the hypervisor
 * goes on with the other domains.
 */
__printf(2, 3) void domain_crash(struct domain *d, const char *fmt, ...);

/*
 * Guest console output of @d, one character: printed as a "(d<N>) " line
 * at each newline or when the line is full.  Carriage returns are dropped.
 */
void domain_console_putc(struct domain *d, char c);

/*
 * Route what was typed on the console: to the domain that has the input
 * (the first one at start), or to the hypervisor's keys; CTRL-a three
 * times in a row moves the input on to the next running domain, then to
 * the hypervisor, announcing it; CTRL-a twice then ':' or a digit reads
 * a domain id or name up to Enter and gives that domain the input.
 * Called by the boot CPU's scheduler.
 */
void console_input_poll(void);

/* Up to this many domains, 'q' lists one line each; beyond, by state. */
#define CONSOLE_LIST_EACH_MAX 16

/*
 * Print the domains for the console's 'q' key: a line per domain (its
 * name, state and vCPUs online, marking the slot @focus that has the
 * input), or above CONSOLE_LIST_EACH_MAX domains a summary line and one
 * line per state listing domids as ranges.  Takes sched_lock.
 */
void console_list_domains(int focus);

/* "running", "powered off", ...: @d's state as the list names it. */
const char *console_domain_state(const struct domain *d);

/* A byte of console input for @d, or -1 when none waits. */
int domain_console_getc(struct domain *d);
bool domain_console_has_input(const struct domain *d);

/* Implemented by each architecture. */

/*
 * Build @d as @bd describes: memory, kernel and ramdisk loaded, boot
 * information for the guest, vCPU0 ready to start at the kernel entry.
 * Called on the boot CPU before any domain runs, or on any host CPU when
 * @d restarts (its slot freed; builds serialised), with d->domid, d->bd,
 * d->nr_vcpus and d->vcpu (zeroed, ids and affinity set) filled in.
 * Prints where everything went.  Returns 0 or -errno after one line
 * naming the domain; a half-built @d is left for arch_domain_destroy().
 */
int arch_domain_build(struct domain *d, const struct boot_domain *bd);

/*
 * Free everything arch_domain_build() gave @d, so that the page
 * allocator's free memory is what it was before the build, and leave no
 * translation of it cached (its slot may be built again at once).
 * Accepts a half-built domain; cannot fail.  No vCPU of @d is on a host
 * CPU.
 */
void arch_domain_destroy(struct domain *d);

/*
 * Run @v on this host CPU for one time slice: until the slice ends, the
 * vCPU waits (WFI, HLT) or goes offline, or its domain stops.  Called
 * without sched_lock; v->processor is this CPU.  The vCPU's saved state
 * is valid again when it returns.
 */
void arch_vcpu_run(struct vcpu *v);

/*
 * When blocked @v has a reason to run again by itself (its timer), in
 * the units of the arch's own timer (arm64: counter ticks, x86: TSC);
 * ~0 when never.  sched_lock held, @v on no CPU.
 */
uint64_t arch_vcpu_wake_deadline(const struct vcpu *v);

/* A monotonic clock in microseconds, for the scheduler's accounting. */
uint64_t arch_sched_clock(void);

/*
 * Whether blocked @v has a reason to run again (an interrupt pending, its
 * timer expired).  Called with sched_lock held, @v on no CPU.
 */
bool arch_vcpu_wakeup_pending(struct vcpu *v);

/*
 * Console input was queued for @d (domain_console_getc() has more):
 * raise its UART's receive interrupt if the guest enabled it.
 */
void arch_console_input_notify(struct domain *d);

/*
 * The earliest arch_vcpu_wake_deadline() of the blocked vCPUs host CPU
 * @cpu should wake for: those that last ran there, or whose own CPU is
 * busy; ~0 when none.  Takes sched_lock (the lifetime rule).
 */
uint64_t sched_next_wakeup(unsigned int cpu);

/* Whether host CPU @cpu waits in arch_cpu_idle() now. */
bool cpu_is_idle(unsigned int cpu);

/* Interrupt host CPU @cpu: out of its guest, or out of its idle wait. */
void arch_cpu_kick(unsigned int cpu);

/*
 * Wait on this host CPU for its next tick, a kick, or the moment a
 * blocked vCPU's timer expires.
 */
void arch_cpu_idle(void);

/*
 * Work a host CPU with no vCPU to run may do for running domain @d ahead
 * of its vCPUs' need (arm: fill lazy RAM pieces before their first use).
 * arch_domain_idle_work_left(): whether there is some; under sched_lock,
 * quick, never blocking (a racy look is fine).  arch_domain_idle_work():
 * one step of it, a few milliseconds at most, without sched_lock, with @d
 * held (it is not freed meanwhile, though it may stop running).
 */
bool arch_domain_idle_work_left(struct domain *d);
void arch_domain_idle_work(struct domain *d);

/*
 * Print @d's guest exits by cause, with the time spent on them where the
 * arch counts it: when it ends (by domain_destroy(), nothing when it never
 * ran) and on a console key (@all: every cause it keeps, not only the
 * most frequent).  Reads counters its running vCPUs update (a racy
 * snapshot); sched_lock held or @d on no host CPU.
 */
void arch_domain_print_exits(const struct domain *d, bool all);

/* The index of this host CPU (0 is the boot CPU). */
unsigned int smp_processor_id(void);

#endif /* XEN_SCHED_H */
