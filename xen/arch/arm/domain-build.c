/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 domain construction: stage-2 RAM, kernel, ramdisk, guest DT, vCPU0. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/gic.h>
#include <asm/hwdom.h>
#include <asm/measure-log.h>
#include <asm/mm.h>
#include <asm/passthrough.h>
#include <asm/static-mem.h>
#include <asm/sysregs.h>
#include <libfdt.h>

#define MIB(x) ((uint64_t)(x) << 20)

/* arm64 Image header (Documentation/arm64/booting.rst), little-endian. */
#define IMAGE_MAGIC 0x644d5241U /* "ARM\x64" at offset 56 */
#define IMAGE_HDR_SIZE 64

/* The generated DT: Xen's budget for it (2 KiB + 128 B per vCPU) and more. */
#define GUEST_DT_MAX (64 * 1024)
static uint8_t dt_buf[GUEST_DT_MAX] __aligned(8);

int domain_copy_to_guest(struct domain *d, paddr_t gpa, const void *src,
                         uint64_t len)
{
    const uint8_t *s = src;
    const struct pt_ctx *pt = &d->arch.p2m.pt;
    unsigned int level;
    paddr_t pa;

    while ( len )
    {
        uint64_t leaf, chunk;

        if ( pt_lookup(pt, gpa, &pa, NULL, &level) )
        {
            /* A lazy piece: scrubbed first unless this copy fills it. */
            int rc = 0;

            /* Part of one piece: left there, scrubbed around at first use. */
            chunk = MIN(len, P2M_LAZY_SIZE - (gpa & (P2M_LAZY_SIZE - 1)));
            if ( chunk < P2M_LAZY_SIZE && src &&
                 p2m_lazy_write(&d->arch.p2m, gpa, s, chunk) )
            {
                s += chunk;
                gpa += chunk;
                len -= chunk;
                continue;
            }

            if ( len >= P2M_LAZY_SIZE )
                rc = p2m_fault_in_overwrite(&d->arch.p2m, gpa);
            if ( rc <= 0 )
                rc = p2m_fault_in(&d->arch.p2m, gpa);

            if ( rc <= 0 || pt_lookup(pt, gpa, &pa, NULL, &level) )
                return -EFAULT;
        }
        /* One leaf (a page or a block) is contiguous: copy to its end. */
        leaf = pt_level_size(pt->fmt, level);
        chunk = MIN(len, leaf - (gpa & (leaf - 1)));
        memcpy((void *)(uintptr_t)pa, s, chunk);
        dcache_clean((void *)(uintptr_t)pa, chunk);
        s += chunk;
        gpa += chunk;
        len -= chunk;
    }
    return 0;
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;

    for ( i = 7; i >= 0; i-- )
        v = (v << 8) | p[i];
    return v;
}

/* Where the kernel goes: RAM base + text_offset for an Image, else base. */
static int kernel_place(struct domain *d, const struct boot_module *k)
{
    const uint8_t *img = (const uint8_t *)(uintptr_t)k->start;
    uint64_t offset = 0, size = k->size;

    if ( k->size >= IMAGE_HDR_SIZE && (uint32_t)le64(img + 56) == IMAGE_MAGIC )
    {
        offset = le64(img + 8);
        size = MAX(le64(img + 16), k->size);
    }
    d->arch.kernel_gpa = d->arch.ram0_base + offset;
    d->arch.kernel_end = d->arch.kernel_gpa + size;
    if ( offset >= d->arch.ram0_size || size > d->arch.ram0_size - offset )
    {
        printk("ERROR: d%u: kernel (%llu bytes at offset %#llx) does not fit "
               "in %llu KiB of RAM\n",
               d->domid, (unsigned long long)size, (unsigned long long)offset,
               (unsigned long long)(d->arch.ram0_size >> 10));
        return -ENOSPC;
    }
    return 0;
}

/*
 * DTB and ramdisk as Xen places them: each rounded to 2 MiB, the DTB
 * first, at RAM + 128 MiB when the kernel ends below that and RAM is
 * large enough, else at the end of RAM, if the kernel leaves room.
 */
