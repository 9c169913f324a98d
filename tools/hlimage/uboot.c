/* SPDX-License-Identifier: GPL-2.0-only */
/* hlimage: arm64 output: U-Boot boot script and the QEMU 'virt' command. */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hlimage.h"

/* U-Boot relocates itself, its heap and its DT copy to the top of RAM. */
#define UBOOT_TOP_RESERVE (64ULL << 20)
#define QEMU_VIRT_RAM_BASE 0x40000000ULL

struct virt_machine {
    int gic; /* 2 or 3 */
    int cpus;
    uint64_t ram_base; /* first /memory bank */
    uint64_t ram_size; /* 0: no /memory node */
    int memory_node;
};

static uint64_t read_cells(const fdt32_t *cell, int n)
{
    uint64_t v = 0;

    while ( n-- > 0 )
        v = (v << 32) | fdt32_ld(cell++);
    return v;
}

static void probe_machine(const void *fdt, struct virt_machine *m)
{
    int node, len, ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
    const fdt32_t *reg;

    m->gic = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3") >= 0 ? 3 : 2;
    if ( m->gic == 2 &&
         fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a15-gic") < 0 )
        m->gic = 3;
    m->cpus = 0;
    node = fdt_path_offset(fdt, "/cpus");
    if ( node >= 0 )
        for ( node = fdt_first_subnode(fdt, node); node >= 0;
              node = fdt_next_subnode(fdt, node) )
        {
            const char *t = fdt_getprop(fdt, node, "device_type", &len);

            m->cpus += t && len == 4 && !memcmp(t, "cpu", 4);
        }
    if ( !m->cpus )
        m->cpus = 1;
    m->ram_size = 0;
    m->memory_node =
        fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
    reg = m->memory_node >= 0 ? fdt_getprop(fdt, m->memory_node, "reg", &len)
                              : NULL;
    if ( reg && ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 &&
         len >= (ac + sc) * 4 )
    {
        m->ram_base = read_cells(reg, ac);
        m->ram_size = read_cells(reg + ac, sc);
    }
}

/* Everything must sit in RAM, below what U-Boot keeps at the top. */
static int check_ram(const void *fdt, const struct hl_layout *l)
{
    struct virt_machine m;
    uint64_t lo = MIN(l->xen_start, l->dtb.addr), hi = hl_layout_end(l), top;

    probe_machine(fdt, &m);
    if ( !m.ram_size )
    {
        hl_error(fdt, 0, NULL,
                 "no memory node (device_type = \"memory\" with a 'reg'): "
                 "images are laid out in the board's RAM, so give hlimage "
                 "the board's device tree with the domain nodes merged in "
                 "(QEMU virt: automation/scripts/mk-arm64-dtb.sh OUT.dtb "
                 "DOMAINS.dtsi dumps the machine's tree and appends yours)");
        return -EINVAL;
    }
    hi = MAX(hi, l->xen_end);
    top = m.ram_base + m.ram_size - MIN(m.ram_size, UBOOT_TOP_RESERVE);
    if ( lo >= m.ram_base && hi <= top )
        return 0;
    hl_error(fdt, m.memory_node, "reg",
             "the images span [%#llx, %#llx), outside RAM [%#llx, %#llx) "
             "less the top 64 MiB U-Boot uses",
             (unsigned long long)lo, (unsigned long long)hi,
             (unsigned long long)m.ram_base, (unsigned long long)top);
    return -EINVAL;
}

/*
 * booti runs an Image in place only when its header allows any 2 MiB
 * aligned base (flags bit 3); otherwise it moves it to the start of RAM
 * plus text_offset.  Keep both ranges free.
 */
static void uboot_xen_range(const void *fdt, struct hl_layout *l)
{
    struct hl_arm64_header h;
    struct virt_machine m;
    uint64_t dst;

    l->xen_start = l->xen.addr;
    l->xen_end = l->xen.addr + l->xen.size;
    if ( hl_arm64_header(l->xen.path, &h) )
        return;
    probe_machine(fdt, &m);
    if ( h.flags & (1U << 3) )
        dst = l->xen.addr - h.text_offset;
    else
        dst = m.ram_size ? m.ram_base : QEMU_VIRT_RAM_BASE;
    dst = ((dst + (2ULL << 20) - 1) & ~((2ULL << 20) - 1)) + h.text_offset;
    l->xen_start = MIN(l->xen_start, dst);
    l->xen_end = MAX(l->xen_end, dst + h.image_size);
}

static int uboot_prepare_fdt(void *fdt, const struct hl_opts *o,
                             const struct hl_layout *l)
{
    char cmd[96];
    int node;

    if ( check_ram(fdt, l) )
        return -EINVAL;
    if ( !o->uboot_config )
        return 0;
    snprintf(cmd, sizeof(cmd), "booti %#llx - ${fdtcontroladdr}",
             (unsigned long long)l->xen.addr);
    node = fdt_subnode_offset(fdt, 0, "config");
    if ( node < 0 )
        node = fdt_add_subnode(fdt, 0, "config");
    if ( node < 0 || fdt_setprop_u32(fdt, node, "bootdelay", 0) ||
         fdt_setprop(fdt, node, "bootcmd", cmd, (int)strlen(cmd) + 1) )
    {
        fprintf(stderr, "%s: cannot add /config to the device tree\n",
                hl_progname);
        return -ENOSPC;
    }
    return 0;
}

static void script_load(FILE *f, const struct hl_opts *o,
                        const struct hl_image *img)
{
    fprintf(f, "%s%s %#llx %s\n", o->load_cmd ? "" : "# ",
            o->load_cmd ? o->load_cmd : "already in memory:",
            (unsigned long long)img->addr, img->name);
}

static int write_script(const struct hl_opts *o, const struct hl_layout *l)
{
    char *path = hl_path_join(o->outdir, o->script_source);
    FILE *f = path ? fopen(path, "w") : NULL;
    unsigned int i;

    if ( !f )
    {
        fprintf(stderr, "%s: %s: cannot write it\n", hl_progname, path);
        free(path);
        return -EIO;
    }
    fprintf(f,
            "# U-Boot script written by hlimage: load the hypervisor, its "
            "device tree and\n# every module image, then boot.  %s is this "
            "file through\n#   mkimage -A arm64 -T script -C none -d %s "
            "%s\n",
            o->script_name, o->script_source, o->script_name);
    script_load(f, o, &l->xen);
    script_load(f, o, &l->dtb);
    for ( i = 0; i < l->nr_images; i++ )
        script_load(f, o, &l->images[i]);
    fprintf(f, "booti %#llx - %#llx\n", (unsigned long long)l->xen.addr,
            (unsigned long long)l->dtb.addr);
    free(path);
    return fclose(f) ? -EIO : 0;
}

static int run_mkimage(const struct hl_opts *o)
{
    char *in = hl_path_join(o->outdir, o->script_source),
         *out = hl_path_join(o->outdir, o->script_name);
    int status = -1;
    pid_t pid = in && out ? fork() : -1;

    if ( pid == 0 )
    {
        if ( !freopen("/dev/null", "w", stdout) )
            _exit(126);
        execlp("mkimage", "mkimage", "-A", "arm64", "-O", "linux", "-T",
               "script", "-C", "none", "-n", "hlimage boot script", "-d", in,
               out, (char *)NULL);
        _exit(127);
    }
    if ( pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
         WEXITSTATUS(status) )
    {
        fprintf(stderr, "%s: mkimage could not make %s%s\n", hl_progname,
                out ? out : o->script_name,
                WIFEXITED(status) && WEXITSTATUS(status) == 127
                    ? " (install u-boot-tools)"
                    : "");
        status = -1;
    }
    free(in);
    free(out);
    return status ? -EIO : 0;
}

/* A word for the shell: quoted unless it is plainly safe. */
static void shell_word(const char *s)
{
    if ( strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "0123456789/._-,=+:@") == strlen(s) )
    {
        fputs(s, stdout);
        return;
    }
    putchar('\'');
    for ( ; *s; s++ )
        *s == '\'' ? fputs("'\\''", stdout) : putchar(*s);
    putchar('\'');
}

