/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tools: load a device tree from a .dtb, or from a .dts through dtc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hltool.h"

#define MAX_FDT_SIZE (64u << 20)

static void *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    if ( !f )
        return NULL;
    do
    {
        if ( n == cap )
        {
            char *nb;

            cap = cap ? cap * 2 : 65536;
            nb = cap <= MAX_FDT_SIZE ? realloc(buf, cap) : NULL;
            if ( !nb )
            {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while ( got );
    fclose(f);
    *size = n;
    return buf;
}

static bool is_dts(const char *path)
{
    size_t n = strlen(path);

    return n > 4 && (!strcmp(path + n - 4, ".dts") ||
                     (n > 5 && !strcmp(path + n - 5, ".dtsi")));
}

/* Run dtc on @path into a temporary file and read it back. */
static void *compile_dts(const char *path, size_t *size)
{
    char tmp[] = "/tmp/hltool-XXXXXX";
    int fd = mkstemp(tmp), status = 0;
    void *fdt = NULL;
    pid_t pid;

    if ( fd < 0 )
        return NULL;
    close(fd);
    pid = fork();
    if ( pid == 0 )
    {
        execlp("dtc", "dtc", "-q", "-I", "dts", "-O", "dtb", "-o", tmp, path,
               (char *)NULL);
        _exit(127);
    }
    if ( pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
         WEXITSTATUS(status) == 0 )
        fdt = read_file(tmp, size);
    else
        fprintf(stderr, "%s: %s: dtc could not compile it%s\n", hl_progname,
                path,
                pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127
                    ? " (is dtc installed?)"
                    : "");
    unlink(tmp);
    return fdt;
}

void *hl_load_fdt(const char *path, size_t *size)
{
    void *fdt;

    if ( access(path, R_OK) )
    {
        fprintf(stderr, "%s: %s: cannot read it\n", hl_progname, path);
        return NULL;
    }
    if ( is_dts(path) )
        return compile_dts(path, size);
    fdt = read_file(path, size);
    if ( !fdt )
        fprintf(stderr, "%s: %s: cannot read it (or larger than %u MiB)\n",
                hl_progname, path, MAX_FDT_SIZE >> 20);
    return fdt;
}
