/* SPDX-License-Identifier: GPL-2.0-only */
/* SHA-256 (FIPS 180-4), shared by the hypervisor and the host tools. */
#ifndef XEN_SHA256_H
#define XEN_SHA256_H

#include <xen/types.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE 64

struct sha256_ctx {
    uint32_t state[8];
    uint64_t length; /* bytes hashed so far */
    uint8_t buf[SHA256_BLOCK_SIZE];
    unsigned int nbuf; /* bytes waiting in buf */
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(struct sha256_ctx *ctx, uint8_t out[SHA256_DIGEST_SIZE]);
/* One-shot digest of @len bytes at @data. */
void sha256_digest(const void *data, size_t len,
                   uint8_t out[SHA256_DIGEST_SIZE]);
/* Lower-case hex of a digest into @hex (65 bytes with the NUL). */
char *sha256_hex(const uint8_t digest[SHA256_DIGEST_SIZE], char hex[65]);

/* The 64 round constants (FIPS 180-4, 4.2.2). */
extern const uint32_t sha256_k[64];

/* The portable compression function: @nblocks 64-byte blocks at @p. */
void sha256_blocks_generic(uint32_t state[8], const uint8_t *p,
                           size_t nblocks);

/*
 * The compression function in use.  sha256_use_arch() (called once at boot,
 * before any hashing) may point it at an architecture's instructions.
 */
extern void (*sha256_blocks)(uint32_t state[8], const uint8_t *p,
                             size_t nblocks);

#endif /* XEN_SHA256_H */
