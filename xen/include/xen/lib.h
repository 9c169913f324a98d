/* SPDX-License-Identifier: GPL-2.0-only */
/* Small library helpers: printk, snprintf, ARRAY_SIZE, alignment. */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <stdarg.h>
#include <xen/string.h>
#include <xen/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define IS_ALIGNED(x, a) (((x) & ((a)-1)) == 0)
#define ROUNDUP(x, a) (((x) + (a)-1) & ~((typeof(x))(a)-1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noreturn __attribute__((noreturn))
#define __used __attribute__((used))
#define __section(s) __attribute__((section(s)))
#define __aligned(a) __attribute__((aligned(a)))

#define BUG_ON(c) \
    do \
    { \
        if ( c ) \
            bug(__FILE__, __LINE__); \
    } while ( 0 )

__printf(1, 2) void printk(const char *fmt, ...);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__noreturn void bug(const char *file, int line);

#endif /* XEN_LIB_H */
