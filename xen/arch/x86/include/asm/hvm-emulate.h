/* SPDX-License-Identifier: GPL-2.0-only */
/* MMIO instruction emulation: 32-bit MOVs to and from memory (emulate.c). */
#ifndef ASM_X86_HVM_EMULATE_H
#define ASM_X86_HVM_EMULATE_H

#include <xen/types.h>

struct vcpu;

#define HVM_MMIO_IMM 0xffU /* hvm_mmio_insn.reg: the source is imm */

/* A decoded MOV: direction, register (ModRM order) or imm, length. */
struct hvm_mmio_insn {
    bool write;
    unsigned int reg;
    uint32_t imm;
    unsigned int len;
};

/*
 * Guest linear address @la of @v to guest physical through its page
 * tables (no paging, 32-bit, PAE, 4- and 5-level).  0, -ENOENT (not
 * present) or -EFAULT (a table outside the guest's RAM).  No access or
 * privilege checks: the caller only reads the bytes the CPU just ran.
 */
int hvm_linear_to_gpa(struct vcpu *v, uint64_t la, paddr_t *gpa);

/*
 * Decode the @avail bytes at @insn (insn-decode.c) as MOV r32,m32 (8B),
 * MOV m32,r32 (89), MOV m32,imm32 (C7 /0), MOV EAX,moffs (A1) or MOV
 * moffs,EAX (A3), with segment prefixes and (unless @addr32, i.e. outside
 * 64-bit mode) a REX prefix without W.  Never reads past @avail.  0, or
 * -EOPNOTSUPP for anything else (other sizes, string forms, LOCK, REP,
 * 0x66/0x67, register operands, bytes missing).
 */
int hvm_decode_mov(const uint8_t *insn, unsigned int avail, bool addr32,
                   struct hvm_mmio_insn *mi);

/* Fetch the instruction at @v's CS:RIP and decode it (as above, -EFAULT). */
int hvm_fetch_mov(struct vcpu *v, struct hvm_mmio_insn *mi);

/* The value a decoded write stores. */
uint32_t hvm_mmio_source(struct vcpu *v, const struct hvm_mmio_insn *mi);

/* Finish the MOV: a read's @val to its register; RIP past it. */
void hvm_mmio_complete(struct vcpu *v, const struct hvm_mmio_insn *mi,
                       uint32_t val);

#endif /* ASM_X86_HVM_EMULATE_H */
