/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest console output on the hypervisor console, one "(d<domid>) " line. */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <xen/string.h>

/*
 * The lines of one domain held back (the hardware domain's, while the
 * others start): in order, printed at once by console_guest_release(),
 * or as soon as they would not fit.
 */
#define HOLD_BYTES 32768
static DEFINE_SPINLOCK(hold_lock);
static bool holding;
static unsigned int hold_domid, hold_len, hold_lines;
static char hold_buf[HOLD_BYTES + 1];

/* Print what is held and hold no more.  hold_lock held. */
static void hold_flush(const char *why)
{
    if ( !holding )
        return;
    holding = false;
    printk("Hyperlaunch: d%u's console: %u line%s held back %s\n", hold_domid,
           hold_lines, hold_lines == 1 ? "" : "s", why);
    hold_buf[hold_len] = '\0';
    console_lock_acquire();
    console_puts(hold_buf);
    console_lock_release();
}

void console_guest_hold(unsigned int domid)
{
    spin_lock(&hold_lock);
    holding = true;
    hold_domid = domid;
    hold_len = hold_lines = 0;
    spin_unlock(&hold_lock);
}

void console_guest_release(unsigned int domid)
{
    spin_lock(&hold_lock);
    if ( hold_domid == domid )
        hold_flush("until every other domain printed or ended");
    spin_unlock(&hold_lock);
}

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
    spin_lock(&hold_lock);
    if ( holding && domid == hold_domid )
    {
        if ( hold_len + (unsigned int)n <= HOLD_BYTES )
        {
            memcpy(hold_buf + hold_len, buf, (size_t)n);
            hold_len += (unsigned int)n;
            hold_lines++;
            spin_unlock(&hold_lock);
            return;
        }
        hold_flush("until they filled the buffer");
    }
    console_lock_acquire();
    console_puts(buf);
    console_lock_release();
    spin_unlock(&hold_lock);
}
