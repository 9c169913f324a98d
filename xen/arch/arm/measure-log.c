/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64: the measured launch's TCG event log handed to a domain, as a
 * no-map /reserved-memory child "hyperlaunch,tcg-event-log" of its DT, in
 * the 2 MiB window that holds its DTB (docs/designs/measured-launch.md).
 */
#include <xen/lib.h>
#include <xen/setup.h>
#include <asm/hwdom.h>
#include <asm/measure-log.h>
#include <libfdt.h>

bool measure_log_wanted(const struct boot_domain *bd)
{
    size_t size;

    if ( hwdom_is(bd) || !measure_event_log(&size) )
        return false;
    return (bd->capabilities & DOMAIN_CAPS_CONTROL) ||
           (bd->flags & BD_EVENT_LOG);
}

int measure_log_guest_dt(void *fdt, const struct domain *d)
{
    paddr_t gpa = d->arch.dtb_gpa + MEASURE_LOG_DTB_OFFSET;
    fdt64_t reg[2];
    char name[40];
    size_t size;
    int rc;

    if ( !measure_log_wanted(d->bd) )
        return 0;
    measure_event_log(&size);
    reg[0] = cpu_to_fdt64(gpa);
    reg[1] = cpu_to_fdt64(size);
    snprintf(name, sizeof(name), "tcg-event-log@%llx",
             (unsigned long long)gpa);
    rc = fdt_begin_node(fdt, name);
    rc = rc
             ?: fdt_property_string(fdt, "compatible",
                                    "hyperlaunch,tcg-event-log");
    rc = rc ?: fdt_property(fdt, "reg", reg, sizeof(reg));
    rc = rc ?: fdt_property(fdt, "no-map", NULL, 0);
    return rc ?: fdt_end_node(fdt);
}

int measure_log_load(struct domain *d)
{
    size_t size;
    const void *log = measure_event_log(&size);

    if ( !measure_log_wanted(d->bd) )
        return 0;
    return domain_copy_to_guest(d, d->arch.dtb_gpa + MEASURE_LOG_DTB_OFFSET,
                                log, size);
}
