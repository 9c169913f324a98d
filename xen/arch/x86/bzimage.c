/* SPDX-License-Identifier: GPL-2.0-only */
/* bzImage setup header checks, shared by the HVM builder and the parser. */
#include <xen/errno.h>
#include <xen/lib.h>

#include "bzimage.h"

static uint64_t get(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    while ( n-- )
        v = (v << 8) | p[n];
    return v;
}

bool bzimage_is_elf(const void *img, uint64_t size)
{
    return size >= 4 && get(img, 4) == 0x464c457fU; /* "\177ELF" */
}

static int check_header(const struct bzimage *bz, uint64_t size,
                        const char **why)
{
    if ( bz->version < BZ_MIN_VERSION )
        *why = "boot protocol older than 2.12";
    else if ( !(bz->xloadflags & BZ_XLF_KERNEL_64) )
        *why = "no 64-bit entry point (XLF_KERNEL_64 clear in xloadflags)";
    else if ( bz->header_end > bz->setup_size || bz->setup_size >= size )
        *why = "its setup sectors run past the end of the file";
    else if ( bz->relocatable &&
              (bz->kernel_alignment < 0x1000 ||
               (bz->kernel_alignment & (bz->kernel_alignment - 1))) )
        *why = "kernel_alignment is not a power of two of at least 4 KiB";
    else if ( !bz->relocatable && bz->pref_address < BZ_MIN_LOAD )
        *why = "not relocatable, and pref_address is below 1 MiB";
    else if ( bz->init_size < bz->kernel_size ||
              bz->init_size < BZ_ENTRY_64 + 16 )
        *why = "init_size is smaller than the kernel";
    else
        return 0;
    return -EINVAL;
}

int bzimage_parse(const void *img, uint64_t size, struct bzimage *bz,
                  const char **why)
{
    const uint8_t *p = img;
    uint64_t sects;

    *why = "no \"HdrS\" setup header at 0x202";
    if ( size < BZ_INIT_SIZE + 4 || get(p + BZ_HEADER, 4) != BZ_MAGIC )
        return -ENOEXEC;
    sects = p[BZ_SETUP_SECTS] ? p[BZ_SETUP_SECTS] : 4;
    bz->version = (uint16_t)get(p + BZ_VERSION, 2);
    bz->xloadflags = (uint16_t)get(p + BZ_XLOADFLAGS, 2);
    bz->relocatable = p[BZ_RELOCATABLE] != 0;
    bz->kernel_alignment = (uint32_t)get(p + BZ_KERNEL_ALIGNMENT, 4);
    bz->initrd_addr_max = (uint32_t)get(p + BZ_INITRD_ADDR_MAX, 4);
    if ( !bz->initrd_addr_max )
        bz->initrd_addr_max = 0x37ffffff; /* the protocol's old default */
    bz->cmdline_size = (uint32_t)get(p + BZ_CMDLINE_SIZE, 4);
    bz->init_size = (uint32_t)get(p + BZ_INIT_SIZE, 4);
    bz->pref_address = get(p + BZ_PREF_ADDRESS, 8);
    bz->setup_size = (sects + 1) * 512;
    bz->header_end = BZ_HEADER + (uint64_t)p[BZ_JUMP + 1];
    bz->kernel_size = size > bz->setup_size ? size - bz->setup_size : 0;
    return check_header(bz, size, why);
}

static bool fits(const struct bzimage *bz, uint64_t at, uint64_t ram_top)
{
    return at >= BZ_MIN_LOAD && at <= ram_top && bz->init_size <= ram_top - at;
}

int bzimage_place(const struct bzimage *bz, uint64_t ram_top, uint64_t *load)
{
    uint64_t at = ROUNDUP(BZ_MIN_LOAD, (uint64_t)bz->kernel_alignment);

    if ( fits(bz, bz->pref_address, ram_top) )
        *load = bz->pref_address;
    else if ( bz->relocatable && fits(bz, at, ram_top) )
        *load = at;
    else
        return -ENOSPC;
    return 0;
}

int bzimage_place_ramdisk(const struct bzimage *bz, uint64_t ram_top,
                          uint64_t load, uint64_t size, uint64_t *at)
{
    uint64_t top = MIN(ram_top, (uint64_t)bz->initrd_addr_max + 1);
    uint64_t low = ROUNDUP(load + bz->init_size, 0x1000ULL);

    top &= ~0xfffULL;
    if ( top < low || ROUNDUP(size, 0x1000ULL) > top - low )
        return -ENOSPC;
    *at = top - ROUNDUP(size, 0x1000ULL);
    return 0;
}
