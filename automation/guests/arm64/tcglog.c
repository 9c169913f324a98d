/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tcglog: find the measured launch's event log in the DT (a child
 * "tcg-event-log@..." of /reserved-memory), print its events, power off.
 */
#include "guest.h"

#include "../measured/tcglog-walk.h"

const char guest_name[] = "tcglog";

static bool starts_with(const char *s, const char *prefix)
{
    while ( *prefix )
        if ( *s++ != *prefix++ )
            return false;
    return true;
}

/* The log's node: compatible "hyperlaunch,tcg-event-log"; -1 when none. */
static int find_log(const void *fdt, int rmem)
{
    int node = rmem, depth = 0;

    while ( (node = fdt_next_node(fdt, node, &depth)) >= 0 && depth > 0 )
        if ( depth == 1 &&
             starts_with(fdt_name(fdt, node), "tcg-event-log@") &&
             fdt_compatible(fdt, node, "hyperlaunch,tcg-event-log") )
            return node;
    return -1;
}

void guest_main(const void *fdt)
{
    int rmem = fdt_path(fdt, "/reserved-memory"), node;
    uint32_t ac, sc, len;
    const void *reg;
    uint64_t base, size;

    guest_dt_read(fdt); /* the console */
    node = rmem >= 0 ? find_log(fdt, rmem) : -1;
    reg = node >= 0 ? fdt_prop(fdt, node, "reg", &len) : NULL;
    ac = rmem >= 0 ? fdt_cells(fdt, rmem, "#address-cells", 2) : 2;
    sc = rmem >= 0 ? fdt_cells(fdt, rmem, "#size-cells", 1) : 1;
    if ( !reg || len != 4 * (ac + sc) )
    {
        gprintf("TCGLOG: no event log in the device tree\n");
        psci_system_off();
    }
    base = fdt_read_cells(reg, 0, ac);
    size = fdt_read_cells(reg, ac, sc);
    gprintf("TCGLOG: region 0x%lx %lu bytes\n", base, size);
    tcglog_walk((const volatile uint8_t *)(uintptr_t)base, (uint32_t)size);
    psci_system_off();
}
