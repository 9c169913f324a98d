/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 boot flow: console, multiboot hand-over, Hyperlaunch DT, domains. */
#include <xen/console.h>
#include <xen/hyperlaunch.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <xen/serial.h>
#include <xen/setup.h>
#include <asm/apic.h>
#include <asm/hvm-io.h>
#include <asm/npt.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/svm.h>
#include <asm/x86-defs.h>

#define COM1_PORT 0x3f8
#define FDT_MAGIC_BYTES "\xd0\x0d\xfe\xed" /* big-endian 0xd00dfeed */

static struct boot_info boot_info;

static void print_handoff(const struct mb_handoff *mb,
                          const struct boot_info *bi)
{
    int i;

    printk("Booted by %s via %s\n",
           mb->loader_name ? mb->loader_name : "an unnamed loader", mb->proto);
    if ( mb->efi )
        printk("UEFI: boot services exited by the loader; runtime services "
               "are not used\n");
    if ( mb->nr_efi_desc )
        printk("Memory map: UEFI, %u descriptors\n", mb->nr_efi_desc);
    printk("Command line: %s\n", mb->cmdline);
    printk("Image: %#llx-%#llx\n", (unsigned long long)bi->xen_start,
           (unsigned long long)(bi->xen_start + bi->xen_size));
    for ( i = 0; i < bi->nr_loader_mods; i++ )
    {
        const struct loader_module *lm = &bi->loader_mods[i];

        printk("Module %d: %#llx-%#llx (%llu bytes) '%s'\n", i,
               (unsigned long long)lm->start,
               (unsigned long long)(lm->start + lm->size),
               (unsigned long long)lm->size, lm->cmdline ? lm->cmdline : "");
    }
    if ( mb->nr_mods > HL_MAX_LOADER_MODS )
        printk("Warning: %u modules given, only the first %u are usable\n",
               mb->nr_mods, HL_MAX_LOADER_MODS);
}

/* Index of the first loader module starting with the FDT magic, or -1. */
static int find_fdt_module(const struct boot_info *bi)
{
    int i;

    for ( i = 0; i < bi->nr_loader_mods; i++ )
    {
        const struct loader_module *lm = &bi->loader_mods[i];

        if ( lm->size >= 4 &&
             !memcmp((const void *)(uintptr_t)lm->start, FDT_MAGIC_BYTES, 4) )
            return i;
    }
    return -1;
}

static bool overlaps(paddr_t s1, paddr_t n1, paddr_t s2, paddr_t n2)
{
    return n1 && n2 && s1 < s2 + n2 && s2 < s1 + n1;
}

/* Whether page @pa is loader RAM that no boot information or module uses. */
static bool low_page_free(const struct mb_handoff *mb,
                          const struct boot_info *bi, paddr_t pa)
{
    unsigned int i;
    bool ram = false;

    for ( i = 0; i < MIN(mb->nr_ram, (unsigned int)MB_MAX_RAM); i++ )
        ram |= mb->ram[i].start <= pa &&
               pa + PAGE_SIZE <= mb->ram[i].start + mb->ram[i].size;
    if ( !ram )
        return false;
    for ( i = 0; i < mb->nr_info; i++ )
        if ( overlaps(mb->info[i].start, mb->info[i].size, pa, PAGE_SIZE) )
            return false;
    for ( i = 0; i < (unsigned int)bi->nr_loader_mods; i++ )
        if ( overlaps(bi->loader_mods[i].start, bi->loader_mods[i].size, pa,
                      PAGE_SIZE) )
            return false;
    return true;
}

/* The AP trampoline's page: AP_TRAMPOLINE_PA, else the lowest free one. */
static paddr_t trampoline_page(const struct mb_handoff *mb,
                               const struct boot_info *bi)
{
    paddr_t pa;

    if ( low_page_free(mb, bi, AP_TRAMPOLINE_PA) )
        return AP_TRAMPOLINE_PA;
    for ( pa = AP_TRAMPOLINE_MIN; pa < AP_TRAMPOLINE_END; pa += PAGE_SIZE )
        if ( low_page_free(mb, bi, pa) )
            return pa;
    return 0;
}

