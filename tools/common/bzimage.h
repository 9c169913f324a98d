/* SPDX-License-Identifier: GPL-2.0-only */
/* The ELF kernel inside an x86 bzImage (Linux/x86 boot protocol 2.08+). */
#ifndef HL_BZIMAGE_H
#define HL_BZIMAGE_H

#include <stdbool.h>

/* The program name that prefixes messages (each tool defines it). */
extern const char *hl_progname;

/* Whether the file at @path has the boot protocol's "HdrS" signature. */
bool hl_is_bzimage(const char *path);

/*
 * Write the ELF inside bzImage @bz to @out: the payload named by the setup
 * header (payload_offset, payload_length; the 4-byte size the kernel's
 * build appends left out), decompressed by gzip, xz, zstd, bzip2, lzma or
 * lz4 as its magic says; the result must be an ELF with the PVH entry
 * note (XEN_ELFNOTE_PHYS32_ENTRY).  Returns 0, -EIO (I/O, decompressor),
 * -EINVAL (not a usable bzImage) or -ENOENT (no PVH note), after one
 * message on stderr.
 */
int hl_bzimage_extract(const char *bz, const char *out);

#endif /* HL_BZIMAGE_H */
