/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tools: the parser's diagnostics go to stderr; -q hides warnings. */
#include <stdio.h>

#include "hltool.h"

bool hl_quiet;

void hl_report(bool is_error, const char *line)
{
    if ( is_error || !hl_quiet )
        fprintf(stderr, "%s: %s\n", is_error ? "error" : "warning", line);
}
