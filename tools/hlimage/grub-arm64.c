/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hlimage: arm64 output for GRUB on UEFI, beside the U-Boot script.
 * GRUB's xen_module loads each image where it likes and adds a /chosen
 * module node for it, in command order; so the GRUB device tree
 * (hl-grub.dtb) names every domU image by 'module-index' (its xen_module
 * line, from 0) instead of 'reg', and leaves out Dom0's /chosen module
 * nodes: their xen_module lines come last, kernel then ramdisk, which
 * makes them Dom0's.  With Debian's arm64 GRUB EFI modules, a FAT disk
 * image holds GRUB as the removable-media loader (EFI/BOOT/BOOTAA64.EFI),
 * its grub.cfg and the files.
 */
#include <fcntl.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hlimage.h"

#define GRUB_DTB "hl-grub.dtb"
#define GRUB_CFG "grub.cfg"
#define DISK_NAME "hyperlaunch-efi.img"
#define DISK_MIN (64ULL << 20) /* FAT32 wants at least about 33 MiB */
#define GRUB_MODULES \
    "fat", "part_gpt", "part_msdos", "normal", "configfile", "xen_boot", "fdt"
#define AAVMF_CODE "/usr/share/AAVMF/AAVMF_CODE.fd"
#define AAVMF_VARS "/usr/share/AAVMF/AAVMF_VARS.fd"

/* GRUB's module list: xen_module lines in order. */
struct grub_list {
    unsigned int n;
    unsigned int image[HLIMAGE_MAX_IMAGES + 2];
    char *cmdline[HLIMAGE_MAX_IMAGES + 2]; /* Dom0's lines only */
    int dom0_kernel, dom0_ramdisk;         /* their ref, or -1 */
};

static bool is_ramdisk(const void *fdt, int node)
{
    return !fdt_node_check_compatible(fdt, node, "multiboot,ramdisk") ||
           !fdt_node_check_compatible(fdt, node, "module,ramdisk") ||
           !fdt_node_check_compatible(fdt, node, "xen,linux-initrd");
}

/* Dom0's refs (under /chosen): which is the kernel, which the ramdisk. */
static int find_dom0(const void *fdt, const struct hl_layout *l,
                     struct grub_list *g)
{
    int chosen = fdt_path_offset(fdt, "/chosen"), node;
    unsigned int i;

    g->dom0_kernel = g->dom0_ramdisk = -1;
    for ( i = 0; i < l->nr_refs; i++ )
    {
        node = fdt_path_offset(fdt, l->refs[i].node_path);
        if ( node < 0 || fdt_parent_offset(fdt, node) != chosen )
            continue;
        if ( is_ramdisk(fdt, node) ? g->dom0_ramdisk >= 0
                                   : g->dom0_kernel >= 0 )
        {
            hl_warn(fdt, node, "compatible", "GRUB: a second Dom0 %s module",
                    is_ramdisk(fdt, node) ? "ramdisk" : "kernel");
            return -EINVAL;
        }
        *(is_ramdisk(fdt, node) ? &g->dom0_ramdisk : &g->dom0_kernel) = (int)i;
    }
    return 0;
}

/* Dom0's ref @r: its xen_module line last, its node gone from @fdt. */
static int take_dom0(void *fdt, const struct hl_layout *l, int r,
                     struct grub_list *g)
{
    int node, len;
    const char *args;

    if ( r < 0 )
        return 0;
    node = fdt_path_offset(fdt, l->refs[r].node_path);
    args = fdt_getprop(fdt, node, "bootargs", &len);
    g->image[g->n] = l->refs[r].image;
    g->cmdline[g->n] = args && len > 0 ? strndup(args, (size_t)len) : NULL;
    g->n++;
    return fdt_del_node(fdt, node) ? -ENOSPC : 0;
}

/* Every other ref: 'module-index' of its image's xen_module line. */
static int index_domus(void *fdt, const struct hl_layout *l,
                       struct grub_list *g)
{
    int line[HLIMAGE_MAX_IMAGES], node;
    unsigned int i;

    for ( i = 0; i < l->nr_images; i++ )
        line[i] = -1;
    for ( i = 0; i < l->nr_refs; i++ )
    {
        if ( (int)i == g->dom0_kernel || (int)i == g->dom0_ramdisk )
            continue;
        if ( line[l->refs[i].image] < 0 )
        {
            line[l->refs[i].image] = (int)g->n;
            g->cmdline[g->n] = NULL;
            g->image[g->n++] = l->refs[i].image;
        }
        node = fdt_path_offset(fdt, l->refs[i].node_path);
        if ( node < 0 || fdt_delprop(fdt, node, "reg") ||
             fdt_setprop_u32(fdt, node, "module-index",
                             (uint32_t)line[l->refs[i].image]) )
            return -ENOSPC;
    }
    return 0;
}

