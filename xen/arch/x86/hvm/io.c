/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest I/O ports: dispatch through the device table; the rest is absent. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-io.h>

/*
 * Ports a PVH guest may touch harmlessly: absent devices that read as all
 * ones and ignore writes (POST code, the other legacy COM ports).
 */
static const struct {
    uint16_t base, count;
} absent_ports[] = {
    { 0x80, 1 },  /* POST code / I/O delay */
    { 0x2f8, 8 }, /* COM2 */
    { 0x3e8, 8 }, /* COM3 */
    { 0x2e8, 8 }, /* COM4 */
};

static bool port_absent(unsigned int port)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(absent_ports); i++ )
        if ( port - absent_ports[i].base < absent_ports[i].count )
            return true;
    return false;
}

/*
 * A port with nothing behind it, as on a PC: reads float to all ones,
 * writes go nowhere.  The first access to each port is logged, once per
 * domain (a bit per port); ports known to be probed harmlessly are not.
 */
static void portio_absent(struct domain *d, unsigned int port,
                          unsigned int size, bool in, uint32_t *val)
{
    uint8_t *seen = d->arch.ports_seen;

    if ( in )
        *val = size == 4 ? ~0U : (1U << (8 * size)) - 1;
    if ( port_absent(port) || !seen || (seen[port / 8] & (1U << (port % 8))) )
        return;
    seen[port / 8] |= (uint8_t)(1U << (port % 8));
    printk("d%u: %s of %u byte%s on I/O port %#x: no device%s\n", d->domid,
           in ? "read" : "write", size, size == 1 ? "" : "s", port,
           in ? ", all ones" : ", dropped");
}

/* The Hyperlaunch power-off port: a write ends the domain. */
static void power_off_write(struct vcpu *v, unsigned int offset,
                            unsigned int size, uint32_t val)
{
    struct domain *d = v->domain;

    if ( val )
        printk("d%u: exit status %u\n", d->domid, val);
    domain_shutdown(d);
}

HVM_IO_RANGE(power_off_range) = {
    .first = HL_POWER_OFF_PORT,
    .count = 1,
    .name = "power-off",
    .unlocked = true, /* domain_shutdown() takes sched_lock */
    .write = power_off_write,
};

static const struct hvm_io_range *find_range(unsigned int port)
{
    const struct hvm_io_range *r;

    for ( r = __hvm_io_ranges_start; r < __hvm_io_ranges_end; r++ )
        if ( port - r->first < r->count )
            return r;
    return NULL;
}

/* One access to a device's range, under the domain's device lock. */
static void range_access(struct vcpu *v, const struct hvm_io_range *r,
                         unsigned int port, unsigned int size, bool in,
                         uint32_t *val)
{
    spinlock_t *lock = &v->domain->arch.io.lock;

    if ( !r->unlocked )
        spin_lock(lock);
    if ( in )
        r->read(v, port - r->first, size, val);
    else
        r->write(v, port - r->first, size, *val);
    if ( !r->unlocked )
        spin_unlock(lock);
}

int hvm_portio(struct vcpu *v, unsigned int port, unsigned int size, bool in,
               uint32_t *val)
{
    const struct hvm_io_range *r = find_range(port);
    uint32_t mask = size == 4 ? ~0U : (1U << (8 * size)) - 1;

    if ( r && (in ? r->read != NULL : r->write != NULL) )
    {
        *val &= mask;
        range_access(v, r, port, size, in, val);
        *val &= mask;
        return 0;
    }
    portio_absent(v->domain, port, size, in, val);
    return 0;
}

void hvm_isa_irq_raise(struct domain *d, unsigned int irq)
{
    if ( irq >= 16 )
        return;
    vpic_raise(d, irq);
    vioapic_set_irq(d, irq ? irq : 2, true);
}

void hvm_isa_irq_lower(struct domain *d, unsigned int irq)
{
    if ( irq >= 16 )
        return;
    vpic_lower(d, irq);
    vioapic_set_irq(d, irq ? irq : 2, false);
}

void hvm_io_poll(struct vcpu *v)
{
    if ( v->vcpu_id == 0 )
        vpit_poll(v->domain);
}

uint64_t hvm_io_deadline(const struct vcpu *v)
{
    return v->vcpu_id == 0 ? vpit_irq_due(v->domain) : VLAPIC_NO_DEADLINE;
}

void hvm_io_init(struct domain *d)
{
    memset(&d->arch.io, 0, sizeof(d->arch.io));
    d->arch.io.pm.cnt = 1; /* SCI_EN: ACPI mode from the start */
    vpic_init(d);
    vpit_init(d);
    vrtc_init(d);
    vioapic_init(d);
}
