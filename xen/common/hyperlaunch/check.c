/* SPDX-License-Identifier: GPL-2.0-only */
/* Check phase: per-domain limits and cross-domain consistency, no side effects. */
#include "private.h"

static int check_sizes(const void *fdt, const struct boot_domain *bd)
{
    const char *mem_prop =
        (bd->flags & BD_IS_DOM0) ? "xen,xen-bootargs" : "memory";
    uint64_t need_kib = 0;
    char hint[128];
    int rc = 0;

    if ( bd->vcpus == 0 || bd->vcpus > HL_MAX_VCPUS )
    {
        hl_error(fdt, bd->node, "cpus", "%u vCPUs: must be 1 to %u", bd->vcpus,
                 HL_MAX_VCPUS);
        rc = -EINVAL;
    }
    if ( bd->memory_kib > HL_MAX_MEMORY_KIB )
    {
        hl_error(fdt, bd->node, mem_prop,
                 "%llu KiB is above the maximum of %llu KiB (1 TiB)%s",
                 (unsigned long long)bd->memory_kib, HL_MAX_MEMORY_KIB,
                 hl_memory_hint(hint, sizeof(hint), bd->memory_kib));
        return -EINVAL;
    }
    if ( bd->memory_kib == 0 || bd->memory_kib % 4 )
    {
        hl_error(fdt, bd->node, mem_prop,
                 bd->memory_kib == 0 ? "%llu KiB: a domain needs at least "
                                       "one 4 KiB page"
                                     : "%llu KiB is not a multiple of 4 KiB "
                                       "(one page)",
                 (unsigned long long)bd->memory_kib);
        return -EINVAL;
    }
    if ( bd->kernel )
        need_kib += (bd->kernel->size + 1023) >> 10;
    if ( bd->ramdisk )
        need_kib += (bd->ramdisk->size + 1023) >> 10;
    if ( bd->kernel && need_kib > bd->memory_kib )
    {
        hl_error(fdt, bd->kernel->node, hl_module_where(bd->kernel),
                 "%s (%llu KiB) do%s not fit in %s's memory (%llu KiB)",
                 bd->ramdisk ? "kernel and ramdisk" : "kernel",
                 (unsigned long long)need_kib, bd->ramdisk ? "" : "es",
                 bd->name, (unsigned long long)bd->memory_kib);
        rc = -EINVAL;
    }
    return rc;
}

static int check_vcpus(const void *fdt, const struct boot_domain *bd)
{
    unsigned int id;

    for ( id = bd->vcpus; id < HL_MAX_VCPUS; id++ )
        if ( bd->vcpu_described[id / 64] & (1ULL << (id % 64)) )
        {
            hl_error(fdt, bd->node, "cpus",
                     "a xen,vcpu node describes vCPU %u, but the domain has "
                     "%u vCPU%s",
                     id, bd->vcpus, bd->vcpus == 1 ? "" : "s");
            return -EINVAL;
        }
    return 0;
}

static int check_domain(const void *fdt, const struct boot_domain *bd)
{
    int rc = check_sizes(fdt, bd);

    rc = check_vcpus(fdt, bd) ?: rc;
    if ( !bd->kernel )
    {
        hl_error(fdt, bd->node, NULL,
                 "no kernel: add a module node compatible with "
                 "\"multiboot,kernel\", \"multiboot,module\"");
        rc = -EINVAL;
    }
    if ( bd->capabilities & ~DOMAIN_CAPS_MASK )
    {
        hl_error(fdt, bd->node, "capabilities", "unknown bits %#x",
                 bd->capabilities & ~DOMAIN_CAPS_MASK);
        rc = -EINVAL;
    }
    return arch_check_domain(fdt, bd) ?: rc;
}

static int check_unique(const void *fdt, const struct boot_info *bi,
                        unsigned int i)
{
    const struct boot_domain *bd = &bi->domains[i], *o;
    static const struct {
        uint32_t cap;
        const char *what;
    } singles[] = {
        { DOMAIN_CAPS_HARDWARE, "hardware" },
        { DOMAIN_CAPS_XENSTORE, "xenstore" },
    };
    unsigned int j, k;
    int rc = 0;

    for ( j = 0; j < i; j++ )
    {
        o = &bi->domains[j];
        if ( o->domid == bd->domid )
        {
            hl_error(fdt, bd->node, "domid", "%u is already used by %s",
                     bd->domid, o->name);
            rc = -EINVAL;
        }
        for ( k = 0; k < ARRAY_SIZE(singles); k++ )
            if ( bd->capabilities & o->capabilities & singles[k].cap )
            {
                hl_error(fdt, bd->node, "capabilities",
                         "a second %s domain (%s is one already)",
                         singles[k].what, o->name);
                rc = -EINVAL;
            }
    }
    return rc;
}

