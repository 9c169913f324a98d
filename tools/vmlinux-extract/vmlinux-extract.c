/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmlinux-extract: the ELF kernel inside an x86 bzImage, for PVH domains.
 *   vmlinux-extract BZIMAGE VMLINUX
 * Reads the setup header (boot protocol 2.08 or later: "HdrS",
 * setup_sects, payload_offset, payload_length), recognises the payload's
 * compression by its magic and decompresses it with gzip, xz, zstd, bzip2,
 * lzma or lz4 (the last 4 bytes of the payload, the uncompressed size the
 * kernel's build appends, are left out).  Checks the result is an ELF
 * (32- or 64-bit) with a XEN_ELFNOTE_PHYS32_ENTRY note.
 * Exit: 0 ok, 1 usage or I/O error, 2 not a usable bzImage or no PVH note.
 */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HDR_SETUP_SECTS 0x1f1
#define HDR_MAGIC 0x202
#define HDR_VERSION 0x206
#define HDR_PAYLOAD_OFFSET 0x248
#define HDR_PAYLOAD_LENGTH 0x24c
#define XEN_ELFNOTE_PHYS32_ENTRY 18

struct buf {
    uint8_t *p;
    size_t len;
};

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static int read_file(const char *path, struct buf *b)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 20, n;

    b->len = 0;
    b->p = malloc(cap);
    if ( !f || !b->p )
        return -errno;
    while ( (n = fread(b->p + b->len, 1, cap - b->len, f)) > 0 )
    {
        b->len += n;
        if ( b->len == cap && !(b->p = realloc(b->p, cap *= 2)) )
            return -ENOMEM;
    }
    fclose(f);
    return 0;
}

/* The decompressor for a payload starting with @p, or NULL. */
static const char *decompressor(const uint8_t *p, size_t len)
{
    static const struct {
        const uint8_t magic[6];
        size_t len;
        const char *cmd;
    } kinds[] = {
        { { 0x1f, 0x8b }, 2, "gzip -dc" },
        { { 0xfd, '7', 'z', 'X', 'Z', 0 }, 6, "xz -dc" },
        { { 0x28, 0xb5, 0x2f, 0xfd }, 4, "zstd -dcq" },
        { { 'B', 'Z', 'h' }, 3, "bzip2 -dc" },
        { { 0x5d, 0, 0 }, 3, "xz -dc --format=lzma" },
        { { 0x02, 0x21, 0x4c, 0x18 }, 4, "lz4 -dc" },
    };
    size_t i;

    for ( i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++ )
        if ( len >= kinds[i].len && !memcmp(p, kinds[i].magic, kinds[i].len) )
            return kinds[i].cmd;
    return NULL;
}

/* The compressed payload of bzImage @b: *@pay, *@len; or -EINVAL. */
static int find_payload(const struct buf *b, const uint8_t **pay, size_t *len)
{
    size_t setup, off, plen;
    unsigned int version;

    if ( b->len < 0x260 || memcmp(b->p + HDR_MAGIC, "HdrS", 4) )
    {
        fprintf(stderr, "vmlinux-extract: not a bzImage (no HdrS)\n");
        return -EINVAL;
    }
    version = (unsigned int)(b->p[HDR_VERSION] | b->p[HDR_VERSION + 1] << 8);
    if ( version < 0x208 )
    {
        fprintf(stderr,
                "vmlinux-extract: boot protocol %x.%02x: no "
                "payload fields before 2.08\n",
                version >> 8, version & 0xff);
        return -EINVAL;
    }
    setup = (b->p[HDR_SETUP_SECTS] ? b->p[HDR_SETUP_SECTS] : 4U) + 1U;
    off = setup * 512 + le32(b->p + HDR_PAYLOAD_OFFSET);
    plen = le32(b->p + HDR_PAYLOAD_LENGTH);
    if ( plen <= 4 || off > b->len || plen > b->len - off )
    {
        fprintf(stderr, "vmlinux-extract: payload outside the file\n");
        return -EINVAL;
    }
    *pay = b->p + off;
    *len = plen - 4; /* less the appended uncompressed size */
    return 0;
}

