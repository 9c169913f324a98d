/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 domain construction: NPT RAM, ACPI, then the PVH or HVM boot protocol. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/hvm-start-info.h>

/*
 * The start-info block: struct hvm_start_info, then the module list, the
 * memory map and the command line, in that order (all 8-byte aligned).
 */
#define SI_MODLIST_OFF 64
#define SI_MEMMAP_OFF 128
#define SI_CMDLINE_OFF 256

/* Clearing all of a domain's RAM: string stores beat memset()'s loop. */
static void clear_bytes(void *p, uint64_t len)
{
    uint64_t words = len / 8, rest = len % 8;

    asm volatile("rep stosq" : "+D"(p), "+c"(words) : "a"(0) : "memory");
    asm volatile("rep stosb" : "+D"(p), "+c"(rest) : "a"(0) : "memory");
}

int domain_copy_to_guest(struct domain *d, paddr_t gpa, const void *src,
                         uint64_t len)
{
    const uint8_t *s = src;
    paddr_t pa;

    while ( len )
    {
        uint64_t chunk = MIN(len, PAGE_SIZE - (gpa & (PAGE_SIZE - 1)));

        if ( npt_translate(&d->arch.npt, gpa, &pa) )
            return -EFAULT;
        if ( s )
            memcpy((void *)(uintptr_t)pa, s, chunk);
        else
            clear_bytes((void *)(uintptr_t)pa, chunk);
        s = s ? s + chunk : NULL;
        gpa += chunk;
        len -= chunk;
    }
    return 0;
}

static int alloc_ram(struct domain *d)
{
    struct arch_domain *ad = &d->arch;
    int rc;

    rc = npt_init(&ad->npt);
    rc = rc ?: npt_populate_ram(&ad->npt, 0, ad->low_ram);
    rc = rc ?: npt_populate_ram(&ad->npt, PVH_HOLE_END, ad->high_ram);
    rc = rc ?: domain_copy_to_guest(d, 0, NULL, ad->low_ram);
    rc = rc ?: domain_copy_to_guest(d, PVH_HOLE_END, NULL, ad->high_ram);
    if ( rc )
        printk("ERROR: d%u: cannot allocate %llu KiB of RAM (%d)\n", d->domid,
               (unsigned long long)(ad->ram_size >> 10), rc);
    return rc;
}

/* The ramdisk, then the start-info block, page-aligned after the kernel. */
static int place_modules(struct domain *d, const struct boot_domain *bd)
{
    struct arch_domain *ad = &d->arch;
    uint64_t rd_size = bd->ramdisk ? bd->ramdisk->size : 0;
    uint64_t cmd_len = bd->cmdline ? strlen(bd->cmdline) + 1 : 0;
    paddr_t at = ROUNDUP(ad->kernel_end, PAGE_SIZE);

    ad->ramdisk_gpa = rd_size ? at : 0;
    at += ROUNDUP(rd_size, PAGE_SIZE);
    ad->start_info_gpa = at;
    ad->info_end = at + ROUNDUP(SI_CMDLINE_OFF + cmd_len, PAGE_SIZE);
    if ( ad->kernel_start >= PVH_HIGH_RAM_START &&
         ad->info_end <= ad->low_ram && at >= ad->kernel_end )
        return 0;
    printk("ERROR: d%u: kernel at %#llx-%#llx, a %llu-byte ramdisk and the "
           "start info do not fit in %llu KiB of RAM above 1 MiB\n",
           d->domid, (unsigned long long)ad->kernel_start,
           (unsigned long long)ad->kernel_end, (unsigned long long)rd_size,
           (unsigned long long)(ad->low_ram >> 10));
    return -ENOSPC;
}