static void print_loader(const char *dir, const struct hl_image *img)
{
    char *path = hl_path_join(dir, img->name), *arg = NULL;

    if ( path && asprintf(&arg, "loader,file=%s,addr=%#llx,force-raw=on", path,
                          (unsigned long long)img->addr) >= 0 )
    {
        fputs(" -device ", stdout);
        shell_word(arg);
    }
    free(arg);
    free(path);
}

static void print_qemu(const void *fdt, const struct hl_opts *o,
                       const struct hl_layout *l)
{
    char *dir = realpath(o->outdir, NULL), *dtb;
    struct virt_machine m;
    unsigned int i;

    probe_machine(fdt, &m);
    dtb = hl_path_join(dir, "hl.dtb");
    /*
     * The serial port alone on stdio (no monitor multiplexed there): the
     * hypervisor sees CTRL-a, as its console-switching key needs; no
     * network, which U-Boot would otherwise try to boot from.
     */
    printf("qemu-system-aarch64 -M virt,virtualization=on,gic-version=%d "
           "-cpu cortex-a57 -smp %d -m %llu -display none -monitor none "
           "-serial stdio -nic none -bios ",
           m.gic, m.cpus,
           (unsigned long long)(m.ram_size ? m.ram_size >> 20 : 1024));
    shell_word(o->uboot_bin);
    fputs(" -dtb ", stdout);
    shell_word(dtb ? dtb : "hl.dtb");
    print_loader(dir, &l->xen);
    print_loader(dir, &l->dtb);
    for ( i = 0; i < l->nr_images; i++ )
        print_loader(dir, &l->images[i]);
    putchar('\n');
    free(dtb);
    free(dir);
}

