/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 system register names, bits and accessors used at EL2. */
#ifndef ASM_ARM_SYSREGS_H
#define ASM_ARM_SYSREGS_H

/* CurrentEL value at EL2. */
#define CURRENT_EL2 (2 << 2)

/* SCTLR_EL2 (HCR_EL2.E2H = 0): RES1 bits, instruction cache enable. */
#define SCTLR_EL2_RES1 0x30c50830
#define SCTLR_EL2_I (1 << 12)

/* CPTR_EL2 (HCR_EL2.E2H = 0): trap FP/SIMD, trap CPACR_EL1 accesses. */
#define CPTR_EL2_TFP_BIT 10
#define CPTR_EL2_TCPAC_BIT 31

/* ESR_ELx exception class. */
#define ESR_EC_SHIFT 26
#define ESR_EC_MASK 0x3fU

#ifndef __ASSEMBLY__
#include <xen/types.h>

#define READ_SYSREG(name) \
    ({ \
        uint64_t _r; \
        asm volatile("mrs %0, " #name : "=r"(_r)); \
        _r; \
    })
#endif

#endif /* ASM_ARM_SYSREGS_H */
