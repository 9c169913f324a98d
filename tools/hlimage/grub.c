/* SPDX-License-Identifier: GPL-2.0-only */
/* hlimage: x86_64 output: GRUB multiboot2 grub.cfg, an ISO, the QEMU command. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hlimage.h"

#define X86_XEN_LOAD 0x100000ULL /* the image links and loads at 1 MiB */
#define QEMU_MIN_MIB 512ULL
#define HOST_RESERVE_MIB 128ULL /* the hypervisor, GRUB, BIOS */
#define ISO_NAME "hyperlaunch.iso"

/* GRUB loads the ELF at its link address; modules go where GRUB likes. */
static void grub_xen_range(const void *fdt, struct hl_layout *l)
{
    l->xen.addr = X86_XEN_LOAD;
    l->xen_start = X86_XEN_LOAD;
    l->xen_end = X86_XEN_LOAD + l->xen.size;
}

static int grub_prepare_fdt(void *fdt, const struct hl_opts *o,
                            const struct hl_layout *l)
{
    return 0;
}

/* Module 0 is the DTB, then the images in module-index order. */
static int write_cfg(const struct hl_opts *o, const struct hl_layout *l)
{
    char *dir = hl_path_join(o->outdir, "iso/boot/grub");
    char *path = dir ? hl_path_join(dir, "grub.cfg") : NULL;
    FILE *f = NULL;
    unsigned int i;

    if ( path && (!mkdir(dir, 0755) || errno == EEXIST) )
        f = fopen(path, "w");
    if ( !f )
    {
        fprintf(stderr, "%s: %s: cannot write it\n", hl_progname,
                path ? path : "grub.cfg");
        free(path);
        free(dir);
        return -EIO;
    }
    fprintf(f,
            "# GRUB configuration written by hlimage: the hypervisor by "
            "multiboot2, its\n# device tree as module 0, then each image "
            "as the module its\n# 'module-index' names.\n"
            "set timeout=0\nset default=0\n"
            "serial --unit=0 --speed=115200\n"
            "terminal_input serial\nterminal_output serial\n"
            "menuentry \"Hyperlaunch\" {\n"
            "    multiboot2 /boot/xen %s\n"
            "    module2 /boot/hl.dtb hyperlaunch-dt\n",
            o->xen_cmd ? o->xen_cmd : "console=com1");
    for ( i = 0; i < l->nr_images; i++ )
        fprintf(f, "    module2 /boot/%s %s\n", l->images[i].name,
                l->images[i].name);
    fprintf(f, "}\n");
    free(path);
    free(dir);
    return fclose(f) ? -EIO : 0;
}

static int run_mkrescue(const char *outdir)
{
    char *iso = hl_path_join(outdir, ISO_NAME);
    char *tree = hl_path_join(outdir, "iso");
    char *log = hl_path_join(outdir, "grub-mkrescue.log");
    int status = -1, fd;
    pid_t pid = iso && tree && log ? fork() : -1;

    if ( pid == 0 )
    {
        fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if ( fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0 )
            _exit(126);
        execlp("grub-mkrescue", "grub-mkrescue", "-o", iso, tree,
               (char *)NULL);
        _exit(127);
    }
    if ( pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
         WEXITSTATUS(status) )
    {
        fprintf(stderr, "%s: grub-mkrescue could not make %s%s (see %s)\n",
                hl_progname, iso ? iso : ISO_NAME,
                WIFEXITED(status) && WEXITSTATUS(status) == 127
                    ? ": install grub-pc-bin, grub-common, xorriso, mtools"
                    : "",
                log ? log : "grub-mkrescue.log");
        status = -1;
    }
    free(iso);
    free(tree);
    free(log);
    return status ? -EIO : 0;
}

static void print_modules(const struct hl_layout *l)
{
    unsigned int i, j;

    printf("%-7s %-20s %s\n", "MODULE", "FILE", "USED BY");
    printf("%-7s %-20s %s\n", "-", "xen", "multiboot2 kernel");
    printf("%-7s %-20s %s\n", "0", "hl.dtb", "the Hyperlaunch DT");
    for ( i = 0; i < l->nr_images; i++ )
    {
        printf("%-7u %-20s", i + 1, l->images[i].name);
        for ( j = 0; j < l->nr_refs; j++ )
            if ( l->refs[j].image == i )
                printf(" %s", l->refs[j].node_path);
        putchar('\n');
    }
}

/* The ISO is hybrid when GRUB for UEFI is installed: how to boot it so. */
static void print_uefi_hint(void)
{
    if ( access("/usr/lib/grub/x86_64-efi", F_OK) )
        return;
    printf("UEFI: the ISO is hybrid; add -bios /usr/share/ovmf/OVMF.fd to "
           "boot it under OVMF\n");
}

static int grub_emit(const void *fdt, const struct hl_opts *o,
                     const struct hl_layout *l)
{
    uint64_t mib = l->guest_kib / 1024 + HOST_RESERVE_MIB;
    char *iso, *dir;
    int rc = write_cfg(o, l);

    if ( !rc && !o->no_iso )
        rc = run_mkrescue(o->outdir);
    if ( rc )
        return rc;
    print_modules(l);
    printf("\nGRUB: %s/iso/boot/grub/grub.cfg loads them", o->outdir);
    if ( o->no_iso )
    {
        printf("; make an ISO with: grub-mkrescue -o %s/%s %s/iso\n",
               o->outdir, ISO_NAME, o->outdir);
        return 0;
    }
    dir = realpath(o->outdir, NULL);
    iso = hl_path_join(dir ? dir : o->outdir, ISO_NAME);
    free(dir);
    printf("; ISO: %s\nQEMU (x86_64 pc, AMD SVM with nested paging):\n",
           iso ? iso : ISO_NAME);
    printf("qemu-system-x86_64 -M pc -cpu max -m %llu -display none "
           "-serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,"
           "iosize=4 -cdrom %s\n",
           (unsigned long long)MAX(mib, QEMU_MIN_MIB), iso ? iso : ISO_NAME);
    print_uefi_hint();
    free(iso);
    return 0;
}

const struct hl_backend hl_grub_x86_backend = {
    .arch = "x86_64",
    .by_index = true,
    .subdir = "iso/boot",
    .xen_range = grub_xen_range,
    .prepare_fdt = grub_prepare_fdt,
    .emit = grub_emit,
};
