/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time self-check of the stage-2 builder: map, walk back, free. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/p2m.h>

/* Two 2 MiB blocks and three 4 KiB pages. */
#define TEST_SIZE ((4ULL << 20) + 3 * PAGE_SIZE)

struct probe {
    uint64_t offset;    /* from GUEST_RAM0_BASE */
    unsigned int level; /* expected leaf level; 0: must be unmapped */
};

static const struct probe probes[] = {
    { 0, 2 },          { (2ULL << 20) + 0x123, 2 },
    { 4ULL << 20, 3 }, { TEST_SIZE - 1, 3 },
    { TEST_SIZE, 0 },  { 1ULL << 30, 0 },
};

static bool probe_ok(const struct p2m *p2m, const struct probe *pr)
{
    paddr_t gpa = GUEST_RAM0_BASE + pr->offset, pa;
    unsigned int level;
    uint64_t entry;
    int rc = pt_lookup(&p2m->pt, gpa, &pa, &entry, &level);

    if ( !pr->level )
        return rc == -ENOENT;
    /* The page offset survives the walk; the host page is RAM we own. */
    return !rc && level == pr->level &&
           (pa & (PAGE_SIZE - 1)) == (gpa & (PAGE_SIZE - 1));
}

static int check_map(const struct p2m *p2m)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(probes); i++ )
        if ( !probe_ok(p2m, &probes[i]) )
        {
            printk("ERROR: p2m self-check: guest %#llx walks back wrong\n",
                   (unsigned long long)(GUEST_RAM0_BASE + probes[i].offset));
            return -EIO;
        }
    return 0;
}

int p2m_selftest(void)
{
    struct p2m p2m;
    paddr_t total, free_before, free_after;
    int rc;

    page_alloc_stats(&total, &free_before);
    rc = p2m_init(&p2m);
    /* No guest runs on these tables: nothing to scrub. */
    rc = rc ?: p2m_populate(&p2m, GUEST_RAM0_BASE, TEST_SIZE, false);
    rc = rc ?: check_map(&p2m);
    p2m_destroy(&p2m);
    page_alloc_stats(&total, &free_after);
    if ( !rc && free_after != free_before )
    {
        printk("ERROR: p2m self-check: %lld bytes leaked\n",
               (long long)(free_before - free_after));
        rc = -EIO;
    }
    if ( rc )
    {
        printk("ERROR: p2m self-check failed (%d)\n", rc);
        return -EIO;
    }
    printk("p2m: stage-2 self-check passed (%u-bit IPA, 4 KiB granule, "
           "2 MiB blocks and pages at %#llx)\n",
           P2M_IPA_BITS, GUEST_RAM0_BASE);
    return 0;
}
