/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hlcheck: validate a Hyperlaunch DT on the host with the hypervisor's own
 * parser.  Exit 0: valid (the plan is printed); 1: invalid (every error on
 * stderr; with --strict, any warning too); 2: unreadable input, not a
 * device tree, or bad usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hlcheck.h"

#ifndef HL_TOOLS_VERSION
#define HL_TOOLS_VERSION "unknown"
#endif

const char *hl_progname = "hlcheck";
static struct boot_info bi;

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: hlcheck [options] FILE.dtb|FILE.dts|-\n"
        "       hlcheck --measure [--arch ARCH] [--log FILE] DTB FILE...\n"
        "Validate a Hyperlaunch DT and print the domains it will build;\n"
        "with --measure, predict its measured launch instead (the boot's\n"
        "\"measured:\" and \"PCR<n>\" lines, and with --log its event log).\n"
        "'-' reads a blob or DT source from standard input.\n"
        "  --json             print the plan as JSON (on an invalid tree:\n"
        "                     \"valid\": false and the \"errors\")\n"
        "  --strict           warnings are errors (exit 1)\n"
        "  --plan             print the plan as the hypervisor's console will\n"
        "  --arch ARCH        target: arm64 (default) or x86_64\n"
        "  --loader-modules N the boot loader passes N modules (x86:\n"
        "                     module-index must be below N)\n"
        "  --dtb-at ADDR      the DTB will be loaded at ADDR (overlap check)\n"
        "  --xen ADDR,SIZE    the hypervisor image range (overlap check)\n"
        "  --module ADDR=FILE the partial device tree (.dtb or .dts) of the\n"
        "                     module at ADDR, to check its devices\n"
        "  -q, --quiet        no warnings\n"
        "  --version          print the version and exit\n"
        "Exit status: 0 valid, 1 invalid, 2 unreadable or bad usage.\n");
}

static int parse_u64(const char *s, unsigned long long *v)
{
    char *end;

    *v = strtoull(s, &end, 0);
    return end != s && (*end == '\0' || *end == ',') ? 0 : -1;
}

/* --module ADDR=FILE: a partial device tree for the module at ADDR. */
static int give_module(const char *arg)
{
    const char *eq = strchr(arg, '=');
    unsigned long long a;
    size_t size = 0;
    char *end;
    void *data;

    a = strtoull(arg, &end, 0);
    if ( !eq || end != eq || end == arg || eq[1] == '\0' )
        return -1;
    data = hl_load_fdt(eq + 1, &size);
    if ( !data )
        exit(2);
    return hl_tool_give_module(a, data, size);
}

struct hlcheck_opts {
    bool json, plan;
    unsigned long long dtb_at;
};

static int parse_one(int c, struct hlcheck_opts *o)
{
    unsigned long long a, b;

    switch ( c )
    {
    case 'j':
        o->json = true;
        return 0;
    case 'S':
        hl_strict = true;
        return 0;
    case 'P':
        o->plan = true;
        return 0;
    case 'a':
        return hl_target_from_name(optarg, &hl_target) ? -1 : 0;
    case 'm':
        if ( parse_u64(optarg, &a) || a > HL_MAX_LOADER_MODS )
            return -1;
        bi.nr_loader_mods = (int)a;
        return 0;
    case 'd':
        return parse_u64(optarg, &o->dtb_at);
    case 'x':
        if ( parse_u64(optarg, &a) || !strchr(optarg, ',') ||
             parse_u64(strchr(optarg, ',') + 1, &b) )
            return -1;
        bi.xen_start = a;
        bi.xen_size = b;
        return 0;
    case 'q':
        hl_quiet = true;
        return 0;
    case 'M':
        return give_module(optarg) ? -1 : 0;
    case 'h':
        usage(stdout);
        exit(0);
    case 'V':
        printf("hlcheck (Hyperlaunch DT tools) %s\n", HL_TOOLS_VERSION);
        exit(0);
    default:
        return -1;
    }
}

static int parse_options(int argc, char **argv, struct hlcheck_opts *o)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "strict", no_argument, NULL, 'S' },
        { "plan", no_argument, NULL, 'P' },
        { "arch", required_argument, NULL, 'a' },
        { "loader-modules", required_argument, NULL, 'm' },
        { "dtb-at", required_argument, NULL, 'd' },
        { "xen", required_argument, NULL, 'x' },
        { "quiet", no_argument, NULL, 'q' },
        { "module", required_argument, NULL, 'M' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ( (c = getopt_long(argc, argv, "qh", opts, NULL)) != -1 )
        if ( parse_one(c, o) )
            return -1;
    return optind == argc - 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
    struct hlcheck_opts o = { 0 };
    const char *file;
    size_t size = 0;
    unsigned int errors;
    void *fdt;
    int rc;

    if ( argc > 1 && !strcmp(argv[1], "--measure") )
        return hl_measure_main(argc, argv);
    hl_init(&bi);
    if ( parse_options(argc, argv, &o) )
    {
        usage(stderr);
        return 2;
    }
    /* arm64: /chosen's module nodes (GRUB's xen_module) are the list. */
    bi.chosen_loader_mods = hl_target == HL_TARGET_ARM64;
    file = argv[optind];
    fdt = hl_load_fdt(file, &size);
    if ( !fdt )
    {
        if ( o.json )
            hl_print_json(&bi, false);
        return 2;
    }
    if ( o.dtb_at )
    {
        bi.fdt_start = o.dtb_at;
        bi.fdt_size = size;
    }
    rc = hl_parse(fdt, size, &bi);
    if ( rc == -ENOEXEC )
    {
        hl_tool_error(file, "not a device tree blob");
        if ( o.json )
            hl_print_json(&bi, false);
        free(fdt);
        return 2;
    }
    if ( !rc )
        rc = hl_check(fdt, &bi);
    errors = bi.nr_errors + (hl_strict ? bi.nr_warnings : 0);
    if ( !rc && errors )
        rc = -EINVAL;
    if ( o.json )
        hl_print_json(&bi, !rc);
    else if ( !rc && o.plan )
        hl_print_plan(&bi); /* the hypervisor's own lines, through printk */
    else if ( !rc )
        hl_print_table(&bi);
    if ( rc )
        fprintf(stderr, "hlcheck: %s: %u error%s%s\n", file, errors,
                errors == 1 ? "" : "s",
                hl_strict && bi.nr_warnings ? " (--strict: warnings count)"
                                            : "");
    free(fdt);
    return rc ? 1 : 0;
}
