/* SPDX-License-Identifier: GPL-2.0-only */
/* hlimage: host file helpers (sizes, copies, the arm64 Image header). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hlimage.h"

int hl_file_size(const char *path, uint64_t *size)
{
    struct stat st;

    if ( stat(path, &st) || access(path, R_OK) )
        return -errno;
    if ( S_ISDIR(st.st_mode) )
        return -EISDIR;
    if ( !S_ISREG(st.st_mode) )
        return -EINVAL;
    *size = (uint64_t)st.st_size;
    return 0;
}

void *hl_read_file(const char *path, size_t *size)
{
    uint64_t n;
    void *buf;
    FILE *f;
    int err;

    if ( hl_file_size(path, &n) || !(buf = malloc(n ? n : 1)) )
        return NULL;
    f = fopen(path, "rb");
    if ( !f || fread(buf, 1, n, f) != n )
    {
        err = errno ?: EIO;
        if ( f )
            fclose(f);
        free(buf);
        errno = err;
        return NULL;
    }
    fclose(f);
    *size = n;
    return buf;
}

char *hl_abs_path(const char *path)
{
    char *real = realpath(path, NULL), *cwd, *p = NULL;

    if ( real || path[0] == '/' )
        return real ? real : strdup(path);
    cwd = getcwd(NULL, 0);
    if ( cwd && asprintf(&p, "%s/%s", cwd, path) < 0 )
        p = NULL;
    free(cwd);
    return p;
}

char *hl_path_join(const char *dir, const char *name)
{
    char *p;

    if ( name[0] == '/' || !dir || !dir[0] )
        return strdup(name);
    if ( asprintf(&p, "%s/%s", dir, name) < 0 )
        return NULL;
    return p;
}

static int write_all(int fd, const void *buf, size_t size)
{
    const char *p = buf;
    ssize_t n;

    while ( size )
    {
        n = write(fd, p, size);
        if ( n <= 0 )
            return -EIO;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

int hl_write_file(const char *dir, const char *name, const void *buf,
                  size_t size)
{
    char *path = hl_path_join(dir, name);
    int fd, rc = -EIO;

    if ( !path )
        return -ENOMEM;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if ( fd >= 0 )
    {
        rc = write_all(fd, buf, size);
        rc = close(fd) ? -EIO : rc;
    }
    if ( rc )
        fprintf(stderr, "%s: %s: cannot write it\n", hl_progname, path);
    free(path);
    return rc;
}

/* Copy @from (a real path) to @dir/@name, unless that is @from itself. */
int hl_copy_file(const char *from, const char *dir, const char *name)
{
    char *to = hl_path_join(dir, name), buf[65536];
    char *real_to = to ? realpath(to, NULL) : NULL;
    int in, out = -1, rc = -EIO;
    bool same = real_to && !strcmp(real_to, from);
    ssize_t n;

    free(real_to);
    if ( same )
    {
        free(to);
        return 0;
    }
    in = open(from, O_RDONLY);
    if ( to && in >= 0 )
        out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if ( out >= 0 )
    {
        rc = 0;
        while ( !rc && (n = read(in, buf, sizeof(buf))) != 0 )
            rc = n < 0 ? -EIO : write_all(out, buf, (size_t)n);
        rc = close(out) ? -EIO : rc;
    }
    if ( in >= 0 )
        close(in);
    if ( rc )
        fprintf(stderr, "%s: cannot copy %s to %s\n", hl_progname, from,
                to ? to : name);
    free(to);
    return rc;
}

/* The header of an arm64 Image ("ARM\x64" magic); -ENOEXEC if none. */
int hl_arm64_header(const char *path, struct hl_arm64_header *h)
{
    unsigned char b[64];
    FILE *f = fopen(path, "rb");
    bool ok = f && fread(b, 1, sizeof(b), f) == sizeof(b) &&
              !memcmp(b + 56, "ARM\x64", 4);
    unsigned int i;

    if ( f )
        fclose(f);
    if ( !ok )
        return -ENOEXEC;
    memset(h, 0, sizeof(*h));
    for ( i = 0; i < 8; i++ )
    {
        h->text_offset |= (uint64_t)b[8 + i] << (8 * i);
        h->image_size |= (uint64_t)b[16 + i] << (8 * i);
        h->flags |= (uint64_t)b[24 + i] << (8 * i);
    }
    return 0;
}
