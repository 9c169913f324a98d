/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: the hypervisor's lib.h on top of the C library. */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define IS_ALIGNED(x, a) (((x) & ((a)-1)) == 0)
#define ROUNDUP(x, a) (((x) + (a)-1) & ~((typeof(x))(a)-1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define __printf(a, b) __attribute__((format(printf, a, b)))

/* Plan and diagnostics output of the shared parser (stdout). */
__printf(1, 2) void printk(const char *fmt, ...);

#endif /* XEN_LIB_H */
