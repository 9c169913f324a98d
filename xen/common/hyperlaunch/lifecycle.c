/* SPDX-License-Identifier: GPL-2.0-only */
/* Lifecycle policies of a domain: hyperlaunch,on-<event> and its watchdog. */
#include "private.h"

static const char *const event_names[HL_NR_END_EVENTS] = {
    [HL_ON_POWEROFF] = "poweroff",
    [HL_ON_REBOOT] = "reboot",
    [HL_ON_CRASH] = "crash",
    [HL_ON_WATCHDOG] = "watchdog",
};

/* Poweroff and crash end a domain; reboot and watchdog expiry restart it. */
static const uint8_t event_defaults[HL_NR_END_EVENTS] = {
    [HL_ON_POWEROFF] = HL_ACTION_DESTROY,
    [HL_ON_REBOOT] = HL_ACTION_RESTART,
    [HL_ON_CRASH] = HL_ACTION_DESTROY,
    [HL_ON_WATCHDOG] = HL_ACTION_RESTART,
};

const char *hl_end_event_name(enum hl_end_event ev)
{
    return ev < HL_NR_END_EVENTS ? event_names[ev] : "?";
}

const char *hl_action_name(unsigned int action)
{
    return action == HL_ACTION_RESTART ? "restart" : "destroy";
}

void hl_lifecycle_defaults(struct boot_domain *bd)
{
    memcpy(bd->on_end, event_defaults, sizeof(bd->on_end));
}

bool hl_restartable(const struct boot_domain *bd)
{
    unsigned int i;

    /* Without a watchdog, its policy never applies. */
    for ( i = 0; i < HL_NR_END_EVENTS; i++ )
        if ( bd->on_end[i] == HL_ACTION_RESTART &&
             (i != HL_ON_WATCHDOG || (bd->flags & BD_WATCHDOG)) )
            return true;
    return false;
}

/* "hyperlaunch,on-<event>" = "destroy" | "restart". */
int hl_parse_on_end(const void *fdt, int node, struct boot_domain *bd,
                    const char *name, const void *val, int len)
{
    static const char prefix[] = "hyperlaunch,on-";
    const char *s;
    unsigned int ev;

    for ( ev = 0; ev < HL_NR_END_EVENTS; ev++ )
        if ( !strncmp(name, prefix, sizeof(prefix) - 1) &&
             !strcmp(name + sizeof(prefix) - 1, event_names[ev]) )
            break;
    if ( ev == HL_NR_END_EVENTS )
        return -EINVAL; /* not called for other names */
    if ( hl_prop_string(fdt, node, name, val, len, &s) )
        return -EINVAL;
    if ( !strcmp(s, "destroy") )
        bd->on_end[ev] = HL_ACTION_DESTROY;
    else if ( !strcmp(s, "restart") )
        bd->on_end[ev] = HL_ACTION_RESTART;
    else
    {
        hl_error(fdt, node, name,
                 "\"%s\": expected \"destroy\" or \"restart\"", s);
        return -EINVAL;
    }
    return 0;
}

/* The empty "hyperlaunch,watchdog": the domain gets a virtual watchdog. */
int hl_parse_watchdog(const void *fdt, int node, struct boot_domain *bd,
                      const char *name, int len)
{
    if ( len )
    {
        hl_error(fdt, node, name, "takes no value (an empty property)");
        return -EINVAL;
    }
    bd->flags |= BD_WATCHDOG;
    return 0;
}

/* "poweroff=destroy,reboot=restart,..." into @buf. */
const char *hl_policy_text(char *buf, size_t size,
                           const struct boot_domain *bd)
{
    size_t n = 0;
    unsigned int ev;

    buf[0] = '\0';
    for ( ev = 0; ev < HL_NR_END_EVENTS && n < size; ev++ )
        n += (size_t)snprintf(buf + n, size - n, "%s%s=%s", ev ? "," : "",
                              event_names[ev], hl_action_name(bd->on_end[ev]));
    return buf;
}
