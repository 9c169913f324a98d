/* SPDX-License-Identifier: GPL-2.0-only */
/* Static shared memory: one host region per xen,shm-id, mapped into each. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/pv.h>
#include <xen/sched.h>

/* Per region (index of the first node with its id): host pages, users. */
static paddr_t shm_pa[HL_MAX_SHMS];
static unsigned int shm_order[HL_MAX_SHMS];
static bool shm_allocated[HL_MAX_SHMS];
static unsigned int shm_users[HL_MAX_SHMS];
/* Per domain slot: bit n = its n-th region is mapped. */
static uint32_t shm_mapped[HL_MAX_DOMAINS];
static const struct boot_info *shm_bi; /* the plan the domains came from */

static unsigned int first_of(const struct boot_info *bi,
                             const struct boot_shm *s)
{
    unsigned int i;

    for ( i = 0; &bi->shms[i] != s; i++ )
        if ( !strcmp(bi->shms[i].id, s->id) )
            break;
    return i;
}

/* The host address of any node of @s's id that gives one, else 0. */
static paddr_t host_of(const struct boot_info *bi, const struct boot_shm *s)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_shms; i++ )
        if ( bi->shms[i].host_set && !strcmp(bi->shms[i].id, s->id) )
            return bi->shms[i].host;
    return 0;
}

static int region_get(const struct boot_info *bi, const struct boot_shm *s,
                      unsigned int f)
{
    unsigned int order = 0;
    paddr_t pa = host_of(bi, s);

    if ( shm_pa[f] )
        return 0;
    if ( !pa )
    {
        while ( (PAGE_SIZE << order) < s->size )
            order++;
        if ( alloc_pages(order, &pa) )
            return -ENOMEM;
        memset((void *)(uintptr_t)pa, 0, s->size);
        shm_allocated[f] = true;
        shm_order[f] = order;
    }
    shm_pa[f] = pa;
    return 0;
}

int shm_domain_map(struct domain *d, const struct boot_info *bi)
{
    const struct boot_domain *bd = d->bd;
    unsigned int slot = (unsigned int)(d - domain_list), i, f;
    const struct boot_shm *s;
    int rc;

    shm_bi = bi;
    for ( i = 0; i < bd->nr_shms; i++ )
    {
        s = &bd->shms[i];
        f = first_of(bi, s);
        rc = region_get(bi, s, f)
                 ?: arch_map_shared(d, s->gpa, shm_pa[f], s->size);
        if ( rc )
        {
            printk("ERROR: d%u: static shared memory \"%s\": %d\n", d->domid,
                   s->id, rc);
            return rc;
        }
        shm_users[f]++;
        shm_mapped[slot] |= 1U << i;
        printk("d%u: static shared memory \"%s\" (%s): guest %#llx, host "
               "%#llx, %llu KiB\n",
               d->domid, s->id, s->owner ? "owner" : "borrower",
               (unsigned long long)s->gpa, (unsigned long long)shm_pa[f],
               (unsigned long long)(s->size >> 10));
    }
    return 0;
}

void shm_domain_unmap(struct domain *d)
{
    const struct boot_info *bi = shm_bi;
    unsigned int slot = (unsigned int)(d - domain_list), i, f;
    const struct boot_domain *bd = d->bd;

    for ( i = 0; bd && i < bd->nr_shms; i++ )
    {
        if ( !(shm_mapped[slot] & (1U << i)) )
            continue;
        shm_mapped[slot] &= ~(1U << i);
        f = first_of(bi, &bd->shms[i]);
        if ( --shm_users[f] || !shm_allocated[f] )
            continue;
        free_pages(shm_pa[f], shm_order[f]);
        shm_pa[f] = 0;
        shm_allocated[f] = false;
    }
}
