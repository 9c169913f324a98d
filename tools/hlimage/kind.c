/* SPDX-License-Identifier: GPL-2.0-only */
/* hlimage: what a file is (by its first bytes), and whether it can boot. */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "hlimage.h"

#define HEAD_BYTES 4096

static bool is_text(const unsigned char *b, size_t n)
{
    size_t i;

    if ( n < 16 )
        return false;
    for ( i = 0; i < n; i++ )
        if ( b[i] < 0x09 || (b[i] > 0x0d && b[i] < 0x20) || b[i] == 0x7f )
            return false;
    return true;
}

static enum hl_kind elf_kind(const unsigned char *b, size_t n)
{
    unsigned int machine;

    if ( n < 20 || b[EI_DATA] != ELFDATA2LSB )
        return HL_KIND_ELF_OTHER;
    machine = (unsigned int)(b[18] | b[19] << 8);
    switch ( machine )
    {
    case EM_X86_64:
        return HL_KIND_ELF_X86_64;
    case EM_386:
        return HL_KIND_ELF_I386;
    case EM_AARCH64:
        return HL_KIND_ELF_AARCH64;
    default:
        return HL_KIND_ELF_OTHER;
    }
}

enum hl_kind hl_file_kind(const char *path)
{
    static const struct {
        const char *magic;
        size_t len, at;
        enum hl_kind kind;
    } magics[] = {
        { "ARM\x64", 4, 56, HL_KIND_ARM64_IMAGE },
        { "HdrS", 4, 0x202, HL_KIND_BZIMAGE },
        { "\xd0\x0d\xfe\xed", 4, 0, HL_KIND_FDT },
        { "\x1f\x8b", 2, 0, HL_KIND_COMPRESSED },
        { "\xfd"
          "7zXZ",
          5, 0, HL_KIND_COMPRESSED },
        { "\x28\xb5\x2f\xfd", 4, 0, HL_KIND_COMPRESSED },
        { "BZh", 3, 0, HL_KIND_COMPRESSED },
        { "\x02\x21\x4c\x18", 4, 0, HL_KIND_COMPRESSED },
        { "070701", 6, 0, HL_KIND_CPIO },
        { "070702", 6, 0, HL_KIND_CPIO },
        { "\x27\x05\x19\x56", 4, 0, HL_KIND_UIMAGE },
    };
    unsigned char b[HEAD_BYTES];
    FILE *f = fopen(path, "rb");
    size_t n, i;

    if ( !f )
        return HL_KIND_RAW;
    n = fread(b, 1, sizeof(b), f);
    fclose(f);
    if ( n >= SELFMAG && !memcmp(b, ELFMAG, SELFMAG) )
        return elf_kind(b, n);
    for ( i = 0; i < ARRAY_SIZE(magics); i++ )
        if ( n >= magics[i].at + magics[i].len &&
             !memcmp(b + magics[i].at, magics[i].magic, magics[i].len) )
            return magics[i].kind;
    return is_text(b, n) ? HL_KIND_TEXT : HL_KIND_RAW;
}

const char *hl_kind_name(enum hl_kind k)
{
    static const char *const names[] = {
        [HL_KIND_RAW] = "a raw binary",
        [HL_KIND_ARM64_IMAGE] = "an arm64 Image",
        [HL_KIND_ELF_X86_64] = "an x86_64 ELF",
        [HL_KIND_ELF_I386] = "a 32-bit x86 ELF",
        [HL_KIND_ELF_AARCH64] = "an arm64 ELF (vmlinux, not an Image)",
        [HL_KIND_ELF_OTHER] = "an ELF of another architecture",
        [HL_KIND_BZIMAGE] = "an x86 bzImage",
        [HL_KIND_FDT] = "a device tree blob",
        [HL_KIND_COMPRESSED] = "a compressed file (gzip, xz, zstd, bzip2 or "
                               "lz4)",
        [HL_KIND_CPIO] = "a cpio archive",
        [HL_KIND_UIMAGE] = "a U-Boot legacy uImage",
        [HL_KIND_TEXT] = "a text file",
    };

    return (unsigned int)k < ARRAY_SIZE(names) ? names[k] : "unknown";
}

/* The kernel of an arm64 domain: an arm64 Image, or a raw binary. */
static const char *arm64_kernel_why(enum hl_kind k)
{
    switch ( k )
    {
    case HL_KIND_ARM64_IMAGE:
    case HL_KIND_RAW:
        return NULL;
    case HL_KIND_COMPRESSED:
        return "the hypervisor does not decompress kernels: give it the "
               "Image (Debian's /boot/vmlinuz-* is a gzip'd Image: zcat "
               "it)";
    case HL_KIND_ELF_X86_64:
    case HL_KIND_ELF_I386:
    case HL_KIND_BZIMAGE:
        return "an x86 kernel; arm64 domains boot an arm64 Image "
               "(hlimage --arch x86_64 for x86)";
    default:
        return "arm64 domains boot an arm64 Image (or a raw binary)";
    }
}

/* The kernel of an x86 domain (a PVH bzImage is already its ELF here). */
static const char *x86_kernel_why(enum hl_kind k, bool hvm)
{
    switch ( k )
    {
    case HL_KIND_ELF_X86_64:
    case HL_KIND_ELF_I386:
    case HL_KIND_BZIMAGE:
        return NULL; /* the parser's x86 checks judge PVH against HVM */
    case HL_KIND_ARM64_IMAGE:
    case HL_KIND_ELF_AARCH64:
        return "an arm64 kernel; x86_64 domains boot an ELF (PVH) or a "
               "bzImage (HVM)";
    default:
        return hvm ? "HVM domains boot a bzImage"
                   : "PVH domains boot an ELF with the PVH entry note (or a "
                     "bzImage holding one)";
    }
}

const char *hl_kernel_refusal(enum hl_kind k, bool hvm)
{
    return hl_target == HL_TARGET_X86_64 ? x86_kernel_why(k, hvm)
                                         : arm64_kernel_why(k);
}

const char *hl_xen_refusal(enum hl_kind k)
{
    if ( hl_target == HL_TARGET_X86_64 )
        return k == HL_KIND_ELF_X86_64 ? NULL
               : k == HL_KIND_ARM64_IMAGE
                   ? "for arm64, leave out --arch x86_64"
                   : "the x86_64 hypervisor is an x86_64 ELF "
                     "(build/x86_64/xen)";
    return k == HL_KIND_ARM64_IMAGE ? NULL
           : k == HL_KIND_ELF_X86_64
               ? "for x86_64, give --arch x86_64"
               : "the arm64 hypervisor is an arm64 Image (build/arm64/xen)";
}
