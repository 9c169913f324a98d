/* SPDX-License-Identifier: GPL-2.0-only */
/* hlimage: find the module nodes naming files, lay the files out, fill 'reg'. */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bzimage.h"
#include "hlimage.h"

#define X86_MODE_HVM (1U << 1) /* 'mode' bit 1: HVM, loads a bzImage */

static uint64_t align_up(uint64_t v)
{
    return (v + HLIMAGE_ALIGN - 1) & ~(HLIMAGE_ALIGN - 1);
}

static bool overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
    return a < b + bs && b < a + as;
}

static void add_fixed(struct hl_layout *l, uint64_t start, uint64_t size)
{
    if ( size && l->nr_fixed < ARRAY_SIZE(l->fixed) )
    {
        l->fixed[l->nr_fixed].start = start;
        l->fixed[l->nr_fixed].size = size;
        l->nr_fixed++;
    }
}

/* A module node that already has a 'reg': keep its range free. */
static void note_fixed_module(const void *fdt, int node, struct hl_layout *l)
{
    int parent = fdt_parent_offset(fdt, node), len;
    const fdt32_t *cell = fdt_getprop(fdt, node, "reg", &len);
    uint64_t v[2] = { 0, 0 };
    uint32_t ac, sc, i;

    if ( !cell || parent < 0 ||
         fdt_node_check_compatible(fdt, node, "multiboot,module") )
        return;
    /* Malformed values are the parser's to report, later. */
    hl_quiet_diags(true);
    i = (uint32_t)hl_parent_cells(fdt, parent, &ac, &sc);
    hl_quiet_diags(false);
    if ( i || len != (int)((ac + sc) * 4) )
        return;
    for ( i = 0; i < ac + sc; i++ )
        v[i >= ac] = (v[i >= ac] << 32) | fdt32_ld(&cell[i]);
    add_fixed(l, v[0], v[1]);
}

/* Output name for @path: its base name, made unique in the directory. */
static char *unique_name(const struct hl_layout *l, const char *path)
{
    static const char *const taken[] = {
        "xen", "hl.dtb", "boot.cmd", "boot.scr", "grub", HLIMAGE_LOG_NAME
    };
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    unsigned int i, n = 1;
    char *name = strdup(base), *alt;
    bool clash;

    do
    {
        clash = false;
        for ( i = 0; i < ARRAY_SIZE(taken) && name; i++ )
            clash |= !strcmp(name, taken[i]);
        for ( i = 0; i < l->nr_images && name; i++ )
            clash |= !strcmp(name, l->images[i].name);
        if ( clash && name )
        {
            if ( asprintf(&alt, "%u-%s", ++n, base) < 0 )
                alt = NULL;
            free(name);
            name = alt;
        }
    } while ( clash && name );
    return name;
}

/* The image for @path, added when new; UINT_MAX after an error. */
static unsigned int find_image(struct hl_layout *l, const char *path,
                               uint64_t size)
{
    char *real = realpath(path, NULL);
    struct hl_image *img;
    unsigned int i;

    if ( !real )
        return UINT32_MAX;
    for ( i = 0; i < l->nr_images; i++ )
        if ( !strcmp(l->images[i].path, real) )
        {
            free(real);
            return i;
        }
    img = &l->images[l->nr_images];
    img->path = real;
    img->name = unique_name(l, real);
    img->size = size;
    img->addr = 0;
    return img->name ? l->nr_images++ : UINT32_MAX;
}

/*
 * x86: the kernel of a PVH domain (no 'mode' bit 1) given as a bzImage is
 * replaced by the ELF inside it, written to a directory of our own
 * (l->tmpdir, removed by hl_layout_cleanup()).  *@path is then that ELF.
 */
static int pvh_kernel_elf(const void *fdt, int node, struct hl_layout *l,
                          char **path)
{
    const fdt32_t *mode =
        fdt_getprop(fdt, fdt_parent_offset(fdt, node), "mode", NULL);
    const char *base = strrchr(*path, '/') ? strrchr(*path, '/') + 1 : *path;
    char *elf = NULL;

    if ( hl_target != HL_TARGET_X86_64 ||
         fdt_node_check_compatible(fdt, node, "multiboot,kernel") ||
         (mode && (fdt32_ld(mode) & X86_MODE_HVM)) || !hl_is_bzimage(*path) )
        return 0;
    if ( !l->tmpdir )
    {
        char tmpl[] = "/tmp/hlimage-XXXXXX";

        l->tmpdir = mkdtemp(tmpl) ? strdup(tmpl) : NULL;
    }
    if ( l->tmpdir && asprintf(&elf, "%s/%s.elf", l->tmpdir, base) < 0 )
        elf = NULL;
    if ( !elf || hl_bzimage_extract(*path, elf) )
    {
        hl_error(fdt, node, HLIMAGE_FILE_PROP,
                 "'%s' is a bzImage without a usable PVH ELF inside", base);
        if ( elf )
            unlink(elf);
        free(elf);
        return -EINVAL;
    }
    if ( !hl_quiet )
        printf("%s: %s is a bzImage: its ELF %s.elf goes in the image\n",
               hl_progname, base, base);
    free(*path);
    *path = elf;
    return 0;
}

