/* SPDX-License-Identifier: GPL-2.0-only */
/* Domain lifecycle: build from the plan, start, shut down, crash, destroy. */
#include <xen/console.h>
#include <xen/hyperlaunch.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <libfdt.h>

struct domain domain_list[HL_MAX_DOMAINS];
unsigned int nr_domains;
const void *hl_boot_fdt;
const struct boot_info *hl_boot_bi;

static DEFINE_SPINLOCK(line_lock);

static unsigned int vcpu_array_order(unsigned int nr)
{
    unsigned int order = 0;

    while ( ((uint64_t)PAGE_SIZE << order) < nr * sizeof(struct vcpu) )
        order++;
    return order;
}

/* The xen,vcpu node of @bd that describes vCPU @n, or @bd's own node. */
static int vcpu_node(const void *fdt, const struct boot_domain *bd,
                     unsigned int n)
{
    const fdt32_t *id;
    int sub, len;

    fdt_for_each_subnode(sub, fdt, bd->node)
    {
        id = fdt_getprop(fdt, sub, "id", &len);
        if ( !fdt_node_check_compatible(fdt, sub, "xen,vcpu") && id &&
             len == 4 && fdt32_to_cpu(*id) == n )
            return sub;
    }
    return bd->node;
}

/* Hard affinity of vCPU @n: the DT's mask within the CPUs that are up. */
static int vcpu_affinity(const void *fdt, const struct boot_domain *bd,
                         unsigned int n, uint64_t *mask)
{
    uint64_t want = bd->vcpu_affinity[n];

    *mask = want ? want & cpu_online_map : cpu_online_map;
    if ( *mask )
        return 0;
    hl_error(fdt, vcpu_node(fdt, bd, n), "hard-affinity",
             "d%u vCPU %u: names no host CPU that is up (mask %#llx, up "
             "%#llx)",
             bd->domid, n, (unsigned long long)want,
             (unsigned long long)cpu_online_map);
    return -EINVAL;
}

static int vcpus_create(const void *fdt, struct domain *d,
                        const struct boot_domain *bd)
{
    unsigned int i, nr = bd->vcpus ? bd->vcpus : 1;
    paddr_t pa;
    int rc;

    if ( alloc_pages(vcpu_array_order(nr), &pa) )
    {
        printk("ERROR: d%u: no memory for %u vCPUs\n", bd->domid, nr);
        return -ENOMEM;
    }
    d->vcpu = (struct vcpu *)(uintptr_t)pa;
    memset(d->vcpu, 0, nr * sizeof(struct vcpu));
    d->nr_vcpus = nr;
    for ( i = 0; i < nr; i++ )
    {
        d->vcpu[i].domain = d;
        d->vcpu[i].vcpu_id = i;
        d->vcpu[i].processor = -1;
        d->vcpu[i].last_processor = -1;
        rc = vcpu_affinity(fdt, bd, i, &d->vcpu[i].affinity);
        if ( rc )
            return rc;
        d->vcpu[i].pinned = bd->vcpu_affinity[i];
        if ( d->vcpu[i].pinned )
            printk("d%u: vCPU %u hard affinity: host CPUs %#llx\n", bd->domid,
                   i, (unsigned long long)d->vcpu[i].affinity);
    }
    return 0;
}

/* Where the pinned vCPUs of @d ran, for the log (and the tests). */
static void print_pinned(const struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->nr_vcpus && d->state != DOMAIN_BUILT; i++ )
        if ( d->vcpu[i].pinned && d->vcpu[i].ran_on )
            printk("d%u: vCPU %u ran on host CPUs %#llx\n", d->domid, i,
                   (unsigned long long)d->vcpu[i].ran_on);
}

void domain_destroy(struct domain *d)
{
    if ( d->vcpu )
        print_pinned(d);
    if ( d->line_len )
        console_guest_line(d->domid, d->line, d->line_len);
    d->line_len = 0;
    if ( d->vcpu )
        arch_domain_print_exits(d, false);
    pv_domain_destroy(d);
    shm_domain_unmap(d);
    arch_domain_destroy(d);
    if ( d->vcpu )
        free_pages((paddr_t)(uintptr_t)d->vcpu, vcpu_array_order(d->nr_vcpus));
    d->vcpu = NULL;
    d->nr_vcpus = 0;
    d->state = DOMAIN_EMPTY;
}

int domain_create(const void *fdt, struct domain *d,
                  const struct boot_domain *bd)
{
    int rc;

    /*
     * A slot being rebuilt is DOMAIN_EMPTY and others may read its id and
     * name (console keys) under sched_lock: those stay, the rest is zeroed.
     */
    d->domid = bd->domid;
    d->bd = bd;
    d->end_state = DOMAIN_EMPTY;
    memset(&d->nr_vcpus, 0,
           sizeof(*d) - __builtin_offsetof(struct domain, nr_vcpus));
    print_domain_memory(d, "before it is built");
    rc = vcpus_create(fdt, d, bd);
    rc = rc ?: pv_domain_init(d, bd);
    rc = rc ?: arch_domain_build(d, bd);
    if ( !rc )
        d->state = DOMAIN_BUILT;
    return rc;
}

/* Whether [@s, @s + @n) touches the hypervisor image or the DTB. */
static bool overlaps_image_or_dtb(const struct boot_info *bi, paddr_t s,
                                  paddr_t n)
{
    return ranges_overlap(s, n, bi->xen_start, bi->xen_size) ||
           ranges_overlap(s, n, bi->fdt_start, bi->fdt_size);
}

/* [@s, @s + @n) rounded out to whole pages. */
static void page_range(paddr_t s, paddr_t n, paddr_t *ps, paddr_t *pn)
{
    *ps = s & ~(PAGE_SIZE - 1);
    *pn = ROUNDUP(s + n, PAGE_SIZE) - *ps;
}

