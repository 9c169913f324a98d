/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decoder of the one kind of instruction the hypervisor emulates after
 * a nested page fault (emulate.c): a 32-bit MOV between memory and a
 * register or an immediate.  Pure (bytes in, a description out), so the
 * host unit test tools/tests/insn-decode-test.c builds this file as it is.
 * Encodings: Intel SDM vol. 2, 2.1 (prefixes, ModRM, SIB) and 2.2.1 (REX).
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/hvm-emulate.h>

static bool seg_prefix(uint8_t b)
{
    return b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 ||
           b == 0x65;
}

/*
 * Length of the ModRM operand bytes at @p (ModRM, SIB, displacement) in
 * 32- or 64-bit addressing, or -EINVAL when they run past @avail or name
 * a register instead of memory.  REX.B changes none of these lengths: r12
 * as a base still takes a SIB, r13 with mod 0 is still disp32 or RIP.
 */
static int modrm_len(const uint8_t *p, unsigned int avail)
{
    unsigned int mod, rm, len = 1;

    if ( avail < 1 )
        return -EINVAL;
    mod = (unsigned int)p[0] >> 6;
    rm = p[0] & 7U;
    if ( mod == 3 )
        return -EINVAL; /* register operand: not a memory access */
    if ( rm == 4 )
    {
        if ( avail < 2 )
            return -EINVAL;
        len++;
        if ( mod == 0 && (p[1] & 7U) == 5 )
            len += 4; /* SIB without base: disp32 */
    }
    else if ( mod == 0 && rm == 5 )
        len += 4; /* disp32 (RIP-relative in 64-bit mode) */
    if ( mod == 1 )
        len += 1;
    else if ( mod == 2 )
        len += 4;
    return len > avail ? -EINVAL : (int)len;
}

/* MOV EAX, moffs (A1) and MOV moffs, EAX (A3): an address, no ModRM. */
static int decode_moffs(uint8_t op, unsigned int i, unsigned int avail,
                        bool addr32, struct hvm_mmio_insn *mi)
{
    unsigned int len = i + (addr32 ? 4 : 8);

    if ( len > avail )
        return -EOPNOTSUPP;
    mi->write = op == 0xa3;
    mi->reg = 0;
    mi->imm = 0;
    mi->len = len;
    return 0;
}

int hvm_decode_mov(const uint8_t *insn, unsigned int avail, bool addr32,
                   struct hvm_mmio_insn *mi)
{
    unsigned int i = 0, rex = 0, reg;
    uint8_t op;
    int mlen;

    /* Segment overrides are harmless (the fault gave the address). */
    while ( i < avail && seg_prefix(insn[i]) )
        i++;
    /* REX, 64-bit mode only (elsewhere 0x40-0x4f are INC and DEC). */
    if ( i < avail && !addr32 && (insn[i] & 0xf0) == 0x40 )
        rex = insn[i++];
    /* REX.W: 64-bit operand; 0x66, 0x67, LOCK, REP fail as opcodes. */
    if ( i + 1 >= avail || (rex & 8) )
        return -EOPNOTSUPP;
    op = insn[i++];
    if ( op == 0xa1 || op == 0xa3 )
        return decode_moffs(op, i, avail, addr32, mi);
    reg = ((insn[i] >> 3) & 7U) | ((rex & 4) << 1);
    if ( op == 0xc7 && (reg & 7) )
        return -EOPNOTSUPP; /* C7 /1-/7: not MOV */
    if ( op != 0x8b && op != 0x89 && op != 0xc7 )
        return -EOPNOTSUPP;
    mlen = modrm_len(insn + i, avail - i);
    if ( mlen < 0 )
        return -EOPNOTSUPP;
    i += (unsigned int)mlen;
    mi->write = op != 0x8b;
    mi->reg = op == 0xc7 ? HVM_MMIO_IMM : reg;
    mi->imm = 0;
    if ( op == 0xc7 )
    {
        if ( i + 4 > avail )
            return -EOPNOTSUPP;
        memcpy(&mi->imm, insn + i, 4);
        i += 4;
    }
    mi->len = i;
    return 0;
}
