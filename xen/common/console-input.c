/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console input: to one domain at a time; CTRL-a three times switches.
 * CTRL-a twice then 'R', 'D', 'q' or 'e' is a command instead, about the
 * domain that has the input: restart it, destroy it (whatever its policy
 * says), list the domains (marking it), print its exits by cause.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define CTRL_A 0x01
#define SWITCH_PRESSES 3
#define COMMAND_PRESSES 2 /* CTRL-a twice, then a command key */
#define KEY_RESTART 'R'
#define KEY_DESTROY 'D'
#define KEY_LIST 'q'
#define KEY_EXITS 'e'

static DEFINE_SPINLOCK(input_lock);
static int focus = -2;         /* domain_list index; -1: the hypervisor */
static unsigned int nr_ctrl_a; /* CTRL-a pressed in a row */

static void announce(void)
{
    if ( focus < 0 )
        printk("*** Serial input to the hypervisor (type 'CTRL-a' three "
               "times to switch input; 'h' for help)\n");
    else
        printk("*** Serial input to d%u (type 'CTRL-a' three times to "
               "switch input)\n",
               domain_list[focus].domid);
}

/* The next running domain after the current one, then the hypervisor. */
static void switch_focus(void)
{
    int i;

    for ( i = focus + 1; i < (int)nr_domains; i++ )
        if ( domain_list[i].state == DOMAIN_RUNNING )
            break;
    focus = i < (int)nr_domains ? i : -1;
    announce();
}

static const char *const state_names[] = {
    [DOMAIN_EMPTY] = "empty",     [DOMAIN_BUILT] = "built",
    [DOMAIN_RUNNING] = "running", [DOMAIN_OFF] = "powered off",
    [DOMAIN_CRASHED] = "crashed",
};

/* Under sched_lock: a domain ending meanwhile is not freed under us. */
static void list_domains(void)
{
    unsigned int i, j, online;

    spin_lock(&sched_lock);
    for ( i = 0; i < nr_domains; i++ )
    {
        const struct domain *d = &domain_list[i];
        enum domain_state st = d->end_state ? d->end_state : d->state;
        const char *input = (int)i == focus ? " (has the input)" : "";

        /* A slot being rebuilt is DOMAIN_EMPTY: its vCPUs are not there. */
        if ( d->state == DOMAIN_EMPTY || d->state == DOMAIN_BUILT )
        {
            printk("d%u (%s): %s%s\n", d->domid, d->bd->name, state_names[st],
                   input);
            continue;
        }
        for ( j = 0, online = 0; j < d->nr_vcpus; j++ )
            online += d->vcpu[j].online;
        printk("d%u (%s): %s, %u of %u vCPUs online%s\n", d->domid,
               d->bd->name, state_names[st], online, d->nr_vcpus, input);
    }
    spin_unlock(&sched_lock);
}

/* A key for the hypervisor itself. */
static void hypervisor_key(int c)
{
    switch ( c )
    {
    case 'h':
        printk("Keys: 'h' this help, 'q' list the domains; from a domain's "
               "input, CTRL-a CTRL-a then 'R' restarts it, 'D' destroys it, "
               "'q' lists the domains, 'e' prints its exits\n");
        break;
    case 'q':
        list_domains();
        break;
    default:
        break;
    }
}

static void deliver(int c)
{
    struct domain *d;

    if ( focus < 0 )
    {
        hypervisor_key(c);
        return;
    }
    d = &domain_list[focus];
    /* Under sched_lock: the domain cannot be freed while we raise its IRQ. */
    spin_lock(&sched_lock);
    if ( d->state == DOMAIN_RUNNING ) /* its input ends with it */
    {
        spin_lock(&input_lock);
        if ( d->in_prod - d->in_cons < CONSOLE_IN_SIZE )
            d->in_buf[d->in_prod++ % CONSOLE_IN_SIZE] = (char)c;
        spin_unlock(&input_lock);
        arch_console_input_notify(d);
    }
    spin_unlock(&sched_lock);
}

/* The exits of the domain with the input, under sched_lock (its lifetime). */
static void print_exits(void)
{
    struct domain *d;

    if ( focus < 0 )
    {
        printk("*** No domain has the input\n");
        return;
    }
    d = &domain_list[focus];
    spin_lock(&sched_lock);
    if ( d->state == DOMAIN_EMPTY || d->state == DOMAIN_BUILT )
        printk("*** d%u is not running\n", d->domid);
    else
        arch_domain_print_exits(d, true);
    spin_unlock(&sched_lock);
}

/* CTRL-a CTRL-a @c: a command about the domain with the input, if @c is one. */
static bool domain_command(int c)
{
    struct domain *d;

    if ( c == KEY_LIST )
        list_domains();
    if ( c == KEY_EXITS )
        print_exits();
    if ( c == KEY_LIST || c == KEY_EXITS ||
         (c != KEY_RESTART && c != KEY_DESTROY) )
        return c == KEY_LIST || c == KEY_EXITS;
    if ( focus < 0 )
    {
        printk("*** No domain has the input\n");
        return true;
    }
    d = &domain_list[focus];
    if ( !domain_force_end(d, c == KEY_RESTART ? DOMAIN_FORCE_RESTART
                                               : DOMAIN_FORCE_DESTROY) )
        printk("*** d%u is not running\n", d->domid);
    return true;
}

/* One byte typed: count CTRL-a, pass anything else (and a lone CTRL-a) on. */
static void input_byte(int c)
{
    if ( c == CTRL_A && ++nr_ctrl_a == SWITCH_PRESSES )
    {
        nr_ctrl_a = 0;
        switch_focus();
        return;
    }
    if ( c == CTRL_A )
        return;
    if ( nr_ctrl_a == COMMAND_PRESSES && domain_command(c) )
    {
        nr_ctrl_a = 0;
        return;
    }
    for ( ; nr_ctrl_a; nr_ctrl_a-- )
        deliver(CTRL_A);
    deliver(c);
}

void console_input_poll(void)
{
    int c, n;

    if ( focus == -2 )
    {
        focus = -1;
        switch_focus(); /* the first domain, announced */
    }
    /* A bounded batch: the boot CPU has vCPUs to run too. */
    for ( n = 0; n < 64 && (c = console_getc()) >= 0; n++ )
        input_byte(c);
}

int domain_console_getc(struct domain *d)
{
    int c = -1;

    spin_lock(&input_lock);
    if ( d->in_cons != d->in_prod )
        c = (unsigned char)d->in_buf[d->in_cons++ % CONSOLE_IN_SIZE];
    spin_unlock(&input_lock);
    return c;
}

bool domain_console_has_input(const struct domain *d)
{
    return d->in_cons != d->in_prod;
}
