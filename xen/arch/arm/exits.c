/* SPDX-License-Identifier: GPL-2.0-only */
/* Exit accounting: count and time each guest exit by cause; print them. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/exits.h>
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <public/xen.h>

/* Lines of detail per vCPU when a domain ends (a console key shows all). */
#define EXIT_SLOTS_AT_END 8

/*
 * The slot of @key.  A key not there takes a free slot, else the slot of
 * the least frequent key, whose count goes to e->lost: the causes seen
 * once at boot (ID registers) do not keep out the frequent ones.
 */
static struct exit_slot *slot_find(struct vcpu_exits *e, uint64_t key)
{
    unsigned int i, min = 0;

    if ( e->nr_slots && e->slot[e->last].key == key )
        return &e->slot[e->last];
    for ( i = 0; i < e->nr_slots; i++ )
    {
        if ( e->slot[i].key == key )
            break;
        if ( e->slot[i].c.count < e->slot[min].c.count )
            min = i;
    }
    if ( i == e->nr_slots && i < EXIT_SLOTS )
        e->nr_slots++;
    else if ( i == e->nr_slots )
    {
        i = min;
        e->lost += e->slot[i].c.count;
        e->slot[i].c.count = e->slot[i].c.ticks = 0;
    }
    e->slot[i].key = key;
    e->last = i;
    return &e->slot[i];
}

void exits_account(struct vcpu_exits *e, uint64_t ticks)
{
    struct exit_slot *s = slot_find(e, e->key);
    struct exit_count *c = &e->cls[EXIT_KEY_CLASS(e->key)];

    ticks *= EXIT_TIME_EVERY;
    c->count++;
    c->ticks += ticks;
    s->c.count++;
    s->c.ticks += ticks;
}

static const char *const class_names[EXIT_NR] = {
    [EXIT_HVC_XEN] = "hvc-xen", [EXIT_SMCCC] = "smccc",
    [EXIT_SYSREG] = "sysreg",   [EXIT_CP] = "cp14/15",
    [EXIT_DABT] = "dabt",       [EXIT_IABT] = "iabt",
    [EXIT_WFI] = "wfi",         [EXIT_WFE] = "wfe",
    [EXIT_IRQ] = "irq",         [EXIT_OTHER] = "other",
};

static const char *hypercall_name(uint32_t nr)
{
    switch ( nr )
    {
    case __HYPERVISOR_memory_op:
        return "memory_op";
    case __HYPERVISOR_xen_version:
        return "xen_version";
    case __HYPERVISOR_console_io:
        return "console_io";
    case __HYPERVISOR_grant_table_op:
        return "grant_table_op";
    case __HYPERVISOR_vcpu_op:
        return "vcpu_op";
    case __HYPERVISOR_sched_op:
        return "sched_op";
    case __HYPERVISOR_event_channel_op:
        return "event_channel_op";
    case __HYPERVISOR_hvm_op:
        return "hvm_op";
    default:
        return "hypercall";
    }
}

static const char *irq_name(uint32_t intid)
{
    switch ( intid )
    {
    case GIC_PPI_HYP_TIMER:
        return "tick";
    case GIC_PPI_VTIMER:
        return "vtimer";
    case GIC_PPI_MAINTENANCE:
        return "maintenance";
    case GIC_SGI_KICK:
        return "kick";
    default:
        return intid < 16                  ? "sgi"
               : intid < 32                ? "ppi"
               : intid < GIC_INTID_SPECIAL ? "spi"
                                           : "spurious";
    }
}

static const char *const dev_names[] = {
    [EXIT_DEV_NONE] = "unmapped", [EXIT_DEV_RAM] = "ram-fault-in",
    [EXIT_DEV_VPL011] = "vpl011", [EXIT_DEV_VDEV] = "vdev",
    [EXIT_DEV_VGIC] = "vgic",     [EXIT_DEV_CM] = "cache-maint",
};

/* What @key was about, after its class: "xen_version(17)", "vgic 0x..". */
static void key_detail(uint64_t key, char *buf, size_t size)
{
    uint32_t sub = (uint32_t)key;
    unsigned int dev = sub >> 24;

    switch ( EXIT_KEY_CLASS(key) )
    {
    case EXIT_HVC_XEN:
        snprintf(buf, size, "%s(%u)", hypercall_name(sub), sub);
        break;
    case EXIT_SMCCC:
        snprintf(buf, size, "function %#x", sub);
        break;
    case EXIT_SYSREG:
        /* ISS: Op0 21:20, Op2 19:17, Op1 16:14, CRn 13:10, CRm 4:1. */
        snprintf(buf, size, "s%u_%u_c%u_c%u_%u %s", (sub >> 20) & 3,
                 (sub >> 14) & 7, (sub >> 10) & 15, (sub >> 1) & 15,
                 (sub >> 17) & 7, sub & 1 ? "read" : "write");
        break;
    case EXIT_DABT:
        snprintf(buf, size, "%s %#llx",
                 dev < ARRAY_SIZE(dev_names) ? dev_names[dev] : "?",
                 (unsigned long long)(sub & 0xffffff) << 7);
        break;
    case EXIT_IRQ:
        snprintf(buf, size, "%s(%u)", irq_name(sub), sub);
        break;
    case EXIT_CP:
    case EXIT_OTHER:
        snprintf(buf, size, "%#x", sub);
        break;
    default:
        buf[0] = 0;
        break;
    }
}

