/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostile-pv: a xen,enhanced domain passing bad arguments to every
 * hypercall it has (bad pointers, huge counts, ports and grant references
 * out of range, another domain's objects, unknown numbers), then a storm
 * of calls from all its vCPUs at once.  Bootargs "peer=N" name a
 * xen,enhanced domain, "plain=N" one without.  Every result that is not
 * the Xen error code prints "hostile-pv: FAIL ..."; the end is
 * "HOSTILE-PV-DONE <n> failures", then a SCHEDOP_shutdown with reason
 * crash.
 */
#include "xencall.h"

const char guest_name[] = "hostile-pv";

#define STORM_CALLS 2000
#define BAD_LOW 0x10UL
#define BAD_HIGH 0xfffffffffffff000UL
#define GIC_GPA 0x03001000UL

static volatile unsigned int fails;
static uint8_t odd_buf[16];
static uint8_t page_buf[8192] __attribute__((aligned(4096)));
static volatile unsigned int storm_done[8];
static uint16_t peer, plain;

#define CHECK(what, call, want) \
    do \
    { \
        long _rc = (call); \
        if ( _rc != (long)(want) ) \
        { \
            gprintf("hostile-pv: FAIL %s: %ld, expected %ld\n", what, _rc, \
                    (long)(want)); \
            __atomic_fetch_add(&fails, 1, __ATOMIC_SEQ_CST); \
        } \
    } while ( 0 )

#define U(p) ((uint64_t)(uintptr_t)(p))

static long hc(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
    return xen_hcall(nr, a0, a1, a2, 0, 0);
}

static long port_op(unsigned int cmd, uint32_t port)
{
    return evtchn_op(cmd, &port);
}

static void bad_pointers(void)
{
    uint64_t ram_end = gi.ram_base + gi.ram_bytes;

    CHECK("get_features to 0x10", hc(HC_xen_version, 6, BAD_LOW, 0), E_FAULT);
    CHECK("get_features to top", hc(HC_xen_version, 6, BAD_HIGH, 0), E_FAULT);
    CHECK("extraversion across end of RAM",
          hc(HC_xen_version, 1, ram_end - 8, 0), E_FAULT);
    CHECK("extraversion to the GIC", hc(HC_xen_version, 1, GIC_GPA, 0),
          E_FAULT);
    CHECK("console write from 0x10", hc(HC_console_io, 0, 100, BAD_LOW),
          E_FAULT);
    CHECK("evtchn arg at 0x10", evtchn_op(EVTCHNOP_send, (void *)BAD_LOW),
          E_FAULT);
    CHECK("memory_op arg at top", hc(HC_memory_op, 7, BAD_HIGH, 0), E_FAULT);
    CHECK("grant map arg at 0x10", hc(HC_grant_table_op, 0, BAD_LOW, 1),
          E_FAULT);
    CHECK("vcpu_info arg at 0x10", hc(HC_vcpu_op, 10, 0, BAD_LOW), E_FAULT);
    CHECK("hvm param at 0x10", hc(HC_hvm_op, 1, BAD_LOW, 0), E_FAULT);
    CHECK("shutdown arg at 0x10", hc(HC_sched_op, 2, BAD_LOW, 0), E_FAULT);
    /* Misaligned and page-crossing arguments are fine, as on Xen. */
    CHECK("get_features at an odd address",
          hc(HC_xen_version, 6, U(odd_buf + 1), 0), 0);
    CHECK("get_features across a page",
          hc(HC_xen_version, 6, (U(page_buf) | 0xfff) - 3, 0), 0);
}

static void huge_counts(void)
{
    struct {
        uint64_t ports;
        uint32_t nr, pad;
        uint64_t timeout;
    } poll = { BAD_LOW, 100000, 0, 0 };
    struct {
        uint16_t domid, space, size, fdom;
        uint64_t idxs, gpfns, errs;
    } batch = { DOMID_SELF, 0, 60000, 0, BAD_LOW, BAD_LOW, BAD_LOW };
    uint32_t port = 5000;

    CHECK("console write 2^31-1 bytes", hc(HC_console_io, 0, 0x7fffffff, 0),
          E_INVAL);
    CHECK("grant op count 2^32-1", hc(HC_grant_table_op, 0, 0, 0xffffffff),
          E_INVAL);
    CHECK("poll 100000 ports", hc(HC_sched_op, 3, U(&poll), 0), E_INVAL);
    poll.nr = 1;
    CHECK("poll ports at 0x10", hc(HC_sched_op, 3, U(&poll), 0), E_FAULT);
    poll.ports = U(&port);
    CHECK("poll port 5000", hc(HC_sched_op, 3, U(&poll), 0), E_INVAL);
    CHECK("physmap batch of 60000", hc(HC_memory_op, 23, U(&batch), 0),
          E_INVAL);
}

static void bad_ports(void)
{
    struct {
        uint32_t virq, vcpu, port;
    } bv = { 99, 0, 0 };
    struct {
        uint32_t port, vcpu;
    } bc = { 3000, 0 };
    struct {
        uint16_t dom, pad;
        uint32_t port, status, vcpu, u0, u1;
    } st = { DOMID_SELF, 0, 0xffffffff, 0, 0, 0, 0 };
    uint32_t p, n = 0, i;

    CHECK("send port 5000", port_op(EVTCHNOP_send, 5000), E_INVAL);
    CHECK("send port 2^32-1", port_op(EVTCHNOP_send, 0xffffffff), E_INVAL);
    CHECK("send port 0", port_op(EVTCHNOP_send, 0), E_INVAL);
    CHECK("close port 1024", port_op(EVTCHNOP_close, 1024), E_INVAL);
    CHECK("unmask port 4096", port_op(EVTCHNOP_unmask, 4096), E_INVAL);
    CHECK("status port 2^32-1", evtchn_op(EVTCHNOP_status, &st), E_INVAL);
    st.dom = peer;
    st.port = 1;
    CHECK("status of the peer's port", evtchn_op(EVTCHNOP_status, &st),
          E_PERM);
    CHECK("bind_vcpu port 3000", evtchn_op(EVTCHNOP_bind_vcpu, &bc), E_INVAL);
    CHECK("bind_virq 99", evtchn_op(EVTCHNOP_bind_virq, &bv), E_INVAL);
    bv.virq = 1;
    bv.vcpu = 99;
    CHECK("bind_virq on vCPU 99", evtchn_op(EVTCHNOP_bind_virq, &bv), E_NOENT);
    CHECK("evtchn op 99", evtchn_op(99, &bc), E_NOSYS);
    CHECK("evtchn op 2^32-1", evtchn_op(0xffffffff, &bc), E_NOSYS);
    CHECK("FIFO init_control", evtchn_op(EVTCHNOP_init_control, &bc), E_NOSYS);
    CHECK("alloc_unbound in the peer",
          evtchn_alloc_unbound(peer, DOMID_SELF, &p), E_PERM);
    CHECK("alloc_unbound for a plain domain",
          evtchn_alloc_unbound(DOMID_SELF, plain, &p), E_SRCH);
    CHECK("alloc_unbound for domain 77",
          evtchn_alloc_unbound(DOMID_SELF, 77, &p), E_SRCH);
    CHECK("bind the peer's port 2", evtchn_bind_interdomain(peer, 2, &p),
          E_INVAL);
    CHECK("bind the peer's port 99999",
          evtchn_bind_interdomain(peer, 99999, &p), E_INVAL);
    CHECK("bind a plain domain's port", evtchn_bind_interdomain(plain, 1, &p),
          E_SRCH);
    while ( evtchn_alloc_unbound(DOMID_SELF, DOMID_SELF, &p) == 0 && n < 5000 )
        n++;
    CHECK("ports until -ENOSPC", n, 1023);
    CHECK("one more port", evtchn_alloc_unbound(DOMID_SELF, DOMID_SELF, &p),
          E_NOSPC);
    for ( i = 1; i <= n; i++ )
        CHECK("close", port_op(EVTCHNOP_close, i), 0);
}

static long grant_map(uint16_t dom, uint32_t ref, uint64_t addr,
                      int16_t *status)
{
    struct gnttab_map m = { addr, 2, ref, dom, 99, 0, 0 };
    long rc = hc(HC_grant_table_op, 0, U(&m), 1);

    *status = m.status;
    return rc;
}

static void bad_grants(void)
{
    struct gnttab_unmap u = { 0, 0, 999, 99, 0 };
    struct {
        uint16_t dom, pad;
        uint32_t nr, max;
        int16_t status, pad2;
    } q = { peer, 0, 0, 0, 99, 0 };
    struct {
        uint16_t dom, pad;
        uint32_t version;
    } gv = { peer, 0, 0 };
    uint32_t ver = 3;
    int16_t st;

    CHECK("map ref 99999", grant_map(peer, 99999, 0x39000000, &st), 0);
    CHECK("map ref 99999 status", st, -3);
    CHECK("map a ref not granted to us", grant_map(peer, 0, 0x39000000, &st),
          0);
    CHECK("map not granted status", st, -8);
    CHECK("map from a plain domain", grant_map(plain, 0, 0x39000000, &st), 0);
    CHECK("map plain status", st, -2);
    CHECK("map at a misaligned address", grant_map(peer, 0, 0x39000010, &st),
          0);
    CHECK("map misaligned status", st, -5);
    CHECK("unmap handle 999", hc(HC_grant_table_op, 1, U(&u), 1), 0);
    CHECK("unmap handle 999 status", u.status, -4);
    CHECK("query_size of the peer", hc(HC_grant_table_op, 6, U(&q), 1), 0);
    CHECK("query_size of the peer status", q.status, -8);
    CHECK("get_version of the peer", hc(HC_grant_table_op, 10, U(&gv), 1),
          E_PERM);
    CHECK("set_version 3", hc(HC_grant_table_op, 8, U(&ver), 1), E_INVAL);
    CHECK("grant op 99", hc(HC_grant_table_op, 99, U(&ver), 1), E_NOSYS);
}

static void bad_memory_vcpu_hvm_sched(void)
{
    uint64_t ram_gfn = gi.ram_base >> 12;
    struct {
        uint64_t mfn;
        uint32_t offset, rsvd;
    } r = { ram_gfn + 0x2000, 4090, 0 };
    struct {
        uint16_t domid, pad;
        uint32_t index;
        uint64_t value;
    } p = { DOMID_SELF, 0, 1, 5 };
    uint32_t reason = 99;

    CHECK("physmap into the peer", xen_add_to_physmap(peer, 0, 0, ram_gfn),
          E_PERM);
    CHECK("shared_info outside RAM",
          xen_add_to_physmap(DOMID_SELF, 0, 0, 0x10), E_INVAL);
    CHECK("shared_info idx 1", xen_add_to_physmap(DOMID_SELF, 0, 1, ram_gfn),
          E_INVAL);
    CHECK("grant frame 99", xen_add_to_physmap(DOMID_SELF, 1, 99, 0x38000),
          E_INVAL);
    CHECK("grant frame over RAM",
          xen_add_to_physmap(DOMID_SELF, 1, 0, ram_gfn + 0x100), E_BUSY);
    CHECK("grant frame over the GIC",
          xen_add_to_physmap(DOMID_SELF, 1, 0, GIC_GPA >> 12), E_BUSY);
    CHECK("grant frame beyond the IPA space",
          xen_add_to_physmap(DOMID_SELF, 1, 0, 1UL << 40), E_INVAL);
    CHECK("grant frame outside the grant window",
          xen_add_to_physmap(DOMID_SELF, 1, 0, 0x80000), E_INVAL);
    CHECK("physmap space 9", xen_add_to_physmap(DOMID_SELF, 9, 0, ram_gfn),
          E_OPNOTSUPP);
    CHECK("memory op 99", hc(HC_memory_op, 99, 0, 0), E_NOSYS);
    CHECK("vcpu_op on vCPU 99", hc(HC_vcpu_op, 10, 99, U(&r)), E_NOENT);
    CHECK("vcpu_info crossing a page", hc(HC_vcpu_op, 10, 0, U(&r)), E_INVAL);
    r.offset = 0;
    r.mfn = 0x10;
    CHECK("vcpu_info outside RAM", hc(HC_vcpu_op, 10, 0, U(&r)), E_INVAL);
    r.mfn = ram_gfn + 0x2000;
    r.rsvd = 1;
    CHECK("vcpu_info rsvd set", hc(HC_vcpu_op, 10, 0, U(&r)), E_INVAL);
    CHECK("vcpu op 99", hc(HC_vcpu_op, 99, 0, 0), E_NOSYS);
    CHECK("set store_pfn", hc(HC_hvm_op, 0, U(&p), 0), E_PERM);
    p.index = 999;
    CHECK("get param 999", hc(HC_hvm_op, 1, U(&p), 0), E_INVAL);
    p.index = 1;
    p.domid = peer;
    CHECK("get the peer's param", hc(HC_hvm_op, 1, U(&p), 0), E_PERM);
    CHECK("hvm op 99", hc(HC_hvm_op, 99, 0, 0), E_NOSYS);
    CHECK("shutdown reason 99", hc(HC_sched_op, 2, U(&reason), 0), E_INVAL);
    reason = 2;
    CHECK("shutdown suspend", hc(HC_sched_op, 2, U(&reason), 0), E_OPNOTSUPP);
    CHECK("sched op 99", hc(HC_sched_op, 99, 0, 0), E_NOSYS);
    CHECK("hypercall 0", hc(0, 0, 0, 0), E_NOSYS);
    CHECK("hypercall 63", hc(63, 0, 0, 0), E_NOSYS);
    CHECK("hypercall 64", hc(64, 0, 0, 0), E_NOSYS);
    CHECK("hypercall 2^64-1", hc(~0UL, 0, 0, 0), E_NOSYS);
}

/* Many calls, good and bad, from every vCPU at once. */
static void storm(unsigned int cpu)
{
    int16_t st;
    uint32_t p;
    unsigned int i;
    long rc;

    for ( i = 0; i < STORM_CALLS; i++ )
    {
        CHECK("storm version", hc(HC_xen_version, 0, 0, 0), 0x40011);
        CHECK("storm send", port_op(EVTCHNOP_send, 2000 + i), E_INVAL);
        if ( evtchn_alloc_unbound(DOMID_SELF, peer, &p) == 0 )
            CHECK("storm close", port_op(EVTCHNOP_close, p), 0);
        /* The peer may have ended meanwhile: then it is not found. */
        rc = evtchn_bind_interdomain(peer, i % 8, &p);
        CHECK("storm bind", rc == E_SRCH ? E_INVAL : rc, E_INVAL);
        CHECK("storm map", grant_map(peer, i, 0x39000000, &st), 0);
        CHECK("storm map status", st == -2 ? -8 : st, -8);
        CHECK("storm console", hc(HC_console_io, 0, 8, BAD_LOW), E_FAULT);
        CHECK("storm unknown", hc(50 + i % 14, 0, 0, 0), E_NOSYS);
    }
    storm_done[cpu] = 1;
}

void secondary_main(unsigned long cpu)
{
    storm((unsigned int)cpu);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    guest_halt();
}

void guest_main(const void *fdt)
{
    unsigned int n, i;
    uint32_t reason = 3; /* SHUTDOWN_crash */

    guest_dt_read(fdt);
    peer = (uint16_t)bootarg("peer=", 1);
    plain = (uint16_t)bootarg("plain=", 3);
    bad_pointers();
    huge_counts();
    bad_ports();
    bad_grants();
    bad_memory_vcpu_hvm_sched();
    gprintf("hostile-pv: single calls done, %u failures\n", fails);
    n = start_other_cpus();
    storm(0);
    for ( i = 1; i <= n; i++ )
        while ( !storm_done[i] )
            ;
    gprintf("hostile-pv: storm of %u calls on %u vCPUs done\n",
            STORM_CALLS * 8, n + 1);
    gprintf("HOSTILE-PV-DONE %u failures\n", fails);
    hc(HC_sched_op, 2, U(&reason), 0);
    gprintf("hostile-pv: FAIL still running after shutdown(crash)\n");
    psci_system_off();
}
