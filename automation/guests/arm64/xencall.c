/* SPDX-License-Identifier: GPL-2.0-only */
/* Test guests: the Xen hypercall instruction and small call wrappers. */
#include "xencall.h"

long xen_hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
               uint64_t a4)
{
    register uint64_t x0 asm("x0") = a0;
    register uint64_t x1 asm("x1") = a1;
    register uint64_t x2 asm("x2") = a2;
    register uint64_t x3 asm("x3") = a3;
    register uint64_t x4 asm("x4") = a4;
    register uint64_t x16 asm("x16") = nr;

    asm volatile("hvc #0xea1"
                 : "+r"(x0)
                 : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x16)
                 : "memory");
    return (long)x0;
}

long evtchn_op(unsigned int cmd, void *arg)
{
    return xen_hcall(HC_event_channel_op, cmd, (uint64_t)(uintptr_t)arg, 0, 0,
                     0);
}

long evtchn_send(uint32_t port)
{
    uint32_t p = port;

    return evtchn_op(EVTCHNOP_send, &p);
}

long evtchn_alloc_unbound(uint16_t dom, uint16_t remote, uint32_t *port)
{
    struct {
        uint16_t dom, remote;
        uint32_t port;
    } a = { dom, remote, 0 };
    long rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);

    *port = a.port;
    return rc;
}

long evtchn_bind_interdomain(uint16_t remote, uint32_t rport, uint32_t *lport)
{
    struct {
        uint16_t remote, pad;
        uint32_t rport, lport;
    } a = { remote, 0, rport, 0 };
    long rc = evtchn_op(EVTCHNOP_bind_interdomain, &a);

    *lport = a.lport;
    return rc;
}

long xen_add_to_physmap(uint16_t domid, uint32_t space, uint64_t idx,
                        uint64_t gpfn)
{
    struct {
        uint16_t domid, size;
        uint32_t space;
        uint64_t idx, gpfn;
    } x = { domid, 0, space, idx, gpfn };

    return xen_hcall(HC_memory_op, 7, (uint64_t)(uintptr_t)&x, 0, 0, 0);
}

uint64_t bootarg(const char *key, uint64_t def)
{
    const char *s = str_find(gi.bootargs, key);

    return s ? str_to_u64(s + str_len(key)) : def;
}
