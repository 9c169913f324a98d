/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypervisor side of Hyperlaunch DT: run the parse and check phases. */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/setup.h>
#include <libfdt.h>

void hl_report(bool is_error, const char *path, const char *prop,
               const char *line)
{
    printk("%s%s\n", is_error ? "ERROR: " : "Warning: ", line);
}

int hyperlaunch_setup(const void *fdt, size_t fdt_size, struct boot_info *bi)
{
    int rc;

    printk("Hyperlaunch: reading the device tree at %#llx (%llu bytes)\n",
           (unsigned long long)bi->fdt_start,
           (unsigned long long)bi->fdt_size);
    rc = hl_parse(fdt, fdt_size, bi);
    if ( !rc )
        rc = hl_check(fdt, bi);
    if ( rc )
    {
        printk("Hyperlaunch: boot configuration rejected (%u error%s); "
               "no domain was started\n",
               bi->nr_errors, bi->nr_errors == 1 ? "" : "s");
        return rc;
    }
    hl_print_plan(bi);
    rc = measure_boot(fdt, fdt_totalsize(fdt), bi);
    if ( rc == -ENODEV )
        printk("Hyperlaunch: the TPM failed and the policy is to stop; no "
               "domain was started\n");
    else if ( rc )
        printk("Hyperlaunch: a boot module differs from its expected digest; "
               "no domain was started\n");
    return rc ? -EINVAL : 0;
}
