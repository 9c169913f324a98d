/* SPDX-License-Identifier: GPL-2.0-only */
/* Static event channels: xen,evtchn-v1 nodes, parsed and paired. */
#include "private.h"

/* Parse one xen,evtchn-v1 node of domain @bd: xen,evtchn = <port &peer>. */
int hl_parse_evtchn(const void *fdt, int node, struct boot_info *bi,
                    struct boot_domain *bd)
{
    struct boot_evtchn *e;
    const fdt32_t *v;
    int len;

    v = fdt_getprop(fdt, node, "xen,evtchn", &len);
    if ( !v )
    {
        hl_error(fdt, node, "xen,evtchn", "required property missing");
        return -EINVAL;
    }
    if ( len != 8 )
    {
        hl_error(fdt, node, "xen,evtchn",
                 "must be <local-port &peer-node> (2 cells), found %d bytes",
                 len);
        return -EINVAL;
    }
    if ( fdt32_ld(&v[0]) == 0 || fdt32_ld(&v[0]) > HL_MAX_EVTCHN_PORT )
    {
        hl_error(fdt, node, "xen,evtchn", "port %u is outside 1-%u",
                 fdt32_ld(&v[0]), HL_MAX_EVTCHN_PORT);
        return -EINVAL;
    }
    if ( bi->nr_evtchns == HL_MAX_EVTCHNS )
    {
        hl_error(fdt, node, "xen,evtchn",
                 "more than %u static event-channel ends", HL_MAX_EVTCHNS);
        return -EINVAL;
    }
    e = &bi->evtchns[bi->nr_evtchns++];
    e->node = node;
    e->bd = bd;
    e->port = fdt32_ld(&v[0]);
    e->peer_phandle = fdt32_ld(&v[1]);
    e->peer = NULL;
    return 0;
}

/* The end whose node is @node, or NULL. */
static const struct boot_evtchn *end_at(const struct boot_info *bi, int node)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_evtchns; i++ )
        if ( bi->evtchns[i].node == node )
            return &bi->evtchns[i];
    return NULL;
}

static int check_port_unique(const void *fdt, const struct boot_info *bi,
                             unsigned int i)
{
    const struct boot_evtchn *e = &bi->evtchns[i], *o;
    char path[128];
    unsigned int j;

    for ( j = 0; j < i; j++ )
    {
        o = &bi->evtchns[j];
        if ( o->bd != e->bd || o->port != e->port )
            continue;
        if ( fdt_get_path(fdt, o->node, path, sizeof(path)) )
            snprintf(path, sizeof(path), "another node");
        hl_error(fdt, e->node, "xen,evtchn", "port %u is used twice (%s)",
                 e->port, path);
        return -EINVAL;
    }
    return 0;
}

/* Both ends need Xen's PV interfaces. */
static int check_enhanced(const void *fdt, const struct boot_evtchn *e)
{
    if ( e->bd->enhanced != HL_ENHANCED_NONE )
        return 0;
    hl_error(fdt, e->node, "xen,evtchn",
             "%s has no xen,enhanced: a static event channel needs Xen's PV "
             "interfaces",
             e->bd->name);
    return -EINVAL;
}

static int check_peer(const void *fdt, struct boot_info *bi, unsigned int i)
{
    struct boot_evtchn *e = &bi->evtchns[i];
    const struct boot_evtchn *p;
    int off = fdt_node_offset_by_phandle(fdt, e->peer_phandle);
    uint32_t self = fdt_get_phandle(fdt, e->node);

    p = off >= 0 ? end_at(bi, off) : NULL;
    if ( !p || p == e )
    {
        hl_error(fdt, e->node, "xen,evtchn",
                 "phandle %#x is not the xen,evtchn-v1 node of another end",
                 e->peer_phandle);
        return -EINVAL;
    }
    if ( !self || p->peer_phandle != self )
    {
        hl_error(fdt, e->node, "xen,evtchn",
                 "the peer node (phandle %#x) does not point back to this one",
                 e->peer_phandle);
        return -EINVAL;
    }
    e->peer = p;
    return check_enhanced(fdt, e);
}

int hl_check_evtchns(const void *fdt, struct boot_info *bi)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < bi->nr_evtchns; i++ )
        rc = check_port_unique(fdt, bi, i) ?: check_peer(fdt, bi, i) ?: rc;
    return rc;
}