static int modules_place(struct domain *d, uint64_t initrd_size)
{
    uint64_t total = MIB(2) + ROUNDUP(initrd_size, MIB(2));
    paddr_t ram_end = d->arch.ram0_base + d->arch.ram0_size, base;

    if ( d->arch.kernel_end <= d->arch.ram0_base + MIB(128) &&
         d->arch.ram0_size >= MIB(128) + total )
        base = d->arch.ram0_base + MIB(128);
    else if ( ram_end - total >= ROUNDUP(d->arch.kernel_end, MIB(2)) &&
              d->arch.ram0_size >= total )
        base = ram_end - total;
    else
    {
        printk("ERROR: d%u: no room for the DTB and ramdisk beside the "
               "kernel in %llu KiB of RAM\n",
               d->domid, (unsigned long long)(d->arch.ram0_size >> 10));
        return -ENOSPC;
    }
    d->arch.dtb_gpa = base;
    d->arch.ramdisk_gpa = initrd_size ? base + MIB(2) : 0;
    return 0;
}

/* The pages of a donatable module at @gpa: [*@gpa, *@gpa + *@len). */
static bool donated_range(const struct boot_module *m, paddr_t gpa,
                          paddr_t *len)
{
    if ( !m || !m->donatable || (gpa & (PAGE_SIZE - 1)) )
        return false;
    *len = ROUNDUP(m->size, PAGE_SIZE);
    return true;
}

/* Map module @m's own pages at @gpa; the rest of its last page zeroed. */
static int donate(struct domain *d, struct boot_module *m, paddr_t gpa)
{
    paddr_t len = ROUNDUP(m->size, PAGE_SIZE);
    uint8_t *p = (uint8_t *)(uintptr_t)m->start;
    int rc;

    memset(p + m->size, 0, len - m->size);
    dcache_clean(p, len); /* the guest starts with its MMU off */
    rc = pt_map(&d->arch.p2m.pt, gpa, m->start, len, PT_RWX | PT_OWNED);
    if ( !rc )
        m->donated = true;
    return rc;
}

static int load_one(struct domain *d, struct boot_module *m, paddr_t gpa)
{
    paddr_t len;

    /* Static or direct-mapped RAM holds everything: copy into it. */
    if ( !d->bd->nr_static && !hwdom_is(d->bd) )
    {
        if ( donated_range(m, gpa, &len) )
            return donate(d, m, gpa);
        /* Kept for restarts, so unchanged: read at each piece's first use. */
        if ( m->kept &&
             !p2m_lazy_source(&d->arch.p2m, gpa, m->start, m->size) )
            return 0;
    }
    return domain_copy_to_guest(d, gpa, (const void *)(uintptr_t)m->start,
                                m->size);
}

static int load_modules(struct domain *d, const struct boot_domain *bd)
{
    int rc = load_one(d, bd->kernel, d->arch.kernel_gpa);

    if ( !rc && bd->ramdisk )
        rc = load_one(d, bd->ramdisk, d->arch.ramdisk_gpa);
    return rc;
}

static int load_dt(struct domain *d)
{
    int rc = guest_dt_build(d, dt_buf, sizeof(dt_buf));

    if ( rc )
    {
        printk("ERROR: d%u: cannot generate the guest device tree (%d)\n",
               d->domid, rc);
        return rc;
    }
    return domain_copy_to_guest(d, d->arch.dtb_gpa, dt_buf,
                                fdt_totalsize(dt_buf));
}

void vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t x0)
{
    v->arch.start_pc = pc;
    v->arch.start_ctx = x0;
    v->arch.start_pending = true; /* applied when the vCPU is next loaded */
}

static void vcpus_init(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->nr_vcpus; i++ )
    {
        d->vcpu[i].arch.vmpidr = (1ULL << 31) | vcpu_mpidr_aff(i);
        d->vcpu[i].arch.last_cpu = -1;
    }
    vcpu_reset(&d->vcpu[0], d->arch.kernel_gpa, d->arch.dtb_gpa);
}

/* Whether module @m is read into @d's RAM at @gpa at first use. */
static bool read_lazily(const struct domain *d, const struct boot_module *m,
                        paddr_t gpa)
{
    const struct p2m_source *src = d->arch.p2m.src;
    unsigned int i;

    for ( i = 0; m && i < P2M_SOURCES; i++ )
        if ( src[i].len && src[i].gpa == gpa && src[i].pa == m->start )
            return true;
    return false;
}

