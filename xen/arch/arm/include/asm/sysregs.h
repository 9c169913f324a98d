/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 system register names, bits and accessors used at EL2. */
#ifndef ASM_ARM_SYSREGS_H
#define ASM_ARM_SYSREGS_H

/* CurrentEL value at EL2. */
#define CURRENT_EL2 (2 << 2)

/* SCTLR_EL2 (HCR_EL2.E2H = 0): RES1 bits, instruction cache enable. */
#define SCTLR_EL2_RES1 0x30c50830
#define SCTLR_EL2_I (1 << 12)
#define SCTLR_EL2_M (1 << 0)    /* stage-1 MMU enable */
#define SCTLR_EL2_C (1 << 2)    /* data cache enable */
#define SCTLR_EL2_WXN (1 << 19) /* writable implies never executable */

/* TCR_EL2 (HCR_EL2.E2H = 0). */
#define TCR_EL2_RES1 ((1UL << 31) | (1UL << 23))
#define TCR_T0SZ(bits) (64UL - (bits))
#define TCR_IRGN0_WBWA (1UL << 8)
#define TCR_ORGN0_WBWA (1UL << 10)
#define TCR_SH0_INNER (3UL << 12)
#define TCR_TG0_4K (0UL << 14)
#define TCR_PS_SHIFT 16

/* ID_AA64MMFR0_EL1.PARange: 0 = 32 bits ... 5 = 48 bits, 6 = 52 bits. */
#define ID_MMFR0_PARANGE_MASK 0xfUL
#define PARANGE_48_BITS 5

/* CTR_EL0.DminLine: log2 of the smallest data cache line, in words. */
#define CTR_DMINLINE_SHIFT 16
#define CTR_DMINLINE_MASK 0xfUL

/* DCZID_EL0: DC ZVA prohibited. */
#define DCZID_DZP (1UL << 4)

/*
 * CPTR_EL2 (HCR_EL2.E2H = 0): trap SVE, SME, FP/SIMD, trace, activity
 * monitors, CPACR_EL1 accesses.  TZ and TSM are RES1 without SVE / SME.
 */
#define CPTR_EL2_TZ (1UL << 8)
#define CPTR_EL2_TFP_BIT 10
#define CPTR_EL2_TSM (1UL << 12)
#define CPTR_EL2_TTA (1UL << 20)
#define CPTR_EL2_TAM (1UL << 30)
#define CPTR_EL2_TCPAC_BIT 31

/*
 * MDCR_EL2: HPMN (event counters EL1 may use, kept as reset), trap PMCR,
 * every PMU register, debug registers, OS lock/OS registers, debug ROM
 * address; trap the Statistical Profiling registers.
 */
#define MDCR_EL2_HPMN_MASK 0x1fUL
#define MDCR_EL2_TPMCR (1UL << 5)
#define MDCR_EL2_TPM (1UL << 6)
#define MDCR_EL2_TDA (1UL << 9)
#define MDCR_EL2_TDOSA (1UL << 10)
#define MDCR_EL2_TDRA (1UL << 11)
#define MDCR_EL2_TPMS (1UL << 14)

/* ID register fields the guests do not see (HCR_EL2.TID3). */
#define ID_AA64PFR0_RAS_SHIFT 28
#define ID_AA64PFR0_SVE_SHIFT 32
#define ID_AA64PFR0_AMU_SHIFT 44
#define ID_AA64PFR1_SME_SHIFT 24
#define ID_AA64DFR0_PMUVER_SHIFT 8
#define ID_AA64DFR0_PMSVER_SHIFT 32
#define ID_PMUVER_IMPDEF 0xfUL
#define ID_FIELD(reg, shift) (((reg) >> (shift)) & 0xfUL)

/* ESR_ELx exception class. */
#define ESR_EC_SHIFT 26
#define ESR_EC_MASK 0x3fU

/* ESR_ELx.IL: a 32-bit instruction (0: a 16-bit T32 one). */
#define ESR_IL (1U << 25)

/* Exception classes of guest exits handled at EL2, and injected. */
#define ESR_EC_UNKNOWN 0x00
#define ESR_EC_WFX 0x01
#define ESR_EC_CP15_32 0x03
#define ESR_EC_CP15_64 0x04
#define ESR_EC_CP14_32 0x05
#define ESR_EC_CP14_LS 0x06
#define ESR_EC_CP14_64 0x0c
#define ESR_EC_HVC64 0x16
#define ESR_EC_SMC64 0x17
#define ESR_EC_SYSREG 0x18
#define ESR_EC_IABT_LOW 0x20
#define ESR_EC_IABT_CUR 0x21
#define ESR_EC_DABT_LOW 0x24
#define ESR_EC_DABT_CUR 0x25

