/* SPDX-License-Identifier: GPL-2.0-only */
/* Build every domain of the plan, then run them in turn on the boot CPU. */
#include <xen/lib.h>
#include <asm/domain.h>

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

void domains_run(void)
{
    unsigned int i;

    /* No preemption yet: each domain runs until it stops. */
    for ( i = 0; i < nr_domains; i++ )
    {
        domain_run(&domains[i]);
        domain_destroy(&domains[i]);
    }
    printk("all domains have stopped\n");
}
