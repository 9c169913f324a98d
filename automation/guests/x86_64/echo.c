/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * echo: read console input line by line (polled 16550 receive) and print
 * each line back as "echo: <line>"; the line "off" powers off.
 */
#include "guest.h"

#define LINE_MAX 80

static bool is_off(const char *s)
{
    return s[0] == 'o' && s[1] == 'f' && s[2] == 'f' && !s[3];
}

void guest_main(const struct hvm_start_info *si)
{
    char line[LINE_MAX + 1];
    unsigned int n = 0;
    int c;

    gprintf("echo: ready\n");
    for ( ;; )
    {
        c = con_getc();
        if ( c < 0 )
            continue;
        if ( c != '\r' && c != '\n' )
        {
            if ( n < LINE_MAX )
                line[n++] = (char)c;
            continue;
        }
        line[n] = '\0';
        n = 0;
        gprintf("echo: %s\n", line);
        if ( is_off(line) )
            guest_power_off(0);
    }
}