/* Condition code of a trapped AArch32 instruction: valid, condition. */
#define ESR_CV (1U << 24)
#define ESR_COND_SHIFT 20

/* Abort ISS: FAR not valid, cache maintenance, synchronous external. */
#define ESR_ABT_FNV (1U << 10)
#define ESR_DABT_CM (1U << 8)
#define ESR_FSC_SEA 0x10U

/* SPSR / PSTATE: mode field, AArch32, IT and flag bits, PAN. */
#define PSR_MODE_MASK 0xfULL
#define PSR_MODE_EL0T 0x0ULL
#define PSR_MODE_EL1T 0x4ULL
#define PSR_MODE_EL1H 0x5ULL
#define PSR_AARCH32 (1ULL << 4)
#define PSR_DAIF (0xfULL << 6)
#define PSR_T32 (1ULL << 5)
#define PSR_SSBS (1ULL << 12)
#define PSR_PAN (1ULL << 22)
#define PSR_NZCV_SHIFT 28

/*
 * SCTLR_EL1.SPAN = 0: PSTATE.PAN is set on exception entry to EL1;
 * SCTLR_EL1.DSSBS: the PSTATE.SSBS it gets.
 */
#define SCTLR_SPAN (1UL << 23)
#define SCTLR_DSSBS (1UL << 44)
#define ID_AA64MMFR1_PAN_SHIFT 20
#define ID_AA64MMFR1_LO_SHIFT 16
#define ID_AA64PFR1_SSBS_SHIFT 4

/* Data abort ISS: valid syndrome, access size, register, write. */
#define ESR_DABT_ISV (1U << 24)
#define ESR_DABT_SAS_SHIFT 22
#define ESR_DABT_SAS_MASK 3U
#define ESR_DABT_SRT_SHIFT 16
#define ESR_DABT_SRT_MASK 0x1fU
#define ESR_DABT_WNR (1U << 6)

/*
 * HCR_EL2: stage 2, route IRQ/FIQ/SError, trap SMC, WFI, WFE and ID registers,
 * AArch64 EL1.
 */
#define HCR_VM (1UL << 0)
#define HCR_SWIO (1UL << 1)
#define HCR_FMO (1UL << 3)
#define HCR_IMO (1UL << 4)
#define HCR_AMO (1UL << 5)
#define HCR_TWI (1UL << 13)
#define HCR_TWE (1UL << 14)
#define HCR_TID3 (1UL << 18)
#define HCR_TSC (1UL << 19)
#define HCR_TIDCP (1UL << 20) /* IMPLEMENTATION DEFINED registers */
#define HCR_TACR (1UL << 21)  /* ACTLR_EL1 */
#define HCR_TTLB (1UL << 25)  /* TLB maintenance instructions */
#define HCR_RW (1UL << 31)
#define HCR_TLOR (1UL << 35) /* LORegion registers (FEAT_LOR) */
#define HCR_TERR (1UL << 36) /* error record registers (RAS) */

/* SCTLR_EL1 at guest entry: MMU and caches off (Xen's SCTLR_GUEST_INIT). */
#define SCTLR_GUEST_INIT 0x00c50078UL

/* CNTV_CTL_EL0 / CNTP_CTL_EL0 */
#define CNTx_CTL_ENABLE (1UL << 0)
#define CNTx_CTL_IMASK (1UL << 1)
#define CNTx_CTL_ISTATUS (1UL << 2)

/* CNTHCTL_EL2: EL1 may read the physical counter and use the timer. */
#define CNTHCTL_EL1PCTEN (1UL << 0)
#define CNTHCTL_EL1PCEN (1UL << 1)

#ifndef __ASSEMBLY__
#include <xen/types.h>

#define READ_SYSREG(name) \
    ({ \
        uint64_t _r; \
        asm volatile("mrs %0, " #name : "=r"(_r)); \
        _r; \
    })

#define WRITE_SYSREG(name, v) \
    asm volatile("msr " #name ", %0" ::"r"((uint64_t)(v)) : "memory")
#endif

#endif /* ASM_ARM_SYSREGS_H */
