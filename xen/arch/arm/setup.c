/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 boot flow: console, banner, Hyperlaunch DT phases, power off. */
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <xen/setup.h>
#include <asm/setup.h>
#include <libfdt.h>

#define HL_VERSION "0.1"

static struct boot_info boot_info;

/* The DTB as the loader passed it, or NULL when its header is unusable. */
static const void *fdt_from_x0(paddr_t fdt_paddr)
{
    const void *fdt = (const void *)(uintptr_t)fdt_paddr;

    /* libfdt needs 8-byte alignment; with the MMU off so do we. */
    if ( !fdt_paddr || !IS_ALIGNED(fdt_paddr, 8) )
        return NULL;
    return fdt_check_header(fdt) ? NULL : fdt;
}

static void console_setup(const void *fdt)
{
    const char *path;
    paddr_t base;
    int rc = dt_console_init(fdt, &base, &path);

    printk("Hyperlaunch hypervisor %s (arm64), Xen-compatible\n", HL_VERSION);
    printk("Console: PL011 at %#llx (%s)\n", (unsigned long long)base, path);
    if ( rc )
        printk("Warning: no usable console UART in the device tree\n");
}

static void fill_boot_info(struct boot_info *bi, paddr_t fdt_paddr,
                           const void *fdt)
{
    hl_init(bi);
    bi->fdt_start = fdt_paddr;
    bi->fdt_size = fdt ? fdt_totalsize(fdt) : 0;
    bi->xen_start = (paddr_t)(uintptr_t)_start;
    bi->xen_size = (paddr_t)(_end - _start);
    bi->nr_loader_mods = -1;
}

void start_xen(paddr_t fdt_paddr)
{
    const void *fdt = fdt_from_x0(fdt_paddr);
    struct boot_info *bi = &boot_info;

    console_setup(fdt);
    psci_init(fdt);

    if ( !fdt_paddr || !IS_ALIGNED(fdt_paddr, 8) )
    {
        printk("ERROR: no usable device tree: x0 = %#llx "
               "(expected the 8-byte aligned address of a DTB)\n",
               (unsigned long long)fdt_paddr);
        arch_power_off(1);
    }

    fill_boot_info(bi, fdt_paddr, fdt);
    /* A bad header is reported by the parser, with its own words. */
    if ( hyperlaunch_setup((const void *)(uintptr_t)fdt_paddr, bi->fdt_size,
                           bi) )
        arch_power_off(1);

    printk("Hyperlaunch: building domains is not implemented yet on arm64; "
           "stopping\n");
    arch_power_off(0);
}
