/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest I/O ports: the 16550, the power-off port, absent legacy devices. */
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
    if ( port_absent(port) )
    {
        if ( in )
            *val = size == 4 ? ~0U : (1U << (8 * size)) - 1;
        return 0;
    }
    return -EOPNOTSUPP;
}
