/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64 side of the Xen PV interfaces: the HVC #0xEA1 trap (x16 = number,
 * x0-x4 = arguments, x0 = result), guest virtual copies through the
 * guest's own stage 1 (AT S1E1R/W) and its stage 2, pages added to the
 * stage 2, and the event-channel PPI.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/pv.h>
#include <xen/sched.h>
#include <asm/mm.h>
#include <asm/sysregs.h>

/* PAR_EL1 after an AT: F (bit 0) = the translation failed. */
#define PAR_F (1ULL << 0)
#define PAR_PA_MASK 0x0000fffffffff000ULL
#define SCTLR_M (1ULL << 0)
/* Stage-2 descriptor: S2AP bit 7 = writable. */
#define S2_WRITE (1ULL << 7)

bool pv_hvc(struct vcpu *v)
{
    uint64_t *x = v->arch.regs.x;
    const uint64_t args[5] = { x[0], x[1], x[2], x[3], x[4] };
    bool leave;

    x[0] = (uint64_t)hypercall_dispatch(v, x[16], args);
    leave = v->pv.leave;
    v->pv.leave = false;
    return leave;
}

paddr_t vcpu_gva_to_ipa(uint64_t gva, bool write)
{
    uint64_t par, saved;

    if ( !(READ_SYSREG(sctlr_el1) & SCTLR_M) )
        return gva; /* stage 1 off: flat */
    saved = READ_SYSREG(par_el1);
    if ( write )
        asm volatile("at s1e1w, %0" ::"r"(gva) : "memory");
    else
        asm volatile("at s1e1r, %0" ::"r"(gva) : "memory");
    asm volatile("isb" ::: "memory");
    par = READ_SYSREG(par_el1);
    WRITE_SYSREG(par_el1, saved);
    if ( par & PAR_F )
        return ~0ULL;
    return (par & PAR_PA_MASK) | (gva & (PAGE_SIZE - 1));
}

/* The hypervisor address of mapped guest RAM or page at @ipa, or NULL. */
static void *ipa_to_host(struct domain *d, paddr_t ipa, bool write)
{
    paddr_t pa;
    uint64_t e;

    if ( ipa >> P2M_IPA_BITS )
        return NULL;
    if ( pt_lookup(&d->arch.p2m.pt, ipa, &pa, &e, NULL) &&
         (p2m_fault_in(&d->arch.p2m, ipa) <= 0 ||
          pt_lookup(&d->arch.p2m.pt, ipa, &pa, &e, NULL)) )
        return NULL;
    if ( write && !(e & S2_WRITE) )
        return NULL;
    return (void *)(uintptr_t)pa;
}

static int copy_guest(struct vcpu *v, uint64_t gva, void *buf, uint64_t len,
                      bool write)
{
    uint8_t *b = buf;

    if ( gva + len < gva )
        return -EFAULT;
    while ( len )
    {
        uint64_t n = MIN(len, PAGE_SIZE - (gva & (PAGE_SIZE - 1)));
        paddr_t ipa = vcpu_gva_to_ipa(gva, write);
        uint8_t *p = ipa == ~0ULL ? NULL : ipa_to_host(v->domain, ipa, write);

        if ( !p )
            return -EFAULT;
        if ( write )
        {
            memcpy(p, b, n);
            dcache_clean(p, n);
        }
        else
            memcpy(b, p, n);
        b += n;
        gva += n;
        len -= n;
    }
    return 0;
}

int arch_copy_from_guest(struct vcpu *v, void *dst, uint64_t gva, uint64_t len)
{
    return copy_guest(v, gva, dst, len, false);
}

int arch_copy_to_guest(struct vcpu *v, uint64_t gva, const void *src,
                       uint64_t len)
{
    return copy_guest(v, gva, (void *)src, len, true);
}

static bool ipa_is_ram(const struct domain *d, paddr_t ipa)
{
    return (ipa >= GUEST_RAM0_BASE &&
            ipa - GUEST_RAM0_BASE < d->arch.ram0_size) ||
           (ipa >= GUEST_RAM1_BASE &&
            ipa - GUEST_RAM1_BASE < d->arch.ram1_size);
}

void *arch_guest_ram_page(struct domain *d, uint64_t gfn)
{
    paddr_t ipa = gfn << PAGE_SHIFT;

    if ( gfn >> (P2M_IPA_BITS - PAGE_SHIFT) || !ipa_is_ram(d, ipa) )
        return NULL;
    return ipa_to_host(d, ipa, true);
}

/* Emulated devices and RAM: nothing may be mapped over them. */
static bool ipa_is_taken(const struct domain *d, paddr_t ipa)
{
    return ipa_is_ram(d, ipa) ||
           (ipa >= GUEST_GICD_BASE &&
            ipa < GUEST_GICV3_GICR0_BASE + GUEST_GICV3_GICR0_SIZE) ||
           (ipa >= GUEST_PL011_BASE &&
            ipa < GUEST_PL011_BASE + GUEST_PL011_SIZE);
}

int arch_map_page(struct domain *d, uint64_t gfn, paddr_t pa, bool ro)
{
    paddr_t ipa = gfn << PAGE_SHIFT;
    int rc;

    if ( gfn >> (P2M_IPA_BITS - PAGE_SHIFT) )
        return -EINVAL;
    if ( ipa_is_taken(d, ipa) )
        return -EEXIST;
    /*
     * Only in the grant-table and magic window: the stage-2 tables these
     * pages need stay bounded whatever addresses a guest tries.
     */
    if ( ipa < GUEST_GNTTAB_BASE || ipa >= GUEST_PV_WINDOW_END )
        return -EINVAL;
    spin_lock(&d->arch.p2m.lock);
    rc = pt_map(&d->arch.p2m.pt, ipa, pa, PAGE_SIZE, ro ? PT_READ : PT_RW);
    spin_unlock(&d->arch.p2m.lock);
    return rc;
}

int arch_unmap_page(struct domain *d, uint64_t gfn)
{
    int rc;

    if ( gfn >> (P2M_IPA_BITS - PAGE_SHIFT) ||
         ipa_is_taken(d, gfn << PAGE_SHIFT) )
        return -EINVAL;
    spin_lock(&d->arch.p2m.lock);
    rc = pt_unmap_page(&d->arch.p2m.pt, gfn << PAGE_SHIFT);
    spin_unlock(&d->arch.p2m.lock);
    /* Rare: every guest's stage-1+2 entries, on every CPU. */
    asm volatile("dsb ishst; tlbi alle1is; dsb ish; isb" ::: "memory");
    return rc;
}

void arch_evtchn_notify(struct vcpu *v)
{
    vgic_inject(v, VGIC_PPI_EVTCHN);
}

int arch_map_shared(struct domain *d, paddr_t gpa, paddr_t pa, uint64_t size)
{
    int rc;

    spin_lock(&d->arch.p2m.lock);
    rc = pt_map(&d->arch.p2m.pt, gpa, pa, size, PT_RWX);
    spin_unlock(&d->arch.p2m.lock);
    return rc;
}
