/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console input: to one domain at a time; CTRL-a three times switches.
 * CTRL-a twice then 'R', 'D', 'q' or 'e' is a command instead, about the
 * domain that has the input: restart it, destroy it (whatever its policy
 * says), list the domains (marking it), print its exits by cause.  CTRL-a
 * twice then ':' or a digit reads a domain id or name up to Enter and
 * gives that domain the input (nothing, or "xen": the hypervisor).
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>

#define CTRL_A 0x01
#define SWITCH_PRESSES 3
#define COMMAND_PRESSES 2 /* CTRL-a twice, then a command key */
#define KEY_RESTART 'R'
#define KEY_DESTROY 'D'
#define KEY_LIST 'q'
#define KEY_EXITS 'e'
#define KEY_CHOOSE ':' /* or a digit: the start of a domain id */
#define CHAR_DEL 0x7f
#define CHAR_ESC 0x1b
#define CHAR_CTRL_C 0x03

static DEFINE_SPINLOCK(input_lock);
static int focus = -2;         /* domain_list index; -1: the hypervisor */
static unsigned int nr_ctrl_a; /* CTRL-a pressed in a row */
static bool choosing;          /* reading a domain id or name */
static unsigned int choice_len;
static char choice[HL_NAME_LEN];

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

static void list_domains(void)
{
    console_list_domains(focus);
}

/* A key for the hypervisor itself. */
static void hypervisor_key(int c)
{
    switch ( c )
    {
    case 'h':
        printk("Keys: 'h' this help, 'q' list the domains; from a domain's "
               "input, CTRL-a CTRL-a then 'R' restarts it, 'D' destroys it, "
               "'q' lists the domains, 'e' prints its exits; from anywhere, "
               "CTRL-a CTRL-a then ':' (or the id's first digit), a domain "
               "id or name and Enter gives it the input\n");
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

/* The slot of the domain named or numbered @s ("domU3", "3", "d3"), or -1. */
static int find_domain(const char *s)
{
    const char *p = s + (*s == 'd');
    unsigned int i, id = 0;

    for ( i = 0; i < nr_domains; i++ )
        if ( !strcmp(domain_list[i].bd->name, s) )
            return (int)i;
    if ( !*p )
        return -1;
    for ( ; *p; p++ )
    {
        if ( *p < '0' || *p > '9' || id > DOMID_FIRST_RESERVED )
            return -1;
        id = id * 10 + (unsigned int)(*p - '0');
    }
    for ( i = 0; i < nr_domains; i++ )
        if ( domain_list[i].domid == id )
            return (int)i;
    return -1;
}

/* Enter after CTRL-a CTRL-a ':': give the input to what @choice names. */
static void choose_done(void)
{
    int i;

    choice[choice_len] = '\0';
    i = find_domain(choice);
    if ( i < 0 && (!choice_len || !strcmp(choice, "xen")) )
    {
        focus = -1;
        announce();
        return;
    }
    spin_lock(&sched_lock);
    if ( i >= 0 && domain_list[i].state == DOMAIN_RUNNING )
        focus = i;
    else if ( i >= 0 )
        printk("*** d%u (%s) is %s: the input stays\n", domain_list[i].domid,
               domain_list[i].bd->name, console_domain_state(&domain_list[i]));
    else
        printk("*** No domain \"%s\": the input stays\n", choice);
    spin_unlock(&sched_lock);
    announce();
}

/* One byte of a domain id or name; Enter ends it, ESC or CTRL-c cancels. */
static void choose_byte(int c)
{
    if ( c == '\r' || c == '\n' )
    {
        choosing = false;
        choose_done();
    }
    else if ( c == CHAR_ESC || c == CHAR_CTRL_C )
    {
        choosing = false;
        announce();
    }
    else if ( (c == CHAR_DEL || c == '\b') && choice_len )
        choice_len--;
    else if ( c > ' ' && c < CHAR_DEL && choice_len < HL_NAME_LEN - 1 )
        choice[choice_len++] = (char)c;
}

/* CTRL-a CTRL-a @c: ':' or a digit starts reading a domain to switch to. */
static bool choose_command(int c)
{
    if ( c != KEY_CHOOSE && (c < '0' || c > '9') )
        return false;
    choosing = true;
    choice_len = 0;
    if ( c != KEY_CHOOSE )
        choice[choice_len++] = (char)c;
    printk("*** Input to which domain? (its id or name, then Enter; "
           "none: the hypervisor)\n");
    return true;
}

/* CTRL-a CTRL-a @c: a command about the domain with the input, if @c is one. */
static bool domain_command(int c)
{
    struct domain *d;

    if ( choose_command(c) )
        return true;

    switch ( c )
    {
    case KEY_LIST:
        list_domains();
        return true;
    case KEY_EXITS:
        print_exits();
        return true;
    case KEY_RESTART:
    case KEY_DESTROY:
        break;
    default:
        return false;
    }
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
    if ( choosing )
    {
        choose_byte(c);
        return;
    }
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
