/* SPDX-License-Identifier: GPL-2.0-only */
/* Virtual GIC: interrupt state per domain and vCPU, list registers. */
#ifndef ASM_ARM_VGIC_H
#define ASM_ARM_VGIC_H

#include <xen/spinlock.h>
#include <xen/types.h>

#define VGIC_NR_PRIVATE 32 /* SGIs 0-15, PPIs 16-31, banked per vCPU */
#define VGIC_MAX_SPIS 960
#define VGIC_MAX_LRS 16

/* Interrupts the hypervisor itself gives its guests. */
#define VGIC_PPI_VTIMER 27 /* the EL1 virtual timer */
#define VGIC_PPI_EVTCHN 31 /* Xen's event-channel upcall (xen,enhanced) */
#define VGIC_SPI_VPL011 32 /* the vpl011, as Xen numbers it */
#define VGIC_SPI_VWDT 33   /* the virtual SBSA watchdog's WS0 */

/* One virtual interrupt (flags: VIRQ_*). */
struct virq {
    uint8_t priority;
    uint8_t flags;
    uint8_t target; /* SPIs: the vCPU it is routed to */
    uint8_t source; /* SGIs (GICv2): the vCPU that sent it */
    /*
     * VIRQ_PENDING and VIRQ_ACTIVE the guest cleared while the interrupt
     * sat in a running vCPU's list register: that vCPU, kicked, drops them
     * at its next vgic_sync().
     */
    uint8_t cleared;
};

#define VIRQ_ENABLED (1U << 0)
#define VIRQ_PENDING (1U << 1)
#define VIRQ_ACTIVE (1U << 2)
#define VIRQ_EDGE (1U << 3)  /* else level-sensitive */
#define VIRQ_LEVEL (1U << 4) /* the input line of a level interrupt */
#define VIRQ_IN_LR (1U << 5)
/* A host SPI of the same INTID: the guest's EOI deactivates it (irq.c). */
#define VIRQ_HW (1U << 6)

struct vgic_domain {
    spinlock_t lock; /* every virq of the domain and its vCPUs */
    bool enabled;    /* GICD_CTLR */
    bool v2;
    unsigned int nr_spis;
    struct virq *spis; /* nr_spis entries */
    /*
     * Bumped (under the lock) by every change that may give a vCPU an
     * interrupt to deliver: an injection, a guest write to the
     * distributor or a redistributor.  vgic_flush() skips its scan while
     * it is what it was when the last scan found nothing.
     */
    unsigned int gen;
};

/* What a vCPU's virtual CPU interface holds while it is switched out. */
struct vgic_vcpu {
    struct virq priv[VGIC_NR_PRIVATE];
    uint64_t vmcr, ap0r, ap1r;
    unsigned int nr_used_lrs;
    uint16_t lr_irq[VGIC_MAX_LRS];
    /* The last flush found nothing to deliver at vgic_domain.gen idle_gen,
     * left the list registers empty and the interface enabled. */
    bool idle;
    unsigned int idle_gen;
    /* What this vCPU last wrote to the interface's control (VGIC_HCR_*);
     * rewritten only when it changes (each write is a trapped system
     * register access under emulation, and an ISB). */
    uint8_t hcr;
};

#define VGIC_HCR_UNKNOWN 0 /* another vCPU may have written it since */
#define VGIC_HCR_OFF 1
#define VGIC_HCR_ON 2
#define VGIC_HCR_ON_UNDERFLOW 3

struct domain;
struct vcpu;

/* The list-register interface of the host GIC version (vgic-lr.c). */
struct vgic_lr_ops {
    unsigned int (*nr_lrs)(void);
    /* @state: bit 0 pending, bit 1 active; @eoi: maintenance on EOI;
     * @hw: the physical INTID @intid is deactivated by the guest's EOI
     * (then @eoi is ignored). */
    void (*write_lr)(unsigned int i, unsigned int intid, unsigned int prio,
                     unsigned int state, unsigned int source, bool eoi,
                     bool hw);
    unsigned int (*read_lr_state)(unsigned int i);
    void (*clear_lrs)(unsigned int n);
    /* Enable the interface (@underflow: maintenance when LRs drain). */
    void (*enable)(bool underflow);
    void (*disable)(void);
    void (*save)(struct vgic_vcpu *vv);
    void (*restore)(const struct vgic_vcpu *vv);
};

