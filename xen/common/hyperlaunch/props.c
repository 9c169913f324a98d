/* SPDX-License-Identifier: GPL-2.0-only */
/* Checked property readers: cells, strings, CPU lists and sizes. */
#include "private.h"

int hl_prop_u32(const void *fdt, int node, const char *name, const void *val,
                int len, uint32_t *out)
{
    if ( len != 4 )
    {
        hl_error(fdt, node, name, "must be 1 cell (u32), found %d bytes", len);
        return -EINVAL;
    }
    *out = fdt32_ld(val);
    return 0;
}

int hl_prop_kib(const void *fdt, int node, const char *name, const void *val,
                int len, uint64_t *out)
{
    if ( len != 8 )
    {
        if ( len % 4 )
            hl_error(fdt, node, name,
                     "must be 2 cells (64-bit KiB), found %d bytes", len);
        else
            hl_error(fdt, node, name, "must be 2 cells (64-bit KiB), found %d",
                     len / 4);
        return -EINVAL;
    }
    *out =
        ((uint64_t)fdt32_ld(val) << 32) | fdt32_ld((const fdt32_t *)val + 1);
    return 0;
}

/* Whether the @len bytes at @s are all NUL. */
static bool all_nul(const char *s, size_t len)
{
    while ( len-- )
        if ( *s++ )
            return false;
    return true;
}

int hl_prop_string(const void *fdt, int node, const char *name,
                   const void *val, int len, const char **out)
{
    const char *s = val;
    size_t n = len > 0 ? strnlen(s, (size_t)len) : 0;

    /*
     * One string; NUL padding after it is allowed: GRUB's xen_module
     * writes a module's command line in a buffer larger than the string.
     */
    if ( len < 1 || n == (size_t)len || !all_nul(s + n, (size_t)len - n) )
    {
        hl_error(fdt, node, name, "must be one NUL-terminated string");
        return -EINVAL;
    }
    *out = s;
    return 0;
}

bool hl_node_is(const void *fdt, int node, const char *compat)
{
    return fdt_node_check_compatible(fdt, node, compat) == 0;
}

static int read_cells(const void *fdt, int node, const char *name,
                      uint32_t dflt, uint32_t min, uint32_t *out)
{
    const void *val;
    int len;

    /* Absent: inherited from the nearest ancestor that has it (as Xen
     * and Linux read it), else the DT default. */
    while ( !(val = fdt_getprop(fdt, node, name, &len)) && node > 0 )
        node = fdt_parent_offset(fdt, node);
    if ( !val )
    {
        *out = dflt;
        return 0;
    }
    if ( hl_prop_u32(fdt, node, name, val, len, out) )
        return -EINVAL;
    if ( *out < min || *out > 2 )
    {
        hl_error(fdt, node, name, "must be %u or 2, found %u", min, *out);
        return -EINVAL;
    }
    return 0;
}

/*
 * #address-cells / #size-cells of @parent (or of its nearest ancestor
 * that sets them), with the DT defaults 2 and 1.
 */
int hl_parent_cells(const void *fdt, int parent, uint32_t *ac, uint32_t *sc)
{
    int rc = read_cells(fdt, parent, "#address-cells", 2, 1, ac);

    return read_cells(fdt, parent, "#size-cells", 1, 1, sc) ?: rc;
}

static int parse_cpu_number(const char **s, unsigned int *cpu)
{
    char *end;
    unsigned long v;

    if ( **s < '0' || **s > '9' )
        return -EINVAL;
    v = strtoul(*s, &end, 10);
    if ( v >= HL_MAX_HOST_CPUS || end - *s > 4 )
        return -ERANGE;
    *s = end;
    *cpu = (unsigned int)v;
    return 0;
}

/*
 * "0-3,5" -> bits 0,1,2,3,5.  Returns -ERANGE for a CPU number beyond the
 * mask, -EDOM for a backward range ("3-1"), -EINVAL for anything else.
 */
int hl_parse_cpu_list(const char *s, uint64_t *mask)
{
    unsigned int first, last, cpu;
    int rc;

    *mask = 0;
    do
    {
        while ( *s == ' ' )
            s++;
        rc = parse_cpu_number(&s, &first);
        if ( rc )
            return rc;
        last = first;
        if ( *s == '-' )
        {
            s++;
            rc = parse_cpu_number(&s, &last);
            if ( rc )
                return rc;
            if ( last < first )
                return -EDOM;
        }
        for ( cpu = first; cpu <= last; cpu++ )
            *mask |= 1ULL << cpu;
        while ( *s == ' ' )
            s++;
    } while ( *s++ == ',' );
    return s[-1] == '\0' ? 0 : -EINVAL;
}

/* "512M", "1G", "65536K", "1048576" (bytes) -> bytes. */
int hl_parse_size(const char *s, uint64_t *bytes)
{
    char *end;
    uint64_t v;
    unsigned int shift = 0;

    if ( *s < '0' || *s > '9' )
        return -EINVAL;
    v = strtoull(s, &end, 0);
    switch ( *end | 0x20 )
    {
    case 'g':
        shift = 30;
        end++;
        break;
    case 'm':
        shift = 20;
        end++;
        break;
    case 'k':
        shift = 10;
        end++;
        break;
    }
    if ( *end && *end != ' ' && *end != ',' )
        return -EINVAL;
    if ( v > (~0ULL >> (shift + 1)) )
        return -ERANGE;
    *bytes = v << shift;
    return 0;
}