/* The other CPUs, from a low page neither firmware nor loader uses. */
static void start_other_cpus(const struct mb_handoff *mb,
                             const struct boot_info *bi)
{
    paddr_t pa = trampoline_page(mb, bi);

    if ( !pa )
    {
        printk("SMP: no free RAM page below %#x for the start-up code: "
               "other CPUs stay off\n",
               AP_TRAMPOLINE_END);
        return;
    }
    if ( pa != AP_TRAMPOLINE_PA )
        printk("SMP: page %#x is in use; CPUs start at page %#llx\n",
               AP_TRAMPOLINE_PA, (unsigned long long)pa);
    smp_init(pa);
}

/* Modules lie where the loader put them, inside the 1:1 map or not. */
const void *hl_module_data(const struct boot_module *m)
{
    paddr_t limit = (paddr_t)IDMAP_GIB << 30;

    if ( !m->size || m->start >= limit || m->size > limit - m->start )
        return NULL;
    return (const void *)(uintptr_t)m->start;
}

static void boot_hyperlaunch(struct boot_info *bi)
{
    const struct loader_module *lm;
    int idx = find_fdt_module(bi);

    if ( idx < 0 )
    {
        if ( !bi->nr_loader_mods )
            printk("ERROR: no device tree: the boot loader passed no "
                   "multiboot module; the DTB must be one\n");
        else
            printk("ERROR: no device tree: none of the %d multiboot modules "
                   "starts with the FDT magic 0xd00dfeed\n",
                   bi->nr_loader_mods);
        arch_power_off(1);
    }
    lm = &bi->loader_mods[idx];
    printk("Device tree: multiboot module %d\n", idx);
    bi->fdt_start = lm->start;
    bi->fdt_size = lm->size;
    if ( hyperlaunch_setup((const void *)(uintptr_t)lm->start, lm->size, bi) )
        arch_power_off(1);
}

/* The loader's RAM map, for the parser to check where modules lie. */
static void ram_to_boot_info(const struct mb_handoff *mb, struct boot_info *bi)
{
    unsigned int i;

    bi->nr_ram = MIN(mb->nr_ram, (unsigned int)MB_MAX_RAM);
    bi->nr_ram = MIN(bi->nr_ram, (unsigned int)HL_MAX_MEM_RANGES);
    for ( i = 0; i < bi->nr_ram; i++ )
    {
        bi->ram[i].start = mb->ram[i].start;
        bi->ram[i].size = mb->ram[i].size;
        bi->ram[i].node = -1;
    }
}

void start_xen(uint32_t magic, uint32_t info)
{
    struct boot_info *bi = &boot_info;
    struct mb_handoff mb;

    time_early_init();
    ns16550_init(COM1_PORT);
    traps_init();
    printk("Hyperlaunch hypervisor (x86_64)\n");

    hl_init(bi);
    if ( multiboot_parse(magic, info, &mb, bi) )
    {
        printk("ERROR: not started by a multiboot loader (magic %#x)\n",
               magic);
        arch_power_off(1);
    }
    bi->xen_start = (uintptr_t)_start;
    bi->xen_size = (uintptr_t)(_end - _start);
    ram_to_boot_info(&mb, bi);
    print_handoff(&mb, bi);

    boot_hyperlaunch(bi);
    /* The configuration is sound: hand out what no module occupies. */
    if ( x86_mm_init(&mb, bi) || apic_init() || npt_selftest() ||
         svm_selftest() )
        arch_power_off(1);
    acpi_pm_timer_probe(mb.rsdp);
    if ( svm_enable() )
    {
        printk("ERROR: PVH domains need AMD SVM with nested paging; no "
               "domain was started\n");
        arch_power_off(1);
    }
    cpu_online_map = 1; /* the boot CPU */
    start_other_cpus(&mb, bi);
    if ( domains_build(bi) )
        arch_power_off(1);
    domains_free_modules(bi);
    domains_start();
    printk("Hyperlaunch: all domains started in %llu us\n",
           (unsigned long long)time_us());
    sched_run(0);
}
