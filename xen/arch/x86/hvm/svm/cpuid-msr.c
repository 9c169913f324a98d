/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest CPUID (SVM hidden, a hypervisor leaf) and the guest MSR policy. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/x86-defs.h>

#define CPUID1_ECX_VMX (1U << 5)
#define CPUID1_ECX_HYPERVISOR (1U << 31)
#define CPUID_EXT1_ECX_SVM (1U << 2)
#define CPUID_HV_BASE 0x40000000U
#define CPUID_HV_LAST 0x400000ffU

/* "Hyperlaunch\0" in EBX, ECX, EDX of leaf 0x40000000. */
#define HV_SIG_EBX 0x65707948U /* "Hype" */
#define HV_SIG_ECX 0x75616c72U /* "rlau" */
#define HV_SIG_EDX 0x0068636eU /* "nch\0" */

#define MSR_TSC 0x10
#define MSR_PAT 0x277
#define EFER_GUEST_BITS 0xd01ULL /* SCE, LME, LMA, NXE */

/* MSRs that read as zero and ignore writes. */
static const uint32_t raz_wi_msrs[] = {
    0x79,  /* microcode update trigger */
    0x8b,  /* microcode revision */
    0xfe,  /* MTRR capabilities: none */
    0x2ff, /* MTRR default type */
};

static void host_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    asm volatile("cpuid"
                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                 : "a"(leaf), "c"(sub));
}

void svm_cpuid(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    struct svm_gprs *g = &v->arch.svm.gprs;
    uint32_t leaf = (uint32_t)vmcb->rax, r[4] = { 0 };

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
    else if ( leaf != 0x8000000aU ) /* SVM features: none */
        host_cpuid(leaf, (uint32_t)g->rcx, r);
    if ( leaf == 1 )
    {
        r[1] &= 0x00ffffffU; /* initial APIC ID: the vCPU number */
        r[1] |= v->vcpu_id << 24;
        r[2] = (r[2] & ~CPUID1_ECX_VMX) | CPUID1_ECX_HYPERVISOR;
    }
    if ( leaf == 0x80000001U )
        r[2] &= ~CPUID_EXT1_ECX_SVM;
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

static int msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    const struct vmcb *vmcb = v->arch.svm.vmcb;
    uint32_t lo, hi;

    switch ( msr )
    {
    case MSR_EFER:
        *val = vmcb->efer & ~(uint64_t)EFER_SVME;
        return 0;
    case MSR_PAT:
        *val = vmcb->g_pat;
        return 0;
    case MSR_TSC:
        asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
        *val = ((uint64_t)hi << 32) | lo;
        return 0;
    }
    *val = 0;
    return raz_wi(msr) ? 0 : -EPERM;
}

static int msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;

    switch ( msr )
    {
    case MSR_EFER:
        if ( val & ~EFER_GUEST_BITS )
            return -EPERM;
        vmcb->efer = val | EFER_SVME; /* VMRUN needs SVME in the guest */
        return 0;
    case MSR_PAT:
        vmcb->g_pat = val;
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
        domain_crash(v->domain, "%s of MSR %#x%s at rip %#llx",
                     write ? "write" : "read", msr,
                     write ? " (not allowed)" : " (not emulated)",
                     (unsigned long long)vmcb->rip);
        return rc;
    }
    if ( !write )
    {
        vmcb->rax = (uint32_t)val;
        g->rdx = val >> 32;
    }
    return 0;
}
