/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 domain construction: stage-2 RAM, kernel, ramdisk, guest DT, vCPU0. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/domain.h>
#include <asm/sysregs.h>
#include <libfdt.h>

#define MIB(x) ((uint64_t)(x) << 20)

/* arm64 Image header (Documentation/arm64/booting.rst), little-endian. */
#define IMAGE_MAGIC 0x644d5241U /* "ARM\x64" at offset 56 */
#define IMAGE_HDR_SIZE 64

/* EL1h with D, A, I and F masked: the Linux arm64 boot protocol. */
#define PSR_GUEST64_INIT 0x3c5ULL

/* The generated DT: Xen's budget for it (2 KiB + 128 B per vCPU) and more. */
#define GUEST_DT_MAX (64 * 1024)
static uint8_t dt_buf[GUEST_DT_MAX] __aligned(8);

static void dcache_clean(const void *p, uint64_t len)
{
    uintptr_t line = 4UL << ((READ_SYSREG(ctr_el0) >> CTR_DMINLINE_SHIFT) &
                             CTR_DMINLINE_MASK);
    uintptr_t a = (uintptr_t)p & ~(line - 1);

    for ( ; a < (uintptr_t)p + len; a += line )
        asm volatile("dc cvac, %0" ::"r"(a) : "memory");
    asm volatile("dsb sy" ::: "memory");
}

int domain_copy_to_guest(struct domain *d, paddr_t gpa, const void *src,
                         uint64_t len)
{
    const uint8_t *s = src;
    paddr_t pa;

    while ( len )
    {
        uint64_t chunk = MIN(len, PAGE_SIZE - (gpa & (PAGE_SIZE - 1)));

        if ( pt_lookup(&d->p2m.pt, gpa, &pa, NULL, NULL) )
            return -EFAULT;
        memcpy((void *)(uintptr_t)pa, s, chunk);
        dcache_clean((void *)(uintptr_t)pa, chunk);
        s += chunk;
        gpa += chunk;
        len -= chunk;
    }
    return 0;
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;

    for ( i = 7; i >= 0; i-- )
        v = (v << 8) | p[i];
    return v;
}

/* Where the kernel goes: RAM base + text_offset for an Image, else base. */
static int kernel_place(struct domain *d, const struct boot_module *k)
{
    const uint8_t *img = (const uint8_t *)(uintptr_t)k->start;
    uint64_t offset = 0, size = k->size;

    if ( k->size >= IMAGE_HDR_SIZE && (uint32_t)le64(img + 56) == IMAGE_MAGIC )
    {
        offset = le64(img + 8);
        size = MAX(le64(img + 16), k->size);
    }
    d->kernel_gpa = GUEST_RAM0_BASE + offset;
    d->kernel_end = d->kernel_gpa + size;
    if ( offset >= d->ram_size || size > d->ram_size - offset )
    {
        printk("ERROR: d%u: kernel (%llu bytes at offset %#llx) does not fit "
               "in %llu KiB of RAM\n",
               d->domid, (unsigned long long)size, (unsigned long long)offset,
               (unsigned long long)(d->ram_size >> 10));
        return -ENOSPC;
    }
    return 0;
}

/*
 * DTB and ramdisk as Xen places them: each rounded to 2 MiB, the DTB
 * first, at RAM + 128 MiB when the kernel ends below that and RAM is
 * large enough, else at the end of RAM, if the kernel leaves room.
 */
static int modules_place(struct domain *d, uint64_t initrd_size)
{
    uint64_t total = MIB(2) + ROUNDUP(initrd_size, MIB(2));
    paddr_t ram_end = GUEST_RAM0_BASE + d->ram_size, base;

    if ( d->kernel_end <= GUEST_RAM0_BASE + MIB(128) &&
         d->ram_size >= MIB(128) + total )
        base = GUEST_RAM0_BASE + MIB(128);
    else if ( ram_end - total >= ROUNDUP(d->kernel_end, MIB(2)) &&
              d->ram_size >= total )
        base = ram_end - total;
    else
    {
        printk("ERROR: d%u: no room for the DTB and ramdisk beside the "
               "kernel in %llu KiB of RAM\n",
               d->domid, (unsigned long long)(d->ram_size >> 10));
        return -ENOSPC;
    }
    d->dtb_gpa = base;
    d->ramdisk_gpa = initrd_size ? base + MIB(2) : 0;
    return 0;
}

