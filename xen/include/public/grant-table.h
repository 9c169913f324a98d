/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's grant_table_op ABI (grant tables v1), as documented. */
#ifndef PUBLIC_GRANT_TABLE_H
#define PUBLIC_GRANT_TABLE_H

#include <public/xen.h>

#define GNTTABOP_map_grant_ref 0
#define GNTTABOP_unmap_grant_ref 1
#define GNTTABOP_setup_table 2
#define GNTTABOP_query_size 6
#define GNTTABOP_set_version 8
#define GNTTABOP_get_version 10

/* A v1 grant entry, 8 bytes, in the granting domain's table frames. */
struct grant_entry_v1 {
    uint16_t flags;
    uint16_t domid;
    uint32_t frame;
};

#define GTF_type_mask 3U
#define GTF_permit_access 1U
#define GTF_readonly (1U << 2)
#define GTF_reading (1U << 3)
#define GTF_writing (1U << 4)

#define GNTMAP_host_map (1U << 1)
#define GNTMAP_readonly (1U << 2)

#define GNTST_okay 0
#define GNTST_general_error (-1)
#define GNTST_bad_domain (-2)
#define GNTST_bad_gntref (-3)
#define GNTST_bad_handle (-4)
#define GNTST_bad_virt_addr (-5)
#define GNTST_permission_denied (-8)
#define GNTST_no_space (-13)

struct gnttab_map_grant_ref {
    uint64_t host_addr;
    uint32_t flags;
    uint32_t ref;
    uint16_t dom;
    int16_t status;  /* out */
    uint32_t handle; /* out */
    uint64_t dev_bus_addr;
};

struct gnttab_unmap_grant_ref {
    uint64_t host_addr;
    uint64_t dev_bus_addr;
    uint32_t handle;
    int16_t status; /* out */
    uint16_t pad;
};

struct gnttab_query_size {
    uint16_t dom;
    uint16_t pad;
    uint32_t nr_frames;     /* out */
    uint32_t max_nr_frames; /* out */
    int16_t status;         /* out */
    uint16_t pad2;
};

struct gnttab_set_version {
    uint32_t version;
};

struct gnttab_get_version {
    uint16_t dom;
    uint16_t pad;
    uint32_t version; /* out */
};

#endif /* PUBLIC_GRANT_TABLE_H */
