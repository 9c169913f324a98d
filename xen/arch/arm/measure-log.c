/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64: the measured launch's TCG event log handed to a domain, as a
 * no-map /reserved-memory child "hyperlaunch,tcg-event-log" of its DT, in
 * the 2 MiB window that holds its DTB (docs/designs/measured-launch.md).
 * The hardware domain's goes into the host's /reserved-memory it keeps.
 */
#include <xen/lib.h>
#include <xen/setup.h>
#include <asm/measure-log.h>
#include <libfdt.h>

/* @v in @n (1 or 2) big-endian cells at @c; the next free cell. */
static fdt32_t *put_cells(fdt32_t *c, int n, uint64_t v)
{
    if ( n == 2 )
        *c++ = cpu_to_fdt32((uint32_t)(v >> 32));
    *c++ = cpu_to_fdt32((uint32_t)v);
    return c;
}

int measure_log_guest_dt(void *fdt, const struct domain *d, int ac, int sc)
{
    paddr_t gpa = d->arch.dtb_gpa + MEASURE_LOG_DTB_OFFSET;
    fdt32_t reg[4], *end;
    char name[40];
    size_t size;
    int rc;

    if ( !measure_log_wanted(d->bd) )
        return 0;
    if ( ac < 1 || ac > 2 || sc < 1 || sc > 2 || (ac == 1 && gpa >> 32) )
        return -FDT_ERR_BADNCELLS;
    measure_event_log(&size);
    end = put_cells(put_cells(reg, ac, gpa), sc, size);
    snprintf(name, sizeof(name), "tcg-event-log@%llx",
             (unsigned long long)gpa);
    rc = fdt_begin_node(fdt, name);
    rc = rc
             ?: fdt_property_string(fdt, "compatible",
                                    "hyperlaunch,tcg-event-log");
    rc = rc
             ?: fdt_property(fdt, "reg", reg,
                             (int)((end - reg) * (int)sizeof(reg[0])));
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
