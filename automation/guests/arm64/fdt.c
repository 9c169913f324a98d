/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal flattened device tree reader: walks the structure block token by
 * token.  Every multi-byte value is read a byte at a time, so nothing depends
 * on the blob's alignment (the MMU is off: all data accesses are Device).
 */
#include "guest.h"

#define FDT_MAGIC 0xd00dfeedU
#define TOK_BEGIN_NODE 1U
#define TOK_END_NODE 2U
#define TOK_PROP 3U
#define TOK_NOP 4U
#define TOK_END 9U

uint32_t be32(const void *p)
{
    const volatile uint8_t *b = p;

    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
           ((uint32_t)b[2] << 8) | b[3];
}

static uint32_t hdr(const void *fdt, unsigned int field)
{
    return be32((const uint8_t *)fdt + 4 * field);
}

static const uint8_t *structs(const void *fdt)
{
    return (const uint8_t *)fdt + hdr(fdt, 2);
}

static const char *strings(const void *fdt)
{
    return (const char *)fdt + hdr(fdt, 3);
}

int fdt_check(const void *fdt)
{
    if ( !fdt || hdr(fdt, 0) != FDT_MAGIC )
        return -1;
    if ( hdr(fdt, 6) > 17 ) /* last_comp_version */
        return -1;
    return 0;
}

static uint32_t align4(uint32_t x)
{
    return (x + 3) & ~3U;
}

/* Token at 'off'; *next is the offset of the token after it. */
static uint32_t token(const void *fdt, int off, int *next)
{
    const uint8_t *s = structs(fdt);
    uint32_t tok = be32(s + off);
    uint32_t o = (uint32_t)off + 4;

    switch ( tok )
    {
    case TOK_BEGIN_NODE:
        o += (uint32_t)str_len((const char *)s + o) + 1;
        break;
    case TOK_PROP:
        o += 8 + be32(s + o);
        break;
    default:
        break;
    }
    *next = (int)align4(o);
    return tok;
}

int fdt_next_node(const void *fdt, int node, int *depth)
{
    int off = node, next;
    uint32_t limit = hdr(fdt, 9); /* size_dt_struct */

    if ( node >= 0 )
    {
        token(fdt, node, &off);
        if ( depth )
            (*depth)++;
    }
    else
        off = 0;
    while ( (uint32_t)off < limit )
    {
        uint32_t tok = token(fdt, off, &next);

        if ( tok == TOK_BEGIN_NODE )
            return off;
        if ( tok == TOK_END_NODE && depth )
            (*depth)--;
        if ( tok == TOK_END )
            break;
        off = next;
    }
    return -1;
}

const char *fdt_name(const void *fdt, int node)
{
    return (const char *)structs(fdt) + node + 4;
}

const void *fdt_prop(const void *fdt, int node, const char *name,
                     uint32_t *len)
{
    const uint8_t *s = structs(fdt);
    int off, next;
    uint32_t tok;

    token(fdt, node, &off);
    for ( ;; )
    {
        tok = token(fdt, off, &next);
        if ( tok == TOK_PROP )
        {
            if ( !str_cmp(strings(fdt) + be32(s + off + 8), name) )
            {
                if ( len )
                    *len = be32(s + off + 4);
                return s + off + 12;
            }
        }
        else if ( tok != TOK_NOP )
            return NULL; /* first subnode or end of this node */
        off = next;
    }
}

int fdt_next_prop(const void *fdt, int node, int *cursor, const char **name,
                  const void **val, uint32_t *len)
{
    const uint8_t *s = structs(fdt);
    int off, next;
    uint32_t tok;

    if ( *cursor <= node )
        token(fdt, node, &off);
    else
        off = *cursor;
    for ( ;; )
    {
        tok = token(fdt, off, &next);
        if ( tok == TOK_PROP )
        {
            *name = strings(fdt) + be32(s + off + 8);
            *len = be32(s + off + 4);
            *val = s + off + 12;
            *cursor = next;
            return 0;
        }
        if ( tok != TOK_NOP )
            return -1;
        off = next;
    }
}

/* Does the component [c, c+n) name this node ("memory" matches "memory@0")? */
static bool name_matches(const char *name, const char *c, size_t n)
{
    size_t i;

    if ( str_ncmp(name, c, n) )
        return false;
    if ( name[n] == '\0' )
        return true;
    for ( i = 0; i < n; i++ )
        if ( c[i] == '@' )
            return false;
    return name[n] == '@';
}

int fdt_path(const void *fdt, const char *path)
{
    int node = fdt_next_node(fdt, -1, NULL), depth = 0, want = 1;
    const char *c = path;

    while ( *c == '/' )
        c++;
    while ( *c )
    {
        size_t n = 0;

        while ( c[n] && c[n] != '/' )
            n++;
        for ( ;; )
        {
            node = fdt_next_node(fdt, node, &depth);
            if ( node < 0 || depth < want )
                return -1;
            if ( depth == want && name_matches(fdt_name(fdt, node), c, n) )
                break;
        }
        want++;
        c += n;
        while ( *c == '/' )
            c++;
    }
    return node;
}

int fdt_parent(const void *fdt, int node)
{
    int stack[16], off = fdt_next_node(fdt, -1, NULL), depth = 0;

    stack[0] = off;
    while ( off >= 0 && off != node )
    {
        off = fdt_next_node(fdt, off, &depth);
        if ( depth < 0 || depth >= 16 )
            return -1;
        stack[depth] = off;
    }
    return (off == node && depth > 0) ? stack[depth - 1] : -1;
}

uint32_t fdt_cells(const void *fdt, int node, const char *name, uint32_t def)
{
    uint32_t len;
    const void *v = node >= 0 ? fdt_prop(fdt, node, name, &len) : NULL;

    return (v && len == 4) ? be32(v) : def;
}

uint64_t fdt_read_cells(const void *val, uint32_t i, uint32_t n)
{
    const uint8_t *p = (const uint8_t *)val + 4 * i;
    uint64_t v = 0;

    while ( n-- )
    {
        v = (v << 32) | be32(p);
        p += 4;
    }
    return v;
}

bool fdt_compatible(const void *fdt, int node, const char *compat)
{
    uint32_t len, i = 0;
    const char *v = fdt_prop(fdt, node, "compatible", &len);

    while ( v && i < len )
    {
        if ( !str_cmp(v + i, compat) )
            return true;
        i += (uint32_t)str_len(v + i) + 1;
    }
    return false;
}