extern const struct vgic_lr_ops vgic_v3_lr_ops, vgic_v2_lr_ops;

/*
 * Set up @d's distributor state (SPIs rounded up to 32, at least the
 * vpl011's) and every vCPU's private interrupts.  0 or -ENOMEM.
 */
int vgic_domain_init(struct domain *d, unsigned int nr_spis);
void vgic_domain_destroy(struct domain *d);

/* The virq @intid of @v (private) or of its domain (SPI), or NULL. */
struct virq *vgic_irq(struct vcpu *v, unsigned int intid);

/*
 * Make edge interrupt @intid pending on @v (SPIs: on their target), or
 * set the line of level interrupt @intid to @level.  Takes the lock.
 */
void vgic_inject(struct vcpu *v, unsigned int intid);
void vgic_set_level(struct domain *d, unsigned int intid, bool level);
void vgic_send_sgi(struct vcpu *from, struct vcpu *to, unsigned int sgi);

/*
 * Make SPI @intid of @d a hardware interrupt: the host SPI of the same
 * INTID, whose deactivation the guest's EOI performs.  After
 * vgic_domain_init(), before the domain runs.  -EINVAL when @intid is not
 * one of @d's SPIs.
 */
int vgic_bind_hw(struct domain *d, unsigned int intid);
/*
 * The host SPI @intid of hardware interrupt @intid arrived (acknowledged,
 * priority dropped, still active): make it pending in @d.
 */
void vgic_inject_hw(struct domain *d, unsigned int intid);

/*
 * A guest write to @d's distributor or a redistributor was emulated: the
 * next vgic_flush() of each vCPU looks at every interrupt again.
 */
void vgic_note_change(struct domain *d);

/* Whether @v has an enabled interrupt pending (a reason to wake it). */
bool vgic_pending(struct vcpu *v);

/*
 * Before each entry into @v: fill the list registers.  After each exit:
 * read them back into the interrupt state and clear them.  When nothing
 * was in them and nothing changed since (vgic_domain.gen), both only
 * compare a counter: the interface stays enabled with no list register
 * in use, which raises no maintenance interrupt.
 */
void vgic_flush(struct vcpu *v);
void vgic_sync(struct vcpu *v);
/* Make every other vCPU of @v's domain exit, so its list registers sync. */
void vgic_kick_others(struct vcpu *v);

/* Load / save @v's virtual CPU interface (VMCR, active priorities) when
 * it is switched in / out. */
void vgic_load(struct vcpu *v);
void vgic_save(struct vcpu *v);

/* Distributor / redistributor MMIO; true when @gpa is theirs. */
bool vgic_v3_mmio(struct vcpu *v, paddr_t gpa, unsigned int size, bool write,
                  uint64_t *val);
bool vgic_v2_mmio(struct vcpu *v, paddr_t gpa, unsigned int size, bool write,
                  uint64_t *val);

/* The interrupt group an SGI register write generates. */
enum vgic_sgi_group {
    VGIC_SGI_GROUP1,       /* ICC_SGI1R_EL1 */
    VGIC_SGI_GROUP1_OTHER, /* ICC_ASGI1R_EL1: the other Security state's */
    VGIC_SGI_GROUP0,       /* ICC_SGI0R_EL1 */
};

/*
 * A trapped write of @val to an SGI register of @v (GICv3).  Targets that
 * do not exist are dropped.
 */
void vgic_v3_sgi(struct vcpu *v, uint64_t val, enum vgic_sgi_group group);

/* Register-bank helpers shared by the distributor emulations. */
/* @off in an enable/pending/active bank: its flag, set or clear, index. */
bool vgic_bank_reg(unsigned int off, uint8_t *flag, bool *set,
                   unsigned int *n);
uint32_t vgic_read_bits(struct vcpu *v, unsigned int first, uint8_t flag);
void vgic_write_bits(struct vcpu *v, unsigned int first, uint32_t bits,
                     uint8_t flag, bool set);
uint64_t vgic_read_prio(struct vcpu *v, unsigned int first, unsigned int size);
void vgic_write_prio(struct vcpu *v, unsigned int first, unsigned int size,
                     uint64_t val);
uint32_t vgic_read_cfg(struct vcpu *v, unsigned int first);
void vgic_write_cfg(struct vcpu *v, unsigned int first, uint32_t val);

#endif /* ASM_ARM_VGIC_H */
