/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PC reset control register (port 0xcf9), which the FADT names as the
 * ACPI reset register: a byte write with RST_CPU (bit 2) set is a reset of
 * the domain, handled by its on-reboot policy.  Reads give the last
 * SYS_RST (bit 1) and FULL_RST (bit 3) written.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-io.h>

#define RCR_SYS_RST 0x02
#define RCR_RST_CPU 0x04
#define RCR_FULL_RST 0x08

static void rcr_read(struct vcpu *v, unsigned int offset, unsigned int size,
                     uint32_t *val)
{
    uint8_t rcr = __atomic_load_n(&v->domain->arch.io.rcr, __ATOMIC_RELAXED);

    /* A byte register: wider reads find nothing there. */
    *val = size == 1 ? rcr : size == 2 ? 0xffffU : ~0U;
}

static void rcr_write(struct vcpu *v, unsigned int offset, unsigned int size,
                      uint32_t val)
{
    struct domain *d = v->domain;

    if ( size != 1 )
        return;
    __atomic_store_n(&d->arch.io.rcr,
                     (uint8_t)(val & (RCR_SYS_RST | RCR_FULL_RST)),
                     __ATOMIC_RELAXED);
    if ( val & RCR_RST_CPU )
        domain_reboot(d);
}

HVM_IO_RANGE(rcr_range) = {
    .first = ACPI_RESET_PORT,
    .count = 1,
    .name = "reset-control",
    .unlocked = true, /* domain_reboot() takes sched_lock */
    .read = rcr_read,
    .write = rcr_write,
};
