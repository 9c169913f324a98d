/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest console output on the hypervisor console, one "(d<domid>) " line. */
#include <xen/console.h>
#include <xen/lib.h>

void console_guest_line(unsigned int domid, const char *line, unsigned int len)
{
    char buf[300];
    int n = snprintf(buf, sizeof(buf), "(d%u) ", domid);
    unsigned int i;

    for ( i = 0; i < len && (size_t)n + 2 < sizeof(buf); i++ )
    {
        char c = line[i];

        buf[n++] = (c >= 0x20 && c < 0x7f) || c == '\t' ? c : '.';
    }
    buf[n++] = '\n';
    buf[n] = '\0';
    console_lock_acquire();
    console_puts(buf);
    console_lock_release();
}
