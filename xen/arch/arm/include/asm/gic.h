/* SPDX-License-Identifier: GPL-2.0-only */
/* Host interrupt controller (GICv3 or GICv2) and the EL2 physical timer. */
#ifndef ASM_ARM_GIC_H
#define ASM_ARM_GIC_H

#include <xen/types.h>

/* INTID of the EL2 physical timer (PPI 10), the scheduler's tick. */
#define GIC_PPI_HYP_TIMER 26
/* INTID of the GIC maintenance interrupt (PPI 9): list registers need us. */
#define GIC_PPI_MAINTENANCE 25
/* INTID of the EL1 virtual timer (PPI 11), fired while a guest runs. */
#define GIC_PPI_VTIMER 27
/* The SGI one CPU sends another to make its guest exit (a "kick"). */
#define GIC_SGI_KICK 1
/* INTIDs from 1020 up are special (1023: nothing pending). */
#define GIC_INTID_SPECIAL 1020

struct gic_ops {
    const char *name;
    /* Distributor; @cpu: redistributors or CPU interface.  0 or -errno. */
    int (*init)(paddr_t dist, paddr_t cpu, paddr_t cpu_size);
    /* This CPU's redistributor or CPU interface; the INTIDs 0-31 of @mask
     * on.  0 or -errno. */
    int (*cpu_init)(uint32_t mask);
    /* Send SGI @sgi to host CPU @cpu. */
    void (*send_sgi)(unsigned int cpu, unsigned int sgi);
    unsigned int (*ack)(void);       /* INTID, >= 1020 when spurious */
    void (*eoi)(unsigned int intid); /* priority drop and deactivate */
    /* Priority drop only: the interrupt stays active (split EOI mode). */
    void (*drop)(unsigned int intid);
    /* SPI @intid: deliver to host CPU @cpu and enable, or disable it and
     * clear its active state. */
    void (*spi_route)(unsigned int intid, unsigned int cpu);
    void (*spi_release)(unsigned int intid);
    void (*spi_deactivate)(unsigned int intid);
};

extern const struct gic_ops gicv3_ops, gicv2_ops;

/* Device-memory accessors for the GIC frames (mapped 1:1). */
static inline uint32_t gic_read32(paddr_t a)
{
    uint32_t v = *(volatile uint32_t *)(uintptr_t)a;

    asm volatile("dmb oshld" ::: "memory");
    return v;
}

static inline uint64_t gic_read64(paddr_t a)
{
    uint64_t v = *(volatile uint64_t *)(uintptr_t)a;

    asm volatile("dmb oshld" ::: "memory");
    return v;
}

static inline void gic_write32(paddr_t a, uint32_t v)
{
    asm volatile("dmb oshst" ::: "memory");
    *(volatile uint32_t *)(uintptr_t)a = v;
}

static inline void gic_write8(paddr_t a, uint8_t v)
{
    asm volatile("dmb oshst" ::: "memory");
    *(volatile uint8_t *)(uintptr_t)a = v;
}

/*
 * Find the interrupt controller in the host @fdt ("arm,gic-v3", or
 * "arm,cortex-a15-gic"/"arm,gic-400"), map it, initialise the distributor
 * and the boot CPU's redistributor or CPU interface, enable the EL2
 * physical timer PPI.  Prints one line.  Returns 0 or -errno (no GIC: no
 * ticks).
 */
int gic_init(const void *fdt);

/*
 * The same for this (secondary) CPU, after gic_init() succeeded on the
 * boot CPU.  Returns 0 or -errno.
 */
int gic_cpu_init(void);

/* Whether the host GIC is a GICv2 (the guests get the same version). */
bool gic_is_v2(void);

/*
 * GICv2 virtualisation frames from the host DT ("reg" entries 2 and 3):
 * the hypervisor control interface (mapped at EL2) and the virtual CPU
 * interface that guests get as their GICC.  0 when absent.
 */
paddr_t gic_v2_hyp_base(void);
paddr_t gic_v2_vcpu_base(void);

/* Send SGI @sgi to host CPU @cpu (index, as smp_processor_id()). */
void gic_send_sgi(unsigned int cpu, unsigned int sgi);

/* Acknowledge the highest pending interrupt; >= 1020 when none. */
unsigned int gic_ack(void);
/* Finish a host interrupt: priority drop and deactivation. */
void gic_eoi(unsigned int intid);
/*
 * Priority drop only, for an interrupt forwarded to a guest as a hardware
 * interrupt: it stays active until the guest's EOI deactivates it.
 */
void gic_drop(unsigned int intid);
/*
 * Host SPI @intid (32-1019): group 1, middle priority, delivered to host
 * CPU @cpu, enabled.  gic_spi_release() disables it and clears its active
 * state.  Called only for SPIs given to a domain (irq.c).
 */
void gic_spi_route(unsigned int intid, unsigned int cpu);
void gic_spi_release(unsigned int intid);
/*
 * Clear the active state of host SPI @intid, given to a domain whose guest
 * dropped the pending or active state of its virtual twin (so no EOI will
 * deactivate it).
 */
void gic_spi_deactivate(unsigned int intid);

/*
 * Start (on this CPU) and re-arm (one period from now, on this CPU) the
 * EL2 physical timer.  hyp_timer_rearm() returns false, doing nothing,
 * before hyp_timer_init().
 */
void hyp_timer_init(unsigned int period_us);
bool hyp_timer_rearm(void);
/*
 * Fire at counter value @deadline, or one period from now if that is
 * sooner (after hyp_timer_init()); false before it.
 */
bool hyp_timer_arm_until(uint64_t deadline);

#endif /* ASM_ARM_GIC_H */
