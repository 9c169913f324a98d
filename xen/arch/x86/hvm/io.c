/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest I/O ports: the 16550, the power-off port; nothing else is there. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>

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

int hvm_portio(struct vcpu *v, unsigned int port, unsigned int size, bool in,
               uint32_t *val)
{
    struct domain *d = v->domain;

    if ( port - VUART_PORT < 8 )
    {
        vuart_access(d, port - VUART_PORT, in, val);
        return 0;
    }
    if ( port == HL_POWER_OFF_PORT && !in )
    {
        if ( *val )
            printk("d%u: exit status %u\n", d->domid, *val);
        domain_shutdown(d);
        return 0;
    }
    portio_absent(d, port, size, in, val);
    return 0;
}
