/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hlcheck --measure: predict the measured launch of a DTB and its module
 * files with the hypervisor's own code (xen/common/hyperlaunch/measure.c):
 * the same "measured:" and "PCR<n>" lines, and optionally the event log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/measure.h>

#include "hlcheck.h"

#define LOG_SIZE (64 * 1024)
#define X86_FILE_BASE 0x100000000ULL /* where module files are "loaded" */

static struct boot_info bi;
static struct hl_prediction pred;

static void print_line(const char *line, void *opaque)
{
    printf("%s\n", line);
}

static void *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
         fseek(f, 0, SEEK_SET) || !(buf = malloc((size_t)n + 1)) ||
         fread(buf, 1, (size_t)n, f) != (size_t)n )
    {
        fprintf(stderr, "hlcheck: %s: cannot read it\n", path);
        exit(2);
    }
    fclose(f);
    *size = (size_t)n;
    return buf;
}

/* x86: FILE i is multiboot module i ('module-index'), given before parsing. */
static void give_loader_modules(char **files, int n)
{
    paddr_t at = X86_FILE_BASE;
    size_t size;
    int i;

    bi.nr_loader_mods = n;
    for ( i = 0; i < n; i++ )
    {
        const void *data = read_all(files[i], &size);

        bi.loader_mods[i].start = at;
        bi.loader_mods[i].size = size;
        hl_tool_give_module(at, data, size);
        at += ROUNDUP((paddr_t)size, 0x200000) + 0x200000;
    }
}

/* arm64: FILE i is the i-th module node of the DT ('reg'). */
static int give_reg_modules(char **files, int n)
{
    size_t size;
    unsigned int i;

    if ( (unsigned int)n != bi.nr_mods )
    {
        fprintf(stderr,
                "hlcheck: the device tree has %u module nodes, %d files "
                "were given\n",
                bi.nr_mods, n);
        return -1;
    }
    for ( i = 0; i < bi.nr_mods; i++ )
    {
        const void *data = read_all(files[i], &size);

        if ( size != bi.mods[i].size )
        {
            fprintf(stderr,
                    "hlcheck: %s: %zu bytes, but module %u's reg says %llu\n",
                    files[i], size, i, (unsigned long long)bi.mods[i].size);
            return -1;
        }
        hl_tool_give_module(bi.mods[i].start, data, size);
    }
    return 0;
}

static int write_log(const char *path)
{
    FILE *f = fopen(path, "wb");

    if ( !f || fwrite(pred.log.buf, 1, pred.log.used, f) != pred.log.used ||
         fclose(f) )
    {
        fprintf(stderr, "hlcheck: %s: cannot write the event log\n", path);
        return -1;
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: hlcheck --measure [--arch ARCH] [--log FILE] DTB "
            "FILE...\n"
            "Print the measurements and PCR values the boot of DTB with the\n"
            "module FILEs will produce (arm64: one per module node, in DT\n"
            "order; x86_64: multiboot module 0, 1, ... as module-index\n"
            "counts them).  --log writes the TCG event log.\n");
    return 2;
}

int hl_measure_main(int argc, char **argv)
{
    static uint8_t log_buf[LOG_SIZE];
    const char *log_path = NULL;
    size_t size = 0;
    void *fdt;
    int i = 2, rc;

    for ( ; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2 )
        if ( !strcmp(argv[i], "--arch") )
        {
            if ( hl_target_from_name(argv[i + 1], &hl_target) )
                return usage();
        }
        else if ( !strcmp(argv[i], "--log") )
            log_path = argv[i + 1];
        else
            return usage();
    if ( i >= argc )
        return usage();
    hl_init(&bi);
    fdt = hl_load_fdt(argv[i], &size);
    if ( !fdt )
        return 2;
    if ( hl_target == HL_TARGET_X86_64 )
        give_loader_modules(argv + i + 1, argc - i - 1);
    rc = hl_parse(fdt, size, &bi);
    if ( !rc && hl_target != HL_TARGET_X86_64 )
        rc = give_reg_modules(argv + i + 1, argc - i - 1) ? -EINVAL : 0;
    if ( !rc )
        rc = hl_check(fdt, &bi);
    if ( rc )
        return rc == -ENOEXEC ? 2 : 1;
    pred.line = print_line;
    hl_log_init(&pred.log, log_buf, sizeof(log_buf));
    rc = hl_measure_predict(fdt, size, &bi, &pred);
    if ( log_path && write_log(log_path) )
        return 2;
    return rc ? 1 : 0;
}
