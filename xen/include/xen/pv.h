/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen PV interfaces of xen,enhanced domains: common state and arch hooks. */
#ifndef XEN_PV_H
#define XEN_PV_H

#include <xen/lib.h>
#include <xen/spinlock.h>
#include <xen/types.h>
#include <public/event-channel.h>

struct domain;
struct vcpu;
struct boot_domain;
struct boot_info;

/* Ports a domain may use: 0 (reserved) to PV_MAX_PORT, as Xen's default. */
#define PV_MAX_PORT 1023U
#define PV_NR_PORTS (PV_MAX_PORT + 1)
/* Grant-table frames (v1: 512 entries each). */
#define PV_GNTTAB_FRAMES 4U
#define PV_GNTTAB_ENTRIES (PV_GNTTAB_FRAMES * 512U)
/* Grants one domain may have mapped from others at a time. */
#define PV_MAPTRACK 64U

enum evtchn_state {
    ECS_FREE,
    ECS_UNBOUND,     /* waits for remote_dom to bind it */
    ECS_INTERDOMAIN, /* connected to remote_dom's remote_port */
    ECS_VIRQ,
    ECS_IPI,
};

struct evtchn {
    uint8_t state;     /* enum evtchn_state */
    uint8_t is_static; /* bound by the boot DT (xen,evtchn-v1) */
    uint16_t notify_vcpu;
    uint16_t remote_dom; /* UNBOUND, INTERDOMAIN: the peer's domid */
    uint16_t virq;
    uint32_t remote_port;
};

struct pv_map {
    bool used;
    uint16_t dom; /* the granting domain */
    uint32_t ref;
    paddr_t gpa; /* where it is mapped in this domain */
};

struct pv_domain {
    /* Ours until the guest places it in its RAM (XENMAPSPACE_shared_info). */
    struct shared_info *shared_info;
    paddr_t own_shared_info;
    struct evtchn ports[PV_NR_PORTS];
    paddr_t gnttab[PV_GNTTAB_FRAMES]; /* host pages of the grant table */
    uint32_t gnttab_version;
    struct pv_map maps[PV_MAPTRACK];
    uint64_t params[HVM_NR_PARAMS];
    unsigned int nr_reports; /* rate limit of refused-call log lines */
};

struct pv_vcpu {
    struct vcpu_info *vcpu_info; /* NULL until shared_info or registered */
    bool registered;             /* by VCPUOP_register_vcpu_info */
    uint16_t virq_port[NR_VIRQS];
    bool leave; /* the call blocked or yielded: leave the CPU */
};

/*
 * Every event-channel and grant-table change, cross-domain included, is
 * made under pv_lock (one lock: few domains, short critical sections).
 */
extern spinlock_t pv_lock;

/*
 * Give @d the PV interfaces @bd asks for (xen,enhanced): grant-table
 * frames and the port table.  Called by the common domain builder before
 * the arch builds the domain.  0 or -ENOMEM (the half-built state is freed
 * by pv_domain_destroy()).
 */
int pv_domain_init(struct domain *d, const struct boot_domain *bd);
/*
 * Close @d's ports (peers see them unbound) and free its PV state.
 * Accepts a domain without PV state; no vCPU of @d runs.
 */
void pv_domain_destroy(struct domain *d);

/*
 * Handle hypercall @nr of @v with arguments @a[0..4]; returns the value
 * for the guest's result register (0, a count, or -errno).  Sets
 * v->pv.leave when the vCPU blocked or yielded.
 */
long hypercall_dispatch(struct vcpu *v, unsigned long nr, const uint64_t a[5]);

/* Rate-limited log line about a call of @d that was refused. */
__printf(2, 3) void pv_report(struct domain *d, const char *fmt, ...);

