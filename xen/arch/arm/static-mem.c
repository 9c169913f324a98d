/* SPDX-License-Identifier: GPL-2.0-only */
/* A domain's RAM from its xen,static-mem banks, direct-mapped or not. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/mm.h>
#include <asm/static-mem.h>

void static_mem_layout(struct domain *d, const struct boot_domain *bd)
{
    uint64_t total = bd->memory_kib << 10;

    if ( bd->flags & BD_DIRECT_MAP )
    {
        /* The check phase allows at most two banks here. */
        d->arch.ram0_base = bd->static_mem[0].start;
        d->arch.ram0_size = bd->static_mem[0].size;
        d->arch.ram1_base = bd->nr_static > 1 ? bd->static_mem[1].start : 0;
        d->arch.ram1_size = bd->nr_static > 1 ? bd->static_mem[1].size : 0;
        return;
    }
    d->arch.ram0_base = GUEST_RAM0_BASE;
    d->arch.ram1_base = GUEST_RAM1_BASE;
    d->arch.ram0_size = MIN(total, GUEST_RAM0_SIZE);
    d->arch.ram1_size = total - d->arch.ram0_size;
}

/* Scrub host [@hpa, +@size) and map it at guest @gpa. */
static int map_piece(struct domain *d, paddr_t gpa, paddr_t hpa, uint64_t size)
{
    memset((void *)(uintptr_t)hpa, 0, size);
    dcache_clean((void *)(uintptr_t)hpa, size); /* MMU off at first */
    /* Not PT_OWNED: the banks never go to the page allocator. */
    return pt_map(&d->arch.p2m.pt, gpa, hpa, size, PT_RWX);
}

int static_mem_populate(struct domain *d, const struct boot_domain *bd)
{
    paddr_t gpa = d->arch.ram0_base, left = d->arch.ram0_size;
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < bd->nr_static && !rc; i++ )
    {
        paddr_t hpa = bd->static_mem[i].start, size = bd->static_mem[i].size;

        if ( bd->flags & BD_DIRECT_MAP )
        {
            rc = map_piece(d, hpa, hpa, size);
            continue;
        }
        /* In order: RAM0 first, then what is left into RAM1. */
        while ( size && !rc )
        {
            uint64_t n;

            if ( !left )
            {
                gpa = d->arch.ram1_base;
                left = d->arch.ram1_size;
            }
            n = MIN(size, left);
            rc = map_piece(d, gpa, hpa, n);
            gpa += n;
            hpa += n;
            size -= n;
            left -= n;
        }
    }
    if ( rc )
        printk("ERROR: d%u: cannot map its static memory (%d)\n", d->domid,
               rc);
    return rc;
}
