/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest CPUID (SVM hidden, a hypervisor leaf) and the guest MSR policy. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/vlapic.h>
#include <asm/x86-defs.h>

#define CPUID1_ECX_MONITOR (1U << 3)
#define CPUID1_ECX_VMX (1U << 5)
#define CPUID1_ECX_FMA (1U << 12)
#define CPUID1_ECX_XSAVE (1U << 26)
#define CPUID1_ECX_OSXSAVE (1U << 27)
#define CPUID1_ECX_AVX (1U << 28)
#define CPUID1_ECX_F16C (1U << 29)
#define CPUID1_ECX_HYPERVISOR (1U << 31)
#define CPUID1_ECX_X2APIC (1U << 21)
#define CPUID1_ECX_TSC_DEADLINE (1U << 24)
#define CPUID1_EDX_APIC (1U << 9)
#define CPUID1_EDX_MCE (1U << 7) /* machine checks: not offered */
#define CPUID1_EDX_MCA (1U << 14)
#define CPUID_EXT7_EDX_INVARIANT_TSC (1U << 8)
#define CPUID6_EAX_ARAT (1U << 2)
/* Leaf 0xB / 0x1F level types. */
#define TOPO_SMT 1
#define TOPO_CORE 2
#define CPUID7_EBX_AVX2 (1U << 5)
/* Leaf 7: MPX, AVX-512, PKU, WAITPKG: XCR0 bits or instructions not offered. */
#define CPUID7_EBX_HIDDEN 0xdc234000U
#define CPUID7_ECX_HIDDEN 0x00005c7aU
#define CPUID7_EDX_HIDDEN 0x0000010cU
#define CPUIDD1_EAX_OFFERED 0x7U /* XSAVEOPT, XSAVEC, XGETBV(1); no XSAVES */
#define CPUID_EXT1_ECX_SVM (1U << 2)
#define CPUID_EXT1_ECX_SKINIT (1U << 12)
#define CPUID_EXT1_ECX_MONITORX (1U << 29)
#define X86_CR4_OSXSAVE (1U << 18)
#define CPUID_HV_BASE 0x40000000U
#define CPUID_HV_LAST 0x400000ffU

/* "Hyperlaunch\0" in EBX, ECX, EDX of leaf 0x40000000. */
#define HV_SIG_EBX 0x65707948U /* "Hype" */
#define HV_SIG_ECX 0x75616c72U /* "rlau" */
#define HV_SIG_EDX 0x0068636eU /* "nch\0" */

#define MSR_TSC 0x10
#define MSR_PAT 0x277
#define MSR_TSC_AUX 0xc0000103U
#define MSR_AMD_SYSCFG 0xc0010010U
#define MSR_AMD_HWCR 0xc0010015U
#define HWCR_TSC_FREQ_SEL (1ULL << 24) /* the TSC counts at a fixed rate */
#define EFER_LMA (1ULL << 10)
#define EFER_GUEST_BITS 0xd01ULL /* SCE, LME, LMA, NXE */

/* Unknown-MSR accesses logged per domain; the rest only get their #GP. */
#define MSR_LOG_MAX 8

/* MSRs that read as zero and ignore writes. */
static const uint32_t raz_wi_msrs[] = {
    0x79,        /* microcode update trigger */
    0x8b,        /* microcode revision */
    0xfe,        /* MTRR capabilities: none */
    0x2ff,       /* MTRR default type */
    0xc0010055U, /* AMD interrupt pending message: no C1E */
};

static void host_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    asm volatile("cpuid"
                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                 : "a"(leaf), "c"(sub));
}

/* Leaf 1 ECX: MONITOR hidden; XSAVE and AVX as fpu.c offers them. */
static uint32_t leaf1_ecx(const struct vcpu *v, uint32_t ecx)
{
    uint64_t mask = fpu_xcr0_mask();

    ecx &= ~(CPUID1_ECX_VMX | CPUID1_ECX_MONITOR | CPUID1_ECX_OSXSAVE);
    ecx |= CPUID1_ECX_HYPERVISOR | CPUID1_ECX_X2APIC | CPUID1_ECX_TSC_DEADLINE;
    if ( !mask )
        ecx &= ~CPUID1_ECX_XSAVE;
    if ( !(mask & 4) )
        ecx &= ~(CPUID1_ECX_AVX | CPUID1_ECX_FMA | CPUID1_ECX_F16C);
    if ( mask && (v->arch.svm.vmcb->cr4 & X86_CR4_OSXSAVE) )
        ecx |= CPUID1_ECX_OSXSAVE;
    return ecx;
}