void hl_layout_cleanup(struct hl_layout *l)
{
    unsigned int i;

    if ( !l->tmpdir )
        return;
    for ( i = 0; i < l->nr_images; i++ )
        if ( !strncmp(l->images[i].path, l->tmpdir, strlen(l->tmpdir)) )
            unlink(l->images[i].path);
    rmdir(l->tmpdir);
    free(l->tmpdir);
    l->tmpdir = NULL;
}

/* @path (named @file in the tree): readable and not empty. */
static int check_file(const void *fdt, int node, const char *file,
                      const char *path, uint64_t *size)
{
    char *abs = hl_abs_path(path);
    int rc = hl_file_size(path, size);

    if ( rc )
        hl_error(fdt, node, HLIMAGE_FILE_PROP, "cannot read '%s' (%s: %s)",
                 file, abs ? abs : path, strerror(-rc));
    else if ( !*size )
        hl_error(fdt, node, HLIMAGE_FILE_PROP, "'%s' (%s) is empty", file,
                 abs ? abs : path);
    free(abs);
    return rc ? rc : *size ? 0 : -EINVAL;
}

/* A kernel, or a partial device tree, of a kind that can boot here. */
static int check_kind(const void *fdt, int node, const char *file,
                      const char *path)
{
    const fdt32_t *mode =
        fdt_getprop(fdt, fdt_parent_offset(fdt, node), "mode", NULL);
    enum hl_kind k = hl_file_kind(path);
    const char *why = NULL;
    char *abs;

    if ( !fdt_node_check_compatible(fdt, node, "multiboot,kernel") ||
         !fdt_node_check_compatible(fdt, node, "module,kernel") )
        why = hl_kernel_refusal(k, mode && (fdt32_ld(mode) & X86_MODE_HVM));
    else if ( (!fdt_node_check_compatible(fdt, node,
                                          "multiboot,device-tree") ||
               !fdt_node_check_compatible(fdt, node, "module,device-tree")) &&
              k != HL_KIND_FDT )
        why = "a partial device tree module takes a device tree blob (dtc "
              "-O dtb)";
    if ( !why )
        return 0;
    abs = hl_abs_path(path);
    hl_error(fdt, node, HLIMAGE_FILE_PROP, "'%s' (%s) is %s: %s", file,
             abs ? abs : path, hl_kind_name(k), why);
    free(abs);
    return -EINVAL;
}

static int collect_one(const void *fdt, int node, const char *base_dir,
                       struct hl_layout *l)
{
    const char *file, *clash = NULL;
    char node_path[256];
    unsigned int img;
    uint64_t size;
    char *path;
    int len;

    file = fdt_getprop(fdt, node, HLIMAGE_FILE_PROP, &len);
    if ( len < 2 || file[len - 1] || strlen(file) != (size_t)len - 1 )
    {
        hl_error(fdt, node, HLIMAGE_FILE_PROP, "must be one file name string");
        return -EINVAL;
    }
    if ( fdt_getprop(fdt, node, "reg", NULL) )
        clash = "reg";
    else if ( fdt_getprop(fdt, node, "module-index", NULL) )
        clash = "module-index";
    if ( clash )
    {
        hl_error(fdt, node, HLIMAGE_FILE_PROP,
                 "'%s' and 'hlimage,file' exclude each other", clash);
        return -EINVAL;
    }
    path = hl_path_join(base_dir, file);
    if ( path && check_file(fdt, node, file, path, &size) )
    {
        free(path);
        return -EINVAL;
    }
    if ( !path || pvh_kernel_elf(fdt, node, l, &path) ||
         hl_file_size(path, &size) || check_kind(fdt, node, file, path) )
    {
        free(path);
        return -EINVAL;
    }
    if ( l->nr_refs >= HLIMAGE_MAX_IMAGES ||
         fdt_get_path(fdt, node, node_path, sizeof(node_path)) )
    {
        hl_error(fdt, node, HLIMAGE_FILE_PROP, "too many images");
        free(path);
        return -EINVAL;
    }
    img = find_image(l, path, size);
    free(path);
    if ( img == UINT32_MAX )
        return -ENOMEM;
    l->refs[l->nr_refs].node_path = strdup(node_path);
    l->refs[l->nr_refs++].image = img;
    return 0;
}

int hl_layout_collect(void *fdt, const char *base_dir, struct hl_layout *l)
{
    int node, depth = 0, rc = 0;

    for ( node = fdt_next_node(fdt, -1, &depth); node >= 0;
          node = fdt_next_node(fdt, node, &depth) )
    {
        if ( fdt_getprop(fdt, node, HLIMAGE_FILE_PROP, NULL) )
            rc = collect_one(fdt, node, base_dir, l) ?: rc;
        else
            note_fixed_module(fdt, node, l);
    }
    if ( !rc && !l->nr_refs )
    {
        hl_error(fdt, -1, NULL,
                 "no module node names a file with 'hlimage,file'");
        rc = -ENOENT;
    }
    return rc;
}

