/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual watchdog for a domain with hyperlaunch,watchdog on x86_64: the
 * IB700 single-board computer's, two write-only I/O ports.  A byte
 * written to 0x443 arms it (or refreshes it) for 30 - 2 * (value & 0xf)
 * seconds; a write to 0x441 stops it.  When the time passes without a
 * refresh, the domain's on-watchdog policy applies.  Chosen because it is
 * the simplest watchdog Debian's kernel drives (ib700wdt, a module; no
 * PCI or ACPI table needed) and QEMU's PC has the same one.  For a domain
 * without it, both ports are absent (reads all ones, writes dropped).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/hvm-io.h>

#define IB700_STOP_PORT 0x441
#define IB700_START_PORT 0x443

static void ib700_read(struct vcpu *v, unsigned int offset, unsigned int size,
                       uint32_t *val)
{
    *val = size == 4 ? ~0U : (1U << (8 * size)) - 1; /* write-only */
}

static void ib700_start(struct vcpu *v, unsigned int offset, unsigned int size,
                        uint32_t val)
{
    struct vib700 *w = &v->domain->arch.io.wdt;
    uint64_t secs = 30 - 2 * (uint64_t)(val & 0xf);

    if ( !w->present || size != 1 )
        return;
    __atomic_store_n(&w->due, host_tsc() + apic_us_to_tsc(secs * 1000000),
                     __ATOMIC_RELAXED);
}

static void ib700_stop(struct vcpu *v, unsigned int offset, unsigned int size,
                       uint32_t val)
{
    struct vib700 *w = &v->domain->arch.io.wdt;

    if ( w->present && size == 1 )
        __atomic_store_n(&w->due, VLAPIC_NO_DEADLINE, __ATOMIC_RELAXED);
}

HVM_IO_RANGE(ib700_start_range) = {
    .first = IB700_START_PORT,
    .count = 1,
    .name = "ib700-watchdog",
    .read = ib700_read,
    .write = ib700_start,
};

HVM_IO_RANGE(ib700_stop_range) = {
    .first = IB700_STOP_PORT,
    .count = 1,
    .name = "ib700-watchdog",
    .read = ib700_read,
    .write = ib700_stop,
};

void vwdt_init(struct domain *d, bool present)
{
    d->arch.io.wdt.present = present;
    d->arch.io.wdt.due = VLAPIC_NO_DEADLINE;
}

uint64_t vwdt_deadline(const struct domain *d)
{
    return __atomic_load_n(&d->arch.io.wdt.due, __ATOMIC_RELAXED);
}

void vwdt_poll(struct domain *d)
{
    uint64_t due = vwdt_deadline(d);

    if ( due == VLAPIC_NO_DEADLINE || host_tsc() < due ||
         !__atomic_compare_exchange_n(&d->arch.io.wdt.due, &due,
                                      VLAPIC_NO_DEADLINE, false,
                                      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) )
        return;
    domain_watchdog_expired(d); /* takes sched_lock */
}
