/* SPDX-License-Identifier: GPL-2.0-only */
/* List registers and virtual CPU interface state: GICv3 ICH_*, GICv2 GICH. */
#include <xen/lib.h>
#include <asm/gic.h>
#include <asm/vgic.h>

/* ---- GICv3: ICH_* system registers (by encoding) ---- */

#define ICH_AP0R0_EL2 S3_4_C12_C8_0
#define ICH_AP1R0_EL2 S3_4_C12_C9_0
#define ICH_HCR_EL2 S3_4_C12_C11_0
#define ICH_VTR_EL2 S3_4_C12_C11_1
#define ICH_VMCR_EL2 S3_4_C12_C11_7
#define ICH_HCR_EN (1ULL << 0)
#define ICH_HCR_UIE (1ULL << 1)

#define RD(r) \
    ({ \
        uint64_t _v; \
        asm volatile("mrs %0, " #r : "=r"(_v)); \
        _v; \
    })
#define WR(r, v) asm volatile("msr " #r ", %0" ::"r"((uint64_t)(v)) : "memory")
#define RDX(r) RD(r)
#define WRX(r, v) WR(r, v)

#define LR_V3_STATE_SHIFT 62
#define LR_V3_GROUP1 (1ULL << 60)
#define LR_V3_PRIO_SHIFT 48
#define LR_V3_EOI (1ULL << 41)
#define LR_V3_HW (1ULL << 61)
#define LR_V3_PINTID_SHIFT 32

/* clang-format off */
#define LR_CASES(X) \
    X(0, S3_4_C12_C12_0) \
    X(1, S3_4_C12_C12_1) X(2, S3_4_C12_C12_2) X(3, S3_4_C12_C12_3) \
        X(4, S3_4_C12_C12_4) X(5, S3_4_C12_C12_5) X(6, S3_4_C12_C12_6) \
            X(7, S3_4_C12_C12_7) X(8, S3_4_C12_C13_0) X(9, S3_4_C12_C13_1) \
                X(10, S3_4_C12_C13_2) X(11, S3_4_C12_C13_3) \
                    X(12, S3_4_C12_C13_4) X(13, S3_4_C12_C13_5) \
                        X(14, S3_4_C12_C13_6) X(15, S3_4_C12_C13_7)
/* clang-format on */

static uint64_t v3_lr_read(unsigned int i)
{
    switch ( i )
    {
#define READ_CASE(n, r) \
    case n: \
        return RDX(r);
        LR_CASES(READ_CASE)
#undef READ_CASE
    }
    return 0;
}

static void v3_lr_write(unsigned int i, uint64_t val)
{
    switch ( i )
    {
#define WRITE_CASE(n, r) \
    case n: \
        WRX(r, val); \
        break;
        LR_CASES(WRITE_CASE)
#undef WRITE_CASE
    }
}

static unsigned int v3_nr_lrs(void)
{
    return (unsigned int)(RDX(ICH_VTR_EL2) & 0x1f) + 1;
}

static void v3_write_lr(unsigned int i, unsigned int intid, unsigned int prio,
                        unsigned int state, unsigned int source, bool eoi,
                        bool hw)
{
    uint64_t extra = hw    ? LR_V3_HW | (uint64_t)intid << LR_V3_PINTID_SHIFT
                     : eoi ? LR_V3_EOI
                           : 0;

    v3_lr_write(i, ((uint64_t)state << LR_V3_STATE_SHIFT) | LR_V3_GROUP1 |
                       ((uint64_t)prio << LR_V3_PRIO_SHIFT) | extra | intid);
}

static unsigned int v3_read_lr_state(unsigned int i)
{
    return (unsigned int)(v3_lr_read(i) >> LR_V3_STATE_SHIFT) & 3;
}

static void v3_clear_lrs(unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        v3_lr_write(i, 0);
}

static void v3_enable(bool underflow)
{
    WRX(ICH_HCR_EL2, ICH_HCR_EN | (underflow ? ICH_HCR_UIE : 0));
    asm volatile("isb" ::: "memory");
}

static void v3_disable(void)
{
    WRX(ICH_HCR_EL2, 0);
    asm volatile("isb" ::: "memory");
}

static void v3_save(struct vgic_vcpu *vv)
{
    vv->vmcr = RDX(ICH_VMCR_EL2);
    vv->ap0r = RDX(ICH_AP0R0_EL2);
    vv->ap1r = RDX(ICH_AP1R0_EL2);
}

static void v3_restore(const struct vgic_vcpu *vv)
{
    WRX(ICH_VMCR_EL2, vv->vmcr);
    WRX(ICH_AP0R0_EL2, vv->ap0r);
    WRX(ICH_AP1R0_EL2, vv->ap1r);
}

const struct vgic_lr_ops vgic_v3_lr_ops = {
    .nr_lrs = v3_nr_lrs,
    .write_lr = v3_write_lr,
    .read_lr_state = v3_read_lr_state,
    .clear_lrs = v3_clear_lrs,
    .enable = v3_enable,
    .disable = v3_disable,
    .save = v3_save,
    .restore = v3_restore,
};

/* ---- GICv2: the memory-mapped GICH frame ---- */

#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_APR 0x0f0
#define GICH_LR 0x100
#define GICH_HCR_EN (1U << 0)
#define GICH_HCR_UIE (1U << 1)
#define LR_V2_STATE_SHIFT 28
#define LR_V2_PRIO_SHIFT 23
#define LR_V2_EOI (1U << 19)
#define LR_V2_CPUID_SHIFT 10
#define LR_V2_HW (1U << 31)
#define LR_V2_PID_SHIFT 10

static unsigned int v2_nr_lrs(void)
{
    return (gic_read32(gic_v2_hyp_base() + GICH_VTR) & 0x3f) + 1;
}

static void v2_write_lr(unsigned int i, unsigned int intid, unsigned int prio,
                        unsigned int state, unsigned int source, bool eoi,
                        bool hw)
{
    uint32_t lr = (state << LR_V2_STATE_SHIFT) |
                  ((prio >> 3) << LR_V2_PRIO_SHIFT) | intid;

    if ( hw )
        lr |= LR_V2_HW | (intid << LR_V2_PID_SHIFT);
    else if ( intid < 16 )
        lr |= (source & 7) << LR_V2_CPUID_SHIFT;
    else if ( eoi )
        lr |= LR_V2_EOI;
    gic_write32(gic_v2_hyp_base() + GICH_LR + 4 * i, lr);
}

static unsigned int v2_read_lr_state(unsigned int i)
{
    return (gic_read32(gic_v2_hyp_base() + GICH_LR + 4 * i) >>
            LR_V2_STATE_SHIFT) &
           3;
}

static void v2_clear_lrs(unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        gic_write32(gic_v2_hyp_base() + GICH_LR + 4 * i, 0);
}

static void v2_enable(bool underflow)
{
    gic_write32(gic_v2_hyp_base() + GICH_HCR,
                GICH_HCR_EN | (underflow ? GICH_HCR_UIE : 0));
}

static void v2_disable(void)
{
    gic_write32(gic_v2_hyp_base() + GICH_HCR, 0);
}

static void v2_save(struct vgic_vcpu *vv)
{
    vv->vmcr = gic_read32(gic_v2_hyp_base() + GICH_VMCR);
    vv->ap1r = gic_read32(gic_v2_hyp_base() + GICH_APR);
}

static void v2_restore(const struct vgic_vcpu *vv)
{
    gic_write32(gic_v2_hyp_base() + GICH_VMCR, (uint32_t)vv->vmcr);
    gic_write32(gic_v2_hyp_base() + GICH_APR, (uint32_t)vv->ap1r);
}

const struct vgic_lr_ops vgic_v2_lr_ops = {
    .nr_lrs = v2_nr_lrs,
    .write_lr = v2_write_lr,
    .read_lr_state = v2_read_lr_state,
    .clear_lrs = v2_clear_lrs,
    .enable = v2_enable,
    .disable = v2_disable,
    .save = v2_save,
    .restore = v2_restore,
};
