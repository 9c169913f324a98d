/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The local APIC in xAPIC mode: the same registers as x2APIC mode on the
 * MMIO page at 0xfee00000, 16 bytes apart (Intel SDM vol. 3, 11.4.1), with
 * the xAPIC differences: an 8-bit ID in bits 31:24, a writable LDR and
 * DFR, the ICR in two halves (a write of the low half sends), no SELF IPI
 * register.  A guest gets here by clearing IA32_APIC_BASE.EXTD (through
 * the disabled state), as Linux does on a CPU without interrupt
 * remapping; the page is never mapped, so each access is a nested page
 * fault whose MOV the hypervisor decodes (emulate.c).
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-emulate.h>
#include "vlapic-priv.h"

#define REG_ID 0x02
#define REG_EOI 0x0b
#define REG_ESR 0x28
#define REG_LDR 0x0d
#define REG_DFR 0x0e
#define REG_ICR 0x30
#define REG_ICR2 0x31
#define REG_SELF_IPI 0x3f
#define ICR_BUSY (1U << 12) /* delivery status: always idle here */
#define XAPIC_BROADCAST 0xffU

/* Register at @offset (a multiple of 16; other offsets read 0). */
static uint32_t xapic_read(struct vcpu *v, uint32_t offset)
{
    const struct vlapic *l = &v->arch.vlapic;
    uint32_t reg = offset >> 4;
    uint64_t val = 0;

    if ( offset & 0xf )
        return 0;
    switch ( reg )
    {
    case REG_ID:
        return v->vcpu_id << 24;
    case REG_LDR:
        return l->ldr;
    case REG_DFR:
        return l->dfr | 0x0fffffffU;
    case REG_ICR:
        return (uint32_t)l->icr & ~ICR_BUSY;
    case REG_ICR2:
        return l->icr2;
    case REG_SELF_IPI:
        return 0;
    }
    return vlapic_reg_read(v, reg, &val) ? 0 : (uint32_t)val;
}

/* The low half of the ICR sends, to the destination in the high half. */
static void icr_send(struct vcpu *v, uint32_t low)
{
    uint32_t dest = v->arch.vlapic.icr2 >> 24;

    if ( dest == XAPIC_BROADCAST )
        dest = VLAPIC_ICR_BROADCAST;
    vlapic_icr_write(v, ((uint64_t)dest << 32) |
                            (low & ~(uint32_t)VLAPIC_ICR_RESERVED));
}

/*
 * Register write: reserved bits are ignored by an xAPIC, so a value the
 * x2APIC checks would refuse is dropped whole here (a guest writes them
 * with zeros; nothing else of the APIC changes either way).
 */
static void xapic_write(struct vcpu *v, uint32_t offset, uint32_t val)
{
    struct vlapic *l = &v->arch.vlapic;
    uint32_t reg = offset >> 4;

    if ( offset & 0xf )
        return;
    switch ( reg )
    {
    case REG_ID: /* read-only here, as on CPUs that allow no change */
    case REG_SELF_IPI:
        return;
    case REG_LDR:
        l->ldr = val & 0xff000000U;
        return;
    case REG_DFR:
        l->dfr = val | 0x0fffffffU;
        return;
    case REG_ICR:
        icr_send(v, val);
        return;
    case REG_ICR2:
        l->icr2 = val & 0xff000000U;
        return;
    case REG_EOI: /* any value: an EOI (x2APIC: only 0) */
    case REG_ESR: /* any value: latch the errors */
        val = 0;
        break;
    }
    vlapic_reg_write(v, reg, val);
}

int vlapic_mmio(struct vcpu *v, paddr_t gpa)
{
    struct hvm_mmio_insn mi;
    uint32_t offset = gpa & 0xfff, val = 0;
    int rc;

    if ( (gpa & ~0xfffULL) != VLAPIC_XAPIC_PAGE ||
         v->arch.vlapic.mode != VLAPIC_MODE_XAPIC )
        return -ENOENT;
    if ( offset & 3 )
        return -EINVAL; /* straddles two dwords, or the page's end */
    rc = hvm_fetch_mov(v, &mi);
    if ( rc )
        return -EOPNOTSUPP;
    if ( mi.write )
        xapic_write(v, offset, hvm_mmio_source(v, &mi));
    else
        val = xapic_read(v, offset);
    hvm_mmio_complete(v, &mi, val);
    return 0;
}