static unsigned long long ticks_us(uint64_t ticks)
{
    uint64_t freq = READ_SYSREG(cntfrq_el0);

    return freq ? (unsigned long long)(ticks * 1000000 / freq) : 0;
}

/* "d1v0 exits: 10234, 5123 us: hvc-xen 10010/4000us, irq 20/9us" */
static void print_classes(const char *who, const struct exit_count *cls)
{
    char buf[320];
    size_t n;
    uint64_t total = 0, ticks = 0;
    unsigned int i;

    for ( i = 0; i < EXIT_NR; i++ )
    {
        total += cls[i].count;
        ticks += cls[i].ticks;
    }
    n = (size_t)snprintf(buf, sizeof(buf), "%s exits: %llu, %llu us:", who,
                         (unsigned long long)total, ticks_us(ticks));
    for ( i = 0; i < EXIT_NR && n < sizeof(buf); i++ )
        if ( cls[i].count )
            n += (size_t)snprintf(
                buf + n, sizeof(buf) - n, " %s %llu/%lluus", class_names[i],
                (unsigned long long)cls[i].count, ticks_us(cls[i].ticks));
    printk("%s\n", buf);
}

/* The slots of @e, most frequent first, at most @max lines. */
static void print_slots(const char *who, const struct vcpu_exits *e,
                        unsigned int max)
{
    bool done[EXIT_SLOTS] = { false };
    unsigned int i, n;
    char detail[48];

    for ( n = 0; n < max && n < e->nr_slots; n++ )
    {
        int best = -1;

        for ( i = 0; i < e->nr_slots; i++ )
            if ( !done[i] &&
                 (best < 0 || e->slot[i].c.count > e->slot[best].c.count) )
                best = (int)i;
        done[best] = true;
        key_detail(e->slot[best].key, detail, sizeof(detail));
        printk("%s exit %s%s%s: %llu, %llu us\n", who,
               class_names[EXIT_KEY_CLASS(e->slot[best].key)],
               detail[0] ? " " : "", detail,
               (unsigned long long)e->slot[best].c.count,
               ticks_us(e->slot[best].c.ticks));
    }
    if ( e->lost )
        printk("%s exits of rarer causes (counted in their class): %llu\n",
               who, (unsigned long long)e->lost);
}

void arch_domain_print_exits(const struct domain *d, bool all)
{
    struct exit_count sum[EXIT_NR] = { { 0 } };
    uint64_t total = 0;
    unsigned int i, j;
    char who[24];

    for ( i = 0; i < d->nr_vcpus; i++ )
        for ( j = 0; j < EXIT_NR; j++ )
        {
            sum[j].count += d->vcpu[i].arch.exits.cls[j].count;
            sum[j].ticks += d->vcpu[i].arch.exits.cls[j].ticks;
            total += d->vcpu[i].arch.exits.cls[j].count;
        }
    if ( !total && !all )
        return; /* it never ran */
    snprintf(who, sizeof(who), "d%u", d->domid);
    print_classes(who, sum);
    for ( i = 0; i < d->nr_vcpus; i++ )
    {
        const struct vcpu_exits *e = &d->vcpu[i].arch.exits;

        snprintf(who, sizeof(who), "d%uv%u", d->domid, i);
        if ( d->nr_vcpus > 1 )
            print_classes(who, e->cls);
        print_slots(who, e, all ? EXIT_SLOTS : EXIT_SLOTS_AT_END);
    }
    /* Counted in the exits above too (ram-fault-in, iabt), timed here. */
    if ( d->arch.p2m.filled )
        printk("d%u RAM first use: %u pieces of 2 MiB filled (%u from boot "
               "modules), %u ahead on an idle CPU (%u from boot modules), "
               "%llu us in vCPUs' way\n",
               d->domid, d->arch.p2m.filled, d->arch.p2m.filled_from_src,
               d->arch.p2m.filled_ahead, d->arch.p2m.filled_ahead_src,
               ticks_us(d->arch.p2m.fill_ticks));
}
