/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ticker: wait for its virtual timer TICKS times, PERIOD_MS apart, in WFI
 * with the interrupt taken through the GICv3 CPU interface as an OS does,
 * and report how late the latest wake-up was: how long a vCPU woken by
 * its interrupt waited for a host CPU.
 */
#include "guest.h"

#define TICKS 100
#define PERIOD_MS 20
#define VTIMER_PPI 27
#define GICD_CTLR 0x03001000UL
#define GICR_SGI_BASE (0x03020000UL + 0x10000)
#define GICR_IGROUPR0 (GICR_SGI_BASE + 0x80)
#define GICR_ISENABLER0 (GICR_SGI_BASE + 0x100)

const char guest_name[] = "ticker";

static void mmio_write32(uint64_t addr, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)addr = v;
}

static uint64_t now(void)
{
    uint64_t t;

    asm volatile("isb; mrs %0, cntvct_el0" : "=r"(t));
    return t;
}

static void gic_setup(void)
{
    mmio_write32(GICD_CTLR, 0x12); /* ARE_NS, EnableGrp1NS */
    mmio_write32(GICR_IGROUPR0, 1U << VTIMER_PPI);
    mmio_write32(GICR_ISENABLER0, 1U << VTIMER_PPI);
    asm volatile("msr S3_0_C4_C6_0, %0" ::"r"(0xffUL)); /* ICC_PMR_EL1 */
    asm volatile("msr S3_0_C12_C12_7, %0" ::"r"(1UL));  /* ICC_IGRPEN1 */
    asm volatile("isb" ::: "memory");
}

/* Wait in WFI for the timer interrupt; acknowledge and end it. */
static void wait_tick(void)
{
    uint64_t intid;

    for ( ;; )
    {
        asm volatile("dsb sy; wfi" ::: "memory");
        asm volatile("mrs %0, S3_0_C12_C12_0" : "=r"(intid)); /* IAR1 */
        if ( (intid & 0xffffff) >= 1020 )
            continue;
        asm volatile("msr cntv_ctl_el0, %0; isb" ::"r"(0UL));
        asm volatile("msr S3_0_C12_C12_1, %0" ::"r"(intid)); /* EOIR1 */
        if ( (intid & 0xffffff) == VTIMER_PPI )
            return;
    }
}

void guest_main(const void *fdt)
{
    uint64_t freq, cval, late, worst = 0, over[3] = { 0, 0, 0 };
    unsigned int worst_at = 0;
    unsigned int i;

    guest_dt_read(fdt);
    gic_setup();
    asm volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    gprintf("TICKER-START\n");
    cval = now();
    for ( i = 0; i < TICKS; i++ )
    {
        cval += freq * PERIOD_MS / 1000;
        asm volatile(
            "msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb" ::"r"(cval),
            "r"(1UL));
        wait_tick();
        late = now() - cval;
        if ( late > worst )
        {
            worst = late;
            worst_at = i;
        }
        over[0] += late * 1000 / freq >= 2;
        over[1] += late * 1000 / freq >= 5;
        over[2] += late * 1000 / freq >= 10;
    }
    gprintf("ticker: %u ticks, the latest %lu ms late\n", TICKS,
            worst * 1000 / freq);
    gprintf("ticker: the latest was tick %u\n", worst_at);
    gprintf("ticker: late by 2 ms or more %lu times, 5 ms %lu, 10 ms %lu\n",
            over[0], over[1], over[2]);
    gprintf("TICKER-DONE\n");
    psci_system_off();
}
