/* SPDX-License-Identifier: GPL-2.0-only */
/* The device tree a domain boots with, generated with libfdt's sw API. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hwdom.h>
#include <asm/measure-log.h>
#include <asm/passthrough.h>
#include <asm/vdev.h>
#include <libfdt.h>

/* GIC interrupt specifier flags: PPI, all CPUs, level-low (as Xen writes). */
#define GIC_PPI 1
#define GIC_SPI 0
#define IRQ_PPI_FLAGS 0xf08
#define IRQ_LEVEL_HIGH 4

static int prop_reg2(void *fdt, const char *name, const uint64_t *v, int n)
{
    fdt64_t cells[4];
    int i;

    for ( i = 0; i < n; i++ )
        cells[i] = cpu_to_fdt64(v[i]);
    return fdt_property(fdt, name, cells, n * (int)sizeof(cells[0]));
}

static int prop_cells(void *fdt, const char *name, const uint32_t *v, int n)
{
    fdt32_t cells[12];
    int i;

    for ( i = 0; i < n; i++ )
        cells[i] = cpu_to_fdt32(v[i]);
    return fdt_property(fdt, name, cells, n * (int)sizeof(cells[0]));
}

static int make_chosen(void *fdt, const struct domain *d)
{
    const struct boot_module *r = d->bd->ramdisk;
    const char *args = d->bd->cmdline;
    int rc;

    rc = fdt_begin_node(fdt, "chosen");
    if ( !rc && args )
        rc = fdt_property_string(fdt, "bootargs", args);
    if ( !rc && r )
        rc = fdt_property_u64(fdt, "linux,initrd-start", d->arch.ramdisk_gpa)
                 ?: fdt_property_u64(fdt, "linux,initrd-end",
                                     d->arch.ramdisk_gpa + r->size);
    if ( !rc && d->arch.vpl011 )
        rc = fdt_property_string(fdt, "stdout-path", "/sbsa-uart@22000000");
    return rc ?: fdt_end_node(fdt);
}

static int make_cpus(void *fdt, const struct domain *d)
{
    char name[16];
    unsigned int i;
    int rc;

    rc = fdt_begin_node(fdt, "cpus");
    rc = rc ?: fdt_property_u32(fdt, "#address-cells", 1);
    rc = rc ?: fdt_property_u32(fdt, "#size-cells", 0);
    for ( i = 0; !rc && i < d->nr_vcpus; i++ )
    {
        snprintf(name, sizeof(name), "cpu@%x", vcpu_mpidr_aff(i));
        rc = fdt_begin_node(fdt, name);
        rc = rc ?: fdt_property_string(fdt, "compatible", "arm,armv8");
        rc = rc ?: fdt_property_string(fdt, "device_type", "cpu");
        rc = rc ?: fdt_property_u32(fdt, "reg", vcpu_mpidr_aff(i));
        rc = rc ?: fdt_property_string(fdt, "enable-method", "psci");
        rc = rc ?: fdt_end_node(fdt);
    }
    return rc ?: fdt_end_node(fdt);
}

/* RAM, then the static shared-memory regions, as Xen lists them. */
static int make_memory(void *fdt, const struct domain *d)
{
    fdt64_t reg[4 + 2 * HL_MAX_SHMS];
    const struct boot_domain *bd = d->bd;
    unsigned int i, n = 0;
    char name[32];
    int rc;

    reg[n++] = cpu_to_fdt64(d->arch.ram0_base);
    reg[n++] = cpu_to_fdt64(d->arch.ram0_size);
    if ( d->arch.ram1_size )
    {
        reg[n++] = cpu_to_fdt64(d->arch.ram1_base);
        reg[n++] = cpu_to_fdt64(d->arch.ram1_size);
    }
    for ( i = 0; i < bd->nr_shms; i++ )
    {
        reg[n++] = cpu_to_fdt64(bd->shms[i].gpa);
        reg[n++] = cpu_to_fdt64(bd->shms[i].size);
    }
    snprintf(name, sizeof(name), "memory@%llx",
             (unsigned long long)d->arch.ram0_base);
    rc = fdt_begin_node(fdt, name);
    rc = rc ?: fdt_property_string(fdt, "device_type", "memory");
    rc = rc ?: fdt_property(fdt, "reg", reg, (int)(n * sizeof(reg[0])));
    return rc ?: fdt_end_node(fdt);
}

