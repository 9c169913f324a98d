/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trapped system register accesses: debug, PMU, RAS error record and
 * LORegion registers read as zero and ignore writes, ACTLR_EL1 reads as
 * firmware set it, ID registers hide what guests may not use, GICv3 SGI
 * registers; anything else (IMPLEMENTATION DEFINED registers included)
 * is UNDEFINED for the guest.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/domain.h>
#include <asm/sysregs.h>
#include <asm/vgic.h>

/* ISS of a trapped MSR/MRS (EC 0x18): Op0, Op2, Op1, CRn, Rt, CRm, read. */
#define ISS_OP0(iss) (((iss) >> 20) & 3U)
#define ISS_OP2(iss) (((iss) >> 17) & 7U)
#define ISS_OP1(iss) (((iss) >> 14) & 7U)
#define ISS_CRN(iss) (((iss) >> 10) & 0xfU)
#define ISS_RT(iss) (((iss) >> 5) & 0x1fU)
#define ISS_CRM(iss) (((iss) >> 1) & 0xfU)
#define ISS_READ(iss) (1U & (iss))

#define SYSREG(op0, op1, crn, crm, op2) \
    (((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | \
     ((crm) << 1))
#define SYSREG_MASK SYSREG(3U, 7U, 0xfU, 0xfU, 7U)

#define SYSREG_OSLSR_EL1 SYSREG(2U, 0U, 1U, 1U, 4U)
#define SYSREG_ACTLR_EL1 SYSREG(3U, 0U, 1U, 0U, 1U)
#define SYSREG_LORID SYSREG(3U, 0U, 10U, 4U, 7U)
#define SYSREG_ICC_SGI1R SYSREG(3U, 0U, 12U, 11U, 5U)
#define SYSREG_ICC_ASGI1R SYSREG(3U, 0U, 12U, 11U, 6U)
#define SYSREG_ICC_SGI0R SYSREG(3U, 0U, 12U, 11U, 7U)
#define SYSREG_PMINTENSET SYSREG(3U, 0U, 9U, 14U, 1U)
#define SYSREG_PMINTENCLR SYSREG(3U, 0U, 9U, 14U, 2U)
#define SYSREG_PMMIR SYSREG(3U, 0U, 9U, 14U, 6U)
#define SYSREG_ID_AA64PFR0 SYSREG(3U, 0U, 0U, 4U, 0U)
#define SYSREG_ID_AA64PFR1 SYSREG(3U, 0U, 0U, 4U, 1U)
#define SYSREG_ID_AA64DFR0 SYSREG(3U, 0U, 0U, 5U, 0U)
#define SYSREG_ID_AA64ISAR1 SYSREG(3U, 0U, 0U, 6U, 1U)
#define SYSREG_ID_AA64ISAR2 SYSREG(3U, 0U, 0U, 6U, 2U)

/*
 * OSLSR_EL1 as guests see it: the OS lock is implemented (OSLM = 0b10)
 * and never locked, since OSLAR_EL1 writes are ignored.
 */
#define OSLSR_GUEST 0x8U

/* Fields of ID registers cleared for guests (4 bits each, at these). */
static const struct {
    uint32_t reg;
    uint64_t fields;
} hidden[] = {
    /* SVE (CPTR_EL2.TZ traps it), AMU (CPTR_EL2.TAM). */
    { SYSREG_ID_AA64PFR0,
      (0xfULL << ID_AA64PFR0_SVE_SHIFT) | (0xfULL << ID_AA64PFR0_AMU_SHIFT) },
    /* SME (CPTR_EL2.TSM), MTE: nothing switches their state. */
    { SYSREG_ID_AA64PFR1, (0xfULL << ID_AA64PFR1_SME_SHIFT) | (0xfULL << 8) },
    /* Statistical profiling (trapped), trace filter, trace buffer. */
    { SYSREG_ID_AA64DFR0,
      (0xfULL << ID_AA64DFR0_PMSVER_SHIFT) | (0xffULL << 40) },
    /* Pointer authentication (APA, API, GPA, GPI): keys not switched. */
    { SYSREG_ID_AA64ISAR1, 0xff000ff0ULL },
    { SYSREG_ID_AA64ISAR2, 0xff00ULL }, /* APA3, GPA3 */
};

/* The host's ID group 3 register Op0 3, Op1 0, CRn 0, @crm (1-7), @op2. */
static uint64_t read_id_reg(unsigned int crm, unsigned int op2)
{
    uint64_t val = 0;

#define ID_CASE(m, o) \
    case 8 * (m) + (o): \
        asm volatile("mrs %0, s3_0_c0_c" #m "_" #o : "=r"(val)); \
        break;
#define ID_ROW(m) \
    ID_CASE(m, 0) \
    ID_CASE(m, 1) \
    ID_CASE(m, 2) \
    ID_CASE(m, 3) \
    ID_CASE(m, 4) ID_CASE(m, 5) ID_CASE(m, 6) ID_CASE(m, 7)
    switch ( 8 * crm + op2 )
    {
        ID_ROW(1)
        ID_ROW(2)
        ID_ROW(3)
        ID_ROW(4)
        ID_ROW(5)
        ID_ROW(6)
        ID_ROW(7)
    default:
        break;
    }
#undef ID_ROW
#undef ID_CASE
    return val;
}

static uint64_t id_reg(uint32_t reg)
{
    uint64_t val = read_id_reg(ISS_CRM(reg), ISS_OP2(reg));
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(hidden); i++ )
        if ( hidden[i].reg == reg )
            val &= ~hidden[i].fields;
    return val;
}

static bool is_id_reg(uint32_t reg)
{
    return ISS_OP0(reg) == 3 && ISS_OP1(reg) == 0 && ISS_CRN(reg) == 0 &&
           ISS_CRM(reg) >= 1 && ISS_CRM(reg) <= 7;
}

/* A PMU register of EL0 or EL1 (MDCR_EL2.TPM/TPMCR traps them). */
static bool is_pmu_reg(uint32_t reg)
{
    if ( reg == SYSREG_PMINTENSET || reg == SYSREG_PMINTENCLR ||
         reg == SYSREG_PMMIR )
        return true;
    if ( ISS_OP0(reg) != 3 || ISS_OP1(reg) != 3 )
        return false;
    return (ISS_CRN(reg) == 9 && ISS_CRM(reg) >= 12 && ISS_CRM(reg) <= 14) ||
           (ISS_CRN(reg) == 14 && ISS_CRM(reg) >= 8);
}

/* A LORegion register (HCR_EL2.TLOR): LORSA/LOREA/LORN/LORC/LORID. */
static bool is_lor_reg(uint32_t reg)
{
    return ISS_OP0(reg) == 3 && ISS_OP1(reg) == 0 && ISS_CRN(reg) == 10 &&
           ISS_CRM(reg) == 4 && ISS_OP2(reg) <= 3;
}

/* A RAS error record register (HCR_EL2.TERR traps them). */
static bool is_err_reg(uint32_t reg)
{
    return ISS_OP0(reg) == 3 && ISS_OP1(reg) == 0 && ISS_CRN(reg) == 5 &&
           ISS_CRM(reg) >= 3 && ISS_CRM(reg) <= 5;
}

/*
 * The access @iss of @v to system register encoding Op0 3 / 2: true when
 * emulated (a read result in *@val), false when UNDEFINED.
 */
static bool access(struct vcpu *v, uint32_t iss, uint64_t *val)
{
    uint32_t reg = iss & SYSREG_MASK;
    bool read = ISS_READ(iss);

    /* Debug, trace and OS registers (TDA, TDOSA, TDRA, TTA): RAZ/WI. */
    if ( ISS_OP0(reg) == 2 )
    {
        *val = reg == SYSREG_OSLSR_EL1 ? OSLSR_GUEST : 0;
        return true;
    }
    if ( is_pmu_reg(reg) || is_err_reg(reg) || is_lor_reg(reg) ||
         reg == SYSREG_LORID )
    {
        *val = 0;
        return true;
    }
    if ( reg == SYSREG_ACTLR_EL1 )
    {
        /* Whatever firmware set, unchanged: no domain may retune the CPU. */
        *val = READ_SYSREG(actlr_el1);
        return true;
    }
    if ( is_id_reg(reg) && read )
    {
        *val = id_reg(reg);
        return true;
    }
    if ( v->domain->arch.gic_v2 || read )
        return false; /* the SGI registers are write-only, GICv3 only */
    switch ( reg )
    {
    case SYSREG_ICC_SGI1R:
        vgic_v3_sgi(v, *val, VGIC_SGI_GROUP1);
        return true;
    case SYSREG_ICC_ASGI1R:
        vgic_v3_sgi(v, *val, VGIC_SGI_GROUP1_OTHER);
        return true;
    case SYSREG_ICC_SGI0R:
        vgic_v3_sgi(v, *val, VGIC_SGI_GROUP0);
        return true;
    default:
        return false;
    }
}

/*
 * A TLB invalidation by a domain of one vCPU (HCR_EL2.TTLB, only where
 * p2m_local_tlbi): done on this host CPU alone, under the domain's VMID
 * (VTTBR_EL2 holds it).  The inner-shareable forms become their local
 * ones; anything else (outer-shareable and range forms) invalidates all
 * of the vCPU's EL1&0 entries, which is never too little.
 */
static void tlbi_local(uint32_t reg, uint64_t val)
{
    bool v80 = !ISS_OP1(reg) && (ISS_CRM(reg) == 3 || ISS_CRM(reg) == 7);

    switch ( v80 ? ISS_OP2(reg) : 0 )
    {
    case 1:
        asm volatile("tlbi vae1, %0" ::"r"(val) : "memory");
        break;
    case 2:
        asm volatile("tlbi aside1, %0" ::"r"(val) : "memory");
        break;
    case 3:
        asm volatile("tlbi vaae1, %0" ::"r"(val) : "memory");
        break;
    case 5:
        asm volatile("tlbi vale1, %0" ::"r"(val) : "memory");
        break;
    case 7:
        asm volatile("tlbi vaale1, %0" ::"r"(val) : "memory");
        break;
    default: /* 0: VMALLE1(IS), and every other form */
        asm volatile("tlbi vmalle1" ::: "memory");
        break;
    }
}

bool vsysreg_access(struct vcpu *v, uint64_t esr)
{
    uint32_t iss = (uint32_t)esr & 0x1ffffffU;
    unsigned int rt = ISS_RT(iss);
    uint64_t val = rt == 31 ? 0 : v->arch.regs.x[rt];

    if ( ISS_OP0(iss) == 1 && ISS_CRN(iss) == 8 && !ISS_READ(iss) )
    {
        /* TLB maintenance, trapped only where TTLB is set. */
        tlbi_local(iss, val);
        asm volatile("dsb nsh; isb" ::: "memory");
        vcpu_skip_insn(v, esr);
        return true;
    }
    if ( !access(v, iss, &val) )
        return vcpu_inject_undef(v, esr);
    if ( ISS_READ(iss) && rt != 31 )
        v->arch.regs.x[rt] = val;
    vcpu_skip_insn(v, esr);
    return true;
}

/*
 * AArch32 EL0 MRC/MCR/MRRC/MCRR to CP14 (debug, trapped by MDCR_EL2.TDA
 * and TDOSA): RAZ/WI.  Rt 15 of an MRC is APSR_nzcv.  CP15 reaches EL2
 * from EL0 only for what EL0 may not use: UNDEFINED.
 */
bool vsysreg_cp_access(struct vcpu *v, uint64_t esr)
{
    unsigned int ec = (esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
    unsigned int rt = (esr >> 5) & 0x1f, rt2 = (esr >> 10) & 0x1f;
    bool read = esr & 1;

    if ( ec != ESR_EC_CP14_32 && ec != ESR_EC_CP14_64 )
        return vcpu_inject_undef(v, esr);
    if ( read && ec == ESR_EC_CP14_32 && rt == 15 )
        v->arch.regs.cpsr &= ~(0xfULL << PSR_NZCV_SHIFT);
    else if ( read )
    {
        if ( rt < 15 )
            v->arch.regs.x[rt] = 0;
        if ( ec == ESR_EC_CP14_64 && rt2 < 15 )
            v->arch.regs.x[rt2] = 0;
    }
    vcpu_skip_insn(v, esr);
    return true;
}
