/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-vCPU FPU, SSE and AVX state, XCR0 and DR0-DR3: switched, never shared. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/x86-defs.h>

#define CPUID1_ECX_XSAVE (1U << 26)
#define X86_CR4_OSXSAVE (1U << 18)
#define CPUID_EXT1_EDX_RDTSCP (1U << 27)

/* XCR0 components guests may enable: x87, SSE, AVX (and nothing else). */
#define XSTATE_X87 (1ULL << 0)
#define XSTATE_SSE (1ULL << 1)
#define XSTATE_YMM (1ULL << 2)
#define XSTATE_GUEST (XSTATE_X87 | XSTATE_SSE | XSTATE_YMM)
/*
 * Components switched: all the CPU has up to PKRU (MPX, AVX-512, PKRU
 * too), in case a guest enables more than it is offered (QEMU's TCG does
 * not deliver the XSETBV intercept: its XCR0 checks are the CPU's).
 */
#define XSTATE_SWITCHED 0x2ffULL

#define MSR_TSC_AUX 0xc0000103U

/* Legacy area offsets: FCW, MXCSR; their reset values. */
#define FXSAVE_FCW 0
#define FXSAVE_MXCSR 24
#define FCW_INIT 0x37f
#define MXCSR_INIT 0x1f80

/*
 * What the CPUs support of XSTATE_SWITCHED (0 without XSAVE: FXSAVE is
 * used and guests see no XSAVE).
 */
static uint64_t xstate_mask;
static bool has_rdtscp;

static void cpuid_count(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    asm volatile("cpuid"
                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                 : "a"(leaf), "c"(sub));
}

static void xsetbv(uint32_t xcr, uint64_t val)
{
    asm volatile("xsetbv"
                 :
                 : "c"(xcr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)));
}

static uint64_t xgetbv(uint32_t xcr)
{
    uint32_t lo, hi;

    asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(xcr));
    return ((uint64_t)hi << 32) | lo;
}

/*
 * The boot CPU decides what is switched; another CPU must offer at least
 * that, or it is left out (svm_enable() fails on it).  Without XSAVE on
 * the boot CPU, FXSAVE is used everywhere.
 */
int fpu_init_cpu(void)
{
    bool boot = smp_processor_id() == 0;
    uint32_t r[4];
    uint64_t cr4, have;

    cpuid_count(0x80000001U, 0, r);
    has_rdtscp = r[3] & CPUID_EXT1_EDX_RDTSCP;
    cpuid_count(1, 0, r);
    if ( !(r[2] & CPUID1_ECX_XSAVE) )
        return boot || !xstate_mask ? 0 : -EOPNOTSUPP;
    if ( !boot && !xstate_mask )
        return 0;
    asm volatile("mov %%cr4, %0" : "=r"(cr4));
    asm volatile("mov %0, %%cr4" : : "r"(cr4 | X86_CR4_OSXSAVE));
    cpuid_count(0xd, 0, r);
    have = (((uint64_t)r[3] << 32) | r[0]) & XSTATE_SWITCHED;
    if ( boot )
        xstate_mask = have;
    if ( (have & xstate_mask) != xstate_mask )
        return -EOPNOTSUPP;
    xsetbv(0, xstate_mask);
    cpuid_count(0xd, 0, r); /* EBX: the area size for XCR0 as set */
    return r[1] > PAGE_SIZE ? -EOPNOTSUPP : 0;
}

uint64_t fpu_guest_xcr0(const struct svm_vcpu *sv)
{
    /* Between fpu_load() and fpu_save() the CPU holds the current value. */
    return xstate_mask ? xgetbv(0) : sv->xcr0;
}

uint64_t fpu_xcr0_mask(void)
{
    return xstate_mask & XSTATE_GUEST;
}

static void wrmsr(uint32_t msr, uint64_t val)
{
    asm volatile("wrmsr"
                 :
                 : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)));
}

uint32_t fpu_xstate_size(uint64_t xcr0)
{
    uint32_t r[4];

    if ( !(xcr0 & XSTATE_YMM) )
        return 512 + 64; /* legacy area and XSAVE header */
    cpuid_count(0xd, 2, r);
    return r[1] + r[0]; /* AVX: offset plus size */
}

