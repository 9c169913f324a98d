/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual local APIC: its registers, IA32_APIC_BASE and the x2APIC MSRs
 * (Intel SDM vol. 3, 11.12).  x2APIC mode from reset; a guest may turn
 * it off and on again into xAPIC mode (vlapic-xapic.c, the MMIO page).
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/vlapic.h>
#include "vlapic-priv.h"

/* Version 0x14, six LVT entries (max LVT index 5), no EOI suppression. */
#define VLAPIC_VERSION (0x14U | ((VLAPIC_NR_LVT - 1U) << 16))

#define APIC_BASE_ADDR 0xfee00000ULL
#define APIC_BASE_BSP (1ULL << 8)
#define APIC_BASE_EXTD (1ULL << 10) /* x2APIC mode */
#define APIC_BASE_EN (1ULL << 11)

/* Writable bits of each LVT entry, in VLAPIC_LVT_* order. */
static const uint32_t lvt_writable[VLAPIC_NR_LVT] = {
    0x700ff, /* timer: vector, mask, mode */
    0x107ff, /* thermal: vector, delivery mode, mask */
    0x107ff, /* performance counters */
    0x1a7ff, /* LINT0: vector, delivery mode, polarity, trigger, mask */
    0x1a7ff, /* LINT1 */
    0x100ff, /* error: vector, mask */
};

void vlapic_reset(struct vcpu *v)
{
    struct vlapic *l = &v->arch.vlapic;
    unsigned int i;

    memset(l, 0, sizeof(*l));
    l->svr = 0xff; /* software-disabled, spurious vector 0xff */
    for ( i = 0; i < VLAPIC_NR_LVT; i++ )
        l->lvt[i] = VLAPIC_LVT_MASKED;
    l->timer_due = VLAPIC_NO_DEADLINE;
    l->inject_rip = ~0ULL;
    l->dfr = ~0U; /* flat model */
}

void vlapic_init_signal(struct vcpu *v)
{
    uint8_t mode = v->arch.vlapic.mode;

    vlapic_reset(v);
    v->arch.vlapic.mode = mode;
}

static uint64_t apic_base(const struct vcpu *v)
{
    static const uint64_t mode_bits[] = {
        [VLAPIC_MODE_X2APIC] = APIC_BASE_EN | APIC_BASE_EXTD,
        [VLAPIC_MODE_XAPIC] = APIC_BASE_EN,
        [VLAPIC_MODE_OFF] = 0,
    };

    return APIC_BASE_ADDR | mode_bits[v->arch.vlapic.mode] |
           (v->vcpu_id == 0 ? APIC_BASE_BSP : 0);
}

/*
 * IA32_APIC_BASE: the base stays at 0xfee00000 and BSP is fixed.  The
 * SDM's transitions: x2APIC or xAPIC to disabled (a reset of the APIC's
 * state), disabled to xAPIC, xAPIC to x2APIC; x2APIC straight to xAPIC,
 * disabled straight to x2APIC and EXTD without EN fault.
 */
static int apic_base_write(struct vcpu *v, uint64_t val)
{
    struct vlapic *l = &v->arch.vlapic;
    uint64_t en = val & (APIC_BASE_EN | APIC_BASE_EXTD);
    uint8_t to, from = l->mode;

    if ( (val & ~(APIC_BASE_EN | APIC_BASE_EXTD)) !=
         (apic_base(v) & ~(APIC_BASE_EN | APIC_BASE_EXTD)) )
        return -EPERM;
    if ( en == (APIC_BASE_EN | APIC_BASE_EXTD) )
        to = VLAPIC_MODE_X2APIC;
    else if ( en == APIC_BASE_EN )
        to = VLAPIC_MODE_XAPIC;
    else if ( !en )
        to = VLAPIC_MODE_OFF;
    else
        return -EPERM;
    if ( to == from )
        return 0;
    if ( (from == VLAPIC_MODE_X2APIC && to == VLAPIC_MODE_XAPIC) ||
         (from == VLAPIC_MODE_OFF && to == VLAPIC_MODE_X2APIC) )
        return -EPERM;
    if ( to == VLAPIC_MODE_OFF )
        vlapic_reset(v);
    __atomic_store_n(&l->mode, to, __ATOMIC_RELEASE);
    return 0;
}

/* x2APIC logical ID: cluster (ID bits 31:4) and one bit of 16. */
uint32_t vlapic_ldr(uint32_t id)
{
    return ((id >> 4) << 16) | (1U << (id & 0xf));
}

/* A register with one value to read: 0, or 1 when @reg is none. */
static int reg_read_simple(struct vcpu *v, uint32_t reg, uint64_t *val)
{
    const struct vlapic *l = &v->arch.vlapic;

    switch ( reg )
    {
    case 0x02: /* ID: the vCPU number, as the MADT lists it */
        *val = v->vcpu_id;
        break;
    case 0x03:
        *val = VLAPIC_VERSION;
        break;
    case 0x08:
        *val = l->tpr;
        break;
    case 0x0a:
        *val = vlapic_ppr(l);
        break;
    case 0x0d:
        *val = vlapic_ldr(v->vcpu_id);
        break;
    case 0x0f:
        *val = l->svr;
        break;
    case 0x28:
        *val = l->esr;
        break;
    case 0x30:
        *val = l->icr;
        break;
    case 0x38:
        *val = l->tmict;
        break;
    case 0x39:
        *val = vlapic_timer_count(v);
        break;
    case 0x3e:
        *val = l->tdcr;
        break;
    default:
        return 1;
    }
    return 0;
}

