/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dtdump: print the device tree it was given, one line per node and per
 * property ("dt: /path" then "dt:   name = value"), then power off.
 */
#include "guest.h"

#define MAX_DEPTH 8
#define MAX_CELLS 12

const char guest_name[] = "dtdump";

/* A NUL-terminated list of printable strings? */
static bool is_strings(const char *v, uint32_t len)
{
    uint32_t i;

    if ( !len || v[len - 1] || !v[0] )
        return false;
    for ( i = 0; i < len; i++ )
    {
        if ( !v[i] && (i + 1 == len || v[i + 1]) )
            continue;
        if ( v[i] < 0x20 || v[i] > 0x7e )
            return false;
    }
    return true;
}

static void print_value(const void *val, uint32_t len)
{
    const char *v = val;
    uint32_t i;

    if ( !len )
        return;
    if ( is_strings(v, len) )
    {
        for ( i = 0; i < len; i += (uint32_t)str_len(v + i) + 1 )
            gprintf("%s\"%s\"", i ? ", " : " = ", v + i);
        return;
    }
    if ( len % 4 )
    {
        gprintf(" = [%u bytes]", len);
        return;
    }
    con_puts(" = <");
    for ( i = 0; i < len / 4 && i < MAX_CELLS; i++ )
        gprintf("%s0x%x", i ? " " : "", be32(v + 4 * i));
    con_puts(i < len / 4 ? " ...>" : ">");
}

static void print_path(const void *fdt, const int *stack, int depth)
{
    int i;

    con_puts("dt: ");
    if ( !depth )
        con_putc('/');
    for ( i = 1; i <= depth; i++ )
        gprintf("/%s", fdt_name(fdt, stack[i]));
    con_putc('\n');
}

void guest_main(const void *fdt)
{
    int stack[MAX_DEPTH], node, depth = 0, cursor;
    const char *name;
    const void *val;
    uint32_t len;

    guest_dt_read(fdt);
    gprintf("dtdump: DTB at 0x%lx, %u bytes\n", (uint64_t)fdt,
            be32((const uint8_t *)fdt + 4));
    for ( node = fdt_next_node(fdt, -1, &depth); node >= 0;
          node = fdt_next_node(fdt, node, &depth) )
    {
        if ( depth < 0 || depth >= MAX_DEPTH )
            break;
        stack[depth] = node;
        print_path(fdt, stack, depth);
        for ( cursor = 0;
              !fdt_next_prop(fdt, node, &cursor, &name, &val, &len); )
        {
            gprintf("dt:   %s", name);
            print_value(val, len);
            con_putc('\n');
        }
    }
    gprintf("DTDUMP-DONE\n");
    psci_system_off();
}