/* Lowest aligned address from @cursor where @size bytes overlap nothing. */
static int place_one(struct hl_layout *l, uint64_t *cursor,
                     struct hl_image *img)
{
    uint64_t addr = align_up(*cursor);
    unsigned int i;

    for ( i = 0; i < l->nr_fixed; i++ )
    {
        if ( addr + img->size < addr )
            break;
        if ( overlap(addr, img->size, l->fixed[i].start, l->fixed[i].size) )
        {
            addr = align_up(l->fixed[i].start + l->fixed[i].size);
            i = UINT32_MAX; /* start over: ++ wraps to 0 */
        }
    }
    if ( addr < *cursor || addr + img->size < addr )
    {
        fprintf(stderr, "%s: %s: no room above %#llx\n", hl_progname,
                img->name, (unsigned long long)*cursor);
        return -ENOSPC;
    }
    img->addr = addr;
    add_fixed(l, addr, img->size);
    *cursor = addr + img->size;
    return 0;
}

int hl_layout_place(struct hl_layout *l)
{
    uint64_t cursor = l->load_base;
    unsigned int i;
    int rc;

    add_fixed(l, l->xen_start, l->xen_end - l->xen_start);
    rc = place_one(l, &cursor, &l->dtb);
    for ( i = 0; i < l->nr_images && !rc; i++ )
        rc = place_one(l, &cursor, &l->images[i]);
    return rc;
}

uint64_t hl_layout_end(const struct hl_layout *l)
{
    uint64_t end = l->dtb.addr + l->dtb.size;
    unsigned int i;

    for ( i = 0; i < l->nr_images; i++ )
        end = MAX(end, l->images[i].addr + l->images[i].size);
    return end;
}

/* Store @v in @n big-endian cells at @cell; false when it does not fit. */
static bool put_cells(fdt32_t *cell, int n, uint64_t v)
{
    if ( n == 1 && v >> 32 )
        return false;
    if ( n == 2 )
        *cell++ = cpu_to_fdt32((uint32_t)(v >> 32));
    *cell = cpu_to_fdt32((uint32_t)v);
    return true;
}

static int apply_one(void *fdt, const struct hl_file_ref *ref,
                     const struct hl_image *img)
{
    int node = fdt_path_offset(fdt, ref->node_path), parent;
    fdt32_t cells[4];
    uint32_t ac, sc;

    parent = node >= 0 ? fdt_parent_offset(fdt, node) : node;
    if ( parent < 0 )
        return -EINVAL;
    /* The cells the parser will read the 'reg' with, inherited or not. */
    if ( hl_parent_cells(fdt, parent, &ac, &sc) )
        return -EINVAL;
    if ( !put_cells(cells, (int)ac, img->addr) ||
         !put_cells(cells + ac, (int)sc, img->size) )
    {
        hl_error(fdt, node, HLIMAGE_FILE_PROP,
                 "%#llx+%#llx does not fit in <%u %u> cells of the parent",
                 (unsigned long long)img->addr, (unsigned long long)img->size,
                 ac, sc);
        return -EINVAL;
    }
    if ( fdt_setprop(fdt, node, "reg", cells,
                     (int)(sizeof(cells[0]) * (ac + sc))) ||
         fdt_delprop(fdt, fdt_path_offset(fdt, ref->node_path),
                     HLIMAGE_FILE_PROP) )
    {
        hl_error(fdt, node, "reg", "cannot update the device tree");
        return -ENOSPC;
    }
    return 0;
}

int hl_layout_apply(void *fdt, const struct hl_layout *l)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < l->nr_refs; i++ )
        rc = apply_one(fdt, &l->refs[i], &l->images[l->refs[i].image]) ?: rc;
    return rc;
}

static int index_one(void *fdt, const struct hl_file_ref *ref)
{
    int node = fdt_path_offset(fdt, ref->node_path);

    if ( node < 0 ||
         fdt_setprop_u32(fdt, node, "module-index", ref->image + 1) ||
         fdt_delprop(fdt, fdt_path_offset(fdt, ref->node_path),
                     HLIMAGE_FILE_PROP) )
    {
        hl_error(fdt, node, "module-index", "cannot update the device tree");
        return -ENOSPC;
    }
    return 0;
}

/* A module node locating itself by index would clash with ours. */
static int refuse_own_index(const void *fdt)
{
    int node, depth = 0, rc = 0;

    for ( node = fdt_next_node(fdt, -1, &depth); node >= 0;
          node = fdt_next_node(fdt, node, &depth) )
        if ( fdt_getprop(fdt, node, "module-index", NULL) )
        {
            hl_error(fdt, node, "module-index",
                     "hlimage numbers the boot loader modules itself: name "
                     "the file with 'hlimage,file' instead");
            rc = -EINVAL;
        }
    return rc;
}

int hl_layout_apply_index(void *fdt, const struct hl_layout *l)
{
    unsigned int i;
    int rc = refuse_own_index(fdt);

    for ( i = 0; i < l->nr_refs && !rc; i++ )
        rc = index_one(fdt, &l->refs[i]);
    return rc;
}
