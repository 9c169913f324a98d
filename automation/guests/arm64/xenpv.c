/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenpv: a xen,enhanced domain's view of the PV interfaces.  Reads its
 * /hypervisor node, places shared_info and its vcpu_info, then (bootargs
 * "role=1 peer=N" / "role=2 peer=N") ping-pongs over an event channel
 * with the peer domain and passes a page through a grant, then checks the
 * other calls on its own.  Every result that differs from what Xen's
 * interface promises prints "xenpv: FAIL ..."; the end is XENPV-DONE.
 */
#include "xencall.h"

const char guest_name[] = "xenpv";

#define MIB (1UL << 20)
#define GNTTAB_GPA 0x38000000UL
#define GRANT_MAP_GPA 0x39000000UL
#define GRANT_REF 8
#define ROUNDS 200

static volatile struct shared_info *si;
static volatile struct vcpu_info *vi;
static uint8_t *grant_page;
static unsigned int fails;

static void expect(const char *what, long got, long want)
{
    if ( got == want )
        return;
    gprintf("xenpv: FAIL %s: %ld, expected %ld\n", what, got, want);
    fails++;
}

static uint64_t now(void)
{
    uint64_t t;

    asm volatile("isb; mrs %0, cntvct_el0" : "=r"(t));
    return t;
}

static uint64_t freq(void)
{
    uint64_t f;

    asm volatile("mrs %0, cntfrq_el0" : "=r"(f));
    return f;
}

/* "@prefix<@v in hex>" into @buf (48 bytes). */
static void snprintf_hex(char *buf, const char *prefix, uint64_t v)
{
    static const char hex[] = "0123456789abcdef";
    unsigned int n = 0, i;
    char digits[17];

    while ( *prefix )
        buf[n++] = *prefix++;
    i = 0;
    do
    {
        digits[i++] = hex[v & 15];
        v >>= 4;
    } while ( v );
    while ( i )
        buf[n++] = digits[--i];
    buf[n] = 0;
}

static void check_dt(const void *fdt)
{
    int node = fdt_path(fdt, "/hypervisor");
    const uint8_t *reg, *irq;
    uint32_t len;

    if ( node < 0 || !fdt_compatible(fdt, node, "xen,xen") ||
         !fdt_compatible(fdt, node, "xen,xen-4.17") )
    {
        gprintf("xenpv: FAIL no /hypervisor node compatible xen,xen-4.17\n");
        fails++;
        return;
    }
    reg = fdt_prop(fdt, node, "reg", &len);
    if ( !reg || len != 16 )
        return;
    irq = fdt_prop(fdt, node, "interrupts", &len);
    if ( !irq || len != 12 )
        return;
    gprintf("xenpv: /hypervisor reg=0x%lx+0x%lx interrupts=<%u %u 0x%x>\n",
            fdt_read_cells(reg, 0, 2), fdt_read_cells(reg, 2, 2), be32(irq),
            be32(irq + 4), be32(irq + 8));
}

static void setup_shared(void)
{
    uint64_t base = gi.ram_base + 32 * MIB;
    struct {
        uint64_t mfn;
        uint32_t offset, rsvd;
    } r = { (base >> 12) + 1, 64, 0 };

    si = (volatile struct shared_info *)(uintptr_t)base;
    vi = (volatile struct vcpu_info *)(uintptr_t)(base + 4096 + 64);
    grant_page = (uint8_t *)(uintptr_t)(base + 8192);
    expect("add_to_physmap shared_info",
           xen_add_to_physmap(DOMID_SELF, 0, 0, base >> 12), 0);
    expect("register_vcpu_info",
           xen_hcall(HC_vcpu_op, 10, 0, (uint64_t)(uintptr_t)&r, 0, 0), 0);
    expect("register_vcpu_info again",
           xen_hcall(HC_vcpu_op, 10, 0, (uint64_t)(uintptr_t)&r, 0, 0),
           E_INVAL);
    expect("add_to_physmap grant frame 0",
           xen_add_to_physmap(DOMID_SELF, 1, 0, GNTTAB_GPA >> 12), 0);
}

/* Take the event on @port if it is pending: selector, then the bit. */
static bool take_event(uint32_t port)
{
    uint64_t bit = 1UL << (port % 64);

    vi->upcall_pending = 0;
    __atomic_exchange_n(&vi->pending_sel, 0, __ATOMIC_SEQ_CST);
    return __atomic_fetch_and(&si->evtchn_pending[port / 64], ~bit,
                              __ATOMIC_SEQ_CST) &
           bit;
}

