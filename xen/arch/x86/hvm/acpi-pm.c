/* SPDX-License-Identifier: GPL-2.0-only */
/* ACPI fixed hardware: PM1a event and control blocks, the PM timer, S5. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/hvm-io.h>

#define PM1_STS 0
#define PM1_EN 2
#define PM1_CNT 0
#define PM1_CNT_SCI_EN 0x0001 /* always on: no SMI_CMD, ACPI mode only */
#define PM1_CNT_SLP_TYP_SHIFT 10
#define PM1_CNT_SLP_TYP_MASK 0x1c00
#define PM1_CNT_SLP_EN 0x2000 /* write-only */
#define PM1_STS_WAK 0x8000
#define PM_TMR_HZ 3579545ULL
#define PM_TMR_MASK 0xffffffU /* 24 bits: TMR_VAL_EXT clear */

/* A 16-bit register pair read or written whole; a byte access is a half. */
static uint32_t pm_reg_read(uint16_t reg, unsigned int byte, unsigned int size)
{
    return size == 1 ? (uint32_t)(reg >> (8 * byte)) & 0xff : reg;
}

static void pm_evt_read(struct vcpu *v, unsigned int offset, unsigned int size,
                        uint32_t *val)
{
    const struct vpm *pm = &v->domain->arch.io.pm;

    if ( offset < PM1_EN )
        *val = pm_reg_read(pm->sts, offset, size) |
               (size == 4 ? (uint32_t)pm->en << 16 : 0);
    else
        *val = pm_reg_read(pm->en, offset - PM1_EN, size);
}

static void pm_evt_write(struct vcpu *v, unsigned int offset,
                         unsigned int size, uint32_t val)
{
    struct vpm *pm = &v->domain->arch.io.pm;

    if ( offset == PM1_STS )
    {
        pm->sts &= (uint16_t)~val; /* write one to clear */
        if ( size == 4 )
            pm->en = (uint16_t)(val >> 16);
    }
    else if ( offset == PM1_EN )
        pm->en = (uint16_t)val;
}

static void pm_cnt_read(struct vcpu *v, unsigned int offset, unsigned int size,
                        uint32_t *val)
{
    /* Unlocked (see pm_cnt_range): one atomic load of the register. */
    *val = pm_reg_read(
        __atomic_load_n(&v->domain->arch.io.pm.cnt, __ATOMIC_RELAXED), offset,
        size);
}

/* SLP_EN with the \_S5 type ends this domain; other sleep states are not
 * offered (the DSDT names only \_S5) and are ignored with a log line. */
static void pm_cnt_write(struct vcpu *v, unsigned int offset,
                         unsigned int size, uint32_t val)
{
    struct domain *d = v->domain;
    struct vpm *pm = &d->arch.io.pm;
    unsigned int typ;

    if ( offset != PM1_CNT )
        return;
    typ = (val & PM1_CNT_SLP_TYP_MASK) >> PM1_CNT_SLP_TYP_SHIFT;
    spin_lock(&d->arch.io.lock);
    __atomic_store_n(&pm->cnt,
                     (uint16_t)((val & ~PM1_CNT_SLP_EN) | PM1_CNT_SCI_EN),
                     __ATOMIC_RELAXED);
    if ( (val & PM1_CNT_SLP_EN) && typ != ACPI_S5_SLP_TYP )
        pm->sts |= PM1_STS_WAK; /* "woken" at once */
    spin_unlock(&d->arch.io.lock);
    if ( !(val & PM1_CNT_SLP_EN) )
        return;
    if ( typ == ACPI_S5_SLP_TYP )
    {
        printk("d%u: ACPI S5 (soft off) requested\n", d->domid);
        domain_shutdown(d); /* takes sched_lock: not under the device lock */
        return;
    }
    printk("d%u: ACPI sleep type %u requested: not supported, ignored\n",
           d->domid, typ);
}

/* The PM timer counts at 3.579545 MHz from host boot. */
static void pm_tmr_read(struct vcpu *v, unsigned int offset, unsigned int size,
                        uint32_t *val)
{
    uint64_t ns = time_ns();
    uint64_t ticks = (ns / 1000000000ULL) * PM_TMR_HZ +
                     (ns % 1000000000ULL) * PM_TMR_HZ / 1000000000ULL;

    *val = ((uint32_t)ticks & PM_TMR_MASK) >> (8 * offset);
}

uint16_t hvm_pm_timer_port(void)
{
    return acpi_host_pm_timer() ?: ACPI_PM_TMR_PORT;
}

/* No emulated port but the PM timer's own in [@port, @port + 4). */
bool hvm_pm_timer_passable(unsigned int port)
{
    const struct hvm_io_range *r;

    for ( r = __hvm_io_ranges_start; r < __hvm_io_ranges_end; r++ )
        if ( r->first != ACPI_PM_TMR_PORT && port < r->first + r->count &&
             r->first < port + 4 )
            return false;
    return true;
}

HVM_IO_RANGE(pm_evt_range) = {
    .first = ACPI_PM1A_EVT_PORT,
    .count = 4,
    .name = "PM1a_EVT",
    .read = pm_evt_read,
    .write = pm_evt_write,
};

HVM_IO_RANGE(pm_cnt_range) = {
    .first = ACPI_PM1A_CNT_PORT,
    .count = 2,
    .name = "PM1a_CNT",
    .unlocked = true, /* pm_cnt_write() locks: S5 takes sched_lock */
    .read = pm_cnt_read,
    .write = pm_cnt_write,
};

HVM_IO_RANGE(pm_tmr_range) = {
    .first = ACPI_PM_TMR_PORT,
    .count = 4,
    .name = "PM_TMR",
    .read = pm_tmr_read,
};
