/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * echo: read console input line by line (polled UART receive) and print
 * each line back as "echo: <line>"; the line "off" powers off.
 */
#include "guest.h"

const char guest_name[] = "echo";

#define LINE_MAX 80

void guest_main(const void *fdt)
{
    char line[LINE_MAX + 1];
    unsigned int n = 0;
    int c;

    guest_dt_read(fdt);
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
        if ( !str_cmp(line, "off") )
            psci_system_off();
    }
}