/* Static shared memory (one xen,shared-memory-v1 node per region), the event log. */
static int make_reserved_memory(void *fdt, const struct domain *d)
{
    const struct boot_shm *s;
    unsigned int i;
    char name[40];
    int rc;

    rc = fdt_begin_node(fdt, "reserved-memory");
    rc = rc ?: fdt_property_u32(fdt, "#address-cells", 2);
    rc = rc ?: fdt_property_u32(fdt, "#size-cells", 2);
    rc = rc ?: fdt_property(fdt, "ranges", NULL, 0);
    for ( i = 0; !rc && i < d->bd->nr_shms; i++ )
    {
        const uint64_t reg[] = { d->bd->shms[i].gpa, d->bd->shms[i].size };

        s = &d->bd->shms[i];
        snprintf(name, sizeof(name), "xen-shmem@%llx",
                 (unsigned long long)s->gpa);
        rc = fdt_begin_node(fdt, name);
        rc = rc
                 ?: fdt_property_string(fdt, "compatible",
                                        "xen,shared-memory-v1");
        rc = rc ?: prop_reg2(fdt, "reg", reg, 2);
        rc = rc ?: fdt_property_string(fdt, "xen,id", s->id);
        rc = rc ?: fdt_property_u64(fdt, "xen,offset", 0);
        rc = rc ?: fdt_end_node(fdt);
    }
    rc = rc ?: measure_log_guest_dt(fdt, d, 2, 2);
    return rc ?: fdt_end_node(fdt);
}

static int make_gic(void *fdt, const struct domain *d)
{
    static const uint64_t v3[] = { GUEST_GICD_BASE, GUEST_GICV3_GICD_SIZE,
                                   GUEST_GICV3_GICR0_BASE,
                                   GUEST_GICV3_GICR0_SIZE };
    static const uint64_t v2[] = { GUEST_GICD_BASE, GUEST_GICV2_GICD_SIZE,
                                   GUEST_GICC_BASE, GUEST_GICC_SIZE };
    int rc;

    rc = fdt_begin_node(fdt, "interrupt-controller@3001000");
    rc = rc ?: fdt_property_u32(fdt, "#address-cells", 0);
    rc = rc ?: fdt_property_u32(fdt, "#interrupt-cells", 3);
    rc = rc ?: fdt_property(fdt, "interrupt-controller", NULL, 0);
    rc = rc
             ?: fdt_property_string(fdt, "compatible",
                                    d->arch.gic_v2 ? "arm,gic-400"
                                                   : "arm,gic-v3");
    if ( !rc && !d->arch.gic_v2 )
        rc = fdt_property_u32(fdt, "#redistributor-regions", 1);
    rc = rc ?: prop_reg2(fdt, "reg", d->arch.gic_v2 ? v2 : v3, 4);
    rc = rc ?: fdt_property_u32(fdt, "linux,phandle", GUEST_PHANDLE_GIC);
    rc = rc ?: fdt_property_u32(fdt, "phandle", GUEST_PHANDLE_GIC);
    return rc ?: fdt_end_node(fdt);
}

static int make_timer(void *fdt)
{
    /* Secure and non-secure physical, virtual: PPIs 29, 30, 27. */
    static const uint32_t irqs[] = { GIC_PPI, 13, IRQ_PPI_FLAGS,
                                     GIC_PPI, 14, IRQ_PPI_FLAGS,
                                     GIC_PPI, 11, IRQ_PPI_FLAGS };
    int rc;

    rc = fdt_begin_node(fdt, "timer");
    rc = rc ?: fdt_property_string(fdt, "compatible", "arm,armv8-timer");
    rc = rc ?: prop_cells(fdt, "interrupts", irqs, ARRAY_SIZE(irqs));
    rc = rc ?: fdt_property_u32(fdt, "interrupt-parent", GUEST_PHANDLE_GIC);
    return rc ?: fdt_end_node(fdt);
}

