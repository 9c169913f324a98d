/* SPDX-License-Identifier: GPL-2.0-only */
/* The ELF kernel inside an x86 bzImage, for PVH domains (bzimage.h). */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bzimage.h"

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
        fprintf(stderr, "%s: not a bzImage (no HdrS)\n", hl_progname);
        return -EINVAL;
    }
    version = (unsigned int)(b->p[HDR_VERSION] | b->p[HDR_VERSION + 1] << 8);
    if ( version < 0x208 )
    {
        fprintf(stderr,
                "%s: boot protocol %x.%02x: no "
                "payload fields before 2.08\n",
                hl_progname, version >> 8, version & 0xff);
        return -EINVAL;
    }
    setup = (b->p[HDR_SETUP_SECTS] ? b->p[HDR_SETUP_SECTS] : 4U) + 1U;
    off = setup * 512 + le32(b->p + HDR_PAYLOAD_OFFSET);
    plen = le32(b->p + HDR_PAYLOAD_LENGTH);
    if ( plen <= 4 || off > b->len || plen > b->len - off )
    {
        fprintf(stderr, "%s: payload outside the file\n", hl_progname);
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
                "%s: unknown payload compression "
                "(%02x %02x %02x %02x)\n",
                hl_progname, pay[0], pay[1], pay[2], pay[3]);
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
        fprintf(stderr, "%s: %s failed\n", hl_progname, cmd);
        return -EIO;
    }
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

bool hl_is_bzimage(const char *path)
{
    uint8_t hdr[HDR_MAGIC + 4];
    FILE *f = fopen(path, "rb");
    bool yes;

    if ( !f )
        return false;
    yes = fread(hdr, 1, sizeof(hdr), f) == sizeof(hdr) &&
          !memcmp(hdr + HDR_MAGIC, "HdrS", 4);
    fclose(f);
    return yes;
}

int hl_bzimage_extract(const char *bz, const char *out)
{
    struct buf in, elf;
    const uint8_t *pay;
    size_t len;
    int rc;

    if ( read_file(bz, &in) )
    {
        fprintf(stderr, "%s: %s: cannot read it\n", hl_progname, bz);
        return -EIO;
    }
    rc = find_payload(&in, &pay, &len);
    rc = rc ?: decompress(pay, len, out);
    free(in.p);
    if ( rc )
        return rc;
    if ( read_file(out, &elf) )
    {
        fprintf(stderr, "%s: %s: cannot read it\n", hl_progname, out);
        return -EIO;
    }
    rc = check_pvh_note(&elf);
    free(elf.p);
    if ( rc )
        fprintf(stderr,
                "%s: %s: not an ELF with a XEN_ELFNOTE_PHYS32_ENTRY note "
                "(no PVH entry)\n",
                hl_progname, out);
    return rc ? -ENOENT : 0;
}
