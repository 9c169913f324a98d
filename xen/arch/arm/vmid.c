/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 VMIDs: one per domain with 16-bit VMIDs, else shared and flushed. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/config.h>
#include <asm/p2m.h>
#include <asm/sysregs.h>

#define ID_AA64MMFR1_VMIDBITS_SHIFT 4
#define VMIDBITS_16 2   /* ID_AA64MMFR1_EL1.VMIDBits: 16-bit VMIDs */
#define VMIDS_8BIT 255U /* VMID 0 is left unused: 1 to 255 */

_Static_assert(HL_MAX_DOMAINS < 0xffff, "a VMID per domain in 16 bits");

bool p2m_vmid16;

/*
 * Per host CPU and VMID, what its TLB may hold under that VMID: whose
 * translations (1 + the domain_list slot, 0 for none), for which vCPU
 * (its id << 16): a vCPU's local TLB invalidations (TLBI without IS)
 * reach only the host CPU it ran on, so entries another vCPU, or it
 * before it moved, left here may be stale for it.
 */
#define VMID_USER_VCPU_SHIFT 16

static uint32_t vmid_user[NR_CPUS][HL_MAX_DOMAINS + 1];

void p2m_vmid_init(void)
{
    uint64_t mmfr1 = READ_SYSREG(id_aa64mmfr1_el1);

    p2m_vmid16 = ID_FIELD(mmfr1, ID_AA64MMFR1_VMIDBITS_SHIFT) == VMIDBITS_16;
    if ( p2m_vmid16 )
        printk("VMIDs: 16 bits, one per domain\n");
    else
        printk("VMIDs: 8 bits, %u of them; domains %u apart share one\n",
               VMIDS_8BIT, VMIDS_8BIT);
}

uint16_t p2m_vmid_for_slot(unsigned int slot)
{
    return (uint16_t)(p2m_vmid16 ? slot + 1 : 1 + slot % VMIDS_8BIT);
}

void p2m_vmid_claim(const struct vcpu *v, unsigned int cpu, bool moved)
{
    const struct domain *d = v->domain;
    uint32_t user =
        (uint32_t)(d - domain_list + 1) | (v->vcpu_id << VMID_USER_VCPU_SHIFT);

    if ( vmid_user[cpu][d->arch.vmid] == user && !moved )
        return;
    /*
     * Another domain or vCPU ran here under this VMID (or none yet), or
     * @v comes from another CPU, where its local invalidations went: drop
     * what this CPU holds under it.  TLBI VMALLS12E1 acts on the VMID just
     * written to VTTBR_EL2, on this CPU only.
     */
    asm volatile("isb; tlbi vmalls12e1; dsb nsh; isb" ::: "memory");
    vmid_user[cpu][d->arch.vmid] = user;
}
