/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The measured launch's TCG event log walked by a bare-metal test guest
 * (arm64 or x86_64): one "TCGLOG:" line per event, in the form the Linux
 * tool beside this file prints (docs/designs/measured-launch.md).  The
 * including guest provides gprintf() and con_putc().
 */
#ifndef TCGLOG_WALK_H
#define TCGLOG_WALK_H

#define TCGLOG_EVENT_HEAD 50 /* TCG_PCR_EVENT2 with one SHA-256 digest */

static uint32_t tcglog_u32(const volatile uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static void tcglog_hex(const volatile uint8_t *p, uint32_t n)
{
    static const char x[] = "0123456789abcdef";
    uint32_t i;

    for ( i = 0; i < n; i++ )
    {
        con_putc(x[p[i] >> 4]);
        con_putc(x[p[i] & 15]);
    }
}

/* The event data: printable text, else its length. */
static void tcglog_data(const volatile uint8_t *p, uint32_t len)
{
    uint32_t i;

    if ( len >= 64 )
    {
        gprintf("(%u bytes)", len);
        return;
    }
    for ( i = 0; i < len; i++ )
        if ( p[i] >= 0x20 && p[i] < 0x7f )
            con_putc((char)p[i]);
}

/*
 * Print the log of @size bytes at @log: the header, one line per event,
 * then "TCGLOG-DONE".  Returns the number of events, or -1 after a line
 * saying what is malformed.
 */
static int tcglog_walk(const volatile uint8_t *log, uint32_t size)
{
    uint32_t o, len, i;
    char sig[16];
    int nr = 0;

    if ( size < 65 || tcglog_u32(log + 4) != 3 )
    {
        gprintf("TCGLOG: no crypto-agile log header in %u bytes\n", size);
        return -1;
    }
    for ( i = 0; i < 15; i++ )
        sig[i] = (char)log[32 + i];
    sig[15] = '\0';
    gprintf("TCGLOG: header %s algorithms %u\n", sig, tcglog_u32(log + 56));
    for ( o = 32 + tcglog_u32(log + 28); o < size; o += len, nr++ )
    {
        if ( size - o < TCGLOG_EVENT_HEAD || tcglog_u32(log + o + 8) != 1 ||
             log[o + 12] != 0x0b || log[o + 13] )
        {
            gprintf("TCGLOG: event at %u is not one SHA-256 event\n", o);
            return -1;
        }
        len = tcglog_u32(log + o + 46);
        if ( len > size - o - TCGLOG_EVENT_HEAD )
        {
            gprintf("TCGLOG: event at %u runs past the log\n", o);
            return -1;
        }
        gprintf("TCGLOG: pcr=%u type=0x%x sha256=", tcglog_u32(log + o),
                tcglog_u32(log + o + 4));
        tcglog_hex(log + o + 14, 32);
        con_putc(' ');
        tcglog_data(log + o + TCGLOG_EVENT_HEAD, len);
        con_putc('\n');
        len += TCGLOG_EVENT_HEAD;
    }
    gprintf("TCGLOG-DONE\n");
    return nr;
}

#endif /* TCGLOG_WALK_H */