unsigned int hvm_memmap(const struct domain *d,
                        struct hvm_memmap_table_entry *m)
{
    m[0] = (struct hvm_memmap_table_entry){ 0, PVH_LOW_RAM_END, E820_RAM, 0 };
    m[1] = (struct hvm_memmap_table_entry){
        PVH_LOW_RAM_END, PVH_HIGH_RAM_START - PVH_LOW_RAM_END, E820_RESERVED, 0
    };
    m[2] = (struct hvm_memmap_table_entry){
        PVH_HIGH_RAM_START, d->arch.low_ram - PVH_HIGH_RAM_START, E820_RAM, 0
    };
    if ( !d->arch.high_ram )
        return 3;
    m[3] = (struct hvm_memmap_table_entry){ PVH_HOLE_END, d->arch.high_ram,
                                            E820_RAM, 0 };
    return 4;
}

static int write_start_info(struct domain *d, const struct boot_domain *bd)
{
    struct arch_domain *ad = &d->arch;
    paddr_t si_gpa = ad->start_info_gpa;
    struct hvm_memmap_table_entry map[HVM_MEMMAP_MAX];
    struct hvm_modlist_entry mod = { 0 };
    struct hvm_start_info si = {
        .magic = HVM_START_MAGIC,
        .version = HVM_START_VERSION,
        .memmap_paddr = si_gpa + SI_MEMMAP_OFF,
        .memmap_entries = hvm_memmap(d, map),
        .rsdp_paddr = ad->rsdp_gpa,
    };
    int rc = 0;

    if ( bd->ramdisk )
    {
        mod.paddr = ad->ramdisk_gpa;
        mod.size = bd->ramdisk->size;
        si.nr_modules = 1;
        si.modlist_paddr = si_gpa + SI_MODLIST_OFF;
        rc = domain_copy_to_guest(d, ad->ramdisk_gpa,
                                  (const void *)(uintptr_t)bd->ramdisk->start,
                                  mod.size);
    }
    if ( bd->cmdline )
    {
        si.cmdline_paddr = si_gpa + SI_CMDLINE_OFF;
        rc = rc
                 ?: domain_copy_to_guest(d, si.cmdline_paddr, bd->cmdline,
                                         strlen(bd->cmdline) + 1);
    }
    rc = rc ?: domain_copy_to_guest(d, si_gpa, &si, sizeof(si));
    rc = rc
             ?: domain_copy_to_guest(d, si.modlist_paddr, &mod,
                                     si.nr_modules * sizeof(mod));
    return rc
               ?: domain_copy_to_guest(d, si.memmap_paddr, map,
                                       si.memmap_entries * sizeof(map[0]));
}

static int pvh_load(struct domain *d, const struct boot_domain *bd)
{
    int rc = pvh_elf_load(d, bd->kernel);

    rc = rc ?: place_modules(d, bd);
    return rc ?: write_start_info(d, bd);
}

static void pvh_enter(struct vcpu *v)
{
    v->arch.svm.gprs.rbx = v->domain->arch.start_info_gpa; /* %ebx */
}

/* The PVH boot ABI: an ELF, struct hvm_start_info, 32-bit entry. */
static const struct x86_boot_proto pvh_boot = {
    .info_name = "start info",
    .load = pvh_load,
    .enter = pvh_enter,
};

static void print_layout(const struct domain *d, const struct boot_domain *bd)
{
    const struct arch_domain *ad = &d->arch;
    char ramdisk[48] = "none";

    if ( bd->ramdisk )
        snprintf(ramdisk, sizeof(ramdisk), "at %#llx-%#llx",
                 (unsigned long long)ad->ramdisk_gpa,
                 (unsigned long long)(ad->ramdisk_gpa + bd->ramdisk->size));
    printk("d%u: RAM 0-%#llx (%llu KiB), ASID %u\n", d->domid,
           (unsigned long long)ad->low_ram,
           (unsigned long long)(ad->low_ram >> 10), ad->asid);
    if ( ad->high_ram )
        printk("d%u: RAM %#llx-%#llx (%llu KiB) above the 4 GiB hole\n",
               d->domid, PVH_HOLE_END,
               (unsigned long long)(PVH_HOLE_END + ad->high_ram),
               (unsigned long long)(ad->high_ram >> 10));
    printk("d%u: kernel at %#llx-%#llx, entry %#llx; ramdisk %s; %s at "
           "%#llx-%#llx\n",
           d->domid, (unsigned long long)ad->kernel_start,
           (unsigned long long)ad->kernel_end, (unsigned long long)ad->entry,
           ramdisk, ad->boot->info_name,
           (unsigned long long)ad->start_info_gpa,
           (unsigned long long)ad->info_end);
    if ( d->nr_vcpus > 1 )
        printk("d%u: %u vCPUs; vCPU1 and up wait for INIT-SIPI\n", d->domid,
               d->nr_vcpus);
}

