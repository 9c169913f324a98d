/* SPDX-License-Identifier: GPL-2.0-only */
/* Build every domain of the plan, then run them time-sliced on the boot CPU. */
#include <xen/lib.h>
#include <asm/domain.h>
#include <asm/gic.h>

static struct domain domains[HL_MAX_DOMAINS];
static unsigned int nr_domains;

int domains_build(const struct boot_info *bi, const void *fdt)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < bi->nr_domains && !rc; i++ )
    {
        rc =
            domain_build(&domains[i], &bi->domains[i], fdt, (uint16_t)(i + 1));
        nr_domains = i + 1;
    }
    if ( !rc )
        return 0;
    printk("Hyperlaunch: building d%u failed (%d); no domain was started\n",
           bi->domains[i - 1].domid, rc);
    for ( i = 0; i < nr_domains; i++ )
        domain_destroy(&domains[i]);
    nr_domains = 0;
    return rc;
}

/* Length of a time slice. */
#define SLICE_US 10000

void domains_run(bool ticks)
{
    unsigned int i, live = 0;

    for ( i = 0; i < nr_domains; i++ )
        live += domains[i].state == DOMAIN_BUILT;
    if ( ticks )
        hyp_timer_init(SLICE_US);
    /* Round-robin; a domain that stopped leaves the run queue. */
    for ( i = 0; live; i = (i + 1) % nr_domains )
    {
        struct domain *d = &domains[i];

        if ( d->state != DOMAIN_BUILT && d->state != DOMAIN_RUNNING )
            continue;
        if ( ticks )
            hyp_timer_rearm(); /* a full slice for every domain */
        domain_run(d);
        if ( d->state == DOMAIN_RUNNING )
            continue;
        domain_destroy(d);
        live--;
    }
    if ( ticks )
        hyp_timer_stop();
    printk("all domains have stopped\n");
}
