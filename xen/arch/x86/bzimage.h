/* SPDX-License-Identifier: GPL-2.0-only */
/* The Linux/x86 boot protocol: read and check a bzImage's setup header. */
#ifndef X86_BZIMAGE_H
#define X86_BZIMAGE_H

#include <xen/types.h>

/*
 * Offsets in the image, and in the zero page (struct boot_params) that
 * carries a copy of the setup header at the same offsets.
 */
#define BZ_SETUP_SECTS 0x1f1
#define BZ_JUMP 0x200
#define BZ_HEADER 0x202 /* "HdrS" */
#define BZ_VERSION 0x206
#define BZ_TYPE_OF_LOADER 0x210
#define BZ_LOADFLAGS 0x211
#define BZ_RAMDISK_IMAGE 0x218
#define BZ_RAMDISK_SIZE 0x21c
#define BZ_CMD_LINE_PTR 0x228
#define BZ_INITRD_ADDR_MAX 0x22c
#define BZ_KERNEL_ALIGNMENT 0x230
#define BZ_RELOCATABLE 0x234
#define BZ_XLOADFLAGS 0x236
#define BZ_CMDLINE_SIZE 0x238
#define BZ_PREF_ADDRESS 0x258
#define BZ_INIT_SIZE 0x260

#define BZ_MAGIC 0x53726448U  /* "HdrS" */
#define BZ_MIN_VERSION 0x020c /* 2.12: xloadflags */
#define BZ_XLF_KERNEL_64 (1U << 0)
#define BZ_ENTRY_64 0x200       /* startup_64, from the protected-mode part */
#define BZ_MIN_LOAD 0x100000ULL /* nothing of the kernel below 1 MiB */

/* An HVM domain's RAM for kernel and ramdisk: below the 32-bit MMIO hole. */
#define HVM_RAM_TOP (3ULL << 30)

/* What a loader needs from the setup header. */
struct bzimage {
    uint16_t version;
    uint16_t xloadflags;
    bool relocatable;
    uint32_t kernel_alignment;
    uint32_t initrd_addr_max;
    uint32_t cmdline_size;
    uint32_t init_size;
    uint64_t pref_address;
    uint64_t setup_size;  /* (setup_sects + 1) * 512: the real-mode part */
    uint64_t header_end;  /* the setup header ends here (0x202 + jump) */
    uint64_t kernel_size; /* the protected-mode part, after setup_size */
};

/* Whether the @size bytes at @img start with the ELF magic. */
bool bzimage_is_elf(const void *img, uint64_t size);

/*
 * Read the setup header of the @size-byte image @img into @bz.  Returns
 * 0; -ENOEXEC when there is no "HdrS" header (not a bzImage); -EINVAL
 * when it is one this loader cannot start, with *@why saying why (too
 * old a protocol, no 64-bit entry, sizes outside the file).
 */
int bzimage_parse(const void *img, uint64_t size, struct bzimage *bz,
                  const char **why);

/*
 * Where the protected-mode kernel goes in a domain whose RAM runs from 0
 * to @ram_top: at pref_address when [pref_address, + init_size) fits
 * there, else, if it is relocatable, at the lowest kernel_alignment
 * boundary from 1 MiB.  Returns 0 with *@load set, or -ENOSPC.
 */
int bzimage_place(const struct bzimage *bz, uint64_t ram_top, uint64_t *load);

/*
 * Where a @size-byte ramdisk goes: page-aligned, as high as the RAM
 * (@ram_top) and initrd_addr_max allow, above the kernel's init_size from
 * @load.  Returns 0 with *@at set, or -ENOSPC.
 */
int bzimage_place_ramdisk(const struct bzimage *bz, uint64_t ram_top,
                          uint64_t load, uint64_t size, uint64_t *at);

#endif /* X86_BZIMAGE_H */
