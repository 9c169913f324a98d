/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit test of xen/common/sha256.c against the NIST example vectors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/sha256.h>

static int failures;

static const struct {
    const char *msg;
    unsigned long repeat;
    const char *digest;
} vectors[] = {
    { "abc", 1,
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "", 1,
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
    { "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
      "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
    { "a", 1000000,
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
};

static void check(const char *name, const uint8_t *d, const char *want)
{
    char hex[65];

    sha256_hex(d, hex);
    if ( strcmp(hex, want) )
    {
        printf("FAIL: %s: got %s, want %s\n", name, hex, want);
        failures++;
    }
    else
        printf("ok: %s\n", name);
}

/* Each vector fed whole, then in pieces of @chunk bytes. */
static void run_vector(unsigned int i, size_t chunk)
{
    size_t mlen = strlen(vectors[i].msg), len = mlen * vectors[i].repeat;
    char *buf = malloc(len + 1), name[64];
    struct sha256_ctx ctx;
    uint8_t d[SHA256_DIGEST_SIZE];
    size_t off, n;

    for ( off = 0; off < len; off += mlen )
        memcpy(buf + off, vectors[i].msg, mlen);
    sha256_init(&ctx);
    for ( off = 0; off < len; off += n )
    {
        n = chunk && chunk < len - off ? chunk : len - off;
        sha256_update(&ctx, buf + off, n);
    }
    sha256_final(&ctx, d);
    snprintf(name, sizeof(name), "vector %u, pieces of %zu", i, chunk);
    check(name, d, vectors[i].digest);
    free(buf);
}

/* Lengths around the padding boundaries: one-shot equals byte by byte. */
static void run_boundaries(void)
{
    uint8_t data[200], a[32], b[32];
    struct sha256_ctx ctx;
    size_t len, i;

    for ( i = 0; i < sizeof(data); i++ )
        data[i] = (uint8_t)(i * 7 + 3);
    for ( len = 0; len < sizeof(data); len++ )
    {
        sha256_digest(data, len, a);
        sha256_init(&ctx);
        for ( i = 0; i < len; i++ )
            sha256_update(&ctx, data + i, 1);
        sha256_final(&ctx, b);
        if ( memcmp(a, b, 32) )
        {
            printf("FAIL: length %zu: one-shot and byte-wise differ\n", len);
            failures++;
        }
    }
}

int main(void)
{
    static const size_t chunks[] = { 0, 1, 3, 63, 64, 65, 1000 };
    unsigned int i, j;

    for ( i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++ )
        for ( j = 0; j < sizeof(chunks) / sizeof(chunks[0]); j++ )
            run_vector(i, chunks[j]);
    run_boundaries();
    printf("%s: %d failure%s\n", failures ? "FAIL" : "PASS", failures,
           failures == 1 ? "" : "s");
    return failures ? 1 : 0;
}