static void print_layout(const struct hl_layout *l)
{
    unsigned int i, j;

    printf("%-12s %-12s %s\n", "ADDRESS", "SIZE", "FILE");
    printf("%#-12llx %#-12llx %s", (unsigned long long)l->xen.addr,
           (unsigned long long)l->xen.size, l->xen.name);
    if ( l->xen_start != l->xen.addr )
        printf(" (booti moves it: %#llx-%#llx kept free)",
               (unsigned long long)l->xen_start,
               (unsigned long long)l->xen_end);
    putchar('\n');
    printf("%#-12llx %#-12llx %s\n", (unsigned long long)l->dtb.addr,
           (unsigned long long)l->dtb.size, l->dtb.name);
    for ( i = 0; i < l->nr_images; i++ )
    {
        printf("%#-12llx %#-12llx %s", (unsigned long long)l->images[i].addr,
               (unsigned long long)l->images[i].size, l->images[i].name);
        for ( j = 0; j < l->nr_refs; j++ )
            if ( l->refs[j].image == i )
                printf(" %s", l->refs[j].node_path);
        putchar('\n');
    }
}

static int uboot_emit(const void *fdt, const struct hl_opts *o,
                      const struct hl_layout *l)
{
    int rc = write_script(o, l);

    if ( !rc )
        rc = run_mkimage(o);
    if ( rc )
        return rc;
    print_layout(l);
    printf("\nU-Boot: %s/%s loads them%s and runs: booti %#llx - "
           "%#llx\n",
           o->outdir, o->script_name,
           o->load_cmd ? " with the load command" : "",
           (unsigned long long)l->xen.addr, (unsigned long long)l->dtb.addr);
    printf("QEMU (arm64 virt, images placed by loader devices)%s:\n",
           o->uboot_config ? ", boots by itself through /config/bootcmd"
                           : "; at the U-Boot prompt type the booti above");
    print_qemu(fdt, o, l);
    return hl_grub_arm64_emit(fdt, o, l);
}

const struct hl_backend hl_uboot_arm64_backend = {
    .arch = "arm64",
    .xen_range = uboot_xen_range,
    .prepare_fdt = uboot_prepare_fdt,
    .emit = uboot_emit,
};
