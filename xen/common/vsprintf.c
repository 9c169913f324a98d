/* SPDX-License-Identifier: GPL-2.0-only */
/* A small vsnprintf: %d %i %u %x %X %o %p %s %c %% with flags, width, l/ll/z. */
#include <xen/lib.h>

struct out {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width,
                       bool left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;

    if ( !left )
        while ( fill-- > 0 )
            put(o, pad);
    while ( n-- )
        put(o, *s++);
    if ( left )
        while ( fill-- > 0 )
            put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool neg,
                       unsigned int base, bool upper, int width, bool left,
                       char pad)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int i = sizeof(tmp);

    do
    {
        tmp[--i] = digits[v % base];
        v /= base;
    } while ( v );
    if ( neg )
    {
        if ( pad == '0' )
        {
            put(o, '-');
            width--;
        }
        else
            tmp[--i] = '-';
    }
    put_padded(o, &tmp[i], sizeof(tmp) - (size_t)i, width, left, pad);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };

    for ( ; *fmt; fmt++ )
    {
        bool left = false, neg = false, alt = false;
        char pad = ' ';
        int width = 0, prec = -1, lng = 0;
        unsigned long long v;
        unsigned int base = 10;
        const char *s;

        if ( *fmt != '%' )
        {
            put(&o, *fmt);
            continue;
        }
        for ( fmt++; *fmt == '-' || *fmt == '0' || *fmt == '#'; fmt++ )
        {
            if ( *fmt == '-' )
                left = true;
            else if ( *fmt == '#' )
                alt = true;
            else
                pad = '0';
        }
        if ( *fmt == '*' )
        {
            width = va_arg(ap, int);
            fmt++;
        }
        for ( ; *fmt >= '0' && *fmt <= '9'; fmt++ )
            width = width * 10 + (*fmt - '0');
        if ( *fmt == '.' )
        {
            prec = 0;
            if ( *++fmt == '*' )
            {
                prec = va_arg(ap, int);
                fmt++;
            }
            for ( ; *fmt >= '0' && *fmt <= '9'; fmt++ )
                prec = prec * 10 + (*fmt - '0');
        }
        for ( ; *fmt == 'l' || *fmt == 'z'; fmt++ )
            lng += *fmt == 'z' ? 2 : 1;

        switch ( *fmt )
        {
        case 'c':
            put(&o, (char)va_arg(ap, int));
            continue;
        case 's':
            s = va_arg(ap, const char *);
            if ( !s )
                s = "(null)";
            put_padded(&o, s, prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s),
                       width, left, ' ');
            continue;
        case '%':
            put(&o, '%');
            continue;
        case 'p':
            v = (unsigned long)va_arg(ap, void *);
            put(&o, '0');
            put(&o, 'x');
            put_number(&o, v, false, 16, false, width, left, pad);
            continue;
        case 'd':
        case 'i':
        {
            long long sv = lng ? va_arg(ap, long long) : va_arg(ap, int);

            neg = sv < 0;
            v = neg ? 0ULL - (unsigned long long)sv : (unsigned long long)sv;
            break;
        }
        case 'x':
        case 'X':
            base = 16;
            /* fall through */
        case 'u':
        case 'o':
            if ( *fmt == 'o' )
                base = 8;
            v = lng ? va_arg(ap, unsigned long long)
                    : va_arg(ap, unsigned int);
            break;
        default:
            put(&o, '%');
            if ( *fmt )
                put(&o, *fmt);
            else
                fmt--;
            continue;
        }
        if ( alt && base == 16 )
        {
            put(&o, '0');
            put(&o, 'x');
        }
        put_number(&o, v, neg, base, *fmt == 'X', width, left, pad);
    }
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