/*
 * Bootargs "irq=1": events are taken as Linux takes them, through the
 * event-channel PPI (31) of the /hypervisor node on the GICv3 CPU
 * interface, waiting in WFI.
 */
#define EVTCHN_PPI 31
#define GICD_CTLR 0x03001000UL
#define GICR_SGI_BASE (0x03020000UL + 0x10000)
static unsigned int irqs_taken;

static void gic_setup(void)
{
    *(volatile uint32_t *)GICD_CTLR = 0x12; /* ARE_NS, EnableGrp1NS */
    *(volatile uint32_t *)(GICR_SGI_BASE + 0x80) = 1U << EVTCHN_PPI;
    *(volatile uint32_t *)(GICR_SGI_BASE + 0x100) = 1U << EVTCHN_PPI;
    asm volatile("msr S3_0_C4_C6_0, %0" ::"r"(0xffUL)); /* ICC_PMR_EL1 */
    asm volatile("msr S3_0_C12_C12_7, %0" ::"r"(1UL));  /* ICC_IGRPEN1 */
    asm volatile("isb" ::: "memory");
}

static void wait_irq(void)
{
    uint64_t intid;

    asm volatile("dsb sy; wfi" ::: "memory");
    asm volatile("mrs %0, S3_0_C12_C12_0" : "=r"(intid)); /* IAR1 */
    if ( (intid & 0xffffff) >= 1020 )
        return;
    asm volatile("msr S3_0_C12_C12_1, %0" ::"r"(intid)); /* EOIR1 */
    irqs_taken += (intid & 0xffffff) == EVTCHN_PPI;
}

static void wait_event(uint32_t port)
{
    while ( !take_event(port) )
    {
        if ( bootarg("irq=", 0) )
            wait_irq();
        else
            xen_hcall(HC_sched_op, bootarg("schedop=", 1), 0, 0, 0, 0);
    }
}

static void grant_to_peer(uint16_t peer)
{
    volatile struct grant_entry_v1 *gt =
        (volatile struct grant_entry_v1 *)GNTTAB_GPA;
    const char msg[] = "data granted by the ping domain";
    unsigned int i;

    for ( i = 0; i < sizeof(msg); i++ )
        grant_page[i] = (uint8_t)msg[i];
    gt[GRANT_REF].frame = (uint32_t)((uintptr_t)grant_page >> 12);
    gt[GRANT_REF].domid = peer;
    asm volatile("dmb ish" ::: "memory");
    gt[GRANT_REF].flags = 1 | 4; /* permit_access, readonly */
}

static void map_from_peer(uint16_t peer)
{
    struct gnttab_map m = { GRANT_MAP_GPA, 2 | 4, GRANT_REF, peer, 0, 0, 0 };
    struct gnttab_unmap u = { GRANT_MAP_GPA, 0, 0, 0, 0 };
    volatile char *p = (volatile char *)GRANT_MAP_GPA;
    char buf[40];
    unsigned int i, seen;

    m.flags = 2; /* writable: the grant is read-only */
    expect("map rw grant",
           xen_hcall(HC_grant_table_op, 0, (uint64_t)(uintptr_t)&m, 1, 0, 0),
           0);
    expect("map rw grant status", m.status, -8);
    m.flags = 2 | 4;
    expect("map grant",
           xen_hcall(HC_grant_table_op, 0, (uint64_t)(uintptr_t)&m, 1, 0, 0),
           0);
    expect("map grant status", m.status, 0);
    if ( m.status )
        return; /* nothing mapped there: nothing to read */
    for ( i = 0; i < sizeof(buf) - 1 && p[i]; i++ )
        buf[i] = p[i];
    buf[i] = 0;
    gprintf("xenpv: mapped grant %u of d%u: \"%s\"\n", GRANT_REF, peer, buf);
    u.handle = m.handle;
    expect("unmap grant",
           xen_hcall(HC_grant_table_op, 1, (uint64_t)(uintptr_t)&u, 1, 0, 0),
           0);
    expect("unmap grant status", u.status, 0);
    seen = exc_count;
    exc_quiet = true;
    (void)p[0];
    exc_quiet = false;
    expect("read after unmap faults", exc_count - seen, 1);
}

static void copy_str(volatile char *dst, const char *src)
{
    while ( (*dst++ = *src++) )
        ;
}

static void read_str(char *dst, const volatile char *src, unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < n - 1 && src[i]; i++ )
        dst[i] = src[i];
    dst[i] = 0;
}