static int alloc_ports_seen(struct domain *d)
{
    paddr_t pa;
    int rc = alloc_pages(PORTS_SEEN_ORDER, &pa);

    if ( rc )
    {
        printk("ERROR: d%u: no memory for its I/O port log (%d)\n", d->domid,
               rc);
        return rc;
    }
    d->arch.ports_seen = (uint8_t *)(uintptr_t)pa;
    memset(d->arch.ports_seen, 0, PAGE_SIZE << PORTS_SEEN_ORDER);
    return 0;
}

static int check_size(const struct domain *d)
{
    uint64_t size = d->arch.ram_size;

    if ( size >= PVH_MIN_RAM && size <= PVH_MAX_RAM &&
         IS_ALIGNED(size, PAGE_SIZE) )
        return 0;
    printk("ERROR: d%u: memory must be 4 KiB-aligned, between %llu KiB and "
           "%llu KiB on x86\n",
           d->domid, PVH_MIN_RAM >> 10, PVH_MAX_RAM >> 10);
    return -EINVAL;
}

/*
 * ASIDs 1 to nASID - 1 in plan order, round again past the last: vCPUs
 * that share one flush the TLB when switched in (vcpu-run.c).
 */
static uint32_t domain_asid(const struct domain *d)
{
    return 1 + (uint32_t)(d - domain_list) % (svm_nr_asids() - 1);
}

int arch_domain_build(struct domain *d, const struct boot_domain *bd)
{
    struct vcpu *v = &d->vcpu[0];
    unsigned int i;
    int rc;

    for ( i = 0; i < d->nr_vcpus; i++ )
        d->vcpu[i].arch.last_cpu = -1;
    d->arch.asid = domain_asid(d);
    d->arch.ram_size = bd->memory_kib << 10;
    d->arch.low_ram = MIN(d->arch.ram_size, PVH_HOLE_START);
    d->arch.high_ram = d->arch.ram_size - d->arch.low_ram;
    if ( !bd->kernel )
    {
        printk("ERROR: d%u: no kernel\n", d->domid);
        return -EINVAL;
    }
    d->arch.boot = (bd->arch.mode & HL_MODE_DM) ? &hvm_linux_boot : &pvh_boot;
    hvm_io_init(d);
    vwdt_init(d, bd->flags & BD_WATCHDOG);
    rc = check_size(d);
    rc = rc ?: alloc_ports_seen(d);
    rc = rc ?: alloc_ram(d);
    rc = rc ?: acpi_build_tables(d, &d->arch.rsdp_gpa);
    rc = rc ?: d->arch.boot->load(d, bd);
    if ( rc )
        return rc;
    for ( i = 0; i < d->nr_vcpus; i++ )
    {
        rc = svm_vcpu_init(&d->vcpu[i].arch.svm, d->arch.asid,
                           d->arch.npt.pt.root, d->arch.entry);
        if ( rc )
        {
            printk("ERROR: d%u: cannot allocate vCPU%u's VMCB (%d)\n",
                   d->domid, i, rc);
            return rc;
        }
        vlapic_reset(&d->vcpu[i]);
    }
    d->arch.boot->enter(v);
    print_layout(d, bd);
    return 0;
}

void arch_domain_destroy(struct domain *d)
{
    unsigned int i;

    for ( i = 0; d->vcpu && i < d->nr_vcpus; i++ )
        svm_vcpu_destroy(&d->vcpu[i].arch.svm);
    npt_destroy(&d->arch.npt);
    if ( d->arch.ports_seen )
        BUG_ON(free_pages((uintptr_t)d->arch.ports_seen, PORTS_SEEN_ORDER));
    d->arch.ports_seen = NULL;
}
