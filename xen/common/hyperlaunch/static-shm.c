/* SPDX-License-Identifier: GPL-2.0-only */
/* Static shared memory: xen,domain-shared-memory-v1 nodes and their checks. */
#include "private.h"

#define SHM_ALIGN 0x1000ULL

static uint64_t read_cells(const fdt32_t *v, uint32_t n)
{
    uint64_t x = 0;

    while ( n-- )
        x = (x << 32) | fdt32_ld(v++);
    return x;
}

/* xen,shared-mem = <[host] guest size> in the domain node's cells. */
static int parse_range(const void *fdt, int node, int dom, struct boot_shm *s)
{
    const char *p = "xen,shared-mem";
    const fdt32_t *v;
    uint32_t ac, sc;
    int len;

    if ( hl_parent_cells(fdt, dom, &ac, &sc) )
        return -EINVAL;
    v = fdt_getprop(fdt, node, p, &len);
    if ( !v )
    {
        hl_error(fdt, node, p, "required property missing");
        return -EINVAL;
    }
    s->host_set = len == (int)((2 * ac + sc) * 4);
    if ( !s->host_set && len != (int)((ac + sc) * 4) )
    {
        hl_error(fdt, node, p,
                 "must be <[host-address] guest-address size> (%u or %u "
                 "cells), found %d bytes",
                 ac + sc, 2 * ac + sc, len);
        return -EINVAL;
    }
    if ( s->host_set )
        s->host = read_cells(v, ac), v += ac;
    s->gpa = read_cells(v, ac);
    s->size = read_cells(v + ac, sc);
    if ( !s->size || ((s->host | s->gpa | s->size) & (SHM_ALIGN - 1)) ||
         s->gpa + s->size < s->gpa || s->host + s->size < s->host )
    {
        hl_error(fdt, node, p,
                 "addresses and size must be 4 KiB aligned, the size not 0");
        return -EINVAL;
    }
    return 0;
}

static int parse_id_role(const void *fdt, int node, struct boot_shm *s)
{
    const void *v;
    const char *role;
    int len;

    v = fdt_getprop(fdt, node, "xen,shm-id", &len);
    if ( !v )
    {
        hl_error(fdt, node, "xen,shm-id", "required property missing");
        return -EINVAL;
    }
    if ( hl_prop_string(fdt, node, "xen,shm-id", v, len, &s->id) )
        return -EINVAL;
    if ( !*s->id || len > HL_SHM_ID_MAX )
    {
        hl_error(fdt, node, "xen,shm-id", "must be 1 to %d characters",
                 HL_SHM_ID_MAX - 1);
        return -EINVAL;
    }
    v = fdt_getprop(fdt, node, "role", &len);
    if ( !v )
        return 0; /* a borrower; the owner is the hypervisor */
    if ( hl_prop_string(fdt, node, "role", v, len, &role) )
        return -EINVAL;
    if ( strcmp(role, "owner") && strcmp(role, "borrower") )
    {
        hl_error(fdt, node, "role",
                 "\"%s\": expected \"owner\" or \"borrower\"", role);
        return -EINVAL;
    }
    s->owner = !strcmp(role, "owner");
    return 0;
}

int hl_parse_shm(const void *fdt, int node, struct boot_info *bi,
                 struct boot_domain *bd)
{
    struct boot_shm *s;

    if ( bi->nr_shms == HL_MAX_SHMS )
    {
        hl_error(fdt, node, "compatible",
                 "more than %u static shared-memory nodes", HL_MAX_SHMS);
        return -EINVAL;
    }
    s = &bi->shms[bi->nr_shms];
    memset(s, 0, sizeof(*s));
    s->node = node;
    if ( parse_id_role(fdt, node, s) ||
         parse_range(fdt, node, fdt_parent_offset(fdt, node), s) )
        return -EINVAL;
    if ( !bd->nr_shms )
        bd->shms = s;
    else if ( bd->shms + bd->nr_shms != s )
    {
        hl_error(fdt, node, "compatible",
                 "static shared-memory nodes of a domain must come together");
        return -EINVAL;
    }
    bi->nr_shms++;
    bd->nr_shms++;
    return 0;
}

