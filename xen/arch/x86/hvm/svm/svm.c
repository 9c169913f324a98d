/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD SVM: enable it on this CPU, build a VMCB, run a vCPU once. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <asm/hvm-io.h>
#include <asm/svm.h>
#include <asm/x86-defs.h>

_Static_assert(sizeof(struct vmcb) == PAGE_SIZE, "VMCB is one page");
_Static_assert(__builtin_offsetof(struct vmcb, n_cr3) == 0xb0, "N_CR3");
_Static_assert(__builtin_offsetof(struct vmcb, cpl) == 0x4cb, "CPL");
_Static_assert(__builtin_offsetof(struct vmcb, efer) == 0x4d0, "EFER");
_Static_assert(__builtin_offsetof(struct vmcb, rip) == 0x578, "RIP");
_Static_assert(__builtin_offsetof(struct vmcb, rsp) == 0x5d8, "RSP");
_Static_assert(__builtin_offsetof(struct vmcb, rax) == 0x5f8, "RAX");
_Static_assert(__builtin_offsetof(struct vmcb, g_pat) == 0x668, "G_PAT");
_Static_assert(__builtin_offsetof(struct svm_gprs, rsi) == SVM_GPR_RSI, "");
_Static_assert(__builtin_offsetof(struct svm_gprs, r8) == SVM_GPR_R8, "");

#define CPUID_EXT_SVM (1U << 2) /* 0x80000001 ECX */
#define CPUID_SVM_NP (1U << 0)  /* 0x8000000A EDX */

#define GUEST_PAT 0x0007040600070406ULL /* the reset value */

/* Per host CPU: the VMRUN host save area, and the host's VMLOAD/VMSAVE
 * state (FS, GS, TR, LDTR, syscall MSRs). */
static paddr_t hsave_pa[NR_CPUS], host_state_pa[NR_CPUS];
static uint32_t nr_asids;

/* Per host CPU: the control registers and EFER the hypervisor runs with. */
static uint64_t host_cr0[NR_CPUS], host_cr4[NR_CPUS], host_efer[NR_CPUS];

/*
 * MSRs VMLOAD and VMSAVE switch with the guest: its own values, no exit.
 * STAR, LSTAR, CSTAR, SFMASK; FS, GS and kernel GS bases; SYSENTER.
 */
static const uint32_t passthrough_msrs[] = {
    0xc0000081, 0xc0000082, 0xc0000083, 0xc0000084, 0xc0000100,
    0xc0000101, 0xc0000102, 0x174,      0x175,      0x176,
};

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
                  uint32_t *d)
{
    asm volatile("cpuid"
                 : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
                 : "a"(leaf), "c"(0));
}

static uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static void wrmsr(uint32_t msr, uint64_t val)
{
    asm volatile("wrmsr"
                 :
                 : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)));
}

