/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI 1.1 for guests over HVC (and trapped SMC); other SMCCC calls fail. */
#include <xen/lib.h>
#include <xen/sched.h>

#define SMCCC_VERSION 0x80000000U
#define SMCCC_ARCH_FEATURES 0x80000001U
#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_SUSPEND_32 0x84000001U
#define PSCI_CPU_SUSPEND_64 0xc4000001U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON_32 0x84000003U
#define PSCI_CPU_ON_64 0xc4000003U
#define PSCI_AFFINITY_INFO_32 0x84000004U
#define PSCI_AFFINITY_INFO_64 0xc4000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000aU

/* The PSCI function ranges (SMC32 and SMC64 fast calls, owner 4). */
#define PSCI_FN_BASE_32 0x84000000U
#define PSCI_FN_BASE_64 0xc4000000U
#define PSCI_FN_COUNT 0x20U

#define SMCCC_VERSION_1_1 ((1U << 16) | 1U)
#define PSCI_VERSION_1_1 ((1U << 16) | 1U)
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_ALREADY_ON (-4)
#define PSCI_INVALID_ADDRESS (-9)
#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1
#define PSCI_MIGRATE_NOT_REQUIRED 2

/* CPU_SUSPEND power_state (original format): StateType 1 is powerdown. */
#define PSCI_POWER_STATE_TYPE_PD (1U << 16)

/* Affinity fields Aff3..Aff0 of an MPIDR. */
#define MPIDR_AFF_MASK 0xff00ffffffULL

/* Unknown-call lines printed per domain before they are suppressed. */
#define HVC_REPORT_LIMIT 8

static const uint32_t implemented[] = {
    SMCCC_VERSION,          PSCI_VERSION,          PSCI_CPU_SUSPEND_32,
    PSCI_CPU_SUSPEND_64,    PSCI_CPU_OFF,          PSCI_CPU_ON_32,
    PSCI_CPU_ON_64,         PSCI_AFFINITY_INFO_32, PSCI_AFFINITY_INFO_64,
    PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF,       PSCI_SYSTEM_RESET,
    PSCI_FEATURES,
};

static bool psci_implemented(uint32_t fn)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(implemented); i++ )
        if ( implemented[i] == fn )
            return true;
    return false;
}

/*
 * Whether @fn is a PSCI function: those not offered here are optional
 * and get NOT_SUPPORTED without a log line.
 */
static bool psci_function(uint32_t fn)
{
    return (fn >= PSCI_FN_BASE_32 && fn - PSCI_FN_BASE_32 < PSCI_FN_COUNT) ||
           (fn >= PSCI_FN_BASE_64 && fn - PSCI_FN_BASE_64 < PSCI_FN_COUNT);
}

static void report_unknown(struct domain *d, uint32_t fn)
{
    if ( psci_function(fn) )
        return; /* optional calls: NOT_SUPPORTED, as PSCI_FEATURES says */
    if ( d->arch.nr_hvc_reports > HVC_REPORT_LIMIT )
        return;
    if ( d->arch.nr_hvc_reports++ == HVC_REPORT_LIMIT )
        printk("d%u: further unknown HVC/SMC calls not reported\n", d->domid);
    else
        printk("d%u: unknown HVC/SMC function %#x\n", d->domid, fn);
}

/* The vCPU of @d whose vMPIDR affinity is @mpidr, or NULL. */
static struct vcpu *vcpu_by_mpidr(struct domain *d, uint64_t mpidr)
{
    unsigned int i;

    for ( i = 0; i < d->nr_vcpus; i++ )
        if ( vcpu_mpidr_aff(i) == (mpidr & MPIDR_AFF_MASK) )
            return &d->vcpu[i];
    return NULL;
}

/* An AArch64 entry point: aligned, in @d's RAM. */
static bool valid_entry(const struct domain *d, uint64_t entry)
{
    if ( entry & 3 )
        return false;
    return (entry >= d->arch.ram0_base &&
            entry - d->arch.ram0_base < d->arch.ram0_size) ||
           (entry >= d->arch.ram1_base &&
            entry - d->arch.ram1_base < d->arch.ram1_size);
}