static const char *node_path(const void *fdt, int node, char *buf, int size)
{
    if ( fdt_get_path(fdt, node, buf, size) )
        snprintf(buf, (size_t)size, "another node");
    return buf;
}

/* Every node sharing @s's id agrees on its size and host address. */
static int check_same_id(const void *fdt, const struct boot_info *bi,
                         unsigned int i)
{
    const struct boot_shm *s = &bi->shms[i], *o;
    unsigned int j;
    char path[128];

    for ( j = 0; j < i; j++ )
    {
        o = &bi->shms[j];
        if ( strcmp(o->id, s->id) )
            continue;
        if ( o->size != s->size )
        {
            hl_error(fdt, s->node, "xen,shared-mem",
                     "\"%s\" is %#llx bytes here, %#llx in %s", s->id,
                     (unsigned long long)s->size, (unsigned long long)o->size,
                     node_path(fdt, o->node, path, sizeof(path)));
            return -EINVAL;
        }
        if ( o->host_set && s->host_set && o->host != s->host )
        {
            hl_error(fdt, s->node, "xen,shared-mem",
                     "\"%s\" is at host %#llx here, %#llx in %s", s->id,
                     (unsigned long long)s->host, (unsigned long long)o->host,
                     node_path(fdt, o->node, path, sizeof(path)));
            return -EINVAL;
        }
        if ( o->owner && s->owner )
        {
            hl_error(fdt, s->node, "role", "\"%s\" has a second owner (%s)",
                     s->id, node_path(fdt, o->node, path, sizeof(path)));
            return -EINVAL;
        }
    }
    return 0;
}

static bool overlap(paddr_t a, paddr_t as, paddr_t b, paddr_t bs)
{
    return a < b + bs && b < a + as;
}

/* Regions of different ids at the same host address; outside reserved RAM. */
static int check_host(const void *fdt, const struct boot_info *bi,
                      unsigned int i)
{
    const struct boot_shm *s = &bi->shms[i], *o;
    unsigned int j;
    char path[128];

    if ( !s->host_set )
        return 0;
    for ( j = 0; j < i; j++ )
    {
        o = &bi->shms[j];
        if ( o->host_set && strcmp(o->id, s->id) &&
             overlap(s->host, s->size, o->host, o->size) )
        {
            hl_error(fdt, s->node, "xen,shared-mem",
                     "host range overlaps \"%s\" of %s", o->id,
                     node_path(fdt, o->node, path, sizeof(path)));
            return -EINVAL;
        }
    }
    for ( j = 0; j < bi->nr_reserved; j++ )
        if ( s->host >= bi->reserved[j].start &&
             s->host + s->size <=
                 bi->reserved[j].start + bi->reserved[j].size )
            return 0;
    hl_error(fdt, s->node, "xen,shared-mem",
             "host range [%#llx, %#llx) is not inside a /reserved-memory "
             "region: the hypervisor would give it away",
             (unsigned long long)s->host,
             (unsigned long long)(s->host + s->size));
    return -EINVAL;
}

/* A domain's regions: apart from each other and from what the arch has. */
static int check_domain_regions(const void *fdt, const struct boot_domain *bd)
{
    const struct boot_shm *s, *o;
    unsigned int i, j;
    char path[128];
    int rc = 0;

    for ( i = 0; i < bd->nr_shms; i++ )
    {
        s = &bd->shms[i];
        for ( j = 0; j < i; j++ )
        {
            o = &bd->shms[j];
            if ( !overlap(s->gpa, s->size, o->gpa, o->size) )
                continue;
            hl_error(fdt, s->node, "xen,shared-mem", "guest range overlaps %s",
                     node_path(fdt, o->node, path, sizeof(path)));
            rc = -EINVAL;
        }
        rc = arch_check_guest_region(fdt, bd, s->node, "xen,shared-mem",
                                     s->gpa, s->size)
                 ?: rc;
    }
    return rc;
}

int hl_check_shms(const void *fdt, struct boot_info *bi)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < bi->nr_shms; i++ )
        rc = check_same_id(fdt, bi, i) ?: check_host(fdt, bi, i) ?: rc;
    for ( i = 0; i < bi->nr_domains; i++ )
        rc = check_domain_regions(fdt, &bi->domains[i]) ?: rc;
    return rc;
}
