/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmlinux-extract: the ELF kernel inside an x86 bzImage, for PVH domains.
 *   vmlinux-extract BZIMAGE VMLINUX
 * Reads the setup header (boot protocol 2.08 or later: "HdrS",
 * setup_sects, payload_offset, payload_length), recognises the payload's
 * compression by its magic and decompresses it with gzip, xz, zstd, bzip2,
 * lzma or lz4 (tools/common/bzimage.c).  Checks the result is an ELF
 * (32- or 64-bit) with a XEN_ELFNOTE_PHYS32_ENTRY note.
 * Exit: 0 ok, 1 usage or I/O error, 2 not a usable bzImage or no PVH note.
 */
#include <errno.h>
#include <stdio.h>

#include "bzimage.h"

const char *hl_progname = "vmlinux-extract";

int main(int argc, char **argv)
{
    int rc;

    if ( argc != 3 )
    {
        fprintf(stderr, "usage: vmlinux-extract BZIMAGE VMLINUX\n");
        return 1;
    }
    rc = hl_bzimage_extract(argv[1], argv[2]);
    if ( rc == -EIO )
        return 1;
    if ( rc )
        return 2;
    printf("vmlinux-extract: %s: ELF with the PVH entry note\n", argv[2]);
    return 0;
}
