/* SPDX-License-Identifier: GPL-2.0-only */
/* Find the console UART in the host DT (dtuart=, stdout-path) and start it. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/serial.h>
#include <asm/setup.h>
#include <libfdt.h>

/* The PL011 of QEMU's virt machine, used when the DT names no UART. */
#define FALLBACK_UART_BASE 0x09000000UL

static const char *const uart_compatibles[] = {
    "arm,pl011",
    "arm,sbsa-uart",
};

/* A string property of /chosen, or NULL if absent or not NUL-terminated. */
static const char *chosen_string(const void *fdt, const char *name)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    const char *val;
    int len;

    if ( chosen < 0 )
        return NULL;
    val = fdt_getprop(fdt, chosen, name, &len);
    if ( !val || len < 1 || val[len - 1] != '\0' )
        return NULL;
    return val;
}

/* The value of "dtuart=" in xen,xen-bootargs; *@len excludes options. */
static const char *bootargs_dtuart(const void *fdt, int *len)
{
    const char *args = chosen_string(fdt, "xen,xen-bootargs");
    const char *p;

    for ( p = args; p && *p; p++ )
    {
        if ( (p == args || p[-1] == ' ') && !strncmp(p, "dtuart=", 7) )
        {
            p += 7;
            for ( *len = 0; p[*len] && p[*len] != ' '; (*len)++ )
                ;
            return p;
        }
    }
    return NULL;
}

/* Path or alias naming the console, with ":options" cut off by *@len. */
static const char *console_path(const void *fdt, int *len)
{
    const char *path = bootargs_dtuart(fdt, len);
    const char *colon;

    if ( !path || !*len )
    {
        path = chosen_string(fdt, "stdout-path");
        if ( !path )
            path = chosen_string(fdt, "linux,stdout-path");
        if ( !path )
            return NULL;
        *len = (int)strlen(path);
    }
    colon = memchr(path, ':', (size_t)*len);
    if ( colon )
        *len = (int)(colon - path);
    return *len ? path : NULL;
}

static bool uart_supported(const void *fdt, int node)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(uart_compatibles); i++ )
        if ( !fdt_node_check_compatible(fdt, node, uart_compatibles[i]) )
            return true;
    return false;
}

/* First address of @node's reg, in its parent's #address-cells. */
static int node_reg_base(const void *fdt, int node, paddr_t *base)
{
    int parent = fdt_parent_offset(fdt, node);
    int ac, sc, len, i;
    const fdt32_t *reg;

    if ( parent < 0 )
        return -EINVAL;
    ac = fdt_address_cells(fdt, parent);
    sc = fdt_size_cells(fdt, parent);
    if ( ac < 1 || ac > 2 || sc < 0 )
        return -EINVAL;
    reg = fdt_getprop(fdt, node, "reg", &len);
    if ( !reg || len < (ac + sc) * 4 )
        return -EINVAL;
    *base = 0;
    for ( i = 0; i < ac; i++ )
        *base = (*base << 32) | fdt32_ld(&reg[i]);
    return 0;
}

static int find_uart(const void *fdt, paddr_t *base)
{
    const char *path;
    int node, len;
    unsigned int i;

    path = console_path(fdt, &len);
    if ( path )
    {
        node = fdt_path_offset_namelen(fdt, path, len);
        if ( node >= 0 && uart_supported(fdt, node) )
            return node_reg_base(fdt, node, base) ?: node;
    }
    for ( i = 0; i < ARRAY_SIZE(uart_compatibles); i++ )
    {
        node = fdt_node_offset_by_compatible(fdt, -1, uart_compatibles[i]);
        if ( node >= 0 )
            return node_reg_base(fdt, node, base) ?: node;
    }
    return -ENOENT;
}

int dt_console_node(const void *fdt, paddr_t *base)
{
    return find_uart(fdt, base);
}

static bool console_started;

void dt_console_emergency(void)
{
    if ( !console_started )
        pl011_init(FALLBACK_UART_BASE);
    console_started = true;
}

int dt_console_init(const void *fdt, paddr_t *base, const char **path)
{
    static char node_path[128];
    int node = fdt ? find_uart(fdt, base) : -ENOENT;

    if ( node >= 0 && !fdt_get_path(fdt, node, node_path, sizeof(node_path)) )
    {
        pl011_init(*base);
        console_started = true;
        *path = node_path;
        return 0;
    }
    *base = FALLBACK_UART_BASE;
    *path = "QEMU virt default";
    pl011_init(*base);
    console_started = true;
    return -ENOENT;
}
