/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Freestanding environment for Debian's libfdt headers.  The distribution's
 * libfdt_env.h includes the C library; the hypervisor has none, so the build
 * copies this file beside libfdt.h instead.  It provides the big-endian cell
 * types and conversions that libfdt.h expects, and the string functions.
 */
#ifndef LIBFDT_ENV_H
#define LIBFDT_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/string.h>

#ifndef INT_MAX
#define INT_MAX __INT_MAX__
#endif
#ifndef INT32_MAX
#define INT32_MAX __INT32_MAX__
#endif
#ifndef UINT_MAX
#define UINT_MAX (__INT_MAX__ * 2U + 1U)
#endif

#define FDT_FORCE
#define FDT_BITWISE

typedef uint16_t fdt16_t;
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HL_FDT_SWAP16(x) __builtin_bswap16(x)
#define HL_FDT_SWAP32(x) __builtin_bswap32(x)
#define HL_FDT_SWAP64(x) __builtin_bswap64(x)
#else
#define HL_FDT_SWAP16(x) (x)
#define HL_FDT_SWAP32(x) (x)
#define HL_FDT_SWAP64(x) (x)
#endif

static inline uint16_t fdt16_to_cpu(fdt16_t x)
{
    return HL_FDT_SWAP16(x);
}
static inline fdt16_t cpu_to_fdt16(uint16_t x)
{
    return HL_FDT_SWAP16(x);
}
static inline uint32_t fdt32_to_cpu(fdt32_t x)
{
    return HL_FDT_SWAP32(x);
}
static inline fdt32_t cpu_to_fdt32(uint32_t x)
{
    return HL_FDT_SWAP32(x);
}
static inline uint64_t fdt64_to_cpu(fdt64_t x)
{
    return HL_FDT_SWAP64(x);
}
static inline fdt64_t cpu_to_fdt64(uint64_t x)
{
    return HL_FDT_SWAP64(x);
}

#endif /* LIBFDT_ENV_H */
