/* SPDX-License-Identifier: GPL-2.0-only */
/* hlcheck output: the boot plan as a table or as JSON. */
#include <stdio.h>
#include <string.h>

#include "hlcheck.h"

static const char *module_text(const struct boot_module *m, char *buf,
                               size_t size)
{
    if ( !m )
        return "-";
    if ( m->mb_index >= 0 && !m->size )
        snprintf(buf, size, "module #%d", m->mb_index);
    else
        snprintf(buf, size, "%#llx+%#llx", (unsigned long long)m->start,
                 (unsigned long long)m->size);
    return buf;
}

static const char *memory_text(uint64_t kib, char *buf, size_t size)
{
    if ( kib % 1024 )
        snprintf(buf, size, "%llu KiB", (unsigned long long)kib);
    else
        snprintf(buf, size, "%llu MiB", (unsigned long long)(kib >> 10));
    return buf;
}

void hl_print_table(const struct boot_info *bi)
{
    char c[48], k[48], r[48], m[32], p[72], name[HL_NAME_LEN], args[1024];
    const struct boot_domain *bd;
    unsigned int i;

    printf("Hyperlaunch DT, %s form: %u domain%s will be built\n",
           bi->form == HL_FORM_HYPERLAUNCH ? "hyperlaunch" : "dom0less",
           bi->nr_domains, bi->nr_domains == 1 ? "" : "s");
    printf("%-5s %-16s %5s %10s %-25s %-6s %-4s %-24s %-24s %s\n", "DOMID",
           "NAME", "VCPUS", "MEMORY", "CAPS", "VPL011", "MODE", "KERNEL",
           "RAMDISK", "BOOTARGS");
    for ( i = 0; i < bi->nr_domains; i++ )
    {
        bd = &bi->domains[i];
        printf("%-5u %-16s %5u %10s %-25s %-6s %-4s %-24s %-24s %s\n",
               bd->domid, hl_printable(name, sizeof(name), bd->name),
               bd->vcpus, memory_text(bd->memory_kib, m, sizeof(m)),
               hl_caps_text(c, sizeof(c), bd->capabilities),
               (bd->flags & BD_VPL011) ? "yes" : "no",
               *arch_domain_mode_name(bd) ? arch_domain_mode_name(bd) : "-",
               module_text(bd->kernel, k, sizeof(k)),
               module_text(bd->ramdisk, r, sizeof(r)),
               hl_printable(args, sizeof(args), bd->cmdline));
    }
    printf("Lifecycle:\n");
    for ( i = 0; i < bi->nr_domains; i++ )
    {
        bd = &bi->domains[i];
        printf("%-5u %-16s on %s%s\n", bd->domid,
               hl_printable(name, sizeof(name), bd->name),
               hl_policy_text(p, sizeof(p), bd),
               (bd->flags & BD_WATCHDOG) ? ", watchdog" : "");
    }
}

static void json_string(const char *s)
{
    putchar('"');
    for ( ; s && *s; s++ )
    {
        unsigned char ch = (unsigned char)*s;

        if ( ch == '"' || ch == '\\' )
            printf("\\%c", ch);
        else if ( ch < 0x20 || ch >= 0x7f )
            printf("\\u%04x", ch);
        else
            putchar(ch);
    }
    putchar('"');
}

static void json_module(const char *key, const struct boot_module *m,
                        bool with_args)
{
    printf(", \"%s\": ", key);
    if ( !m )
    {
        printf("null");
        return;
    }
    printf("{\"addr\": %llu, \"size\": %llu", (unsigned long long)m->start,
           (unsigned long long)m->size);
    if ( m->mb_index >= 0 )
        printf(", \"module_index\": %d", m->mb_index);
    if ( with_args )
    {
        printf(", \"bootargs\": ");
        if ( m->owner && m->owner->cmdline )
            json_string(m->owner->cmdline);
        else
            printf("null");
    }
    putchar('}');
}

static void json_domain(const struct boot_domain *bd)
{
    unsigned int id;
    bool first = true;

    printf("{\"name\": ");
    json_string(bd->name);
    printf(", \"domid\": %u, \"memory_kib\": %llu, \"vcpus\": %u, "
           "\"capabilities\": %u, \"vpl011\": %s, \"dom0\": %s",
           bd->domid, (unsigned long long)bd->memory_kib, bd->vcpus,
           bd->capabilities, (bd->flags & BD_VPL011) ? "true" : "false",
           (bd->flags & BD_IS_DOM0) ? "true" : "false");
    printf(", \"watchdog\": %s, \"on\": {",
           (bd->flags & BD_WATCHDOG) ? "true" : "false");
    for ( id = 0; id < HL_NR_END_EVENTS; id++ )
        printf("%s\"%s\": \"%s\"", id ? ", " : "",
               hl_end_event_name((enum hl_end_event)id),
               hl_action_name(bd->on_end[id]));
    putchar('}');
    printf(", \"enhanced\": \"%s\"", hl_enhanced_name(bd->enhanced));
    json_module("kernel", bd->kernel, true);
    json_module("ramdisk", bd->ramdisk, false);
    printf(", \"hard_affinity\": {");
    for ( id = 0; id < HL_MAX_VCPUS; id++ )
        if ( bd->vcpu_affinity[id] )
        {
            printf("%s\"%u\": %llu", first ? "" : ", ", id,
                   (unsigned long long)bd->vcpu_affinity[id]);
            first = false;
        }
    printf("}}");
}

/* The kept diagnostics of one kind, as an array of objects. */
static void json_diags(bool errors)
{
    const struct hl_tool_diag *d;
    bool first = true;
    unsigned int i;

    putchar('[');
    for ( i = 0; i < hl_nr_diags; i++ )
    {
        d = &hl_diags[i];
        if ( d->is_error != errors )
            continue;
        printf("%s{\"node\": ", first ? "" : ", ");
        d->path ? json_string(d->path) : (void)printf("null");
        printf(", \"property\": ");
        d->prop ? json_string(d->prop) : (void)printf("null");
        printf(", \"message\": ");
        json_string(d->message);
        putchar('}');
        first = false;
    }
    putchar(']');
}

void hl_print_json(const struct boot_info *bi, bool valid)
{
    unsigned int i;

    printf("{\"valid\": %s, \"form\": \"%s\", \"domains\": [",
           valid ? "true" : "false",
           bi->form == HL_FORM_HYPERLAUNCH ? "hyperlaunch"
           : bi->form == HL_FORM_DOM0LESS  ? "dom0less"
                                           : "none");
    for ( i = 0; valid && i < bi->nr_domains; i++ )
    {
        if ( i )
            printf(", ");
        json_domain(&bi->domains[i]);
    }
    printf("], \"errors\": ");
    json_diags(true);
    printf(", \"warning_messages\": ");
    json_diags(false);
    printf(", \"warnings\": %u}\n", bi->nr_warnings);
}
