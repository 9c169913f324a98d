// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-static-pingpong: a ping-pong between two Linux domains over a static
 * event channel and a static shared-memory region (xen,evtchn-v1 and
 * xen,domain-shared-memory-v1 in the boot device tree).
 *
 *   insmod xen-static-pingpong.ko role=ping|pong port=<local port>
 *
 * The hypervisor bound the port before the domain started, so the module
 * only attaches an interrupt handler to it (bind_evtchn_to_irqhandler, no
 * EVTCHNOP_bind_* call).  The region is the /reserved-memory node with
 * compatible "xen,shared-memory-v1".  The ping side writes its message at
 * the start of the region and sends an event (again every second until it
 * gets an answer); the pong side waits for an event, prints the message,
 * writes its answer at offset 4 KiB and sends an event back; the ping side
 * prints the answer.  Each side prints "xenpp: received ..." with
 * pr_info.  Loading returns once the exchange is done (0) or timed out
 * (-ETIMEDOUT); the module stays loaded, as unbinding would close the
 * static port.
 */
#include <linux/atomic.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/wait.h>
#include <xen/events.h>
#include <xen/xen.h>

#define XENPP_MSG_MAX 256
#define XENPP_PING_OFF 0
#define XENPP_PONG_OFF 4096
#define XENPP_WAIT_SECONDS 60

static char *role = "ping";
module_param(role, charp, 0444);
MODULE_PARM_DESC(role, "ping (speaks first) or pong (answers)");

static unsigned int port;
module_param(port, uint, 0444);
MODULE_PARM_DESC(port, "the local port of the static event channel");

static DECLARE_WAIT_QUEUE_HEAD(xenpp_wq);
static atomic_t xenpp_events = ATOMIC_INIT(0);
static void *xenpp_shm;
static size_t xenpp_shm_size;

static irqreturn_t xenpp_interrupt(int irq, void *dev_id)
{
    atomic_inc(&xenpp_events);
    wake_up(&xenpp_wq);
    return IRQ_HANDLED;
}

/* Map the static shared-memory region described in /reserved-memory. */
static int xenpp_map_region(void)
{
    struct device_node *np;
    struct resource res;
    const char *id = "?";
    int rc;

    np = of_find_compatible_node(NULL, NULL, "xen,shared-memory-v1");
    if ( !np )
    {
        pr_err("xenpp: no xen,shared-memory-v1 node in /reserved-memory\n");
        return -ENODEV;
    }
    rc = of_address_to_resource(np, 0, &res);
    of_property_read_string(np, "xen,id", &id);
    if ( !rc && resource_size(&res) < XENPP_PONG_OFF + XENPP_MSG_MAX )
        rc = -EINVAL;
    if ( rc )
    {
        pr_err("xenpp: %pOF: bad reg (%d)\n", np, rc);
        of_node_put(np);
        return rc;
    }
    xenpp_shm_size = resource_size(&res);
    xenpp_shm = memremap(res.start, xenpp_shm_size, MEMREMAP_WB);
    if ( !xenpp_shm )
    {
        pr_err("xenpp: cannot map %pR\n", &res);
        of_node_put(np);
        return -ENOMEM;
    }
    pr_info("xenpp: %pOF xen,id \"%s\" mapped, %zu KiB\n", np, id,
            xenpp_shm_size / 1024);
    of_node_put(np);
    return 0;
}

static void xenpp_write(size_t off, const char *what)
{
    char *dst = (char *)xenpp_shm + off;

    snprintf(dst, XENPP_MSG_MAX, "%s through shared memory, from port %u",
             what, port);
    wmb(); /* the message before the event that announces it */
}

static void xenpp_print(size_t off)
{
    char msg[XENPP_MSG_MAX];

    rmb(); /* the event before the message it announces */
    memcpy(msg, (char *)xenpp_shm + off, sizeof(msg));
    msg[sizeof(msg) - 1] = '\0';
    pr_info("xenpp: received \"%s\" on port %u\n", msg, port);
}

/* Wait until at least one event has come, up to SECONDS. */
static bool xenpp_wait(unsigned int seconds)
{
    return wait_event_timeout(xenpp_wq, atomic_read(&xenpp_events) > 0,
                              seconds * HZ) > 0;
}

static int xenpp_ping(void)
{
    unsigned int s;

    xenpp_write(XENPP_PING_OFF, "ping");
    for ( s = 0; s < XENPP_WAIT_SECONDS; s++ )
    {
        notify_remote_via_evtchn(port);
        if ( xenpp_wait(1) )
        {
            xenpp_print(XENPP_PONG_OFF);
            return 0;
        }
    }
    return -ETIMEDOUT;
}

static int xenpp_pong(void)
{
    if ( !xenpp_wait(XENPP_WAIT_SECONDS) )
        return -ETIMEDOUT;
    xenpp_print(XENPP_PING_OFF);
    xenpp_write(XENPP_PONG_OFF, "pong");
    notify_remote_via_evtchn(port);
    return 0;
}

static int __init xenpp_init(void)
{
    bool ping = !strcmp(role, "ping");
    int irq, rc;

    if ( !xen_domain() )
        return -ENODEV;
    if ( !port )
    {
        pr_err("xenpp: no port= given\n");
        return -EINVAL;
    }
    if ( !ping && strcmp(role, "pong") )
    {
        pr_err("xenpp: role must be ping or pong, not \"%s\"\n", role);
        return -EINVAL;
    }
    rc = xenpp_map_region();
    if ( rc )
        return rc;
    irq = bind_evtchn_to_irqhandler(port, xenpp_interrupt, 0, "xenpp", NULL);
    if ( irq < 0 )
    {
        pr_err("xenpp: cannot bind port %u (%d)\n", port, irq);
        memunmap(xenpp_shm);
        return irq;
    }
    pr_info("xenpp: %s on static port %u (irq %d)\n", role, port, irq);
    rc = ping ? xenpp_ping() : xenpp_pong();
    if ( rc )
        pr_err("xenpp: no event on port %u within %u s\n", port,
               XENPP_WAIT_SECONDS);
    else
        pr_info("xenpp: %s done\n", role);
    /* Stay loaded either way: unbinding would close the static port. */
    return 0;
}
module_init(xenpp_init);

MODULE_DESCRIPTION("Ping-pong over a static event channel and shared memory");
MODULE_LICENSE("GPL");