static void print_layout(const struct domain *d)
{
    const struct boot_module *r = d->bd->ramdisk;
    bool lazy_k = read_lazily(d, d->bd->kernel, d->arch.kernel_gpa);
    bool lazy_r = read_lazily(d, r, d->arch.ramdisk_gpa);
    char ramdisk[48] = "none";

    if ( r )
        snprintf(ramdisk, sizeof(ramdisk), "at %#llx-%#llx",
                 (unsigned long long)d->arch.ramdisk_gpa,
                 (unsigned long long)(d->arch.ramdisk_gpa + r->size));
    printk("d%u: RAM %#llx-%#llx (%llu KiB), VMID %u%s\n", d->domid,
           (unsigned long long)d->arch.ram0_base,
           (unsigned long long)(d->arch.ram0_base + d->arch.ram0_size),
           (unsigned long long)(d->arch.ram0_size >> 10), d->arch.vmid,
           !d->bd->nr_static                ? ""
           : (d->bd->flags & BD_DIRECT_MAP) ? ", static, direct-mapped"
                                            : ", static");
    if ( d->arch.ram1_size )
        printk("d%u: RAM %#llx-%#llx (%llu KiB)\n", d->domid,
               (unsigned long long)d->arch.ram1_base,
               (unsigned long long)(d->arch.ram1_base + d->arch.ram1_size),
               (unsigned long long)(d->arch.ram1_size >> 10));
    printk("d%u: kernel at %#llx-%#llx, ramdisk %s, DTB at %#llx-%#llx\n",
           d->domid, (unsigned long long)d->arch.kernel_gpa,
           (unsigned long long)d->arch.kernel_end, ramdisk,
           (unsigned long long)d->arch.dtb_gpa,
           (unsigned long long)(d->arch.dtb_gpa + fdt_totalsize(dt_buf)));
    if ( lazy_k || lazy_r )
        printk("d%u: %s%s%s read from %s at first use, not copied at build\n",
               d->domid, lazy_k ? "kernel" : "",
               lazy_k && lazy_r ? " and " : "", lazy_r ? "ramdisk" : "",
               lazy_k && lazy_r ? "their modules" : "its module");
    if ( d->bd->kernel->donated || (r && r->donated) )
        printk("d%u: %s%s%s mapped where the loader put %s, not copied\n",
               d->domid, d->bd->kernel->donated ? "kernel" : "",
               d->bd->kernel->donated && r && r->donated ? " and " : "",
               r && r->donated ? "ramdisk" : "",
               d->bd->kernel->donated && r && r->donated ? "them" : "it");
}

/* Bank 0 up to 3 GiB at 1 GiB, the rest at 8 GiB, as Xen lays them out. */
static int ram_layout(struct domain *d, const struct boot_domain *bd)
{
    uint64_t total = bd->memory_kib << 10;

    d->arch.ram0_base = GUEST_RAM0_BASE;
    d->arch.ram1_base = GUEST_RAM1_BASE;
    d->arch.ram0_size = MIN(total, GUEST_RAM0_SIZE);
    d->arch.ram1_size = total - d->arch.ram0_size;
    if ( bd->nr_static )
        static_mem_layout(d, bd);
    if ( bd->kernel && total && IS_ALIGNED(total, PAGE_SIZE) &&
         d->arch.ram1_size <= GUEST_RAM1_SIZE )
        /* The hardware domain's RAM is where the allocator finds it. */
        return hwdom_is(bd) && !bd->nr_static
                   ? p2m_init(&d->arch.p2m) ?: hwdom_ram_populate(d, bd)
                   : 0;
    printk("ERROR: d%u: needs a kernel and 4 KiB-aligned memory of at most "
           "%llu GiB\n",
           d->domid,
           (unsigned long long)((GUEST_RAM0_SIZE + GUEST_RAM1_SIZE) >> 30));
    return -EINVAL;
}

/* Fresh pages for [@s, @e) of RAM0 but the donated [@hs, @he) holes. */
static int populate_around(struct p2m *p2m, paddr_t s, paddr_t e,
                           const paddr_t holes[2][2])
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < 2 && !rc; i++ )
    {
        if ( holes[i][0] == holes[i][1] )
            continue;
        if ( holes[i][0] > s )
            rc = p2m_populate_ram(p2m, s, holes[i][0] - s);
        s = holes[i][1];
    }
    return rc ?: (e > s ? p2m_populate_ram(p2m, s, e - s) : 0);
}

