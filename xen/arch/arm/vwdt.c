/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual SBSA generic watchdog (Arm DEN 0029), for a domain with
 * hyperlaunch,watchdog.  Two 4 KiB frames: control (WCS, WOR, WCV,
 * W_IIDR) and refresh (WRR, W_IIDR).  Once enabled, a refresh (a write
 * to WRR, WOR or WCS) sets WCV = counter + WOR; when the system counter
 * passes WCV, the first time WS0 is raised (its interrupt, level) and WCV
 * moves on by WOR, the second time WS1: the domain's on-watchdog policy
 * applies.  Architecture version 0: WOR is 32 bits.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/sysregs.h>
#include <asm/vdev.h>
#include <libfdt.h>

#define WCS 0x000
#define WOR 0x008
#define WCV_LO 0x010
#define WCV_HI 0x014
#define W_IIDR 0xfcc
#define WRR 0x000
#define WCS_EN (1U << 0)
#define WCS_WS0 (1U << 1)
#define WCS_WS1 (1U << 2)

static bool vwdt_present(const struct domain *d)
{
    return d->arch.vwdt.enabled_by_dt;
}

static uint64_t counter(void)
{
    asm volatile("isb" ::: "memory");
    return READ_SYSREG(cntpct_el0);
}

/* WS0 is the interrupt line; called with the lock held. */
static void update_irq(struct domain *d)
{
    const struct vwdt *w = &d->arch.vwdt;

    vgic_set_level(d, VGIC_SPI_VWDT,
                   (w->wcs & (WCS_EN | WCS_WS0)) == (WCS_EN | WCS_WS0));
}

static void refresh(struct vwdt *w)
{
    w->wcs &= ~(WCS_WS0 | WCS_WS1);
    w->wcv = counter() + w->wor;
}

static uint32_t ctrl_read(const struct vwdt *w, paddr_t off)
{
    switch ( off )
    {
    case WCS:
        return w->wcs;
    case WOR:
        return w->wor;
    case WCV_LO:
        return (uint32_t)w->wcv;
    case WCV_HI:
        return (uint32_t)(w->wcv >> 32);
    default: /* W_IIDR: implementer 0, version 0; reserved: RAZ */
        return 0;
    }
}

static void ctrl_write(struct vwdt *w, paddr_t off, uint64_t val,
                       unsigned int size)
{
    switch ( off )
    {
    case WCS:
        w->wcs = (w->wcs & ~WCS_EN) | ((uint32_t)val & WCS_EN);
        refresh(w);
        break;
    case WOR:
        w->wor = (uint32_t)val;
        refresh(w);
        break;
    case WCV_LO:
        w->wcv = size == 8 ? val : (w->wcv & ~0xffffffffULL) | (uint32_t)val;
        break;
    case WCV_HI:
        w->wcv = (w->wcv & 0xffffffffULL) | (val << 32);
        break;
    default: /* read-only and reserved: ignored */
        break;
    }
}

/*
 * 32-bit accesses, aligned; WCV also as one 64-bit access.  Anything else
 * reads as zero and writes are ignored (the frames are still ours).
 */
static bool vwdt_mmio(struct vcpu *v, paddr_t gpa, unsigned int size,
                      bool write, uint64_t *val)
{
    struct domain *d = v->domain;
    struct vwdt *w = &d->arch.vwdt;
    bool ctrl = gpa - GUEST_VWDT_CTRL_BASE < GUEST_VWDT_FRAME_SIZE;
    bool rfsh = gpa - GUEST_VWDT_REFRESH_BASE < GUEST_VWDT_FRAME_SIZE;
    paddr_t off = gpa & (GUEST_VWDT_FRAME_SIZE - 1);
    bool ok = (size == 4 || (size == 8 && ctrl && off == WCV_LO)) &&
              !(off & (size - 1));

    if ( !ctrl && !rfsh )
        return false;
    if ( !write )
        *val = 0;
    if ( !ok )
        return true;
    spin_lock(&w->lock);
    if ( !write && ctrl )
        *val = size == 8 ? w->wcv : ctrl_read(w, off);
    else if ( write && ctrl )
        ctrl_write(w, off, *val, size);
    else if ( write && off == WRR )
        refresh(w);
    update_irq(d);
    spin_unlock(&w->lock);
    return true;
}

static uint64_t vwdt_deadline(const struct domain *d)
{
    const struct vwdt *w = &d->arch.vwdt;

    return (w->wcs & WCS_EN) && !(w->wcs & WCS_WS1) ? w->wcv : ~0ULL;
}

static void vwdt_poll(struct domain *d, uint64_t now)
{
    struct vwdt *w = &d->arch.vwdt;
    bool expired = false;

    spin_lock(&w->lock);
    if ( (w->wcs & WCS_EN) && !(w->wcs & WCS_WS1) && now >= w->wcv )
    {
        if ( w->wcs & WCS_WS0 )
            w->wcs |= WCS_WS1;
        else
        {
            w->wcs |= WCS_WS0;
            w->wcv = now + w->wor;
        }
        expired = w->wcs & WCS_WS1;
        update_irq(d);
    }
    spin_unlock(&w->lock);
    if ( expired )
        domain_watchdog_expired(d); /* takes sched_lock */
}

static int vwdt_make_dt(void *fdt, const struct domain *d)
{
    const fdt64_t reg[] = {
        cpu_to_fdt64(GUEST_VWDT_CTRL_BASE),
        cpu_to_fdt64(GUEST_VWDT_FRAME_SIZE),
        cpu_to_fdt64(GUEST_VWDT_REFRESH_BASE),
        cpu_to_fdt64(GUEST_VWDT_FRAME_SIZE),
    };
    /* An SPI, level-high. */
    const fdt32_t irq[] = { cpu_to_fdt32(0), cpu_to_fdt32(VGIC_SPI_VWDT - 32),
                            cpu_to_fdt32(4) };
    char name[32];
    int rc;

    snprintf(name, sizeof(name), "watchdog@%llx", GUEST_VWDT_CTRL_BASE);
    rc = fdt_begin_node(fdt, name);
    rc = rc ?: fdt_property_string(fdt, "compatible", "arm,sbsa-gwdt");
    rc = rc ?: fdt_property(fdt, "reg", reg, sizeof(reg));
    rc = rc ?: fdt_property(fdt, "interrupts", irq, sizeof(irq));
    rc = rc ?: fdt_property_u32(fdt, "interrupt-parent", GUEST_PHANDLE_GIC);
    return rc ?: fdt_end_node(fdt);
}

ARM_VDEV(vwdt_dev) = {
    .name = "sbsa-gwdt",
    .present = vwdt_present,
    .mmio = vwdt_mmio,
    .make_dt = vwdt_make_dt,
    .deadline = vwdt_deadline,
    .poll = vwdt_poll,
};
