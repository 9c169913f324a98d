/* SPDX-License-Identifier: GPL-2.0-only */
/* console_io: a domain's writes go to its console line, reads take input. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pv.h>
#include <xen/sched.h>

/* Longest write taken in one call. */
#define CONSOLE_IO_MAX 4096U

static long console_write(struct vcpu *v, uint64_t count, uint64_t gva)
{
    char buf[128];
    uint64_t n, i;

    if ( count > CONSOLE_IO_MAX )
        return -EINVAL;
    while ( count )
    {
        n = MIN(count, sizeof(buf));
        if ( arch_copy_from_guest(v, buf, gva, n) )
            return -EFAULT;
        for ( i = 0; i < n; i++ )
            domain_console_putc(v->domain, buf[i]);
        gva += n;
        count -= n;
    }
    return 0;
}

static long console_read(struct vcpu *v, uint64_t count, uint64_t gva)
{
    char buf[CONSOLE_IN_SIZE];
    uint64_t n = 0;
    int c;

    if ( count > CONSOLE_IO_MAX )
        return -EINVAL;
    count = MIN(count, sizeof(buf));
    while ( n < count && (c = domain_console_getc(v->domain)) >= 0 )
        buf[n++] = (char)c;
    if ( n && arch_copy_to_guest(v, gva, buf, n) )
        return -EFAULT;
    return (long)n;
}

long do_console_io(struct vcpu *v, const uint64_t a[5])
{
    switch ( a[0] )
    {
    case CONSOLEIO_write:
        return console_write(v, (uint32_t)a[1], a[2]);
    case CONSOLEIO_read:
        return console_read(v, (uint32_t)a[1], a[2]);
    default:
        return -ENOSYS;
    }
}
