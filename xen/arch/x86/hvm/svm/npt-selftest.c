/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time self-check of the NPT builder: map, walk back, free. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/npt.h>

/* One 2 MiB leaf and two 4 KiB leaves from GPA 0. */
#define TEST_SIZE ((2ULL << 20) + 2 * PAGE_SIZE)

struct probe {
    paddr_t gpa;
    unsigned int level; /* expected leaf level; 0: must be unmapped */
};

static const struct probe probes[] = {
    { 0, 2 },          { 0x1234, 2 },
    { 2ULL << 20, 3 }, { TEST_SIZE - 1, 3 },
    { TEST_SIZE, 0 },  { 1ULL << 30, 0 },
};

#define LEAF_RWU (NPT_P | NPT_RW | NPT_US)

static bool probe_ok(const struct npt *npt, const struct probe *pr)
{
    unsigned int level;
    uint64_t entry;
    paddr_t pa;
    int rc = pt_lookup(&npt->pt, pr->gpa, &pa, &entry, &level);

    if ( !pr->level )
        return rc == -ENOENT;
    return !rc && level == pr->level && (entry & LEAF_RWU) == LEAF_RWU &&
           (pa & (PAGE_SIZE - 1)) == (pr->gpa & (PAGE_SIZE - 1));
}

static int check_map(const struct npt *npt)
{
    const uint64_t *root = (const uint64_t *)(uintptr_t)npt->pt.root;
    unsigned int i;

    /* NPT walks are user accesses: tables need U (and RW) too. */
    if ( (root[0] & LEAF_RWU) != LEAF_RWU )
    {
        printk("ERROR: NPT self-check: PML4 entry %#llx lacks P/RW/U\n",
               (unsigned long long)root[0]);
        return -EIO;
    }
    for ( i = 0; i < ARRAY_SIZE(probes); i++ )
        if ( !probe_ok(npt, &probes[i]) )
        {
            printk("ERROR: NPT self-check: guest %#llx walks back wrong\n",
                   (unsigned long long)probes[i].gpa);
            return -EIO;
        }
    return 0;
}

int npt_selftest(void)
{
    paddr_t total, free_before, free_after;
    struct npt npt;
    int rc;

    page_alloc_stats(&total, &free_before);
    rc = npt_init(&npt);
    rc = rc ?: npt_populate_ram(&npt, 0, TEST_SIZE);
    rc = rc ?: check_map(&npt);
    npt_destroy(&npt);
    page_alloc_stats(&total, &free_after);
    if ( !rc && free_after != free_before )
    {
        printk("ERROR: NPT self-check: %lld bytes leaked\n",
               (long long)(free_before - free_after));
        rc = -EIO;
    }
    if ( rc )
    {
        printk("ERROR: NPT self-check failed (%d)\n", rc);
        return -EIO;
    }
    printk("NPT: self-check passed (4 levels, 2 MiB and 4 KiB leaves, U at "
           "every level)\n");
    return 0;
}