/*
 * Static shared memory at bootargs "shm=<guest address>": its
 * /reserved-memory node, then a message each way (@phase 1: the ping end
 * writes; 2: the pong end reads and answers; 3: the ping end reads).
 */
static void shm_step(const void *fdt, unsigned int phase)
{
    uint64_t gpa = bootarg("shm=", 0);
    volatile char *shm = (volatile char *)(uintptr_t)gpa;
    char path[48], buf[64];
    const char *id;
    uint32_t len;
    int node;

    if ( !gpa )
        return;
    if ( phase == 1 )
    {
        copy_str(shm, "written by the ping domain");
        return;
    }
    if ( phase == 2 )
    {
        snprintf_hex(path, "/reserved-memory/xen-shmem@", gpa);
        node = fdt_path(fdt, path);
        id = node >= 0 ? fdt_prop(fdt, node, "xen,id", &len) : NULL;
        read_str(buf, shm, sizeof(buf));
        gprintf("xenpv: %s xen,id \"%s\" reads \"%s\"\n", path, id ? id : "?",
                buf);
        copy_str(shm + 2048, "answered by the pong domain");
        return;
    }
    read_str(buf, shm + 2048, sizeof(buf));
    gprintf("xenpv: shared memory reads \"%s\"\n", buf);
}

static void pingpong(const void *fdt, unsigned int role, uint16_t peer)
{
    uint32_t port = 0;
    uint64_t t0, t;
    unsigned int i, tries = 0;

    port = (uint32_t)bootarg("static=", 0);
    if ( port )
    {
        /* Bound at boot: the pong end says it is ready. */
        if ( role == 1 )
            wait_event(port);
        else
            expect("send on the static port", evtchn_send(port), 0);
    }
    else if ( role == 1 )
    {
        expect("alloc_unbound for peer",
               evtchn_alloc_unbound(DOMID_SELF, peer, &port), 0);
        wait_event(port); /* the peer bound and said so */
    }
    else
    {
        while ( evtchn_bind_interdomain(peer, 1, &port) && ++tries < 100000 )
            xen_hcall(HC_sched_op, 0, 0, 0, 0, 0); /* yield */
        take_event(port);                          /* binding raised it once */
        expect("bind_interdomain to peer port 1", tries < 100000, 1);
        evtchn_send(port);
    }
    t0 = now();
    for ( i = 0; i < ROUNDS; i++ )
    {
        if ( role == 1 )
        {
            evtchn_send(port);
            wait_event(port);
        }
        else
        {
            wait_event(port);
            evtchn_send(port);
        }
    }
    t = now() - t0;
    if ( role == 1 )
    {
        gprintf("xenpv: %u event round trips with d%u, %lu ns each\n", ROUNDS,
                peer, t * 1000000000UL / freq() / ROUNDS);
        grant_to_peer(peer);
        shm_step(fdt, 1);
        evtchn_send(port);
        wait_event(port); /* the peer has read and unmapped it */
        shm_step(fdt, 3);
    }
    else
    {
        wait_event(port);
        map_from_peer(peer);
        shm_step(fdt, 2);
        evtchn_send(port);
    }
    if ( bootarg("static=", 0) ) /* closed as on Xen 4.17: allowed */
        expect("close a static port", evtchn_op(EVTCHNOP_close, &port), 0);
    /*
     * Most rounds, not all: an event already pending when this vCPU
     * looks (the host was slow to run it) is taken without waiting, and
     * one upcall interrupt may then stand for two events.  Without irq=
     * none comes.
     */
    if ( bootarg("irq=", 0) )
    {
        gprintf("xenpv: %u interrupts on PPI %u in %u rounds\n", irqs_taken,
                EVTCHN_PPI, ROUNDS);
        gprintf("xenpv: events came through PPI %u: %s\n", EVTCHN_PPI,
                irqs_taken >= ROUNDS / 2 ? "yes" : "no");
    }
    gprintf("xenpv: PINGPONG-DONE role %u port %u\n", role, port);
}

static void check_version(unsigned int loops)
{
    struct {
        uint32_t idx, submap;
    } f = { 0, 0 };
    char extra[16];
    uint64_t t0, t;
    unsigned int i;
    long v = xen_hcall(HC_xen_version, 0, 0, 0, 0, 0);

    expect("get_features",
           xen_hcall(HC_xen_version, 6, (uint64_t)(uintptr_t)&f, 0, 0, 0), 0);
    expect("extraversion",
           xen_hcall(HC_xen_version, 1, (uint64_t)(uintptr_t)extra, 0, 0, 0),
           0);
    extra[15] = 0;
    gprintf("xenpv: xen_version %ld.%ld%s features 0x%x\n", v >> 16,
            v & 0xffff, extra, f.submap);
    t0 = now();
    for ( i = 0; i < loops; i++ )
        xen_hcall(HC_xen_version, 0, 0, 0, 0, 0);
    t = now() - t0;
    gprintf("xenpv: null hypercall %lu ns\n",
            t * 1000000000UL / freq() / loops);
}