int fpu_vcpu_init(struct svm_vcpu *sv)
{
    paddr_t pa;
    int rc = alloc_pages(0, &pa);

    if ( rc )
        return rc;
    memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
    sv->fpu = (uint8_t *)(uintptr_t)pa;
    *(uint16_t *)(sv->fpu + FXSAVE_FCW) = FCW_INIT;
    *(uint32_t *)(sv->fpu + FXSAVE_MXCSR) = MXCSR_INIT;
    sv->xcr0 = XSTATE_X87; /* the reset value */
    return 0;
}

void fpu_vcpu_destroy(struct svm_vcpu *sv)
{
    if ( sv->fpu )
        BUG_ON(free_pages((uintptr_t)sv->fpu, 0));
    sv->fpu = NULL;
}

static void load_drs(const uint64_t dr[4])
{
    asm volatile("mov %0, %%dr0" : : "r"(dr[0]));
    asm volatile("mov %0, %%dr1" : : "r"(dr[1]));
    asm volatile("mov %0, %%dr2" : : "r"(dr[2]));
    asm volatile("mov %0, %%dr3" : : "r"(dr[3]));
}

static void save_drs(uint64_t dr[4])
{
    asm volatile("mov %%dr0, %0" : "=r"(dr[0]));
    asm volatile("mov %%dr1, %0" : "=r"(dr[1]));
    asm volatile("mov %%dr2, %0" : "=r"(dr[2]));
    asm volatile("mov %%dr3, %0" : "=r"(dr[3]));
}

/*
 * The hypervisor is built without FP or SIMD code, so what is loaded here
 * stays the guest's until fpu_save(): its FPU, SSE and AVX registers, its
 * XCR0 (XGETBV is not intercepted: it reads the live one) and DR0-DR3
 * (DR6 and DR7 are in the VMCB).  XSAVE and XRSTOR run with every
 * component guests may use, whatever the guest's XCR0, so that state it
 * switched off stays its own too.
 */
void fpu_load(struct svm_vcpu *sv)
{
    uint32_t lo = (uint32_t)xstate_mask, hi = (uint32_t)(xstate_mask >> 32);

    if ( xstate_mask )
    {
        xsetbv(0, xstate_mask);
        asm volatile("xrstor64 %0"
                     :
                     : "m"(*sv->fpu), "a"(lo), "d"(hi)
                     : "memory");
        xsetbv(0, sv->xcr0);
    }
    else
        asm volatile("fxrstor64 %0" : : "m"(*sv->fpu) : "memory");
    load_drs(sv->dr);
    /* RDTSCP is intercepted, but QEMU's TCG runs it: the MSR is the vCPU's. */
    if ( has_rdtscp )
        wrmsr(MSR_TSC_AUX, sv->tsc_aux);
}

void fpu_set_tsc_aux(struct svm_vcpu *sv, uint32_t val)
{
    sv->tsc_aux = val;
    if ( has_rdtscp )
        wrmsr(MSR_TSC_AUX, val); /* it runs here: the MSR is its own now */
}

void fpu_save(struct svm_vcpu *sv)
{
    uint32_t lo = (uint32_t)xstate_mask, hi = (uint32_t)(xstate_mask >> 32);

    save_drs(sv->dr);
    if ( xstate_mask )
    {
        sv->xcr0 = xgetbv(0);
        xsetbv(0, xstate_mask);
        asm volatile("xsave64 %0"
                     : "=m"(*sv->fpu)
                     : "a"(lo), "d"(hi)
                     : "memory");
    }
    else
        asm volatile("fxsave64 %0" : "=m"(*sv->fpu) : : "memory");
}

/*
 * XSETBV (intercepted): only XCR0, from CPL 0, x87 always on, AVX only
 * with SSE, nothing guests are not offered.  The guest's XCR0 is live while
 * it runs (between fpu_load() and fpu_save()).
 */
int svm_xsetbv(struct vcpu *v, uint32_t xcr, uint64_t val)
{
    struct svm_vcpu *sv = &v->arch.svm;

    if ( xcr != 0 || sv->vmcb->cpl != 0 || !(val & XSTATE_X87) ||
         (val & ~fpu_xcr0_mask()) ||
         ((val & XSTATE_YMM) && !(val & XSTATE_SSE)) )
        return -EPERM;
    sv->xcr0 = val;
    xsetbv(0, val);
    return 0;
}
