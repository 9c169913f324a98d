/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV-interface hooks x86_64 does not implement yet.  The check phase
 * refuses xen,enhanced on x86_64, so no domain has PV state and none of
 * these is reached; each fails safely all the same.
 */
#include <xen/errno.h>
#include <xen/pv.h>

int arch_copy_from_guest(struct vcpu *v, void *dst, uint64_t gva, uint64_t len)
{
    return -EFAULT;
}

int arch_copy_to_guest(struct vcpu *v, uint64_t gva, const void *src,
                       uint64_t len)
{
    return -EFAULT;
}

void *arch_guest_ram_page(struct domain *d, uint64_t gfn)
{
    return NULL;
}

int arch_map_page(struct domain *d, uint64_t gfn, paddr_t pa, bool ro)
{
    return -EINVAL;
}

int arch_unmap_page(struct domain *d, uint64_t gfn)
{
    return -EINVAL;
}

void arch_evtchn_notify(struct vcpu *v)
{}

int arch_map_shared(struct domain *d, paddr_t gpa, paddr_t pa, uint64_t size)
{
    return -EINVAL;
}
