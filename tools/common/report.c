/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tools: the parser's diagnostics go to stderr (-q hides warnings) and
 * are kept, node and property apart, for hlcheck --json.
 */
#include <stdio.h>

#include "hltool.h"

bool hl_quiet;
bool hl_strict;
static bool muted;

void hl_quiet_diags(bool mute)
{
    muted = mute;
}
struct hl_tool_diag hl_diags[HL_TOOL_MAX_DIAGS];
unsigned int hl_nr_diags;

static char *copy(const char *s)
{
    return s ? strdup(s) : NULL;
}

void hl_tool_keep(bool is_error, const char *path, const char *prop,
                  const char *message)
{
    struct hl_tool_diag *d = &hl_diags[hl_nr_diags];

    if ( hl_nr_diags == HL_TOOL_MAX_DIAGS )
        return;
    d->is_error = is_error;
    d->path = copy(path);
    d->prop = copy(prop);
    d->message = copy(message);
    hl_nr_diags++;
}

void hl_report(bool is_error, const char *path, const char *prop,
               const char *line)
{
    const char *msg = line;
    size_t n = strlen(path);

    if ( muted )
        return;
    is_error |= hl_strict;
    /* "<path>: [property '<prop>': ]<message>": keep the message alone. */
    if ( !strncmp(msg, path, n) && !strncmp(msg + n, ": ", 2) )
        msg += n + 2;
    if ( prop && !strncmp(msg, "property '", 10) &&
         !strncmp(msg + 10, prop, strlen(prop)) &&
         !strncmp(msg + 10 + strlen(prop), "': ", 3) )
        msg += 10 + strlen(prop) + 3;
    hl_tool_keep(is_error, path, prop, msg);
    if ( is_error || !hl_quiet )
        fprintf(stderr, "%s: %s\n", is_error ? "error" : "warning", line);
}