static int check_module_overlaps(const void *fdt, const struct boot_info *bi,
                                 unsigned int i)
{
    const struct boot_module *m = &bi->mods[i], *o;
    char path[256];
    unsigned int j;

    if ( !m->size )
        return 0;
    if ( bi->fdt_size &&
         ranges_overlap(m->start, m->size, bi->fdt_start, bi->fdt_size) )
    {
        hl_error(fdt, m->node, hl_module_where(m),
                 "overlaps the device tree blob at %#llx",
                 (unsigned long long)bi->fdt_start);
        return -EINVAL;
    }
    if ( bi->xen_size &&
         ranges_overlap(m->start, m->size, bi->xen_start, bi->xen_size) )
    {
        hl_error(fdt, m->node, hl_module_where(m),
                 "overlaps the hypervisor image at %#llx",
                 (unsigned long long)bi->xen_start);
        return -EINVAL;
    }
    for ( j = 0; j < i; j++ )
    {
        o = &bi->mods[j];
        /* One image may serve several domains: identical ranges are fine. */
        if ( !o->size || (o->start == m->start && o->size == m->size) ||
             !ranges_overlap(m->start, m->size, o->start, o->size) )
            continue;
        if ( fdt_get_path(fdt, o->node, path, sizeof(path)) )
            snprintf(path, sizeof(path), "another module");
        hl_module_overlap_error(fdt, m, path, o->start, o->size);
        return -EINVAL;
    }
    return 0;
}

static int report_pending(const void *fdt, const struct boot_info *bi)
{
    unsigned int i, n = MIN(bi->nr_pending, (unsigned int)HL_MAX_PENDING);
    const struct hl_pending *p;

    for ( i = 0; i < n; i++ )
    {
        p = &bi->pending[i];
        if ( p->what && p->what_is_value )
            hl_error(fdt, p->node, p->prop, "\"%s\": not supported yet",
                     p->what);
        else if ( p->what )
            hl_error(fdt, p->node, p->prop, "%s: not supported yet", p->what);
        else
            hl_error(fdt, p->node, p->prop, "not supported yet");
    }
    if ( bi->nr_pending > n )
        hl_error(fdt, -1, NULL, "%u more unsupported properties",
                 bi->nr_pending - n);
    return bi->nr_pending ? -EINVAL : 0;
}

/*
 * A domain's RAM comes from the host's: no domain can be larger than all
 * of it (the /memory nodes, or the loader's memory map).  The hardware
 * domain's RAM is host RAM itself (direct-mapped on Arm).  Static memory
 * is checked elsewhere.
 */
static int check_host_memory(const void *fdt, const struct boot_info *bi,
                             const struct boot_domain *bd)
{
    bool hwdom = bd->capabilities & DOMAIN_CAPS_HARDWARE;
    uint64_t total = 0;
    char hint[128];
    unsigned int i;

    /* Above the maximum: check_sizes() said so. */
    if ( bd->nr_static || !bi->nr_ram || bd->memory_kib > HL_MAX_MEMORY_KIB )
        return 0;
    for ( i = 0; i < bi->nr_ram; i++ )
        total += bi->ram[i].size;
    if ( (bd->memory_kib << 10) <= total )
        return 0;
    if ( hwdom )
        hl_error(fdt, bd->node,
                 (bd->flags & BD_IS_DOM0) ? bi->xen_cmdline_prop : "memory",
                 "%s: %llu KiB for the hardware domain, but the host has "
                 "%llu KiB of RAM",
                 (bd->flags & BD_IS_DOM0) ? "dom0_mem=" : "memory",
                 (unsigned long long)bd->memory_kib,
                 (unsigned long long)(total >> 10));
    else
        hl_error(fdt, bd->node, "memory",
                 "%llu KiB, but the host has %llu KiB of RAM%s",
                 (unsigned long long)bd->memory_kib,
                 (unsigned long long)(total >> 10),
                 hl_memory_hint(hint, sizeof(hint), bd->memory_kib));
    return -EINVAL;
}

/* hyperlaunch,tpm-failure = "stop" with measured launch off: never boots. */
static int check_measure_policy(const void *fdt, const struct boot_info *bi)
{
    if ( !bi->measure_off || !bi->tpm_required )
        return 0;
    hl_error(fdt, fdt_path_offset(fdt, "/chosen"), HL_TPM_POLICY_PROP,
             "\"stop\" needs measured launch, and " HL_MEASURE_PROP
             " is \"off\"");
    return -EINVAL;
}

int hl_check(const void *fdt, struct boot_info *bi)
{
    unsigned int i;
    int rc, mrc = 0;

    hl_diag_reset();
    rc = report_pending(fdt, bi);
    rc = check_measure_policy(fdt, bi) ?: rc;
    for ( i = 0; i < bi->nr_domains; i++ )
    {
        rc = check_domain(fdt, &bi->domains[i]) ?: rc;
        rc = check_unique(fdt, bi, i) ?: rc;
        rc = hl_check_static_mem(fdt, bi, i) ?: rc;
        rc = check_host_memory(fdt, bi, &bi->domains[i]) ?: rc;
    }
    rc = hl_check_evtchns(fdt, bi) ?: rc;
    rc = hl_check_shms(fdt, bi) ?: rc;
    for ( i = 0; i < bi->nr_mods; i++ )
        mrc = check_module_overlaps(fdt, bi, i) ?:
              hl_check_module_placement(fdt, bi, &bi->mods[i]) ?: mrc;
    /* Partial device trees are read where they lie: only once that is RAM. */
    if ( !mrc )
        rc = hl_check_passthrough(fdt, bi) ?: rc;
    rc = mrc ?: rc;
    bi->nr_errors += hl_diag_errors();
    bi->nr_warnings += hl_diag_warnings();
    return rc;
}
