/* SPDX-License-Identifier: GPL-2.0-only */
/* Emulated SBSA UART (vpl011): console output by lines, input, interrupts. */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/mm.h>

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_IMSC 0x038
#define UART_RIS 0x03c
#define UART_MIS 0x040
#define UART_ICR 0x044
#define UART_FR_TXFE (1U << 7) /* transmit FIFO empty */
#define UART_FR_RXFE (1U << 4) /* receive FIFO empty */
#define UART_INT_RX (1U << 4)
#define UART_INT_TX (1U << 5)
#define UART_INT_RT (1U << 6) /* receive timeout */
#define UART_INT_ALL 0x7ff

/*
 * Raw interrupt status: transmit always ready (output leaves at once),
 * receive (and its timeout) while input waits.
 */
static uint32_t vpl011_ris(const struct domain *d)
{
    return UART_INT_TX |
           (domain_console_has_input(d) ? UART_INT_RX | UART_INT_RT : 0);
}

void vpl011_update_irq(struct domain *d)
{
    if ( d->arch.vpl011 )
        vgic_set_level(d, VGIC_SPI_VPL011,
                       vpl011_ris(d) & d->arch.vpl011_imsc);
}

static uint64_t vpl011_read(struct domain *d, paddr_t off)
{
    switch ( off )
    {
    case UART_FR:
        return UART_FR_TXFE | (domain_console_has_input(d) ? 0 : UART_FR_RXFE);
    case UART_DR:
        return (uint64_t)(domain_console_getc(d) & 0xff);
    case UART_IMSC:
        return d->arch.vpl011_imsc;
    case UART_RIS:
        return vpl011_ris(d);
    case UART_MIS:
        return vpl011_ris(d) & d->arch.vpl011_imsc;
    default:
        return 0;
    }
}

/*
 * The read page.  A console driver reads the flag register before each
 * character it writes, so half of a guest's console exits were reads
 * whose answer never changes while no input waits.  What every register
 * reads then (vpl011_read() with no input: the data register 0xff, the
 * rest 0) is kept in a page of its own, mapped read-only (stage 2,
 * device, never executable) over the UART's frame: those reads cost no
 * exit; writes still trap (a permission fault) and are emulated.  While
 * input waits the page is unmapped, so that every access traps and the
 * data register hands out the input.  vpl011_lock orders the updates;
 * a vCPU may read the old page for as long as an unmap takes to reach
 * it, which only delays the input it sees.
 */
static void page_fill(struct domain *d)
{
    uint32_t *r = d->arch.vpl011_page;
    uint32_t imsc = d->arch.vpl011_imsc;

    r[UART_DR / 4] = 0xff;
    r[UART_FR / 4] = UART_FR_TXFE | UART_FR_RXFE;
    r[UART_IMSC / 4] = imsc;
    r[UART_RIS / 4] = UART_INT_TX;
    r[UART_MIS / 4] = UART_INT_TX & imsc;
    /* The guest reads it as device memory: past the caches. */
    dcache_clean(r, UART_ICR + 4);
}

/* Map or unmap the read page as input waits or not.  vpl011_lock held. */
static int page_place(struct domain *d)
{
    struct p2m *p2m = &d->arch.p2m;
    bool map = !domain_console_has_input(d);
    int rc = 0;

    if ( map == d->arch.vpl011_page_mapped )
        return 0;
    spin_lock(&p2m->lock);
    if ( map )
        rc = pt_map(&p2m->pt, GUEST_PL011_BASE,
                    (paddr_t)(uintptr_t)d->arch.vpl011_page, PAGE_SIZE,
                    PT_READ | PT_DEVICE);
    else
        rc = pt_unmap_page(&p2m->pt, GUEST_PL011_BASE);
    spin_unlock(&p2m->lock);
    if ( !rc )
        d->arch.vpl011_page_mapped = map;
    if ( !rc && !map )
        /* Rare (a key typed): every guest's stage-1+2 entries, all CPUs. */
        asm volatile("dsb ishst; tlbi alle1is; dsb ish; isb" ::: "memory");
    return rc;
}

/* The read page after a change of the mask or of the input. */
static int page_update(struct domain *d)
{
    int rc;

    if ( !d->arch.vpl011_page )
        return 0;
    spin_lock(&d->arch.vpl011_lock);
    page_fill(d);
    rc = page_place(d);
    spin_unlock(&d->arch.vpl011_lock);
    return rc;
}

void arch_console_input_notify(struct domain *d)
{
    vpl011_update_irq(d);
    page_update(d);
}

int vpl011_domain_init(struct domain *d)
{
    paddr_t pa;

    if ( !d->arch.vpl011 )
        return 0;
    if ( alloc_pages(0, &pa) )
        return -ENOMEM;
    d->arch.vpl011_page = (uint32_t *)(uintptr_t)pa;
    d->arch.vpl011_lock = (spinlock_t)SPIN_LOCK_UNLOCKED;
    memset(d->arch.vpl011_page, 0, PAGE_SIZE);
    return page_update(d);
}

void vpl011_domain_destroy(struct domain *d)
{
    if ( d->arch.vpl011_page )
        BUG_ON(free_pages((paddr_t)(uintptr_t)d->arch.vpl011_page, 0));
    d->arch.vpl011_page = NULL;
    d->arch.vpl011_page_mapped = false;
}

bool vpl011_mmio(struct domain *d, paddr_t gpa, bool write, uint64_t *val)
{
    paddr_t off = gpa - GUEST_PL011_BASE;

    if ( !d->arch.vpl011 || gpa < GUEST_PL011_BASE || off >= GUEST_PL011_SIZE )
        return false;
    if ( !write )
        *val = vpl011_read(d, off);
    else if ( off == UART_DR )
        domain_console_putc(d, (char)(*val & 0xff));
    else if ( off == UART_IMSC )
        d->arch.vpl011_imsc = (uint32_t)*val & UART_INT_ALL;
    /*
     * ICR: the conditions are levels of the FIFO state: nothing latches.
     * The line changes only when input is taken or the mask is written
     * (output leaves at once, input arriving updates it itself): the
     * console's flag and data accesses of every character leave the
     * vGIC alone.
     */
    if ( write ? off == UART_IMSC : off == UART_DR )
    {
        vpl011_update_irq(d);
        page_update(d);
    }
    return true;
}
