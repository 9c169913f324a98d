/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 boot flow: console, banner, Hyperlaunch DT phases, power off. */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <xen/setup.h>
#include <xen/sched.h>
#include <asm/gic.h>
#include <asm/mm.h>
#include <asm/p2m.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/sysregs.h>
#include <libfdt.h>

#define HL_VERSION "0.1"

/* Length of a time slice. */
#define SLICE_US 10000

static struct boot_info boot_info;
static struct meminfo meminfo;
static uint64_t entry_ticks;

static bool fdt_address_ok(paddr_t fdt_paddr)
{
    /* libfdt needs 8-byte alignment; with the MMU off so do we. */
    return fdt_paddr && IS_ALIGNED(fdt_paddr, 8);
}

/*
 * The DTB as the loader passed it, or NULL when it is not a well-formed
 * FDT.  Only a well-formed tree is searched for the console and PSCI;
 * the parser reports what is wrong with any other.
 */
static const void *fdt_from_x0(paddr_t fdt_paddr)
{
    const void *fdt = (const void *)(uintptr_t)fdt_paddr;

    if ( !fdt_address_ok(fdt_paddr) || fdt_check_header(fdt) )
        return NULL;
    return fdt_check_full(fdt, fdt_totalsize(fdt)) ? NULL : fdt;
}

/* Returns the base address of the console UART. */
static paddr_t console_setup(const void *fdt)
{
    const char *path;
    paddr_t base;
    int rc = dt_console_init(fdt, &base, &path);

    printk("Hyperlaunch hypervisor %s (arm64), Xen-compatible\n", HL_VERSION);
    printk("Console: PL011 at %#llx (%s)\n", (unsigned long long)base, path);
    if ( !fdt )
        printk("Warning: no well-formed device tree: console and PSCI "
               "conduit are QEMU virt defaults\n");
    else if ( rc )
        printk("Warning: no PL011 or SBSA UART found in the device tree\n");
    return base;
}

/* Microseconds since the first instruction of the image. */
static uint64_t us_since_entry(void)
{
    uint64_t freq = READ_SYSREG(cntfrq_el0), now;

    asm volatile("isb" ::: "memory");
    now = READ_SYSREG(cntpct_el0);
    return freq ? (now - entry_ticks) * 1000000 / freq : 0;
}

/*
 * RAM banks from /memory and, when they hold the image and the DTB, the
 * MMU and caches, before the parser runs.  Returns 0 or -errno when /memory
 * is unusable (reported, or left to the parser when @fdt is NULL).
 */
static int memory_setup(const void *fdt, paddr_t uart_base)
{
    int rc;

    if ( !fdt )
        return -EINVAL;
    rc = dt_read_memory(fdt, &meminfo);
    if ( !rc )
        mm_mmu_init(&meminfo, (paddr_t)(uintptr_t)fdt, fdt_totalsize(fdt),
                    uart_base);
    return rc;
}

static void fill_boot_info(struct boot_info *bi, const void *blob)
{
    hl_init(bi);
    bi->fdt_start = (paddr_t)(uintptr_t)blob;
    /* The parser reads the size from a sound header; 0 means unknown. */
    bi->fdt_size = fdt_check_header(blob) ? 0 : fdt_totalsize(blob);
    bi->xen_start = (paddr_t)(uintptr_t)_start;
    bi->xen_size = (paddr_t)(_end - _start);
    /*
     * No multiboot list on Arm: module-index counts the module nodes
     * directly under /chosen (GRUB's xen_module), when there are any.
     */
    bi->nr_loader_mods = 0;
    bi->chosen_loader_mods = true;
}

void start_xen(paddr_t fdt_paddr, uint64_t entry)
{
    const void *blob = (const void *)(uintptr_t)fdt_paddr;
    const void *fdt = fdt_from_x0(fdt_paddr);
    struct boot_info *bi = &boot_info;
    paddr_t uart;
    int mem_rc;
    entry_ticks = entry;
    smp_boot_cpu_init();
    uart = console_setup(fdt);
    psci_init(fdt);

    if ( !fdt_address_ok(fdt_paddr) )
    {
        printk("ERROR: no usable device tree: x0 = %#llx "
               "(expected the 8-byte aligned address of a DTB)\n",
               (unsigned long long)fdt_paddr);
        arch_power_off(1);
    }
    mem_rc = memory_setup(fdt, uart);

    /* Whatever is wrong with the DT is reported by the parser. */
    fill_boot_info(bi, blob);
    if ( hyperlaunch_setup(blob, bi->fdt_size, bi) )
        arch_power_off(1);
    printk("Hyperlaunch: plan ready in %llu us\n",
           (unsigned long long)us_since_entry());

    /* The configuration is sound: hand out what no module occupies. */
    if ( mem_rc || mm_boot_allocator_init(fdt, &meminfo, bi) )
        arch_power_off(1);
    p2m_vmid_init();
    p2m_platform_init(fdt);
    p2m_setup_cpu();
    if ( p2m_selftest() )
        arch_power_off(1);

    /* Guests need a virtual GIC, and it needs the host's. */
    if ( gic_init(fdt) )
    {
        printk("Hyperlaunch: no usable interrupt controller; no domain was "
               "started\n");
        arch_power_off(1);
    }
    hyp_timer_init(SLICE_US);
    vcpu_run_init();
    smp_init(fdt);

    if ( domains_build(bi) )
        arch_power_off(1);
    domains_free_modules(bi);
    domains_start();
    printk("Hyperlaunch: all domains started in %llu us\n",
           (unsigned long long)us_since_entry());
    sched_run(0);
}

/* Modules lie in RAM mapped 1:1: the parser may read them where they are. */
const void *hl_module_data(const struct boot_module *m)
{
    return (const void *)(uintptr_t)m->start;
}
