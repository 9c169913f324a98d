/* SPDX-License-Identifier: GPL-2.0-only */
/* Test guests: Xen hypercalls (HVC #0xEA1) and the ABI values they use. */
#ifndef XENCALL_H
#define XENCALL_H

#include "guest.h"

#pragma GCC visibility push(hidden)

#define HC_memory_op 12
#define HC_xen_version 17
#define HC_console_io 18
#define HC_grant_table_op 20
#define HC_vcpu_op 24
#define HC_sched_op 29
#define HC_event_channel_op 32
#define HC_hvm_op 34

#define DOMID_SELF 0x7ff0

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq 1
#define EVTCHNOP_close 3
#define EVTCHNOP_send 4
#define EVTCHNOP_status 5
#define EVTCHNOP_alloc_unbound 6
#define EVTCHNOP_bind_vcpu 8
#define EVTCHNOP_unmask 9
#define EVTCHNOP_init_control 11

#define E_PERM (-1)
#define E_NOENT (-2)
#define E_SRCH (-3)
#define E_FAULT (-14)
#define E_BUSY (-16)
#define E_EXIST (-17)
#define E_INVAL (-22)
#define E_NOSPC (-28)
#define E_NOSYS (-38)
#define E_OPNOTSUPP (-95)

/* The layouts a 64-bit guest passes (Xen's public headers). */
struct vcpu_info {
    uint8_t upcall_pending, upcall_mask, pad[6];
    uint64_t pending_sel;
    uint8_t time[32];
};

struct shared_info {
    struct vcpu_info vcpu_info[1];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
};

struct grant_entry_v1 {
    uint16_t flags, domid;
    uint32_t frame;
};

struct gnttab_map {
    uint64_t host_addr;
    uint32_t flags, ref;
    uint16_t dom;
    int16_t status;
    uint32_t handle;
    uint64_t dev_bus_addr;
};

struct gnttab_unmap {
    uint64_t host_addr, dev_bus_addr;
    uint32_t handle;
    int16_t status;
    uint16_t pad;
};

long xen_hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
               uint64_t a4);

/* event_channel_op with a struct of up to 6 words on the stack. */
long evtchn_op(unsigned int cmd, void *arg);
long evtchn_send(uint32_t port);
long evtchn_alloc_unbound(uint16_t dom, uint16_t remote, uint32_t *port);
long evtchn_bind_interdomain(uint16_t remote, uint32_t rport, uint32_t *lport);
/* XENMEM_add_to_physmap for @domid, @space, @idx at frame @gpfn. */
long xen_add_to_physmap(uint16_t domid, uint32_t space, uint64_t idx,
                        uint64_t gpfn);
/* The value of bootargs key "@key=" (a number), or @def. */
uint64_t bootarg(const char *key, uint64_t def);

#pragma GCC visibility pop

#endif