/* Leaf 0xD: the XSAVE components and sizes fpu.c supports. */
static void leaf_d(const struct vcpu *v, uint32_t sub, uint32_t r[4])
{
    uint64_t mask = fpu_xcr0_mask();

    if ( !mask || sub > 2 || (sub == 2 && !(mask & 4)) )
    {
        memset(r, 0, 4 * sizeof(*r));
        return;
    }
    if ( sub == 0 )
    {
        r[0] = (uint32_t)mask;
        r[1] = fpu_xstate_size(fpu_guest_xcr0(&v->arch.svm));
        r[2] = fpu_xstate_size(mask);
        r[3] = (uint32_t)(mask >> 32);
    }
    else if ( sub == 1 )
    {
        r[0] &= CPUIDD1_EAX_OFFERED;
        r[1] = fpu_xstate_size(fpu_guest_xcr0(&v->arch.svm));
        r[2] = r[3] = 0;
    }
}

/*
 * Leaves 0xB and 0x1F: one thread per core, the domain's vCPUs as the
 * cores of one package; EDX the x2APIC ID (the vCPU number).
 */
static void leaf_topology(const struct vcpu *v, uint32_t sub, uint32_t r[4])
{
    unsigned int n = v->domain->nr_vcpus, shift = 0;

    while ( (1U << shift) < n )
        shift++;
    memset(r, 0, 4 * sizeof(*r));
    if ( sub == 0 )
    {
        r[1] = 1;
        r[2] = TOPO_SMT << 8;
    }
    else if ( sub == 1 )
    {
        r[0] = shift;
        r[1] = n;
        r[2] = 1 | (TOPO_CORE << 8);
    }
    else
        r[2] = sub & 0xff;
    r[3] = v->vcpu_id;
}

/* Leaf 0: at least 0xB, so that the topology leaf is there. */
static void leaf_fixups(const struct vcpu *v, uint32_t leaf, uint32_t sub,
                        uint32_t r[4])
{
    if ( leaf == 0 && r[0] < 0xb )
        r[0] = 0xb;
    if ( leaf == 1 )
    {
        r[3] &= ~(CPUID1_EDX_MCE | CPUID1_EDX_MCA | CPUID1_EDX_APIC);
        if ( v->arch.vlapic.mode != VLAPIC_MODE_OFF )
            r[3] |= CPUID1_EDX_APIC;
    }
    if ( leaf == 0x80000007U )
        r[3] |= CPUID_EXT7_EDX_INVARIANT_TSC;
    if ( leaf == 6 )
        r[0] |= CPUID6_EAX_ARAT;
    if ( leaf == 0xb || leaf == 0x1f )
        leaf_topology(v, sub, r);
}

void svm_cpuid(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    struct svm_gprs *g = &v->arch.svm.gprs;
    /* CPUID reads EAX and ECX only: the upper halves may hold anything. */
    uint32_t leaf = (uint32_t)vmcb->rax, sub = (uint32_t)g->rcx;
    uint32_t r[4] = { 0 };

    if ( leaf >= CPUID_HV_BASE && leaf <= CPUID_HV_LAST )
    {
        if ( leaf == CPUID_HV_BASE )
        {
            r[0] = CPUID_HV_BASE;
            r[1] = HV_SIG_EBX;
            r[2] = HV_SIG_ECX;
            r[3] = HV_SIG_EDX;
        }
    }
    /* SVM features and MONITOR/MWAIT: none. */
    else if ( leaf != 0x8000000aU && leaf != 5 )
        host_cpuid(leaf, sub, r);
    if ( leaf == 1 )
    {
        r[1] &= 0x00ffffffU; /* initial APIC ID: the vCPU number */
        r[1] |= v->vcpu_id << 24;
        r[2] = leaf1_ecx(v, r[2]);
    }
    if ( leaf == 7 && sub == 0 )
    {
        r[1] &= ~CPUID7_EBX_HIDDEN;
        if ( !(fpu_xcr0_mask() & 4) )
            r[1] &= ~CPUID7_EBX_AVX2;
        r[2] &= ~CPUID7_ECX_HIDDEN;
        r[3] &= ~CPUID7_EDX_HIDDEN;
    }
    else if ( leaf == 7 )
        memset(r, 0, sizeof(r));
    if ( leaf == 0xd )
        leaf_d(v, sub, r);
    leaf_fixups(v, leaf, sub, r);
    if ( leaf == 0x80000001U )
        r[2] &= ~(CPUID_EXT1_ECX_SVM | CPUID_EXT1_ECX_SKINIT |
                  CPUID_EXT1_ECX_MONITORX);
    vmcb->rax = r[0];
    g->rbx = r[1];
    g->rcx = r[2];
    g->rdx = r[3];
}