/*
 * RAM from the page allocator, except where a kernel or ramdisk that can
 * be donated goes: those keep the pages the loader put them in.
 */
static int ram_populate(struct domain *d, const struct boot_domain *bd)
{
    paddr_t holes[2][2] = { { 0, 0 }, { 0, 0 } }, len;
    int rc;

    if ( hwdom_is(bd) && !bd->nr_static )
        return 0; /* hwdom_ram_populate() did it */
    rc = p2m_init(&d->arch.p2m);
    if ( bd->nr_static )
        return rc ?: static_mem_populate(d, bd);
    /* Whole 2 MiB pieces are scrubbed and mapped at their first use. */
    rc = rc
             ?: p2m_lazy_bank(&d->arch.p2m, 0, GUEST_RAM0_BASE,
                              d->arch.ram0_size);
    rc = rc
             ?: p2m_lazy_bank(&d->arch.p2m, 1, GUEST_RAM1_BASE,
                              d->arch.ram1_size);
    if ( donated_range(bd->kernel, d->arch.kernel_gpa, &len) )
    {
        holes[0][0] = d->arch.kernel_gpa;
        holes[0][1] = d->arch.kernel_gpa + len;
    }
    if ( donated_range(bd->ramdisk, d->arch.ramdisk_gpa, &len) )
    {
        holes[1][0] = d->arch.ramdisk_gpa;
        holes[1][1] = d->arch.ramdisk_gpa + len;
    }
    rc = rc
             ?: populate_around(&d->arch.p2m, GUEST_RAM0_BASE,
                                GUEST_RAM0_BASE + d->arch.ram0_size, holes);
    if ( !rc && d->arch.ram1_size )
        rc =
            p2m_populate_ram(&d->arch.p2m, GUEST_RAM1_BASE, d->arch.ram1_size);
    if ( rc )
        printk("ERROR: d%u: cannot allocate %llu KiB of RAM (%d)\n", d->domid,
               (unsigned long long)((d->arch.ram0_size + d->arch.ram1_size) >>
                                    10),
               rc);
    return rc;
}

/* GICv2: the host's virtual CPU interface is the guest's GICC. */
static int map_gicv(struct domain *d)
{
    paddr_t gicv = gic_v2_vcpu_base();

    if ( !d->arch.gic_v2 || !gicv )
        return 0;
    return pt_map(&d->arch.p2m.pt, GUEST_GICC_BASE, gicv, GUEST_GICC_SIZE,
                  PT_RW | PT_DEVICE);
}

int arch_domain_build(struct domain *d, const struct boot_domain *bd)
{
    int rc;

    d->arch.vmid = p2m_vmid_for_slot((unsigned int)(d - domain_list));
    /* Dom0 has no PV console here: it gets the emulated UART too. */
    d->arch.vpl011 = bd->flags & (BD_VPL011 | BD_IS_DOM0);
    d->arch.gic_v2 = gic_is_v2();
    d->arch.vwdt.enabled_by_dt = bd->flags & BD_WATCHDOG;
    d->arch.vwdt.lock = (spinlock_t)SPIN_LOCK_UNLOCKED;
    rc = ram_layout(d, bd) ?: kernel_place(d, bd->kernel);
    rc = rc ?: modules_place(d, bd->ramdisk ? bd->ramdisk->size : 0);
    rc = rc ?: ram_populate(d, bd);
    rc = rc
             ?: vgic_domain_init(
                    d, MAX(MAX(bd->arch.nr_spis, passthrough_nr_spis(bd)),
                           hwdom_is(bd) ? hwdom_nr_spis(d) : 0));
    rc = rc ?: map_gicv(d);
    rc = rc ?: vpl011_domain_init(d);
    rc = rc ?: passthrough_domain_build(d, bd);
    if ( !rc && hwdom_is(bd) )
        rc = hwdom_devices_build(d);
    rc = rc ?: load_modules(d, bd) ?: load_dt(d) ?: measure_log_load(d);
    if ( rc )
        return rc;
    vcpus_init(d);
    print_layout(d);
    return 0;
}

void arch_domain_destroy(struct domain *d)
{
    passthrough_domain_destroy(d);
    vgic_domain_destroy(d);
    p2m_destroy(&d->arch.p2m);
    if ( d->arch.vmid )
        p2m_flush_vmid(d->arch.vmid);
    vpl011_domain_destroy(d);
}
