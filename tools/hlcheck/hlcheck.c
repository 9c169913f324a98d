/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hlcheck: validate a Hyperlaunch DT on the host with the hypervisor's own
 * parser.  Exit 0: valid (the plan is printed); 1: invalid (every error on
 * stderr); 2: unreadable input, not a device tree, or bad usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hlcheck.h"

const char *hl_progname = "hlcheck";
static struct boot_info bi;

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: hlcheck [options] FILE.dtb|FILE.dts\n"
        "Validate a Hyperlaunch DT and print the domains it will build.\n"
        "  --json             print the plan as JSON\n"
        "  --arch ARCH        target: arm64 (default) or x86_64\n"
        "  --loader-modules N the boot loader passes N modules (x86:\n"
        "                     module-index must be below N)\n"
        "  --dtb-at ADDR      the DTB will be loaded at ADDR (overlap check)\n"
        "  --xen ADDR,SIZE    the hypervisor image range (overlap check)\n"
        "  --module ADDR=FILE the partial device tree (.dtb or .dts) of the\n"
        "                     module at ADDR, to check its devices\n"
        "  -q, --quiet        no warnings\n"
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

static int parse_options(int argc, char **argv, bool *json,
                         unsigned long long *dtb_at)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "arch", required_argument, NULL, 'a' },
        { "loader-modules", required_argument, NULL, 'm' },
        { "dtb-at", required_argument, NULL, 'd' },
        { "xen", required_argument, NULL, 'x' },
        { "quiet", no_argument, NULL, 'q' },
        { "module", required_argument, NULL, 'M' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    unsigned long long a, b;
    int c;

    while ( (c = getopt_long(argc, argv, "qh", opts, NULL)) != -1 )
    {
        switch ( c )
        {
        case 'j':
            *json = true;
            break;
        case 'a':
            if ( hl_target_from_name(optarg, &hl_target) )
                return -1;
            break;
        case 'm':
            if ( parse_u64(optarg, &a) || a > HL_MAX_LOADER_MODS )
                return -1;
            bi.nr_loader_mods = (int)a;
            break;
        case 'd':
            if ( parse_u64(optarg, dtb_at) )
                return -1;
            break;
        case 'x':
            if ( parse_u64(optarg, &a) || !strchr(optarg, ',') ||
                 parse_u64(strchr(optarg, ',') + 1, &b) )
                return -1;
            bi.xen_start = a;
            bi.xen_size = b;
            break;
        case 'q':
            hl_quiet = true;
            break;
        case 'M':
            if ( give_module(optarg) )
                return -1;
            break;
        case 'h':
            usage(stdout);
            exit(0);
        default:
            return -1;
        }
    }
    return optind == argc - 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
    unsigned long long dtb_at = 0;
    bool json = false;
    size_t size = 0;
    void *fdt;
    int rc;

    if ( argc > 1 && !strcmp(argv[1], "--measure") )
        return hl_measure_main(argc, argv);
    hl_init(&bi);
    if ( parse_options(argc, argv, &json, &dtb_at) )
    {
        usage(stderr);
        return 2;
    }
    fdt = hl_load_fdt(argv[optind], &size);
    if ( !fdt )
        return 2;
    if ( dtb_at )
    {
        bi.fdt_start = dtb_at;
        bi.fdt_size = size;
    }
    rc = hl_parse(fdt, size, &bi);
    if ( rc == -ENOEXEC )
    {
        fprintf(stderr, "hlcheck: %s: not a device tree blob\n", argv[optind]);
        free(fdt);
        return 2;
    }
    if ( !rc )
        rc = hl_check(fdt, &bi);
    if ( !rc )
        json ? hl_print_json(&bi) : hl_print_table(&bi);
    else
        fprintf(stderr, "hlcheck: %s: %u error%s\n", argv[optind],
                bi.nr_errors, bi.nr_errors == 1 ? "" : "s");
    free(fdt);
    return rc ? 1 : 0;
}