/* Whether a domain that restarts boots from @m: it must stay pristine. */
static bool module_kept(const struct boot_info *bi,
                        const struct boot_module *m)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_domains; i++ )
        if ( (bi->domains[i].kernel == m || bi->domains[i].ramdisk == m) &&
             hl_restartable(&bi->domains[i]) )
            return true;
    return false;
}

/*
 * Module @m may be handed to its domain as it lies when it starts on a
 * page and its pages hold nothing else: no other module, no part of the
 * DTB or of the hypervisor.  A module two domains share is copied, and so
 * is one a restartable domain boots from (its guest could write over it).
 */
static bool module_donatable(const struct boot_info *bi,
                             const struct boot_module *m)
{
    paddr_t s, n, os, on;
    unsigned int i;

    if ( !m->owner || !m->size || (m->start & (PAGE_SIZE - 1)) || m->kept )
        return false;
    page_range(m->start, m->size, &s, &n);
    if ( overlaps_image_or_dtb(bi, s, n) )
        return false;
    for ( i = 0; i < bi->nr_mods; i++ )
    {
        if ( &bi->mods[i] == m )
            continue;
        page_range(bi->mods[i].start, bi->mods[i].size, &os, &on);
        if ( ranges_overlap(s, n, os, on) )
            return false;
    }
    return true;
}

void print_domain_memory(const struct domain *d, const char *when)
{
    paddr_t total, free;

    page_alloc_stats(&total, &free);
    printk("d%u: %llu KiB free %s\n", d->domid,
           (unsigned long long)(free >> 10), when);
}

void print_free_memory(const char *when)
{
    paddr_t total, free;

    page_alloc_stats(&total, &free);
    printk("Memory: %llu KiB free %s\n", (unsigned long long)(free >> 10),
           when);
}

int domain_connect(struct domain *d)
{
    int rc = shm_domain_map(d, hl_boot_bi);

    if ( !rc )
        evtchn_bind_static(hl_boot_bi, d);
    return rc;
}

int domains_build(struct boot_info *bi)
{
    unsigned int i;
    int rc = 0;

    print_free_memory("before the domains are built");
    hl_boot_fdt = (const void *)(uintptr_t)bi->fdt_start;
    hl_boot_bi = bi;
    for ( i = 0; i < bi->nr_mods; i++ )
    {
        bi->mods[i].kept = module_kept(bi, &bi->mods[i]);
        bi->mods[i].donatable = module_donatable(bi, &bi->mods[i]);
    }

    for ( i = 0; i < bi->nr_domains && !rc; i++ )
    {
        nr_domains = i + 1;
        rc = domain_create((const void *)(uintptr_t)bi->fdt_start,
                           &domain_list[i], &bi->domains[i])
                 ?: shm_domain_map(&domain_list[i], bi);
    }
    if ( !rc )
    {
        evtchn_bind_static(bi, NULL);
        print_free_memory("once the domains are built");
        return 0;
    }
    printk("Hyperlaunch: building d%u failed (%d); no domain was started\n",
           bi->domains[i - 1].domid, rc);
    for ( i = 0; i < nr_domains; i++ )
        domain_destroy(&domain_list[i]);
    nr_domains = 0;
    return rc;
}

void domains_free_modules(const struct boot_info *bi)
{
    paddr_t freed = 0, donated = 0, kept = 0;
    unsigned int i;

    for ( i = 0; i < bi->nr_mods; i++ )
    {
        const struct boot_module *m = &bi->mods[i];

        /* Whole pages: the domain's RAM takes that many fewer. */
        donated += m->donated ? ROUNDUP(m->size, PAGE_SIZE) : 0;
        kept += m->owner && m->kept ? m->size : 0;
        /* The check phase keeps modules off these; never free them. */
        if ( !m->owner || m->donated || m->kept ||
             overlaps_image_or_dtb(bi, m->start, m->size) )
            continue;
        if ( !free_range(m->start, m->size) )
            freed += m->size;
    }
    printk("Boot modules: %llu KiB handed to their domains in place, %llu "
           "KiB copied and given back, %llu KiB kept for restarts\n",
           (unsigned long long)(donated >> 10),
           (unsigned long long)(freed >> 10),
           (unsigned long long)(kept >> 10));
}

bool domain_end(struct domain *d, enum domain_state state)
{
    unsigned int i;

    if ( d->state != DOMAIN_RUNNING )
        return false;
    d->state = d->end_state = state;
    d->end_event = state == DOMAIN_CRASHED ? HL_ON_CRASH : HL_ON_POWEROFF;
    for ( i = 0; i < d->nr_vcpus; i++ )
        d->vcpu[i].online = false;
    return true;
}

void domain_shutdown(struct domain *d)
{
    spin_lock(&sched_lock);
    if ( domain_end(d, DOMAIN_OFF) )
        printk("d%u: powered off\n", d->domid);
    spin_unlock(&sched_lock);
}

void domain_crash(struct domain *d, const char *fmt, ...)
{
    char buf[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    spin_lock(&sched_lock);
    if ( domain_end(d, DOMAIN_CRASHED) )
        printk("d%u: %s; domain crashed\n", d->domid, buf);
    spin_unlock(&sched_lock);
}

void domain_console_putc(struct domain *d, char c)
{
    if ( c == '\r' )
        return;
    spin_lock(&line_lock);
    if ( c != '\n' )
        d->line[d->line_len++] = c;
    if ( c == '\n' || d->line_len == GUEST_LINE_MAX )
    {
        console_guest_line(d->domid, d->line, d->line_len);
        d->line_len = 0;
        d->nr_lines++;
    }
    spin_unlock(&line_lock);
}
