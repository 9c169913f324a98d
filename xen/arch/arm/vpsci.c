/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI 1.1 for guests over HVC (and trapped SMC); other SMCCC calls fail. */
#include <xen/lib.h>
#include <asm/domain.h>

#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON_32 0x84000003U
#define PSCI_CPU_ON_64 0xc4000003U
#define PSCI_AFFINITY_INFO_32 0x84000004U
#define PSCI_AFFINITY_INFO_64 0xc4000004U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000aU

#define PSCI_VERSION_1_1 ((1U << 16) | 1U)
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)

/* Unknown-call lines printed per domain before they are suppressed. */
#define HVC_REPORT_LIMIT 8

static bool psci_implemented(uint32_t fn)
{
    return fn == PSCI_VERSION || fn == PSCI_FEATURES ||
           fn == PSCI_SYSTEM_OFF || fn == PSCI_SYSTEM_RESET;
}

static void report_unknown(struct domain *d, uint32_t fn)
{
    if ( d->nr_hvc_reports > HVC_REPORT_LIMIT )
        return;
    if ( d->nr_hvc_reports++ == HVC_REPORT_LIMIT )
        printk("d%u: further unknown HVC/SMC calls not reported\n", d->domid);
    else
        printk("d%u: unknown HVC/SMC function %#x\n", d->domid, fn);
}

static void power_off(struct domain *d)
{
    printk("d%u: powered off\n", d->domid);
    d->state = DOMAIN_OFF;
}

void vpsci_call(struct domain *d)
{
    uint32_t fn = (uint32_t)d->regs.x[0];
    int64_t ret = PSCI_NOT_SUPPORTED;

    switch ( fn )
    {
    case PSCI_VERSION:
        ret = PSCI_VERSION_1_1;
        break;
    case PSCI_FEATURES:
        ret = psci_implemented((uint32_t)d->regs.x[1]) ? PSCI_SUCCESS
                                                       : PSCI_NOT_SUPPORTED;
        break;
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET: /* restarting a domain comes later: end it */
        power_off(d);
        return;
    case PSCI_CPU_OFF:
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
        break; /* secondary vCPUs come with the scheduler */
    default:
        report_unknown(d, fn);
        break;
    }
    d->regs.x[0] = (uint64_t)ret;
}
