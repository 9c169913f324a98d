/* SPDX-License-Identifier: GPL-2.0-only */
/* Freestanding memory and string functions for the hypervisor and libfdt. */
#include <xen/string.h>

/*
 * 64 bytes at a time, all loads before the stores, when both ends are
 * 16-byte aligned (guest images, pages: arm64 makes it four load pairs
 * and four store pairs, several times faster under emulation than eight
 * single loads and stores); else eight bytes at a time when they are
 * 8-byte aligned.
 */
static size_t copy_bulk(void *dst, const void *src, size_t n)
{
    typedef unsigned __int128 u128;
    u128 *d = dst, a, b, c, e;
    const u128 *s = src;
    size_t left;

    for ( left = n; left >= 64; left -= 64, d += 4, s += 4 )
    {
        a = s[0];
        b = s[1];
        c = s[2];
        e = s[3];
        d[0] = a;
        d[1] = b;
        d[2] = c;
        d[3] = e;
    }
    return n - left;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    size_t done;

    if ( !(((uintptr_t)d | (uintptr_t)s) & 15) )
    {
        done = copy_bulk(d, s, n);
        d += done;
        s += done;
        n -= done;
    }
    if ( !(((uintptr_t)d | (uintptr_t)s) & 7) )
    {
        uint64_t *d8 = (uint64_t *)d;
        const uint64_t *s8 = (const uint64_t *)s;

        for ( ; n >= 32; n -= 32, d8 += 4, s8 += 4 )
        {
            d8[0] = s8[0];
            d8[1] = s8[1];
            d8[2] = s8[2];
            d8[3] = s8[3];
        }
        for ( ; n >= 8; n -= 8 )
            *d8++ = *s8++;
        d = (unsigned char *)d8;
        s = (const unsigned char *)s8;
    }
    while ( n-- )
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( d <= s || d >= s + n )
        return memcpy(dst, src, n);
    while ( n-- )
        d[n] = s[n];
    return dst;
}

void *memset(void *p, int c, size_t n)
{
    unsigned char *d = p;

    if ( !((uintptr_t)d & 7) )
    {
        uint64_t v = 0x0101010101010101ULL * (unsigned char)c, *d8 = p;

        for ( ; n >= 8; n -= 8 )
            *d8++ = v;
        d = (unsigned char *)d8;
    }
    while ( n-- )
        *d++ = (unsigned char)c;
    return p;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x - *y;
    return 0;
}

void *memchr(const void *p, int c, size_t n)
{
    const unsigned char *s = p;

    for ( ; n; n--, s++ )
        if ( *s == (unsigned char)c )
            return (void *)s;
    return NULL;
}

size_t strlen(const char *s)
{
    const char *e = s;

    while ( *e )
        e++;
    return (size_t)(e - s);
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while ( *a && *a == *b )
    {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        if ( *a != *b )
            return (unsigned char)*a - (unsigned char)*b;
        if ( !*a )
            break;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for ( ;; s++ )
    {
        if ( *s == (char)c )
            return (char *)s;
        if ( !*s )
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for ( ;; s++ )
    {
        if ( *s == (char)c )
            last = s;
        if ( !*s )
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; *haystack; haystack++ )
        if ( !strncmp(haystack, needle, n) )
            return (char *)haystack;
    return n ? NULL : (char *)haystack;
}

static int digit_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'z' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'Z' )
        return c - 'A' + 10;
    return 99;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    unsigned long long v = 0;
    int d;

    while ( *s == ' ' )
        s++;
    if ( (base == 0 || base == 16) && s[0] == '0' && (s[1] | 0x20) == 'x' )
    {
        s += 2;
        base = 16;
    }
    else if ( base == 0 )
        base = (s[0] == '0' && s[1]) ? 8 : 10;
    for ( ; (d = digit_value(*s)) < base; s++ )
        v = v * (unsigned int)base + (unsigned int)d;
    if ( end )
        *end = (char *)s;
    return v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    return (unsigned long)strtoull(s, end, base);
}
