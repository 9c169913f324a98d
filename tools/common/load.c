/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tools: load a device tree from a .dtb, from a .dts through dtc, or
 * from standard input ("-": a blob, or source dtc compiles).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hltool.h"

#define MAX_FDT_SIZE (64u << 20)
#define FDT_MAGIC_BYTES "\xd0\x0d\xfe\xed"

void hl_tool_error(const char *file, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: %s: %s\n", hl_progname, file, msg);
    hl_tool_keep(true, NULL, NULL, msg);
}

/* All of @f, up to MAX_FDT_SIZE; NULL with errno set. */
static void *read_stream(FILE *f, size_t *size)
{
    char *buf = NULL, *nb;
    size_t n = 0, cap = 0, got;

    errno = 0;
    do
    {
        if ( n == cap )
        {
            cap = cap ? cap * 2 : 65536;
            nb = cap <= MAX_FDT_SIZE ? realloc(buf, cap) : NULL;
            if ( !nb )
            {
                free(buf);
                errno = cap > MAX_FDT_SIZE ? EFBIG : ENOMEM;
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while ( got );
    if ( ferror(f) )
    {
        free(buf);
        errno = errno ?: EIO;
        return NULL;
    }
    *size = n;
    return buf;
}

static void *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    void *buf;
    int err;

    if ( !f )
        return NULL;
    buf = read_stream(f, size);
    err = errno;
    fclose(f);
    errno = err;
    return buf;
}

static bool is_dts(const char *path)
{
    size_t n = strlen(path);

    return n > 4 && (!strcmp(path + n - 4, ".dts") ||
                     (n > 5 && !strcmp(path + n - 5, ".dtsi")));
}

/* Run dtc on @path into a temporary file and read it back. */
static void *compile_dts(const char *path, const char *name, size_t *size)
{
    char tmp[] = "/tmp/hltool-XXXXXX";
    int fd = mkstemp(tmp), status = 0;
    void *fdt = NULL;
    pid_t pid;

    if ( fd < 0 )
    {
        hl_tool_error(name, "no temporary file for dtc: %s", strerror(errno));
        return NULL;
    }
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
        hl_tool_error(name, "dtc could not compile it%s",
                      pid > 0 && WIFEXITED(status) &&
                              WEXITSTATUS(status) == 127
                          ? " (is dtc installed?)"
                          : "");
    unlink(tmp);
    return fdt;
}

/* Standard input: a blob as it is, anything else as DT source. */
static void *load_stdin(size_t *size)
{
    char tmp[] = "/tmp/hltool-stdin-XXXXXX";
    void *data = read_stream(stdin, size), *fdt;
    FILE *f;
    int fd;

    if ( !data )
    {
        hl_tool_error("-", "cannot read standard input: %s", strerror(errno));
        return NULL;
    }
    if ( *size >= 4 && !memcmp(data, FDT_MAGIC_BYTES, 4) )
        return data;
    fd = mkstemp(tmp);
    f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if ( !f || fwrite(data, 1, *size, f) != *size || fclose(f) )
    {
        hl_tool_error("-", "cannot keep standard input for dtc: %s",
                      strerror(errno));
        free(data);
        if ( fd >= 0 )
            unlink(tmp);
        return NULL;
    }
    free(data);
    fdt = compile_dts(tmp, "-", size);
    unlink(tmp);
    return fdt;
}

void *hl_load_fdt(const char *path, size_t *size)
{
    void *fdt;

    if ( !strcmp(path, "-") )
        return load_stdin(size);
    if ( access(path, R_OK) )
    {
        hl_tool_error(path, "cannot read it: %s", strerror(errno));
        return NULL;
    }
    if ( is_dts(path) )
        return compile_dts(path, path, size);
    fdt = read_file(path, size);
    if ( !fdt )
        hl_tool_error(path, "cannot read it: %s",
                      errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
    return fdt;
}
