/* SPDX-License-Identifier: GPL-2.0-only */
/* Host unit test of the bzImage header checks (xen/arch/x86/bzimage.c). */
#include <stdio.h>
#include <string.h>
#include <xen/errno.h>
#include <xen/lib.h>

#include "../../xen/arch/x86/bzimage.h"

#define MiB (1ULL << 20)

static int failures;
static uint8_t img[64 * 1024];

#define CHECK(c, what) \
    do \
    { \
        if ( !(c) ) \
        { \
            printf("FAIL: %s (line %d)\n", what, __LINE__); \
            failures++; \
        } \
    } while ( 0 )

void printk(const char *fmt, ...)
{
    (void)fmt;
}

static void put(unsigned int off, uint64_t v, unsigned int n)
{
    while ( n-- )
    {
        img[off++] = (uint8_t)v;
        v >>= 8;
    }
}

/* A 2.15 relocatable 64-bit image: 1 setup sector, init_size 1 MiB. */
static void make_image(void)
{
    memset(img, 0, sizeof(img));
    img[BZ_SETUP_SECTS] = 1;
    img[BZ_JUMP] = 0xeb;
    img[BZ_JUMP + 1] = 0x6a;
    memcpy(img + BZ_HEADER, "HdrS", 4);
    put(BZ_VERSION, 0x020f, 2);
    put(BZ_INITRD_ADDR_MAX, 0x7fffffff, 4);
    put(BZ_KERNEL_ALIGNMENT, 2 * MiB, 4);
    img[BZ_RELOCATABLE] = 1;
    put(BZ_XLOADFLAGS, BZ_XLF_KERNEL_64, 2);
    put(BZ_CMDLINE_SIZE, 2047, 4);
    put(BZ_PREF_ADDRESS, 16 * MiB, 8);
    put(BZ_INIT_SIZE, MiB, 4);
}

static int parse(struct bzimage *bz)
{
    const char *why;

    return bzimage_parse(img, sizeof(img), bz, &why);
}

static void test_parse(void)
{
    struct bzimage bz;

    make_image();
    CHECK(parse(&bz) == 0, "a good image parses");
    CHECK(bz.setup_size == 1024 && bz.kernel_size == sizeof(img) - 1024,
          "setup and kernel sizes");
    CHECK(bz.header_end == 0x26c, "header end from the jump");
    CHECK(bzimage_parse(img, 0x200, &bz, &(const char *){ 0 }) == -ENOEXEC,
          "too short: not a bzImage");
    img[BZ_HEADER] = 'X';
    CHECK(parse(&bz) == -ENOEXEC, "no HdrS");
    make_image();
    put(BZ_VERSION, 0x020b, 2);
    CHECK(parse(&bz) == -EINVAL, "protocol 2.11 refused");
    make_image();
    put(BZ_XLOADFLAGS, 0, 2);
    CHECK(parse(&bz) == -EINVAL, "no XLF_KERNEL_64 refused");
    make_image();
    img[BZ_SETUP_SECTS] = 200;
    CHECK(parse(&bz) == -EINVAL, "setup past the end refused");
    make_image();
    put(BZ_KERNEL_ALIGNMENT, 3 * MiB, 4);
    CHECK(parse(&bz) == -EINVAL, "alignment not a power of two refused");
    make_image();
    put(BZ_INIT_SIZE, 4096, 4);
    CHECK(parse(&bz) == -EINVAL, "init_size below the image refused");
    make_image();
    img[BZ_SETUP_SECTS] = 0;
    CHECK(parse(&bz) == 0 && bz.setup_size == 5 * 512, "0 sectors means 4");
    CHECK(bzimage_is_elf("\177ELF", 4) && !bzimage_is_elf(img, 4), "ELF");
}

static void test_place(void)
{
    struct bzimage bz;
    uint64_t load = 0, at = 0;

    make_image();
    parse(&bz);
    CHECK(!bzimage_place(&bz, 32 * MiB, &load) && load == 16 * MiB,
          "pref_address when it fits");
    CHECK(!bzimage_place(&bz, 16 * MiB, &load) && load == 2 * MiB,
          "relocated to the first 2 MiB boundary");
    CHECK(bzimage_place(&bz, 2 * MiB, &load) == -ENOSPC, "too small");
    bz.relocatable = false;
    CHECK(bzimage_place(&bz, 16 * MiB, &load) == -ENOSPC,
          "not relocatable: pref_address or nothing");
    bz.relocatable = true;
    CHECK(!bzimage_place_ramdisk(&bz, 32 * MiB, 16 * MiB, 5000, &at) &&
              at == 32 * MiB - 8192,
          "ramdisk at the top, page-aligned");
    bz.initrd_addr_max = 24 * MiB - 1;
    CHECK(!bzimage_place_ramdisk(&bz, 32 * MiB, 16 * MiB, 4096, &at) &&
              at == 24 * MiB - 4096,
          "ramdisk under initrd_addr_max");
    CHECK(bzimage_place_ramdisk(&bz, 32 * MiB, 16 * MiB, 8 * MiB, &at) ==
              -ENOSPC,
          "ramdisk over the kernel refused");
}

int main(void)
{
    test_parse();
    test_place();
    printf("%s\n", failures ? "bzimage-test: FAILED" : "bzimage-test: ok");
    return failures ? 1 : 0;
}