/*
 * The cost of the UART's registers: its flag register read @loops times
 * (a console driver's poll), then 0 written as often to its interrupt
 * clear register (a trapped write that changes nothing).
 */
static void time_mmio(unsigned int loops)
{
    volatile uint32_t *fr =
        (volatile uint32_t *)(uintptr_t)(gi.console + 0x18);
    volatile uint32_t *icr =
        (volatile uint32_t *)(uintptr_t)(gi.console + 0x44);
    uint64_t t0, t;
    unsigned int i;

    if ( !gi.console )
        return;
    t0 = now();
    for ( i = 0; i < loops; i++ )
        (void)*fr;
    t = now() - t0;
    gprintf("xenpv: mmio read %lu ns\n", t * 1000000000UL / freq() / loops);
    t0 = now();
    for ( i = 0; i < loops; i++ )
        *icr = 0;
    t = now() - t0;
    gprintf("xenpv: mmio write %lu ns\n", t * 1000000000UL / freq() / loops);
}

/*
 * The cost of a TLB invalidation by VA, all ASIDs, last level, inner
 * shareable (TLBI VAALE1IS then DSB ISH: what Linux does for each page of
 * kernel text it patches), @loops times over one page of this image.  A
 * hypervisor may trap it (HCR_EL2.TTLB).
 */
static void time_tlbi(unsigned int loops)
{
    uint64_t va = ((uint64_t)(uintptr_t)&time_tlbi >> 12), t0, t;
    unsigned int i;

    t0 = now();
    for ( i = 0; i < loops; i++ )
        asm volatile("tlbi vaale1is, %0; dsb ish" ::"r"(va) : "memory");
    t = now() - t0;
    gprintf("xenpv: tlbi %lu ns\n", t * 1000000000UL / freq() / loops);
}

static void check_evtchn(void)
{
    struct {
        uint16_t dom, pad;
        uint32_t port, status, vcpu;
        uint16_t rdom, pad2;
        uint32_t rport;
    } st = { DOMID_SELF, 0, 0, 0, 0, 0, 0, 0 };
    struct {
        uint32_t virq, vcpu, port;
    } bv = { 1, 0, 0 };
    struct {
        uint32_t port, vcpu;
    } bc;
    uint32_t a, b;

    expect("alloc_unbound self",
           evtchn_alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0);
    expect("bind_interdomain loopback",
           evtchn_bind_interdomain(DOMID_SELF, a, &b), 0);
    take_event(b);
    si->evtchn_mask[a / 64] |= 1UL << (a % 64);
    take_event(a);
    expect("send loopback", evtchn_send(b), 0);
    expect("masked: pending bit", (si->evtchn_pending[a / 64] >> (a % 64)) & 1,
           1);
    expect("masked: no upcall", vi->upcall_pending, 0);
    expect("unmask", evtchn_op(EVTCHNOP_unmask, &a), 0);
    expect("unmasked: upcall", vi->upcall_pending, 1);
    expect("unmasked: event taken", take_event(a), 1);
    st.port = a;
    expect("status", evtchn_op(EVTCHNOP_status, &st), 0);
    expect("status interdomain", st.status, 2);
    expect("status remote port", st.rport, b);
    expect("close", evtchn_op(EVTCHNOP_close, &a), 0);
    st.port = b;
    evtchn_op(EVTCHNOP_status, &st);
    expect("peer of closed port unbound", st.status, 1);
    expect("bind_virq debug", evtchn_op(EVTCHNOP_bind_virq, &bv), 0);
    bc.port = bv.port;
    bc.vcpu = 0;
    expect("bind_vcpu of a per-vCPU VIRQ", evtchn_op(EVTCHNOP_bind_vcpu, &bc),
           E_INVAL);
    bv.virq = 2; /* VIRQ_CONSOLE, global */
    expect("bind_virq console", evtchn_op(EVTCHNOP_bind_virq, &bv), 0);
    bc.port = bv.port;
    expect("bind_vcpu", evtchn_op(EVTCHNOP_bind_vcpu, &bc), 0);
    bc.vcpu = 7;
    expect("bind_vcpu no such vcpu", evtchn_op(EVTCHNOP_bind_vcpu, &bc),
           E_NOENT);
    expect("FIFO init_control", evtchn_op(EVTCHNOP_init_control, &bc),
           E_NOSYS);
}