/* A module node GRUB would count that hlimage did not place. */
static int refuse_fixed_chosen(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen"), node;
    const char *c;

    fdt_for_each_subnode(node, fdt, chosen)
    {
        c = fdt_stringlist_get(fdt, node, "compatible", 0, NULL);
        if ( !fdt_node_check_compatible(fdt, node, "multiboot,module") ||
             (c && !strncmp(c, "multiboot,", 10)) )
        {
            hl_warn(fdt, node, "reg",
                    "GRUB: a module under /chosen must name its file with "
                    "'hlimage,file' (GRUB's xen_module loads it)");
            return -EINVAL;
        }
    }
    return 0;
}

static void *grub_fdt(const void *fdt, const struct hl_layout *l,
                      struct grub_list *g)
{
    int size = (int)fdt_totalsize(fdt) + 4096;
    void *gfdt = malloc((size_t)size);
    int rc = gfdt ? fdt_open_into(fdt, gfdt, size) : -1;

    memset(g, 0, sizeof(*g));
    rc = rc ?: find_dom0(gfdt, l, g);
    rc = rc ?: index_domus(gfdt, l, g);
    /* Dom0 last: its nodes go, so look its paths up before each change. */
    rc = rc ?: take_dom0(gfdt, l, g->dom0_kernel, g);
    rc = rc ?: take_dom0(gfdt, l, g->dom0_ramdisk, g);
    rc = rc ?: refuse_fixed_chosen(gfdt);
    if ( !rc && !fdt_pack(gfdt) )
        return gfdt;
    if ( rc == -ENOSPC )
        fprintf(stderr, "%s: cannot write the GRUB device tree\n",
                hl_progname);
    free(gfdt);
    return NULL;
}

/* One word of a grub.cfg line, single-quoted unless plainly safe. */
static void cfg_word(FILE *f, const char *s)
{
    if ( strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "0123456789/._-,=+:@") == strlen(s) )
    {
        fputs(s, f);
        return;
    }
    fputc('\'', f);
    for ( ; *s; s++ )
        *s == '\'' ? fputs("'\\''", f) : fputc(*s, f);
    fputc('\'', f);
}

/*
 * @s as separate words: GRUB joins a command's words with spaces, and
 * puts double quotes around any one word that holds a space.
 */
static void cfg_words(FILE *f, const char *s)
{
    char *copy = strdup(s), *save = NULL, *w;

    for ( w = copy ? strtok_r(copy, " ", &save) : NULL; w;
          w = strtok_r(NULL, " ", &save) )
    {
        fputc(' ', f);
        cfg_word(f, w);
    }
    free(copy);
}

static int write_cfg(const struct hl_opts *o, const struct hl_layout *l,
                     const struct grub_list *g)
{
    char *path = hl_path_join(o->outdir, GRUB_CFG);
    FILE *f = path ? fopen(path, "w") : NULL;
    unsigned int i;

    if ( !f )
    {
        fprintf(stderr, "%s: %s: cannot write it\n", hl_progname,
                path ? path : GRUB_CFG);
        free(path);
        return -EIO;
    }
    fprintf(f, "# GRUB (arm64 UEFI) configuration written by hlimage: "
               "xen_module line N is\n# the module a domain's "
               "'module-index = <N>' names in " GRUB_DTB "; Dom0's\n# "
               "kernel and ramdisk come last.\n"
               "set timeout=0\nset default=0\n"
               "menuentry \"Hyperlaunch\" {\n    xen_hypervisor /xen");
    /* GRUB 2.06 refuses an empty line; the DT's xen,xen-bootargs wins. */
    cfg_words(f, o->xen_cmd ? o->xen_cmd : "console=dtuart");
    for ( i = 0; i < g->n; i++ )
    {
        fprintf(f, "\n    xen_module --nounzip /%s",
                l->images[g->image[i]].name);
        if ( g->cmdline[i] )
            cfg_words(f, g->cmdline[i]);
    }
    fprintf(f, "\n    devicetree /" GRUB_DTB "\n}\n");
    free(path);
    return fclose(f) ? -EIO : 0;
}

/* Run @argv with its output in @log; 0 when it exits 0. */
static int run(const char *log, char *const argv[])
{
    int status = -1, fd;
    pid_t pid = fork();

    if ( pid == 0 )
    {
        fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if ( fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0 )
            _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    if ( pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) )
        return -1;
    return WEXITSTATUS(status);
}

static bool have_grub(const char *dir)
{
    char *lst = hl_path_join(dir, "moddep.lst");
    bool ok = lst && !access(lst, R_OK);

    free(lst);
    return ok;
}