static bool raz_wi(uint32_t msr)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(raz_wi_msrs); i++ )
        if ( raz_wi_msrs[i] == msr )
            return true;
    return false;
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* The guest's TSC: the host's plus its VMCB offset (RDTSC does the same). */
uint64_t svm_guest_tsc(const struct vcpu *v)
{
    return rdtsc() + v->arch.svm.vmcb->tsc_offset;
}

/* Each byte of a PAT value is a memory type: 0, 1, 4, 5, 6 or 7. */
static bool pat_valid(uint64_t val)
{
    unsigned int i;

    for ( i = 0; i < 8; i++ )
    {
        uint8_t t = (uint8_t)(val >> (8 * i));

        if ( t > 7 || t == 2 || t == 3 )
            return false;
    }
    return true;
}

/*
 * EFER is the guest's alone: kept in its VMCB (with SVME, which VMRUN
 * needs and the guest never sees), never in the host's.  SVME and the
 * reserved bits fault as on a CPU without SVM; LME cannot change while
 * paging is on; LMA is the CPU's to set (when paging is enabled with LME)
 * and a write leaves it as it is.
 */
static int efer_write(struct vmcb *vmcb, uint64_t val)
{
    if ( val & ~EFER_GUEST_BITS )
        return -EPERM;
    if ( (vmcb->cr0 & X86_CR0_PG) && ((val ^ vmcb->efer) & EFER_LME) )
        return -EPERM;
    vmcb->efer = (val & ~EFER_LMA) | (vmcb->efer & EFER_LMA) | EFER_SVME;
    return 0;
}

static int msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    const struct vmcb *vmcb = v->arch.svm.vmcb;
    int rc = vlapic_msr_read(v, msr, val);

    if ( rc != -ENOENT )
        return rc;

    switch ( msr )
    {
    case MSR_EFER:
        *val = vmcb->efer & ~(uint64_t)EFER_SVME;
        return 0;
    case MSR_PAT:
        *val = vmcb->g_pat;
        return 0;
    case MSR_TSC:
        *val = svm_guest_tsc(v);
        return 0;
    case MSR_TSC_AUX:
        *val = v->arch.svm.tsc_aux;
        return 0;
    case MSR_AMD_HWCR:
        *val = HWCR_TSC_FREQ_SEL;
        return 0;
    case MSR_AMD_SYSCFG: /* no memory encryption, no MTRR extensions */
        *val = 0;
        return 0;
    }
    *val = 0;
    return raz_wi(msr) ? 0 : -EPERM;
}

static int msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    int rc = vlapic_msr_write(v, msr, val);

    if ( rc != -ENOENT )
        return rc;

    switch ( msr )
    {
    case MSR_EFER:
        return efer_write(vmcb, val);
    case MSR_PAT:
        if ( !pat_valid(val) )
            return -EPERM;
        vmcb->g_pat = val;
        return 0;
    case MSR_TSC:
        vmcb->tsc_offset = val - rdtsc();
        return 0;
    case MSR_AMD_HWCR: /* the guest's view stays as read */
        return 0;
    case MSR_TSC_AUX:
        if ( val >> 32 )
            return -EPERM;
        fpu_set_tsc_aux(&v->arch.svm, (uint32_t)val);
        return 0;
    }
    return raz_wi(msr) ? 0 : -EPERM;
}

int svm_msr(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    struct svm_gprs *g = &v->arch.svm.gprs;
    uint32_t msr = (uint32_t)g->rcx;
    bool write = vmcb->exitinfo1 & 1;
    uint64_t val = ((g->rdx & 0xffffffffULL) << 32) | (uint32_t)vmcb->rax;
    int rc = write ? msr_write(v, msr, val) : msr_read(v, msr, &val);

    if ( rc )
    {
        struct domain *d = v->domain;

        /* As a CPU does with an MSR it lacks or a value it refuses. */
        if ( d->arch.msr_logged < MSR_LOG_MAX )
            printk("d%u: %s of MSR %#x at rip %#llx: #GP%s\n", d->domid,
                   write ? "write" : "read", msr,
                   (unsigned long long)vmcb->rip,
                   ++d->arch.msr_logged == MSR_LOG_MAX
                       ? " (no more MSR faults logged)"
                       : "");
        svm_inject_exception(&v->arch.svm, X86_EXC_GP, true, 0);
        return rc;
    }
    if ( !write )
    {
        vmcb->rax = (uint32_t)val;
        g->rdx = val >> 32;
    }
    return 0;
}