/* event-channel.c: raise @port of @d (pv_lock held). */
void evtchn_set_pending(struct domain *d, evtchn_port_t port);
/* Whether @v has an event to take (upcall pending, not masked). */
bool evtchn_vcpu_pending(const struct vcpu *v);
/*
 * Bind the static event channels of plan @bi (checked in pairs by the
 * check phase): every pair once every domain is built, before any runs
 * (@only NULL); or, when domain @only has been rebuilt by a restart, its
 * pairs whose peer is up (the peer's end went unbound at the teardown).
 */
void evtchn_bind_static(const struct boot_info *bi, const struct domain *only);

/*
 * static-shm.c: map @d's static shared-memory regions of plan @bi (the
 * host pages of each xen,shm-id allocated by its first user, or taken at
 * the host address the DT gives); unmap them again when @d is destroyed
 * (the last user frees what was allocated).  0 or -errno after a line.
 */
int shm_domain_map(struct domain *d, const struct boot_info *bi);
void shm_domain_unmap(struct domain *d);

/* grant-table.c: take every mapping of @gd's grants away (pv_lock held). */
void gnttab_unmap_foreign(struct domain *gd);

/* The per-interface handlers, one file each. */
long do_xen_version(struct vcpu *v, const uint64_t a[5]);
long do_console_io(struct vcpu *v, const uint64_t a[5]);
long do_sched_op(struct vcpu *v, const uint64_t a[5]);
long do_event_channel_op(struct vcpu *v, const uint64_t a[5]);
long do_grant_table_op(struct vcpu *v, const uint64_t a[5]);
long do_memory_op(struct vcpu *v, const uint64_t a[5]);
long do_vcpu_op(struct vcpu *v, const uint64_t a[5]);
long do_hvm_op(struct vcpu *v, const uint64_t a[5]);

/* A domain by domid (DOMID_SELF: @self's), with PV state; NULL if none. */
struct domain *pv_domain_by_id(struct domain *self, uint16_t domid);

/* Implemented by each architecture. */

/*
 * Copy @len bytes between the hypervisor and guest virtual address @gva
 * of @v, the vCPU running on this CPU (its translation regime is live).
 * Returns 0, or -EFAULT when part of the range is not mapped (writable,
 * for copies to the guest) guest RAM; a partial copy may have happened.
 */
int arch_copy_from_guest(struct vcpu *v, void *dst, uint64_t gva,
                         uint64_t len);
int arch_copy_to_guest(struct vcpu *v, uint64_t gva, const void *src,
                       uint64_t len);

/*
 * The hypervisor's address of the guest RAM page at frame @gfn of @d
 * (mapped now if it was lazily populated), for pages the guest hands to
 * the hypervisor (shared_info, vcpu_info).  NULL when @gfn is not RAM.
 */
void *arch_guest_ram_page(struct domain *d, uint64_t gfn);

/*
 * Map host page @pa at guest frame @gfn of @d (a frame that is not RAM:
 * grant-table frames, mapped grants), writable unless @ro.  0, -EEXIST
 * when something is mapped there, -EINVAL outside the window the
 * architecture keeps for such pages (arm64: 0x38000000-0x39ffffff, so the
 * tables they need stay bounded), -ENOMEM.  arch_unmap_page() takes it away again and flushes the
 * TLBs of @d.
 */
int arch_map_page(struct domain *d, uint64_t gfn, paddr_t pa, bool ro);
int arch_unmap_page(struct domain *d, uint64_t gfn);

/*
 * Map host [@pa, @pa + @size) at guest [@gpa, ...) of @d, normal memory,
 * read-write (static shared memory; the check phase placed it apart from
 * RAM and devices).  Called while @d is built.  0 or -errno.
 */
int arch_map_shared(struct domain *d, paddr_t gpa, paddr_t pa, uint64_t size);

/*
 * The upcall of @v went from idle to pending: deliver it (arm64: the
 * event-channel PPI) and kick the vCPU.  pv_lock may be held; @v may
 * run on another CPU.
 */
void arch_evtchn_notify(struct vcpu *v);

#endif /* XEN_PV_H */
