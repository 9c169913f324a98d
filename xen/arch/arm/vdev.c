/* SPDX-License-Identifier: GPL-2.0-only */
/* Walks of the optional per-domain virtual device table (asm/vdev.h). */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/sysregs.h>
#include <asm/vdev.h>

bool vdev_mmio(struct vcpu *v, paddr_t gpa, unsigned int size, bool write,
               uint64_t *val)
{
    const struct arm_vdev *vd;

    for_each_vdev(vd) if ( vd->mmio && vd->present(v->domain) &&
                           vd->mmio(v, gpa, size, write, val) ) return true;
    return false;
}

int vdev_make_dt(void *fdt, const struct domain *d)
{
    const struct arm_vdev *vd;
    int rc = 0;

    for_each_vdev(vd) if ( !rc && vd->make_dt && vd->present(d) ) rc =
        vd->make_dt(fdt, d);
    return rc;
}

uint64_t vdev_deadline(const struct domain *d)
{
    const struct arm_vdev *vd;
    uint64_t t = ~0ULL;

    for_each_vdev(vd) if ( vd->deadline && vd->present(d) ) t =
        MIN(t, vd->deadline(d));
    return t;
}

void vdev_poll(struct domain *d)
{
    const struct arm_vdev *vd;
    uint64_t now;

    asm volatile("isb" ::: "memory");
    now = READ_SYSREG(cntpct_el0);
    for_each_vdev(vd) if ( vd->poll && vd->present(d) ) vd->poll(d, now);
}