static int load_modules(struct domain *d, const struct boot_domain *bd)
{
    const struct boot_module *k = bd->kernel, *r = bd->ramdisk;
    int rc;

    rc = kernel_place(d, k);
    rc = rc ?: modules_place(d, r ? r->size : 0);
    rc = rc
             ?: domain_copy_to_guest(d, d->kernel_gpa,
                                     (const void *)(uintptr_t)k->start,
                                     k->size);
    if ( !rc && r )
        rc = domain_copy_to_guest(d, d->ramdisk_gpa,
                                  (const void *)(uintptr_t)r->start, r->size);
    return rc;
}

static int load_dt(struct domain *d)
{
    int rc = guest_dt_build(d, dt_buf, sizeof(dt_buf));

    if ( rc )
    {
        printk("ERROR: d%u: cannot generate the guest device tree (%d)\n",
               d->domid, rc);
        return rc;
    }
    return domain_copy_to_guest(d, d->dtb_gpa, dt_buf, fdt_totalsize(dt_buf));
}

static void vcpu0_reset(struct domain *d)
{
    memset(&d->regs, 0, sizeof(d->regs));
    d->regs.pc = d->kernel_gpa;
    d->regs.cpsr = PSR_GUEST64_INIT;
    d->regs.x[0] = d->dtb_gpa;
}

static void print_layout(const struct domain *d)
{
    const struct boot_module *r = d->bd->ramdisk;
    char ramdisk[48] = "none";

    if ( r )
        snprintf(ramdisk, sizeof(ramdisk), "at %#llx-%#llx",
                 (unsigned long long)d->ramdisk_gpa,
                 (unsigned long long)(d->ramdisk_gpa + r->size));
    printk("d%u: RAM %#llx-%#llx (%llu KiB), VMID %u\n", d->domid,
           GUEST_RAM0_BASE,
           (unsigned long long)(GUEST_RAM0_BASE + d->ram_size),
           (unsigned long long)(d->ram_size >> 10), d->vmid);
    printk("d%u: kernel at %#llx-%#llx, ramdisk %s, DTB at %#llx-%#llx\n",
           d->domid, (unsigned long long)d->kernel_gpa,
           (unsigned long long)d->kernel_end, ramdisk,
           (unsigned long long)d->dtb_gpa,
           (unsigned long long)(d->dtb_gpa + fdt_totalsize(dt_buf)));
}

int domain_build(struct domain *d, const struct boot_domain *bd,
                 const void *host_fdt, uint16_t vmid)
{
    int rc;

    memset(d, 0, sizeof(*d));
    d->domid = bd->domid;
    d->vmid = vmid;
    d->bd = bd;
    d->vpl011 = bd->flags & BD_VPL011;
    d->gic_v2 = host_fdt &&
                fdt_node_offset_by_compatible(host_fdt, -1, "arm,gic-v3") < 0;
    d->ram_size = bd->memory_kib << 10;
    if ( !bd->kernel || !d->ram_size || d->ram_size > GUEST_RAM0_SIZE ||
         !IS_ALIGNED(d->ram_size, PAGE_SIZE) )
    {
        printk("ERROR: d%u: needs a kernel and 4 KiB-aligned memory of at "
               "most 3 GiB (RAM1 is not supported yet)\n",
               d->domid);
        return -EINVAL;
    }
    rc = p2m_init(&d->p2m);
    rc = rc ?: p2m_populate_ram(&d->p2m, GUEST_RAM0_BASE, d->ram_size);
    if ( rc )
    {
        printk("ERROR: d%u: cannot allocate %llu KiB of RAM (%d)\n", d->domid,
               (unsigned long long)(d->ram_size >> 10), rc);
        return rc;
    }
    rc = load_modules(d, bd) ?: load_dt(d);
    if ( rc )
        return rc;
    vcpu0_reset(d);
    print_layout(d);
    d->state = DOMAIN_BUILT;
    return 0;
}

void domain_destroy(struct domain *d)
{
    p2m_destroy(&d->p2m);
    d->state = DOMAIN_EMPTY;
}