static uint64_t read_cr0(void)
{
    uint64_t v;

    asm volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static uint64_t read_cr4(void)
{
    uint64_t v;

    asm volatile("mov %%cr4, %0" : "=r"(v));
    return v;
}

static int svm_detect(bool verbose)
{
    uint32_t a, b, c, d;

    cpuid(0x80000000, &a, &b, &c, &d);
    if ( a < 0x8000000a )
        return -ENODEV;
    cpuid(0x80000001, &a, &b, &c, &d);
    if ( !(c & CPUID_EXT_SVM) )
    {
        printk("SVM: not available (CPUID 0x80000001 ECX bit 2 clear)\n");
        return -ENODEV;
    }
    cpuid(0x8000000a, &a, &b, &c, &d);
    if ( !(d & CPUID_SVM_NP) )
    {
        printk("SVM: no nested paging (CPUID 0x8000000A EDX bit 0 clear)\n");
        return -ENODEV;
    }
    if ( rdmsr(MSR_VM_CR) & VM_CR_SVMDIS )
    {
        printk("SVM: disabled by firmware (VM_CR.SVMDIS)\n");
        return -ENODEV;
    }
    if ( verbose )
        printk("SVM: revision %u, %u ASIDs, nested paging\n", a & 0xff, b);
    nr_asids = b;
    return 0;
}

int svm_enable(void)
{
    unsigned int cpu = smp_processor_id();
    int rc;

    if ( hsave_pa[cpu] )
        return 0;
    rc = svm_detect(cpu == 0);
    rc = rc ?: fpu_init_cpu();
    rc = rc ?: alloc_pages(0, &hsave_pa[cpu]);
    rc = rc ?: alloc_pages(0, &host_state_pa[cpu]);
    if ( rc )
        return rc;
    memset((void *)(uintptr_t)hsave_pa[cpu], 0, PAGE_SIZE);
    memset((void *)(uintptr_t)host_state_pa[cpu], 0, PAGE_SIZE);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
    wrmsr(MSR_VM_HSAVE_PA, hsave_pa[cpu]);
    host_cr0[cpu] = read_cr0();
    host_cr4[cpu] = read_cr4();
    host_efer[cpu] = rdmsr(MSR_EFER);
    return 0;
}

/*
 * #VMEXIT loads the host CR0, CR4 and EFER from the host save area.  QEMU
 * (TCG, 7.2) loads CR0 first while the guest's EFER and CR4 are still
 * current, and refuses a CR0 with PG set when the guest had EFER.LME set
 * and CR4.PAE clear (a guest that wrote EFER = 0x100 with paging off, the
 * first step into long mode): the hypervisor then went on with the guest's
 * CR0, paging off, and the next VMRUN saved that CR0 as the host's, so
 * every later guest and the hypervisor itself ran in a broken mode.  Put
 * back whatever is not the hypervisor's own, so that nothing a guest puts
 * in its VMCB survives into the host.
 */
static void host_state_check(unsigned int cpu)
{
    BUG_ON(!host_cr0[cpu]); /* svm_enable() ran on this CPU */
    if ( read_cr0() != host_cr0[cpu] )
        asm volatile("mov %0, %%cr0" : : "r"(host_cr0[cpu]) : "memory");
    if ( read_cr4() != host_cr4[cpu] )
        asm volatile("mov %0, %%cr4" : : "r"(host_cr4[cpu]) : "memory");
    if ( rdmsr(MSR_EFER) != host_efer[cpu] )
        wrmsr(MSR_EFER, host_efer[cpu]);
}

void svm_inject_exception(struct svm_vcpu *sv, unsigned int vector,
                          bool has_error, uint32_t error)
{
    uint64_t ev = vector | SVM_EVTINJ_TYPE_EXC | SVM_EVTINJ_VALID;

    if ( has_error )
        ev |= SVM_EVTINJ_EV | ((uint64_t)error << 32);
    sv->vmcb->eventinj = ev;
}

uint32_t svm_nr_asids(void)
{
    return MAX(nr_asids, 2U);
}

static int alloc_filled(unsigned int order, int fill, paddr_t *pa)
{
    int rc = alloc_pages(order, pa);

    if ( !rc )
        memset((void *)(uintptr_t)*pa, fill, PAGE_SIZE << order);
    return rc;
}

/*
 * The permission map: 2 bits (read, write) per MSR, in three 2 KiB blocks
 * for MSRs 0-0x1fff, 0xc0000000-0xc0001fff and 0xc0010000-0xc0011fff.
 */
static void msrpm_allow(paddr_t msrpm, uint32_t msr)
{
    uint8_t *pm = (uint8_t *)(uintptr_t)msrpm;
    uint32_t block = msr >> 16 == 0xc000 ? 1 : msr >> 16 == 0xc001 ? 2 : 0;
    uint32_t bit = (msr & 0x1fff) * 2;

    BUG_ON(!block && msr > 0x1fff);
    pm[block * 0x800 + bit / 8] &= (uint8_t) ~(3U << (bit % 8));
}

static void set_seg(struct vmcb_seg *s, uint16_t sel, uint16_t attr)
{
    *s = (struct vmcb_seg){ sel, attr, 0xffffffff, 0 };
}

/* Flat 32-bit protected mode, paging off: the PVH entry state. */
static void vmcb_init_guest(struct vmcb *vmcb, uint64_t rip)
{
    set_seg(&vmcb->cs, 0x08, 0xc9b);
    set_seg(&vmcb->ds, 0x10, 0xc93);
    set_seg(&vmcb->es, 0x10, 0xc93);
    set_seg(&vmcb->ss, 0x10, 0xc93);
    set_seg(&vmcb->fs, 0x10, 0xc93);
    set_seg(&vmcb->gs, 0x10, 0xc93);
    vmcb->tr = (struct vmcb_seg){ 0, 0x8b, 0x67, 0 };
    vmcb->cpl = 0;
    vmcb->cr0 = X86_CR0_PE | (1U << 4); /* PE | ET */
    vmcb->efer = EFER_SVME;             /* else VMRUN fails */
    vmcb->rflags = 1U << 1;             /* reserved bit 1 */
    vmcb->dr6 = 0xffff0ff0;
    vmcb->dr7 = 0x400;
    vmcb->g_pat = GUEST_PAT;
    vmcb->rip = rip;
}

void svm_vcpu_long_mode(struct svm_vcpu *sv, uint64_t rip, uint64_t cr3,
                        uint64_t gdt_base, uint16_t gdt_limit)
{
    struct vmcb *vmcb = sv->vmcb;

    vmcb_init_guest(vmcb, rip);
    set_seg(&vmcb->cs, 0x10, 0xa9b); /* L: 64-bit code */
    set_seg(&vmcb->ds, 0x18, 0xc93);
    set_seg(&vmcb->es, 0x18, 0xc93);
    set_seg(&vmcb->ss, 0x18, 0xc93);
    set_seg(&vmcb->fs, 0x18, 0xc93);
    set_seg(&vmcb->gs, 0x18, 0xc93);
    vmcb->gdtr = (struct vmcb_seg){ 0, 0, gdt_limit, gdt_base };
    vmcb->cr0 = X86_CR0_PE | X86_CR0_PG | (1U << 4); /* PE | PG | ET */
    vmcb->cr3 = cr3;
    vmcb->cr4 = X86_CR4_PAE;
    vmcb->efer = EFER_SVME | EFER_LME | (1U << 10); /* LMA */
}

static void set_real_seg(struct vmcb_seg *s, uint16_t sel, uint16_t attr)
{
    *s = (struct vmcb_seg){ sel, attr, 0xffff, (uint64_t)sel << 4 };
}

void svm_vcpu_real_mode(struct svm_vcpu *sv, uint8_t vector)
{
    struct vmcb *vmcb = sv->vmcb;

    memset(&sv->gprs, 0, sizeof(sv->gprs));
    set_real_seg(&vmcb->cs, (uint16_t)(vector << 8), 0x9b);
    set_real_seg(&vmcb->ds, 0, 0x93);
    set_real_seg(&vmcb->es, 0, 0x93);
    set_real_seg(&vmcb->ss, 0, 0x93);
    set_real_seg(&vmcb->fs, 0, 0x93);
    set_real_seg(&vmcb->gs, 0, 0x93);
    vmcb->gdtr = (struct vmcb_seg){ 0, 0, 0xffff, 0 };
    vmcb->idtr = (struct vmcb_seg){ 0, 0, 0xffff, 0 };
    vmcb->ldtr = (struct vmcb_seg){ 0, 0x82, 0xffff, 0 };
    vmcb->tr = (struct vmcb_seg){ 0, 0x8b, 0xffff, 0 };
    vmcb->cpl = 0;
    vmcb->cr0 = 1U << 4; /* ET */
    vmcb->cr3 = 0;
    vmcb->cr4 = 0;
    vmcb->efer = EFER_SVME;
    vmcb->rflags = 1U << 1;
    vmcb->rip = 0;
    vmcb->rsp = 0;
    vmcb->rax = 0;
    vmcb->eventinj = 0;
    vmcb->vintr = SVM_V_INTR_MASKING; /* no virtual interrupt left over */
    vmcb->int_shadow = 0;
    vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
}

/* The host's PM timer (if any, acpi-pmtmr.c): read without an exit. */
static void iopm_allow_pm_timer(paddr_t iopm)
{
    uint8_t *map = (uint8_t *)(uintptr_t)iopm;
    unsigned int port = acpi_host_pm_timer(), i;

    for ( i = 0; port && i < 4; i++ )
        map[(port + i) / 8] &= ~(1U << ((port + i) % 8));
}

int svm_vcpu_init(struct svm_vcpu *sv, uint32_t asid, paddr_t n_cr3,
                  uint64_t rip)
{
    unsigned int i;
    paddr_t pa;
    int rc;

    memset(sv, 0, sizeof(*sv));
    rc = alloc_filled(0, 0, &pa);
    if ( rc )
        return rc;
    sv->vmcb = (struct vmcb *)(uintptr_t)pa;
    rc = alloc_filled(SVM_IOPM_ORDER, 0xff, &sv->iopm);
    rc = rc ?: alloc_filled(SVM_MSRPM_ORDER, 0xff, &sv->msrpm);
    rc = rc ?: fpu_vcpu_init(sv);
    if ( rc )
        return rc;
    sv->vmcb->intercepts3 = SVM_INTERCEPT_INTR | SVM_INTERCEPT_CPUID |
                            SVM_INTERCEPT_HLT | SVM_INTERCEPT_IOIO |
                            SVM_INTERCEPT_MSR | SVM_INTERCEPT_SHUTDOWN |
                            SVM_INTERCEPT_INVLPGA | SVM_INTERCEPT_INVD;
    /*
     * VMLOAD/VMSAVE would take host physical addresses: never let through.
     * WBINVD and INVD reach caches other domains share; MONITOR/MWAIT are
     * not offered; RDTSCP returns the vCPU's TSC_AUX; XSETBV is checked.
     */
    sv->vmcb->intercepts4 =
        SVM_INTERCEPT_VMRUN | SVM_INTERCEPT_VMMCALL | SVM_INTERCEPT_SVM_INSNS |
        SVM_INTERCEPT_RDTSCP | SVM_INTERCEPT_WBINVD | SVM_INTERCEPT_MONITOR |
        SVM_INTERCEPT_MWAIT | SVM_INTERCEPT_MWAIT_COND | SVM_INTERCEPT_XSETBV;
    for ( i = 0; i < ARRAY_SIZE(passthrough_msrs); i++ )
        msrpm_allow(sv->msrpm, passthrough_msrs[i]);
    iopm_allow_pm_timer(sv->iopm);
    sv->vmcb->iopm_pa = sv->iopm;
    sv->vmcb->msrpm_pa = sv->msrpm;
    sv->vmcb->asid = asid;
    sv->vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
    sv->vmcb->vintr = SVM_V_INTR_MASKING;
    sv->vmcb->np_enable = SVM_NP_ENABLE;
    sv->vmcb->n_cr3 = n_cr3;
    vmcb_init_guest(sv->vmcb, rip);
    return 0;
}

void svm_vcpu_destroy(struct svm_vcpu *sv)
{
    fpu_vcpu_destroy(sv);
    if ( sv->msrpm )
        BUG_ON(free_pages(sv->msrpm, SVM_MSRPM_ORDER));
    if ( sv->iopm )
        BUG_ON(free_pages(sv->iopm, SVM_IOPM_ORDER));
    if ( sv->vmcb )
        BUG_ON(free_pages((uintptr_t)sv->vmcb, 0));
    memset(sv, 0, sizeof(*sv));
}

static void vmload(paddr_t pa)
{
    asm volatile("vmload %%rax" : : "a"(pa) : "memory");
}

static void vmsave(paddr_t pa)
{
    asm volatile("vmsave %%rax" : : "a"(pa) : "memory");
}

/*
 * VMRUN does not switch FS, GS, TR, LDTR (with their hidden parts) or the
 * syscall MSRs: VMLOAD/VMSAVE do, the guest's from and to its VMCB, the
 * host's (FS holds its stack-protector canary base) from and to its own
 * save area.  The host's come back first thing after #VMEXIT: until then
 * TR is the guest's (an IST lookup would read the guest's TSS) and FS
 * too (a canary check would read the guest's memory).
 */
uint64_t svm_vcpu_run(struct svm_vcpu *sv)
{
    paddr_t vmcb_pa = (uintptr_t)sv->vmcb;
    unsigned int cpu = smp_processor_id();
    paddr_t host = host_state_pa[cpu];

    vmsave(host);
    vmload(vmcb_pa);
    svm_vmrun(vmcb_pa, &sv->gprs);
    vmsave(vmcb_pa);
    vmload(host);
    host_state_check(cpu);
    sv->vmcb->tlb_control = 0;
    return sv->vmcb->exitcode;
}
