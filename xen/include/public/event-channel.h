/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's event_channel_op ABI (2-level event channels), as documented. */
#ifndef PUBLIC_EVENT_CHANNEL_H
#define PUBLIC_EVENT_CHANNEL_H

#include <public/xen.h>

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq 1
#define EVTCHNOP_bind_pirq 2
#define EVTCHNOP_close 3
#define EVTCHNOP_send 4
#define EVTCHNOP_status 5
#define EVTCHNOP_alloc_unbound 6
#define EVTCHNOP_bind_ipi 7
#define EVTCHNOP_bind_vcpu 8
#define EVTCHNOP_unmask 9
#define EVTCHNOP_reset 10
#define EVTCHNOP_init_control 11
#define EVTCHNOP_expand_array 12
#define EVTCHNOP_set_priority 13

struct evtchn_alloc_unbound {
    uint16_t dom, remote_dom;
    evtchn_port_t port; /* out */
};

struct evtchn_bind_interdomain {
    uint16_t remote_dom;
    uint16_t pad;
    evtchn_port_t remote_port;
    evtchn_port_t local_port; /* out */
};

struct evtchn_bind_virq {
    uint32_t virq;
    uint32_t vcpu;
    evtchn_port_t port; /* out */
};

struct evtchn_bind_ipi {
    uint32_t vcpu;
    evtchn_port_t port; /* out */
};

/* close, send, unmask */
struct evtchn_port_arg {
    evtchn_port_t port;
};

#define EVTCHNSTAT_closed 0
#define EVTCHNSTAT_unbound 1
#define EVTCHNSTAT_interdomain 2
#define EVTCHNSTAT_pirq 3
#define EVTCHNSTAT_virq 4
#define EVTCHNSTAT_ipi 5

struct evtchn_status {
    uint16_t dom;
    uint16_t pad;
    evtchn_port_t port;
    uint32_t status; /* out */
    uint32_t vcpu;   /* out */
    union {
        uint16_t unbound_dom;
        struct {
            uint16_t dom;
            uint16_t pad;
            evtchn_port_t port;
        } interdomain;
        uint32_t virq;
    } u;
};

struct evtchn_bind_vcpu {
    evtchn_port_t port;
    uint32_t vcpu;
};

#define VIRQ_TIMER 0
#define VIRQ_DEBUG 1
#define VIRQ_CONSOLE 2
#define VIRQ_XENOPROF 7
#define VIRQ_XENPMU 13
#define NR_VIRQS 24

#endif /* PUBLIC_EVENT_CHANNEL_H */
