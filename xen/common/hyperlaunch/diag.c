/* SPDX-License-Identifier: GPL-2.0-only */
/* Parser diagnostics: one line naming the node path and the property. */
#include "private.h"

static unsigned int nr_errors, nr_warnings;
static const char *scope;

void hl_diag_scope(const char *prefix)
{
    scope = prefix;
}

void hl_diag_reset(void)
{
    nr_errors = 0;
    nr_warnings = 0;
}

unsigned int hl_diag_errors(void)
{
    return nr_errors;
}

unsigned int hl_diag_warnings(void)
{
    return nr_warnings;
}

/* Names and values come from the DT: keep them from forging console lines. */
static void sanitize(char *s)
{
    for ( ; *s; s++ )
        if ( (unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f )
            *s = '?';
}

const char *hl_printable(char *buf, size_t size, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if ( !size )
        return "";
    if ( n >= size )
        n = size - 1;
    memcpy(buf, s ? s : "", n);
    buf[n] = '\0';
    sanitize(buf);
    return buf;
}

static void vreport(bool is_error, const void *fdt, int node, const char *prop,
                    const char *fmt, va_list ap)
{
    char line[640], path[416], what[64];
    size_t n = 0;
    int rc = -1;

    if ( scope )
        n = (size_t)snprintf(line, 160, "%s", scope);
    n = MIN(n, (size_t)159);
    if ( fdt && node >= 0 )
        rc = fdt_get_path(fdt, node, line + n, 256);
    if ( rc == 0 )
        n += strlen(line + n);
    else
    {
        memcpy(line + n, "device tree", 12);
        n += 11;
    }
    memcpy(path, line, n + 1);
    n += (size_t)snprintf(line + n, sizeof(line) - n, ": ");
    if ( prop )
        n += (size_t)snprintf(line + n, sizeof(line) - n,
                              "property '%s': ", prop);
    if ( n < sizeof(line) )
        vsnprintf(line + n, sizeof(line) - n, fmt, ap);
    sanitize(line);
    sanitize(path);
    hl_report(is_error, path,
              prop ? hl_printable(what, sizeof(what), prop) : NULL, line);
}

void hl_error(const void *fdt, int node, const char *prop, const char *fmt,
              ...)
{
    va_list ap;

    nr_errors++;
    va_start(ap, fmt);
    vreport(true, fdt, node, prop, fmt, ap);
    va_end(ap);
}

void hl_warn(const void *fdt, int node, const char *prop, const char *fmt, ...)
{
    va_list ap;

    nr_warnings++;
    va_start(ap, fmt);
    vreport(false, fdt, node, prop, fmt, ap);
    va_end(ap);
}

static void add_pending(struct boot_info *bi, int node, const char *prop,
                        const char *what, bool is_value)
{
    /* Entries past the array are counted; the check phase reports them. */
    if ( bi->nr_pending < HL_MAX_PENDING )
        bi->pending[bi->nr_pending] =
            (struct hl_pending){ node, prop, what, is_value };
    bi->nr_pending++;
}

void hl_pending(struct boot_info *bi, int node, const char *prop,
                const char *what)
{
    add_pending(bi, node, prop, what, false);
}

void hl_pending_value(struct boot_info *bi, int node, const char *prop,
                      const char *value)
{
    add_pending(bi, node, prop, value, true);
}
