/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64 guest RAM committed at build, scrubbed and mapped at first use:
 * a domain's RAM is allocated in 2 MiB pieces when it is built, but each
 * piece is zeroed and entered in stage-2 only when a vCPU (or the
 * hypervisor, loading the guest) first touches it.  The guest never sees
 * a page before it is scrubbed; memory it never touches costs nothing.
 */
#include <xen/bootinfo.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/mm.h>
#include <asm/p2m.h>
#include <asm/sysregs.h>
#include <libfdt.h>

/*
 * Whether lazy pieces are mapped in 4 KiB pages rather than as 2 MiB
 * blocks (p2m_platform_init()).  Such a piece stays in the bank array,
 * its entry tagged LAZY_MAPPED, and is freed from there at teardown.
 */
static bool map_in_pages;
bool p2m_local_tlbi;
#define LAZY_MAPPED 1ULL
/* Being filled by a host CPU, outside the p2m lock (fault_in()). */
#define LAZY_FILLING 2ULL
#define LAZY_FLAGS (LAZY_MAPPED | LAZY_FILLING)

/* A slot holding a piece that is allocated and not yet mapped. */
static bool unused(paddr_t slot)
{
    return slot && !(slot & LAZY_FLAGS);
}

static unsigned int array_order(uint64_t nr)
{
    unsigned int order = 0;

    while ( (PAGE_SIZE << order) < nr * sizeof(paddr_t) )
        order++;
    return order;
}

int p2m_lazy_bank(struct p2m *p2m, unsigned int i, paddr_t base, uint64_t size)
{
    struct p2m_lazy *l = &p2m->lazy[i];
    paddr_t pa;

    if ( i >= P2M_LAZY_BANKS || !IS_ALIGNED(base, P2M_LAZY_SIZE) || l->pa )
        return -EINVAL;
    l->base = base;
    l->nr = size / P2M_LAZY_SIZE;
    if ( !l->nr )
        return 0;
    if ( alloc_pages(array_order(l->nr), &pa) )
        return -ENOMEM;
    l->pa = (paddr_t *)(uintptr_t)pa;
    memset(l->pa, 0, l->nr * sizeof(paddr_t));
    return 0;
}

/* The slot of the lazy piece holding @gpa, or NULL. */
static paddr_t *lazy_slot(struct p2m *p2m, paddr_t gpa)
{
    unsigned int i;

    for ( i = 0; i < P2M_LAZY_BANKS; i++ )
    {
        struct p2m_lazy *l = &p2m->lazy[i];

        if ( l->pa && gpa >= l->base &&
             (gpa - l->base) / P2M_LAZY_SIZE < l->nr )
            return &l->pa[(gpa - l->base) / P2M_LAZY_SIZE];
    }
    return NULL;
}

int p2m_lazy_alloc(struct p2m *p2m, paddr_t gpa)
{
    paddr_t *slot =
        IS_ALIGNED(gpa, P2M_LAZY_SIZE) ? lazy_slot(p2m, gpa) : NULL;
    paddr_t pa;

    if ( !slot || *slot || alloc_pages(P2M_LAZY_ORDER, &pa) )
        return 0;
    *slot = pa;
    return 1;
}

/* Whether every piece over [@gpa, @gpa + @len) is lazy and unused. */
static bool lazy_unused(struct p2m *p2m, paddr_t gpa, uint64_t len)
{
    paddr_t a;

    for ( a = gpa & ~(P2M_LAZY_SIZE - 1); a < gpa + len; a += P2M_LAZY_SIZE )
    {
        paddr_t *slot = lazy_slot(p2m, a);

        if ( !slot || !unused(*slot) )
            return false;
    }
    return true;
}

