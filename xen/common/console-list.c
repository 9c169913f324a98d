/* SPDX-License-Identifier: GPL-2.0-only */
/* The console's domain list ('q'): a line per domain, or by state. */
#include <xen/lib.h>
#include <xen/sched.h>

#define LIST_WIDTH 72 /* characters of domain ranges on one line */

static const char *const state_names[] = {
    [DOMAIN_EMPTY] = "empty",     [DOMAIN_BUILT] = "built",
    [DOMAIN_RUNNING] = "running", [DOMAIN_OFF] = "powered off",
    [DOMAIN_CRASHED] = "crashed",
};

/* What the list calls @d's state: how it ended, while it is torn down. */
static enum domain_state list_state(const struct domain *d)
{
    return d->end_state ? d->end_state : d->state;
}

/* Its vCPUs online; none for a slot being (re)built. */
static unsigned int vcpus_online(const struct domain *d)
{
    unsigned int j, online = 0;

    if ( d->state == DOMAIN_EMPTY || d->state == DOMAIN_BUILT )
        return 0;
    for ( j = 0; j < d->nr_vcpus; j++ )
        online += d->vcpu[j].online;
    return online;
}

static void list_each(int focus)
{
    unsigned int i;

    for ( i = 0; i < nr_domains; i++ )
    {
        const struct domain *d = &domain_list[i];
        const char *input = (int)i == focus ? " (has the input)" : "";

        if ( d->state == DOMAIN_EMPTY || d->state == DOMAIN_BUILT )
            printk("d%u (%s): %s%s\n", d->domid, d->bd->name,
                   state_names[list_state(d)], input);
        else
            printk("d%u (%s): %s, %u of %u vCPUs online%s\n", d->domid,
                   d->bd->name, state_names[list_state(d)], vcpus_online(d),
                   d->nr_vcpus, input);
    }
}

/* The last of the run of domains in state @st starting at slot @i. */
static unsigned int run_end(unsigned int i, enum domain_state st)
{
    while ( i + 1 < nr_domains && list_state(&domain_list[i + 1]) == st &&
            domain_list[i + 1].domid == domain_list[i].domid + 1 )
        i++;
    return i;
}

/* "<state> (<n>): d1-d200 d202 ...", wrapped at LIST_WIDTH. */
static void list_state_line(enum domain_state st)
{
    char line[LIST_WIDTH + 24];
    unsigned int i, end, n = 0, len;

    for ( i = 0; i < nr_domains; i++ )
        n += list_state(&domain_list[i]) == st;
    if ( !n )
        return;
    len = (unsigned int)snprintf(line, sizeof(line),
                                 "%s (%u):", state_names[st], n);
    for ( i = 0; i < nr_domains; i = end + 1 )
    {
        end = i;
        if ( list_state(&domain_list[i]) != st )
            continue;
        end = run_end(i, st);
        if ( len > LIST_WIDTH )
        {
            printk("%s\n", line);
            len = (unsigned int)snprintf(line, sizeof(line), "   ");
        }
        if ( end == i )
            len += (unsigned int)snprintf(line + len, sizeof(line) - len,
                                          " d%u", domain_list[i].domid);
        else
            len += (unsigned int)snprintf(line + len, sizeof(line) - len,
                                          " d%u-d%u", domain_list[i].domid,
                                          domain_list[end].domid);
    }
    printk("%s\n", line);
}

static void list_compact(int focus)
{
    static const enum domain_state order[] = {
        DOMAIN_RUNNING, DOMAIN_BUILT, DOMAIN_OFF, DOMAIN_CRASHED, DOMAIN_EMPTY,
    };
    unsigned int i, online = 0, vcpus = 0;

    for ( i = 0; i < nr_domains; i++ )
    {
        online += vcpus_online(&domain_list[i]);
        vcpus += domain_list[i].nr_vcpus;
    }
    if ( focus >= 0 )
        printk("%u domains, %u of %u vCPUs online; input: d%u (%s)\n",
               nr_domains, online, vcpus, domain_list[focus].domid,
               domain_list[focus].bd->name);
    else
        printk("%u domains, %u of %u vCPUs online; input: the hypervisor\n",
               nr_domains, online, vcpus);
    for ( i = 0; i < ARRAY_SIZE(order); i++ )
        list_state_line(order[i]);
}

void console_list_domains(int focus)
{
    spin_lock(&sched_lock);
    if ( nr_domains > CONSOLE_LIST_EACH_MAX )
        list_compact(focus);
    else
        list_each(focus);
    spin_unlock(&sched_lock);
}

const char *console_domain_state(const struct domain *d)
{
    return state_names[list_state(d)];
}
