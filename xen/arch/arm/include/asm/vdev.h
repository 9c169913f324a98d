/* SPDX-License-Identifier: GPL-2.0-only */
/* Optional per-domain virtual devices: one table entry per device model. */
#ifndef ASM_ARM_VDEV_H
#define ASM_ARM_VDEV_H

#include <xen/types.h>

struct domain;
struct vcpu;

/*
 * A device model a domain may ask for.  Each file declares one with
 * ARM_VDEV(); the linker gathers them (xen.lds.S), so adding one touches
 * no shared file.  Every hook but @present may be NULL.
 */
struct arm_vdev {
    const char *name;
    /* Whether @d has this device (from its boot domain). */
    bool (*present)(const struct domain *d);
    /*
     * An MMIO access of @size bytes by @v at guest physical @gpa; true
     * when it falls in the device (handled, *@val filled for a read).
     * Validates everything before changing any state.
     */
    bool (*mmio)(struct vcpu *v, paddr_t gpa, unsigned int size, bool write,
                 uint64_t *val);
    /* Add the device's node under the guest DT's root. 0 or -FDT_ERR_*. */
    int (*make_dt)(void *fdt, const struct domain *d);
    /*
     * The system counter value at which the device next needs poll(); ~0
     * when never.  Read with sched_lock held, @d running.
     */
    uint64_t (*deadline)(const struct domain *d);
    /* Act on what is due at counter value @now (vCPU0 of @d about to run). */
    void (*poll)(struct domain *d, uint64_t now);
};

#define ARM_VDEV(n) \
    static const struct arm_vdev n __used __aligned(8) __section(".arm_vdevs")

extern const struct arm_vdev __arm_vdevs_start[], __arm_vdevs_end[];

#define for_each_vdev(vd) \
    for ( (vd) = __arm_vdevs_start; (vd) < __arm_vdevs_end; (vd)++ )

/* The table walks, for the exit handler, guest-dt.c and vcpu-run.c. */
bool vdev_mmio(struct vcpu *v, paddr_t gpa, unsigned int size, bool write,
               uint64_t *val);
int vdev_make_dt(void *fdt, const struct domain *d);
uint64_t vdev_deadline(const struct domain *d);
void vdev_poll(struct domain *d);

#endif /* ASM_ARM_VDEV_H */