/* The FAT image: GRUB, grub.cfg and every file GRUB loads. */
static int make_disk(const struct hl_opts *o, const struct hl_layout *l,
                     const char *moddir, char *disk, char *log)
{
    char *efi = hl_path_join(o->outdir, "BOOTAA64.EFI");
    char *cfg = hl_path_join(o->outdir, GRUB_CFG);
    char *files[HLIMAGE_MAX_IMAGES + 8];
    uint64_t size = DISK_MIN + l->xen.size + l->dtb.size;
    unsigned int i, n = 0;
    int rc = -1, fd;

    for ( i = 0; i < l->nr_images; i++ )
        size += l->images[i].size + (64u << 10);
    size = (size + (8ULL << 20)) & ~((1ULL << 20) - 1);
    unlink(log);
    {
        char *mk[] = { "grub-mkimage", "-O",         "arm64-efi", "-d",
                       (char *)moddir, "-o",         efi,         "-p",
                       "/EFI/BOOT",    GRUB_MODULES, NULL };
        char *fmt[] = { "mformat", "-i", disk, "-F", "::", NULL };
        char *dirs[] = { "mmd", "-i", disk, "::/EFI", "::/EFI/BOOT", NULL };
        char *boot[] = { "mcopy", "-i", disk, efi, cfg, "::/EFI/BOOT/", NULL };

        fd = open(disk, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if ( fd < 0 || ftruncate(fd, (off_t)size) || close(fd) )
            goto out;
        if ( run(log, mk) || run(log, fmt) || run(log, dirs) ||
             run(log, boot) )
            goto out;
    }
    files[n++] = "mcopy";
    files[n++] = "-i";
    files[n++] = disk;
    files[n++] = hl_path_join(o->outdir, "xen");
    files[n++] = hl_path_join(o->outdir, GRUB_DTB);
    for ( i = 0; i < l->nr_images; i++ )
        files[n++] = hl_path_join(o->outdir, l->images[i].name);
    files[n++] = "::/";
    files[n] = NULL;
    rc = run(log, files);
    for ( i = 3; i < n - 1; i++ )
        free(files[i]);
out:
    unlink(efi);
    free(efi);
    free(cfg);
    if ( rc )
        fprintf(stderr,
                "%s: could not make %s (see %s): GRUB's disk image needs "
                "grub-mkimage (grub-common) and mtools\n",
                hl_progname, disk, log);
    return rc ? -EIO : 0;
}

static void print_qemu(const void *fdt, const char *disk, const char *vars)
{
    int gic =
        fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3") >= 0 ? 3 : 2;

    printf("QEMU (arm64 virt under AAVMF, GRUB from the disk image):\n"
           "qemu-system-aarch64 -M virt,virtualization=on,gic-version=%d "
           "-cpu cortex-a57 -smp 2 -m 1024 -display none -monitor none "
           "-serial stdio -nic none -drive if=pflash,format=raw,readonly=on,"
           "file=" AAVMF_CODE " -drive if=pflash,format=raw,file=%s "
           "-drive if=virtio,format=raw,file=%s\n",
           gic, vars, disk);
}

int hl_grub_arm64_emit(const void *fdt, const struct hl_opts *o,
                       const struct hl_layout *l)
{
    const char *moddir =
        o->grub_efi_dir ? o->grub_efi_dir : "/usr/lib/grub/arm64-efi";
    char *disk, *log, *vars, *dir;
    struct grub_list g;
    void *gfdt = grub_fdt(fdt, l, &g);
    unsigned int i;
    int rc;

    if ( !gfdt )
    {
        printf("\nNo GRUB output (see the warning above)\n");
        return 0;
    }
    rc = hl_write_file(o->outdir, GRUB_DTB, gfdt, fdt_totalsize(gfdt));
    rc = rc ?: write_cfg(o, l, &g);
    for ( i = 0; i < g.n; i++ )
        free(g.cmdline[i]);
    free(gfdt);
    if ( rc )
        return rc;
    printf("\nGRUB (UEFI): %s/" GRUB_CFG " loads them with xen_module, "
           "the DT is %s/" GRUB_DTB "\n",
           o->outdir, o->outdir);
    if ( !have_grub(moddir) )
    {
        printf("No disk image: no arm64 GRUB EFI modules in %s (install "
               "grub-efi-arm64-bin, or give --grub-efi DIR)\n",
               moddir);
        return 0;
    }
    dir = realpath(o->outdir, NULL);
    disk = hl_path_join(dir ? dir : o->outdir, DISK_NAME);
    log = hl_path_join(dir ? dir : o->outdir, "grub-efi.log");
    vars = hl_path_join(dir ? dir : o->outdir, "aavmf-vars.fd");
    rc = disk && log && vars ? make_disk(o, l, moddir, disk, log) : -ENOMEM;
    if ( !rc )
    {
        printf("Disk image: %s\n", disk);
        if ( !access(AAVMF_VARS, R_OK) &&
             !hl_copy_file(AAVMF_VARS, dir ? dir : o->outdir,
                           "aavmf-vars.fd") )
            print_qemu(fdt, disk, vars);
    }
    free(dir);
    free(disk);
    free(log);
    free(vars);
    return rc;
}
