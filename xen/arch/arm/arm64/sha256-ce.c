/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SHA-256 with the Armv8 Cryptographic Extension (SHA256H, SHA256H2,
 * SHA256SU0, SHA256SU1), chosen at boot when ID_AA64ISAR0_EL1.SHA2 says
 * the CPU has them.  The only hypervisor code built with FP/SIMD: it runs
 * on the boot CPU before any domain exists (CPTR_EL2.TFP is clear from
 * head.S), so no guest register state can be clobbered.
 */
#include <xen/lib.h>
#include <xen/setup.h>
#include <xen/sha256.h>
#include <asm/sysregs.h>
#include <arm_neon.h>

static void sha256_blocks_ce(uint32_t state[8], const uint8_t *p,
                             size_t nblocks)
{
    uint32x4_t abcd = vld1q_u32(state), efgh = vld1q_u32(state + 4);
    uint32x4_t m[4], abcd0, efgh0, wk, t;
    unsigned int i;

    while ( nblocks-- )
    {
        for ( i = 0; i < 4; i++ )
            m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16 * i)));
        abcd0 = abcd;
        efgh0 = efgh;
        /* 16 groups of 4 rounds; the schedule runs 3 groups ahead. */
        for ( i = 0; i < 16; i++ )
        {
            wk = vaddq_u32(m[i % 4], vld1q_u32(&sha256_k[4 * i]));
            t = abcd;
            abcd = vsha256hq_u32(abcd, efgh, wk);
            efgh = vsha256h2q_u32(efgh, t, wk);
            if ( i < 12 )
                m[i % 4] =
                    vsha256su1q_u32(vsha256su0q_u32(m[i % 4], m[(i + 1) % 4]),
                                    m[(i + 2) % 4], m[(i + 3) % 4]);
        }
        abcd = vaddq_u32(abcd, abcd0);
        efgh = vaddq_u32(efgh, efgh0);
        p += SHA256_BLOCK_SIZE;
    }
    vst1q_u32(state, abcd);
    vst1q_u32(state + 4, efgh);
}

/* SHA-256 of the 56-byte FIPS 180-4 example (two blocks). */
static bool ce_known_answer(void)
{
    static const char msg[] =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    static const uint8_t want[8] = { 0x24, 0x8d, 0x6a, 0x61,
                                     0xd2, 0x06, 0x38, 0xb8 };
    uint8_t d[SHA256_DIGEST_SIZE];

    sha256_digest(msg, sizeof(msg) - 1, d);
    return !memcmp(d, want, sizeof(want));
}

void arch_sha256_select(void)
{
    uint64_t isar0 = READ_SYSREG(id_aa64isar0_el1);

    if ( ((isar0 >> 12) & 0xf) == 0 )
    {
        printk("measured: SHA-256 in C (no SHA2 instructions)\n");
        return;
    }
    sha256_blocks = sha256_blocks_ce;
    if ( ce_known_answer() )
    {
        printk("measured: SHA-256 with the Armv8 SHA2 instructions\n");
        return;
    }
    sha256_blocks = sha256_blocks_generic;
    printk("Warning: measured: the SHA2 instructions gave a wrong digest; "
           "using the C code\n");
}