static int make_psci(void *fdt)
{
    static const char compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
    int rc;

    rc = fdt_begin_node(fdt, "psci");
    rc = rc ?: fdt_property(fdt, "compatible", compat, sizeof(compat));
    rc = rc ?: fdt_property_string(fdt, "method", "hvc");
    return rc ?: fdt_end_node(fdt);
}

static int make_vpl011(void *fdt)
{
    static const uint64_t reg[] = { GUEST_PL011_BASE, GUEST_PL011_SIZE };
    /* SPI 0 (INTID 32), level-high. */
    static const uint32_t irq[] = { GIC_SPI, 0, IRQ_LEVEL_HIGH };
    int rc;

    rc = fdt_begin_node(fdt, "sbsa-uart@22000000");
    rc = rc ?: fdt_property_string(fdt, "compatible", "arm,sbsa-uart");
    rc = rc ?: prop_reg2(fdt, "reg", reg, 2);
    rc = rc ?: prop_cells(fdt, "interrupts", irq, ARRAY_SIZE(irq));
    rc = rc ?: fdt_property_u32(fdt, "interrupt-parent", GUEST_PHANDLE_GIC);
    rc = rc ?: fdt_property_u32(fdt, "current-speed", 115200);
    return rc ?: fdt_end_node(fdt);
}

/*
 * xen,enhanced: the hypervisor node as Xen writes it, the grant-table
 * region in reg, the event-channel PPI (all CPUs, level-low) in interrupts.
 */
static int make_hypervisor(void *fdt)
{
    static const char compat[] = "xen,xen-4.17\0xen,xen";
    static const uint64_t reg[] = { GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE };
    static const uint32_t irq[] = { GIC_PPI, VGIC_PPI_EVTCHN - 16,
                                    IRQ_PPI_FLAGS };
    int rc;

    rc = fdt_begin_node(fdt, "hypervisor");
    rc = rc ?: fdt_property(fdt, "compatible", compat, sizeof(compat));
    rc = rc ?: prop_reg2(fdt, "reg", reg, 2);
    rc = rc ?: prop_cells(fdt, "interrupts", irq, ARRAY_SIZE(irq));
    rc = rc ?: fdt_property_u32(fdt, "interrupt-parent", GUEST_PHANDLE_GIC);
    return rc ?: fdt_end_node(fdt);
}

static int make_root(void *fdt, const struct domain *d)
{
    int rc;

    rc = fdt_begin_node(fdt, "");
    rc = rc ?: fdt_property_u32(fdt, "#address-cells", 2);
    rc = rc ?: fdt_property_u32(fdt, "#size-cells", 2);
    rc = rc ?: fdt_property_u32(fdt, "interrupt-parent", GUEST_PHANDLE_GIC);
    rc = rc ?: make_chosen(fdt, d);
    rc = rc ?: make_psci(fdt);
    rc = rc ?: make_cpus(fdt, d);
    rc = rc ?: make_memory(fdt, d);
    /* The hardware domain has the host's /reserved-memory, if any. */
    if ( !rc && (d->bd->nr_shms || measure_log_wanted(d->bd)) &&
         (!hwdom_is(d->bd) || !hwdom_host_reserved_memory()) )
        rc = make_reserved_memory(fdt, d);
    rc = rc ?: make_gic(fdt, d);
    rc = rc ?: make_timer(fdt);
    if ( !rc && d->bd->enhanced )
        rc = make_hypervisor(fdt);
    if ( !rc && d->arch.vpl011 )
        rc = make_vpl011(fdt);
    if ( !rc && hwdom_is(d->bd) )
        rc = hwdom_guest_dt(fdt, d);
    rc = rc ?: passthrough_guest_dt(fdt, d);
    rc = rc ?: vdev_make_dt(fdt, d);
    return rc ?: fdt_end_node(fdt);
}

int guest_dt_build(const struct domain *d, void *buf, int size)
{
    int rc;

    rc = fdt_create(buf, size);
    rc = rc ?: fdt_finish_reservemap(buf);
    rc = rc ?: make_root(buf, d);
    rc = rc ?: fdt_finish(buf);
    if ( rc == -FDT_ERR_NOSPACE )
        return -ENOSPC;
    return rc ? -EINVAL : 0;
}