static int64_t cpu_on(struct domain *d, uint64_t mpidr, uint64_t entry,
                      uint64_t ctx)
{
    struct vcpu *t = vcpu_by_mpidr(d, mpidr);
    int64_t ret = PSCI_SUCCESS;

    if ( !t )
        return PSCI_INVALID_PARAMETERS;
    if ( !valid_entry(d, entry) )
        return PSCI_INVALID_ADDRESS;
    spin_lock(&sched_lock);
    if ( t->online || t->processor >= 0 )
        ret = PSCI_ALREADY_ON; /* a CPU_OFF still leaving counts as on */
    else
    {
        vcpu_reset(t, entry, ctx);
        vcpu_online(t);
    }
    spin_unlock(&sched_lock);
    return ret;
}

static int64_t affinity_info(struct domain *d, uint64_t mpidr, uint64_t level)
{
    const struct vcpu *t = vcpu_by_mpidr(d, mpidr);

    if ( !t || level )
        return PSCI_INVALID_PARAMETERS;
    return t->online ? PSCI_AFFINITY_ON : PSCI_AFFINITY_OFF;
}

/*
 * CPU_SUSPEND: wait for an interrupt as WFI does.  A standby state then
 * returns SUCCESS; a powerdown state loses the vCPU's context and resumes
 * at @entry with x0 = @ctx, as a CPU_ON would start it.  Returns true
 * when @v leaves its host CPU.
 */
static bool cpu_suspend(struct vcpu *v, uint64_t state, uint64_t entry,
                        uint64_t ctx)
{
    if ( (state & PSCI_POWER_STATE_TYPE_PD) && !valid_entry(v->domain, entry) )
    {
        v->arch.regs.x[0] = (uint64_t)PSCI_INVALID_ADDRESS;
        return false;
    }
    v->arch.regs.x[0] = PSCI_SUCCESS;
    if ( !(state & PSCI_POWER_STATE_TYPE_PD) )
        return vcpu_wfi(v);
    /* The reset applies when it is next loaded, so it must leave now. */
    vcpu_reset(v, entry, ctx);
    vcpu_wfi(v);
    return true;
}

static void cpu_off(struct vcpu *v)
{
    spin_lock(&sched_lock);
    vcpu_offline(v);
    spin_unlock(&sched_lock);
}

/* 32-bit calling convention: arguments in w1-w3. */
static uint64_t arg(const struct vcpu *v, unsigned int n, bool smc32)
{
    uint64_t x = v->arch.regs.x[n];

    return smc32 ? (uint32_t)x : x;
}

bool vpsci_call(struct vcpu *v)
{
    struct domain *d = v->domain;
    uint32_t fn = (uint32_t)v->arch.regs.x[0];
    bool smc32 = !(fn & (1U << 30));
    int64_t ret = PSCI_NOT_SUPPORTED;

    switch ( fn )
    {
    case SMCCC_VERSION:
        ret = SMCCC_VERSION_1_1;
        break;
    case SMCCC_ARCH_FEATURES:
        break; /* no firmware workaround is offered */
    case PSCI_VERSION:
        ret = PSCI_VERSION_1_1;
        break;
    case PSCI_FEATURES:
        ret = psci_implemented((uint32_t)v->arch.regs.x[1])
                  ? PSCI_SUCCESS
                  : PSCI_NOT_SUPPORTED;
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        ret = PSCI_MIGRATE_NOT_REQUIRED;
        break;
    case PSCI_SYSTEM_OFF:
        domain_shutdown(d);
        return true;
    case PSCI_SYSTEM_RESET: /* its on-reboot policy applies */
        domain_reboot(d);
        return true;
    case PSCI_CPU_OFF:
        cpu_off(v);
        return true;
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64:
        return cpu_suspend(v, arg(v, 1, smc32), arg(v, 2, smc32),
                           arg(v, 3, smc32));
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
        ret = cpu_on(d, arg(v, 1, smc32), arg(v, 2, smc32), arg(v, 3, smc32));
        break;
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
        ret = affinity_info(d, arg(v, 1, smc32), arg(v, 2, smc32));
        break;
    default:
        report_unknown(d, fn);
        break;
    }
    v->arch.regs.x[0] = (uint64_t)ret;
    return false;
}