int p2m_lazy_source(struct p2m *p2m, paddr_t gpa, paddr_t pa, uint64_t len)
{
    unsigned int i, n = 0;

    while ( n < P2M_SOURCES && p2m->src[n].len )
        n++;
    if ( !len || n == P2M_SOURCES || gpa + len < gpa ||
         !lazy_unused(p2m, gpa, len) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        if ( ranges_overlap(gpa, len, p2m->src[i].gpa, p2m->src[i].len) )
            return -EINVAL;
    for ( i = n; i > 0 && p2m->src[i - 1].gpa > gpa; i-- )
        p2m->src[i] = p2m->src[i - 1];
    p2m->src[i] = (struct p2m_source){ .gpa = gpa, .pa = pa, .len = len };
    return 0;
}

int p2m_lazy_write(struct p2m *p2m, paddr_t gpa, const void *src, uint64_t len)
{
    paddr_t *slot = lazy_slot(p2m, gpa), base = gpa & ~(P2M_LAZY_SIZE - 1);
    paddr_t pa;

    if ( !slot || !unused(*slot) || !src || len > base + P2M_LAZY_SIZE - gpa )
        return 0;
    pa = *slot + (gpa - base);
    if ( p2m_lazy_source(p2m, gpa, pa, len) )
        return 0;
    memcpy((void *)(uintptr_t)pa, src, len);
    return 1;
}

/* Whether a source covers part of the piece at @base. */
static bool piece_has_source(const struct p2m *p2m, paddr_t base)
{
    unsigned int i;

    for ( i = 0; i < P2M_SOURCES && p2m->src[i].len; i++ )
        if ( ranges_overlap(base, P2M_LAZY_SIZE, p2m->src[i].gpa,
                            p2m->src[i].len) )
            return true;
    return false;
}

/*
 * The first contents of the piece at @base (host RAM @dst): the sources'
 * bytes where they cover it, zeroes everywhere else, all of it cleaned
 * to the point of coherency (the guest may start with its MMU off) and
 * no stale instruction of an earlier owner left.
 */
static void piece_fill(const struct p2m *p2m, paddr_t base, uint8_t *dst)
{
    paddr_t at = base, end = base + P2M_LAZY_SIZE;
    unsigned int i;

    for ( i = 0; i < P2M_SOURCES && p2m->src[i].len; i++ )
    {
        const struct p2m_source *s = &p2m->src[i];
        const uint8_t *bytes = (const uint8_t *)(uintptr_t)s->pa;
        paddr_t from = MAX(s->gpa, at), to = MIN(s->gpa + s->len, end);

        if ( from >= to )
            continue;
        if ( from > at )
            ram_scrub(dst + (at - base), from - at);
        /* p2m_lazy_write() left its bytes in place. */
        if ( dst + (from - base) != bytes + (from - s->gpa) )
            memcpy(dst + (from - base), bytes + (from - s->gpa), to - from);
        dcache_clean(dst + (from - base), to - from);
        at = to;
    }
    /* ram_scrub() also leaves no stale instruction: needed when it did not. */
    if ( at < end )
        ram_scrub(dst + (at - base), end - at);
    else
        asm volatile("ic ialluis; dsb ish; isb" ::: "memory");
}

/* Fill the piece at @base (host RAM @pa) unless @overwritten. */
static void piece_prepare(struct p2m *p2m, paddr_t base, paddr_t pa,
                          bool overwritten, bool ahead)
{
    bool src = piece_has_source(p2m, base);

    if ( overwritten && !src )
    {
        /* No instruction of an earlier owner may be fetched from it. */
        asm volatile("ic ialluis; dsb ish; isb" ::: "memory");
        return;
    }
    piece_fill(p2m, base, (uint8_t *)(uintptr_t)pa);
    asm volatile("isb" ::: "memory");
    __atomic_fetch_add(&p2m->filled, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&p2m->filled_from_src, src, __ATOMIC_RELAXED);
    __atomic_fetch_add(&p2m->filled_ahead, ahead, __ATOMIC_RELAXED);
    __atomic_fetch_add(&p2m->filled_ahead_src, ahead && src, __ATOMIC_RELAXED);
}

/* Enter the filled piece at @base in stage 2.  Under the p2m lock. */
static int piece_map(struct p2m *p2m, paddr_t base, paddr_t *slot)
{
    paddr_t pa = *slot & ~LAZY_FLAGS;
    int rc;

    if ( map_in_pages )
    {
        rc = pt_map(&p2m->pt, base, pa, P2M_LAZY_SIZE, PT_RWX | PT_PAGES);
        *slot = rc ? pa : pa | LAZY_MAPPED; /* still freed from here */
    }
    else
    {
        rc = pt_map(&p2m->pt, base, pa, P2M_LAZY_SIZE, PT_RWX | PT_OWNED);
        *slot = rc ? pa : 0; /* the stage-2 owns it now */
    }
    return rc;
}

/*
 * Map the lazy piece holding @gpa; fill it first unless @overwritten;
 * @ahead: on an idle CPU, before any use.  The fill (milliseconds: most
 * of it the first touch of that host memory) runs outside the p2m lock,
 * the slot marked LAZY_FILLING, so that a vCPU needing another piece
 * does not wait for it; one needing this piece waits for that fill.
 * For vCPUs (not @ahead), the time from the fault to the mapping of a
 * piece not yet mapped is counted in fill_ticks.
 */
static int fault_in(struct p2m *p2m, paddr_t gpa, bool overwritten, bool ahead)
{
    paddr_t *slot, pa, base = gpa & ~(P2M_LAZY_SIZE - 1);
    bool waited = false;
    uint64_t t0;
    int rc;

    /* The banks do not change once built: most faults (MMIO) stop here. */
    if ( !lazy_slot(p2m, gpa) )
        return 0;
    t0 = READ_SYSREG(cntpct_el0);
    spin_lock(&p2m->lock);
    slot = lazy_slot(p2m, gpa);
    while ( *slot & LAZY_FILLING )
    {
        /* Another CPU fills this piece: wait for its mapping. */
        spin_unlock(&p2m->lock);
        if ( ahead )
            return 0;
        waited = true;
        while ( __atomic_load_n(slot, __ATOMIC_RELAXED) & LAZY_FILLING )
            ;
        spin_lock(&p2m->lock);
    }
    if ( !unused(*slot) )
    {
        /* Not lazy RAM, or another vCPU mapped it a moment ago. */
        rc = !pt_lookup(&p2m->pt, gpa, &pa, NULL, NULL);
        spin_unlock(&p2m->lock);
        goto out;
    }
    pa = *slot;
    *slot = pa | LAZY_FILLING;
    spin_unlock(&p2m->lock);

    piece_prepare(p2m, base, pa, overwritten, ahead);

    spin_lock(&p2m->lock);
    rc = piece_map(p2m, base, slot);
    spin_unlock(&p2m->lock);
    rc = rc ? rc : 1;
    waited = true;
out:
    if ( waited && !ahead ) /* the time vCPUs waited */
        __atomic_fetch_add(&p2m->fill_ticks, READ_SYSREG(cntpct_el0) - t0,
                           __ATOMIC_RELAXED);
    return rc;
}

int p2m_fault_in(struct p2m *p2m, paddr_t gpa)
{
    return fault_in(p2m, gpa, false, false);
}

int p2m_fault_in_overwrite(struct p2m *p2m, paddr_t gpa)
{
    return IS_ALIGNED(gpa, P2M_LAZY_SIZE) ? fault_in(p2m, gpa, true, false)
                                          : 0;
}

/*
 * The next piece an idle CPU should fill, or ~0 when none is left: those
 * a source covers first, the highest first (a ramdisk, which a kernel
 * reads late).  Then, up to PREFILL_ZEROES, pieces only zeroes fill: each
 * bank's top PREFILL_TOP ones first (where a kernel's boot-time allocator
 * starts, from the top down), then upwards from the bank's start (where
 * its page allocator hands out pages from).  Not all of them: the first
 * touch of host memory is what a fill mostly costs under emulation, and
 * zeroing a whole 256 MiB domain ahead kept the host busier than the
 * vCPU gained (automation/bench/README.md).  Unlocked reads: fault_in()
 * looks again under the lock.
 */
#define PREFILL_TOP 4
#define PREFILL_ZEROES 16

static paddr_t prefill_next(struct p2m *p2m)
{
    bool zeroes_left =
        p2m->filled_ahead - p2m->filled_ahead_src < PREFILL_ZEROES;
    unsigned int i;
    uint64_t j;
    paddr_t base, *slot;

    for ( i = P2M_SOURCES; i-- > 0; )
    {
        const struct p2m_source *s = &p2m->src[i];

        if ( !s->len )
            continue;
        for ( base = (s->gpa + s->len - 1) & ~(P2M_LAZY_SIZE - 1);
              base + P2M_LAZY_SIZE > s->gpa; base -= P2M_LAZY_SIZE )
        {
            slot = lazy_slot(p2m, base);
            if ( slot && unused(*slot) )
                return base;
            if ( base < P2M_LAZY_SIZE )
                break;
        }
    }
    if ( !zeroes_left )
        return ~(paddr_t)0;
    for ( i = 0; i < P2M_LAZY_BANKS; i++ )
    {
        const struct p2m_lazy *l = &p2m->lazy[i];

        if ( !l->pa )
            continue;
        for ( j = 0; j < l->nr && j < PREFILL_TOP; j++ )
            if ( unused(l->pa[l->nr - 1 - j]) )
                return l->base + (l->nr - 1 - j) * P2M_LAZY_SIZE;
        for ( j = 0; j < l->nr; j++ )
            if ( unused(l->pa[j]) )
                return l->base + j * P2M_LAZY_SIZE;
    }
    return ~(paddr_t)0;
}

int p2m_lazy_prefill(struct p2m *p2m, bool dry)
{
    paddr_t base = prefill_next(p2m);

    if ( base == ~(paddr_t)0 )
        return 0;
    return dry ? 1 : fault_in(p2m, base, false, true);
}

void p2m_lazy_destroy(struct p2m *p2m)
{
    unsigned int i;
    uint64_t j;

    for ( i = 0; i < P2M_LAZY_BANKS; i++ )
    {
        struct p2m_lazy *l = &p2m->lazy[i];

        for ( j = 0; l->pa && j < l->nr; j++ )
            if ( l->pa[j] )
                BUG_ON(free_pages(l->pa[j] & ~LAZY_FLAGS, P2M_LAZY_ORDER));
        if ( l->pa )
            BUG_ON(free_pages((paddr_t)(uintptr_t)l->pa, array_order(l->nr)));
        l->pa = NULL;
        l->nr = 0;
    }
    memset(p2m->src, 0, sizeof(p2m->src));
    p2m->filled = p2m->filled_from_src = 0;
    p2m->filled_ahead = p2m->filled_ahead_src = 0;
    p2m->fill_ticks = 0;
}

void p2m_platform_init(const void *fdt)
{
    if ( fdt_node_check_compatible(fdt, 0, "linux,dummy-virt") )
        return;
    map_in_pages = true;
    printk("p2m: QEMU virt: guest RAM mapped in 4 KiB pages at stage 2 "
           "(emulated TLBs drop all entries on an invalidation inside a "
           "block)\n");
    p2m_local_tlbi = true;
    printk("p2m: QEMU virt: a domain of one vCPU invalidates its TLB "
           "entries on its host CPU only (a broadcast one stops every "
           "emulated CPU)\n");
}