/* 0, or 1 for a reserved or write-only register (EOI, SELF IPI). */
int vlapic_reg_read(struct vcpu *v, uint32_t reg, uint64_t *val)
{
    struct vlapic *l = &v->arch.vlapic;

    if ( !reg_read_simple(v, reg, val) )
        return 0;
    if ( reg >= 0x10 && reg < 0x18 )
        *val = l->isr[reg - 0x10];
    else if ( reg >= 0x18 && reg < 0x20 )
        *val = l->tmr[reg - 0x18];
    else if ( reg >= 0x20 && reg < 0x28 )
        *val = __atomic_load_n(&l->irr[reg - 0x20], __ATOMIC_ACQUIRE);
    else if ( reg >= 0x32 && reg < 0x32 + VLAPIC_NR_LVT )
        *val = l->lvt[reg - 0x32];
    else
        return 1;
    return 0;
}

/* LVT entry @i: reserved bits fault; a timer mode change disarms it. */
static int lvt_write(struct vcpu *v, unsigned int i, uint32_t val)
{
    struct vlapic *l = &v->arch.vlapic;

    if ( val & ~lvt_writable[i] )
        return -EPERM;
    if ( i == VLAPIC_LVT_TIMER )
        return vlapic_timer_lvt_write(v, val);
    if ( !(l->svr & VLAPIC_SVR_ENABLE) )
        val |= VLAPIC_LVT_MASKED; /* software-disabled: stays masked */
    l->lvt[i] = val;
    return 0;
}

static void svr_write(struct vlapic *l, uint32_t val)
{
    unsigned int i;

    l->svr = val;
    if ( val & VLAPIC_SVR_ENABLE )
        return;
    for ( i = 0; i < VLAPIC_NR_LVT; i++ )
        l->lvt[i] |= VLAPIC_LVT_MASKED;
}

/* x2APIC register @reg (MSR - 0x800): 0 or -EPERM (#GP). */
int vlapic_reg_write(struct vcpu *v, uint32_t reg, uint64_t val)
{
    struct vlapic *l = &v->arch.vlapic;

    if ( reg != 0x30 && (val >> 32) )
        return -EPERM; /* bits 63:32 are reserved but in the ICR */
    switch ( reg )
    {
    case 0x08: /* TPR */
        if ( val & ~0xffULL )
            return -EPERM;
        l->tpr = (uint32_t)val;
        return 0;
    case 0x0b: /* EOI */
        if ( val )
            return -EPERM;
        vlapic_eoi(l);
        return 0;
    case 0x0f: /* SVR: vector, enable, focus check (EOI suppression: no) */
        if ( val & ~0x3ffULL )
            return -EPERM;
        svr_write(l, (uint32_t)val);
        return 0;
    case 0x28: /* ESR: a write latches the errors seen since the last */
        if ( val )
            return -EPERM;
        l->esr = __atomic_exchange_n(&l->esr_pending, 0, __ATOMIC_ACQ_REL);
        return 0;
    case 0x30:
        return vlapic_icr_write(v, val);
    case 0x38:
        vlapic_timer_set_count(v, (uint32_t)val);
        return 0;
    case 0x3e: /* divide configuration: bits 0, 1 and 3 */
        if ( val & ~0xbULL )
            return -EPERM;
        l->tdcr = (uint32_t)val;
        return 0;
    case 0x3f: /* SELF IPI */
        if ( val & ~0xffULL )
            return -EPERM;
        vlapic_self_ipi(v, (uint8_t)val);
        return 0;
    }
    if ( reg >= 0x32 && reg < 0x32 + VLAPIC_NR_LVT )
        return lvt_write(v, reg - 0x32, (uint32_t)val);
    return -EPERM; /* read-only or reserved */
}

int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    if ( msr == VLAPIC_MSR_APIC_BASE )
    {
        *val = apic_base(v);
        return 0;
    }
    if ( msr == VLAPIC_MSR_TSC_DEADLINE )
    {
        *val = vlapic_tsc_deadline(v);
        return 0;
    }
    if ( msr < 0x800 || msr > 0x8ff )
        return -ENOENT;
    if ( v->arch.vlapic.mode != VLAPIC_MODE_X2APIC )
        return -EPERM;
    return vlapic_reg_read(v, msr - 0x800, val) ? -EPERM : 0;
}

int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    if ( msr == VLAPIC_MSR_APIC_BASE )
        return apic_base_write(v, val);
    if ( msr == VLAPIC_MSR_TSC_DEADLINE )
    {
        vlapic_tsc_deadline_write(v, val);
        return 0;
    }
    if ( msr < 0x800 || msr > 0x8ff )
        return -ENOENT;
    if ( v->arch.vlapic.mode != VLAPIC_MODE_X2APIC )
        return -EPERM;
    return vlapic_reg_write(v, msr - 0x800, val);
}