static void check_others(void)
{
    struct {
        uint16_t domid, pad;
        uint32_t index;
        uint64_t value;
    } p = { DOMID_SELF, 0, 1, 99 };
    struct {
        uint16_t dom, pad;
        uint32_t nr, max;
        int16_t status, pad2;
    } q = { DOMID_SELF, 0, 0, 0, 0, 0 };
    uint32_t ver = 1;
    struct {
        uint16_t dom, pad;
        uint32_t version;
    } gv = { DOMID_SELF, 0, 0 };
    static const char line[] = "xenpv: console_io write\n";

    expect("hvm get_param store_pfn",
           xen_hcall(HC_hvm_op, 1, (uint64_t)(uintptr_t)&p, 0, 0, 0), 0);
    expect("store_pfn", (long)p.value, 0);
    expect("grant query_size",
           xen_hcall(HC_grant_table_op, 6, (uint64_t)(uintptr_t)&q, 1, 0, 0),
           0);
    expect("grant frames", q.nr, 4);
    expect("set_version 1",
           xen_hcall(HC_grant_table_op, 8, (uint64_t)(uintptr_t)&ver, 1, 0, 0),
           0);
    ver = 2;
    expect("set_version 2",
           xen_hcall(HC_grant_table_op, 8, (uint64_t)(uintptr_t)&ver, 1, 0, 0),
           E_NOSYS);
    expect("get_version",
           xen_hcall(HC_grant_table_op, 10, (uint64_t)(uintptr_t)&gv, 1, 0, 0),
           0);
    expect("version", gv.version, 1);
    expect("console_io write",
           xen_hcall(HC_console_io, 0, sizeof(line) - 1,
                     (uint64_t)(uintptr_t)line, 0, 0),
           0);
    expect("sched yield", xen_hcall(HC_sched_op, 0, 0, 0, 0, 0), 0);
    expect("unknown hypercall", xen_hcall(40, 0, 0, 0, 0, 0), E_NOSYS);
}

/*
 * "reboot-once" (with "shm="): the first run leaves a mark in the static
 * shared memory, which outlives a restart, and resets itself (PSCI
 * SYSTEM_RESET; its on-reboot policy restarts it); the second run finds
 * the mark and goes on, over static event channels bound again.
 */
#define REBOOT_MARK_OFF 4000
static void reboot_once(void)
{
    volatile char *mark =
        (volatile char *)(uintptr_t)(bootarg("shm=", 0) + REBOOT_MARK_OFF);
    char buf[16];

    read_str(buf, mark, sizeof(buf));
    if ( !str_find(buf, "rebooted") )
    {
        copy_str(mark, "rebooted");
        gprintf("xenpv: first run: resetting\n");
        psci_call(0x84000009U, 0, 0, 0); /* PSCI SYSTEM_RESET */
        gprintf("xenpv: PSCI SYSTEM_RESET returned\n");
        guest_halt();
    }
    gprintf("xenpv: second run after a reset\n");
}

void guest_main(const void *fdt)
{
    unsigned int role, loops;

    guest_dt_read(fdt);
    if ( str_find(gi.bootargs, "plain") )
    {
        /* Without xen,enhanced: no node, every hypercall -ENOSYS. */
        gprintf("xenpv: plain domain: /hypervisor %s, xen_version %ld\n",
                fdt_path(fdt, "/hypervisor") < 0 ? "absent" : "present",
                xen_hcall(HC_xen_version, 0, 0, 0, 0, 0));
        gprintf("XENPV-DONE 0 failures\n");
        psci_system_off();
    }
    role = (unsigned int)bootarg("role=", 0);
    if ( bootarg("irq=", 0) )
        gic_setup();
    check_dt(fdt);
    setup_shared();
    if ( str_find(gi.bootargs, "reboot-once") && bootarg("shm=", 0) )
        reboot_once();
    if ( role )
        pingpong(fdt, role, (uint16_t)bootarg("peer=", 0));
    loops = (unsigned int)bootarg("loops=", 10000);
    check_version(loops ? loops : 1);
    time_mmio(loops ? loops : 1);
    time_tlbi(loops ? loops : 1);
    check_evtchn();
    check_others();
    gprintf("XENPV-DONE %u failures\n", fails);
    psci_system_off();
}