static int decompress(const uint8_t *pay, size_t len, const char *out)
{
    const char *cmd = decompressor(pay, len);
    char line[4096];
    FILE *p;

    if ( !cmd )
    {
        fprintf(stderr,
                "vmlinux-extract: unknown payload compression "
                "(%02x %02x %02x %02x)\n",
                pay[0], pay[1], pay[2], pay[3]);
        return -EINVAL;
    }
    snprintf(line, sizeof(line), "%s > '%s'", cmd, out);
    p = popen(line, "w");
    if ( !p )
        return -errno;
    if ( fwrite(pay, 1, len, p) != len )
    {
        pclose(p);
        return -EIO;
    }
    if ( pclose(p) )
    {
        fprintf(stderr, "vmlinux-extract: %s failed\n", cmd);
        return -EIO;
    }
    printf("vmlinux-extract: payload %zu bytes, %s\n", len, cmd);
    return 0;
}

/* The "Xen" XEN_ELFNOTE_PHYS32_ENTRY note in notes [@at, @end) of @b? */
static bool has_pvh_note(const struct buf *b, size_t at, size_t end)
{
    if ( end > b->len || at > end )
        return false;
    while ( at + 12 <= end )
    {
        uint32_t nsz = le32(b->p + at), dsz = le32(b->p + at + 4);
        uint32_t type = le32(b->p + at + 8);

        if ( nsz == 4 && type == XEN_ELFNOTE_PHYS32_ENTRY && at + 16 <= end &&
             !memcmp(b->p + at + 12, "Xen", 4) )
            return true;
        at += 12 + ((nsz + 3U) & ~3U) + ((dsz + 3U) & ~3U);
    }
    return false;
}

/* Does one PT_NOTE of ELF @b (32- or 64-bit) hold the PVH entry note? */
static int check_pvh_note(const struct buf *b)
{
    const Elf64_Ehdr *e64 = (const void *)b->p;
    const Elf32_Ehdr *e32 = (const void *)b->p;
    bool is64;
    unsigned int i, n;

    if ( b->len < sizeof(*e64) || memcmp(b->p, ELFMAG, SELFMAG) )
        return -EINVAL;
    is64 = b->p[EI_CLASS] == ELFCLASS64;
    n = is64 ? e64->e_phnum : e32->e_phnum;
    if ( (is64 ? e64->e_phoff : e32->e_phoff) +
             (uint64_t)n * (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) >
         b->len )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
    {
        const Elf64_Phdr *p64 = (const Elf64_Phdr *)(b->p + e64->e_phoff) + i;
        const Elf32_Phdr *p32 = (const Elf32_Phdr *)(b->p + e32->e_phoff) + i;
        size_t at = is64 ? p64->p_offset : p32->p_offset;
        size_t sz = is64 ? p64->p_filesz : p32->p_filesz;

        if ( (is64 ? p64->p_type : p32->p_type) == PT_NOTE &&
             has_pvh_note(b, at, at + sz) )
            return 0;
    }
    return -ENOENT;
}

int main(int argc, char **argv)
{
    struct buf in, elf;
    const uint8_t *pay;
    size_t len;

    if ( argc != 3 )
    {
        fprintf(stderr, "usage: vmlinux-extract BZIMAGE VMLINUX\n");
        return 1;
    }
    if ( read_file(argv[1], &in) )
    {
        perror(argv[1]);
        return 1;
    }
    if ( find_payload(&in, &pay, &len) || decompress(pay, len, argv[2]) )
        return 2;
    if ( read_file(argv[2], &elf) )
    {
        perror(argv[2]);
        return 1;
    }
    if ( check_pvh_note(&elf) )
    {
        fprintf(stderr,
                "vmlinux-extract: %s: not an ELF with a "
                "XEN_ELFNOTE_PHYS32_ENTRY note (no PVH entry)\n",
                argv[2]);
        return 2;
    }
    printf("vmlinux-extract: %s: ELF with the PVH entry note\n", argv[2]);
    return 0;
}
