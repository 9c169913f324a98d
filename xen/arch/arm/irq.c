/* SPDX-License-Identifier: GPL-2.0-only */
/* Host SPIs given to domains: who owns each, and forwarding on arrival. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/gic.h>
#include <asm/irq.h>
#include <asm/vgic.h>

#define NR_SPI_INTIDS GIC_INTID_SPECIAL

/* The domain each host INTID is forwarded to; NULL: the hypervisor's. */
static struct domain *owner[NR_SPI_INTIDS];

int irq_route_to_guest(struct domain *d, unsigned int intid)
{
    int rc;

    if ( intid < 32 || intid >= NR_SPI_INTIDS )
        return -EINVAL;
    if ( owner[intid] )
        return -EBUSY;
    rc = vgic_bind_hw(d, intid);
    if ( rc )
        return rc;
    owner[intid] = d;
    /* The line reaches the boot CPU; the target vCPU is kicked from there. */
    gic_spi_route(intid, 0);
    return 0;
}

void irq_release_domain(struct domain *d)
{
    unsigned int i;

    for ( i = 32; i < NR_SPI_INTIDS; i++ )
        if ( owner[i] == d )
        {
            gic_spi_release(i);
            owner[i] = NULL;
        }
}

bool irq_forward(unsigned int intid)
{
    struct domain *d;

    if ( intid < 32 || intid >= NR_SPI_INTIDS || !(d = owner[intid]) )
        return false;
    if ( d->state != DOMAIN_RUNNING && d->state != DOMAIN_BUILT )
    {
        /* No guest will handle it: finish it, and mask the line so a
         * level device cannot storm the host until the domain is reaped. */
        gic_eoi(intid);
        gic_spi_release(intid);
        return true;
    }
    /* Active until the guest's EOI deactivates it through the LR. */
    gic_drop(intid);
    vgic_inject_hw(d, intid);
    return true;
}
