/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD SVM: the VMCB layout, intercepts, exit codes and the VMRUN stub. */
#ifndef ASM_X86_SVM_H
#define ASM_X86_SVM_H

/* Guest GPR save area of svm_vmrun(), for hvm/svm/entry.S. */
#define SVM_GPR_RBX 0
#define SVM_GPR_RCX 8
#define SVM_GPR_RDX 16
#define SVM_GPR_RSI 24
#define SVM_GPR_RDI 32
#define SVM_GPR_RBP 40
#define SVM_GPR_R8 48 /* r8..r15 follow, 8 bytes apart */

#ifndef __ASSEMBLY__

#include <xen/types.h>
#include <asm/smp.h>

#define MSR_VM_CR 0xc0010114
#define MSR_VM_HSAVE_PA 0xc0010117
#define VM_CR_SVMDIS (1U << 4)
#define EFER_SVME (1U << 12)

/* VMCB intercept vector 3 (offset 0x0c) and 4 (offset 0x10). */
#define SVM_INTERCEPT_INTR (1U << 0)
#define SVM_INTERCEPT_VINTR (1U << 4)
#define SVM_INTERCEPT_CPUID (1U << 18)
#define SVM_INTERCEPT_HLT (1U << 24)
#define SVM_INTERCEPT_IOIO (1U << 27)
#define SVM_INTERCEPT_MSR (1U << 28)
#define SVM_INTERCEPT_SHUTDOWN (1U << 31)
#define SVM_INTERCEPT_INVD (1U << 22)
#define SVM_INTERCEPT_INVLPGA (1U << 26)
#define SVM_INTERCEPT_VMRUN (1U << 0)
#define SVM_INTERCEPT_VMMCALL (1U << 1)
/* VMLOAD, VMSAVE, STGI, CLGI, SKINIT: bits 2-6 of vector 4. */
#define SVM_INTERCEPT_SVM_INSNS (0x1fU << 2)
#define SVM_INTERCEPT_RDTSCP (1U << 7)
#define SVM_INTERCEPT_WBINVD (1U << 9)
#define SVM_INTERCEPT_MONITOR (1U << 10)
#define SVM_INTERCEPT_MWAIT (1U << 11)
#define SVM_INTERCEPT_MWAIT_COND (1U << 12)
#define SVM_INTERCEPT_XSETBV (1U << 13)

/* EVENTINJ and EXITINTINFO: vector, type, error code valid, valid. */
#define SVM_EVTINJ_TYPE_SHIFT 8
#define SVM_EVTINJ_INTR 0 /* types, bits 10:8 */
#define SVM_EVTINJ_EXC 3
#define SVM_EVTINJ_SOFT_INT 4 /* INTn */
#define SVM_EVTINJ_TYPE_EXC (SVM_EVTINJ_EXC << SVM_EVTINJ_TYPE_SHIFT)
#define SVM_EVTINJ_EV (1U << 11)
#define SVM_EVTINJ_VALID (1U << 31)

/* V_INTR (offset 0x60): a virtual interrupt request and its priority. */
#define SVM_V_IRQ (1ULL << 8)
#define SVM_V_INTR_PRIO_MAX (0xfULL << 16)
#define SVM_V_IGN_TPR (1ULL << 20)
#define SVM_V_INTR_MASKING (1ULL << 24)
#define SVM_NP_ENABLE (1ULL << 0)
#define SVM_TLB_FLUSH_ALL 1

/* Exit codes. */
#define SVM_EXIT_INTR 0x60
#define SVM_EXIT_VINTR 0x64
#define SVM_EXIT_CPUID 0x72
#define SVM_EXIT_HLT 0x78
#define SVM_EXIT_IOIO 0x7b
#define SVM_EXIT_MSR 0x7c
#define SVM_EXIT_INVD 0x76
#define SVM_EXIT_INVLPGA 0x7a
#define SVM_EXIT_SHUTDOWN 0x7f
#define SVM_EXIT_VMRUN 0x80
#define SVM_EXIT_VMMCALL 0x81
#define SVM_EXIT_VMLOAD 0x82
#define SVM_EXIT_VMSAVE 0x83
#define SVM_EXIT_STGI 0x84
#define SVM_EXIT_CLGI 0x85
#define SVM_EXIT_SKINIT 0x86
#define SVM_EXIT_RDTSCP 0x87
#define SVM_EXIT_WBINVD 0x89
#define SVM_EXIT_MONITOR 0x8a
#define SVM_EXIT_MWAIT 0x8b
#define SVM_EXIT_MWAIT_COND 0x8c
#define SVM_EXIT_XSETBV 0x8d
#define SVM_EXIT_NPF 0x400
#define SVM_EXIT_INVALID (~0ULL)

/* IOIO EXITINFO1: direction, operand size, string/rep, port. */
#define SVM_IOIO_IN (1U << 0)
#define SVM_IOIO_STR (1U << 2)
#define SVM_IOIO_REP (1U << 3)
#define SVM_IOIO_SZ8 (1U << 4)
#define SVM_IOIO_SZ16 (1U << 5)
#define SVM_IOIO_SZ32 (1U << 6)
#define SVM_IOIO_PORT_SHIFT 16

#define SVM_IOPM_ORDER 2  /* 12 KiB permission map, in 16 KiB */
#define SVM_MSRPM_ORDER 1 /* 8 KiB */

/* A segment in the save area: attributes in the packed 12-bit form. */
struct vmcb_seg {
    uint16_t sel, attr;
    uint32_t limit;
    uint64_t base;
};

/* The VMCB: control area at 0, save area at 0x400 (AMD APM vol. 2, B). */
struct vmcb {
    uint32_t cr_intercepts, dr_intercepts, exc_intercepts; /* 0x000 */
    uint32_t intercepts3, intercepts4;                     /* 0x00c */
    uint8_t res014[0x40 - 0x14];
    uint64_t iopm_pa, msrpm_pa, tsc_offset; /* 0x040 */
    uint32_t asid;                          /* 0x058 */
    uint8_t tlb_control, res05d[3];
    uint64_t vintr, int_shadow;                           /* 0x060 */
    uint64_t exitcode, exitinfo1, exitinfo2, exitintinfo; /* 0x070 */
    uint64_t np_enable;                                   /* 0x090 */
    uint8_t res098[0xa8 - 0x98];
    uint64_t eventinj, n_cr3; /* 0x0a8 */
    uint8_t res0b8[0x400 - 0xb8];
    struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr; /* 0x400 */
    uint8_t res4a0[0x4cb - 0x4a0];
    uint8_t cpl; /* 0x4cb */
    uint32_t res4cc;
    uint64_t efer; /* 0x4d0 */
    uint8_t res4d8[0x548 - 0x4d8];
    uint64_t cr4, cr3, cr0, dr7, dr6, rflags, rip; /* 0x548 */
    uint8_t res580[0x5d8 - 0x580];
    uint64_t rsp; /* 0x5d8 */
    uint8_t res5e0[0x5f8 - 0x5e0];
    uint64_t rax;                                        /* 0x5f8 */
    uint64_t star, lstar, cstar, sfmask, kernel_gs_base; /* 0x600 */
    uint64_t sysenter_cs, sysenter_esp, sysenter_eip;    /* 0x628 */
    uint64_t cr2;                                        /* 0x640 */
    uint8_t res648[0x668 - 0x648];
    uint64_t g_pat; /* 0x668 */
    uint8_t res670[0x1000 - 0x670];
};

/* Guest GPRs the VMCB does not hold (RAX, RSP and RIP are in it). */
struct svm_gprs {
    uint64_t rbx, rcx, rdx, rsi, rdi, rbp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

/* One vCPU's SVM state: the VMCB and its permission maps. */
struct svm_vcpu {
    struct vmcb *vmcb; /* 1:1, so also its physical address */
    paddr_t iopm, msrpm;
    struct svm_gprs gprs;
    uint32_t tsc_aux; /* what RDTSCP returns in ECX */
    uint8_t *fpu;     /* XSAVE (or FXSAVE) area, one page */
    uint64_t xcr0;    /* the guest's XCR0 */
    uint64_t dr[4];   /* DR0-DR3 (DR6 and DR7 are in the VMCB) */
};

/*
 * Enable SVM on this CPU: check CPUID for SVM and nested paging and that
 * firmware left SVM on, set EFER.SVME and VM_HSAVE_PA.  Prints why when
 * it cannot.  Returns 0, -ENODEV (no SVM or no NPT, or disabled) or
 * -ENOMEM.  Idempotent.
 */
int svm_enable(void);

/* ASIDs the CPU supports, ASID 0 (the host) included; once enabled. */
uint32_t svm_nr_asids(void);

/*
 * Allocate a VMCB intercepting physical interrupts, every SVM instruction
 * (VMRUN, VMMCALL, VMLOAD, VMSAVE, STGI, CLGI, SKINIT, INVLPGA), HLT,
 * CPUID, SHUTDOWN, all I/O ports and all MSRs, with ASID @asid and nested paging rooted at
 * @n_cr3, and the guest in flat 32-bit protected mode (the PVH entry
 * state) at @rip.  Returns 0 or -ENOMEM; svm_vcpu_destroy() undoes it and
 * accepts a half-built @sv.
 */
int svm_vcpu_init(struct svm_vcpu *sv, uint32_t asid, paddr_t n_cr3,
                  uint64_t rip);
void svm_vcpu_destroy(struct svm_vcpu *sv);

struct vcpu;
/* Print @v's guest registers and last exit (for a domain crash). */
void svm_dump_guest(const struct vcpu *v);

/*
 * Switch the guest state of a VMCB fresh from svm_vcpu_init() to the
 * Linux/x86 64-bit boot protocol's entry: long mode, paging with the
 * guest's tables at @cr3, the guest's GDT at @gdt_base (@gdt_limit) with
 * CS = 0x10 (flat 64-bit code) and DS = ES = SS = FS = GS = 0x18 (flat
 * data), interrupts off, at @rip.
 */
void svm_vcpu_long_mode(struct svm_vcpu *sv, uint64_t rip, uint64_t cr3,
                        uint64_t gdt_base, uint16_t gdt_limit);

/*
 * Put @sv in the state a SIPI with @vector leaves a CPU in: real mode,
 * CS = @vector << 8 (base @vector << 12), IP = 0, CR0 = ET, its other
 * registers cleared.  @sv must be on no host CPU.
 */
void svm_vcpu_real_mode(struct svm_vcpu *sv, uint8_t vector);

/*
 * Make the next VMRUN deliver exception @vector (with @error when
 * @has_error) to the guest, RIP left at the faulting instruction.
 */
void svm_inject_exception(struct svm_vcpu *sv, unsigned int vector,
                          bool has_error, uint32_t error);

/*
 * Run the guest until the next #VMEXIT; returns the exit code.  The host's
 * CR0, CR4 and EFER are as before whatever the guest left in its VMCB.
 */
uint64_t svm_vcpu_run(struct svm_vcpu *sv);

/* hvm/svm/entry.S: VMRUN @vmcb_pa with the guest GPRs in @gprs. */
void svm_vmrun(paddr_t vmcb_pa, struct svm_gprs *gprs);

/*
 * hvm/svm/fpu.c.  fpu_init_cpu(), on each CPU from svm_enable(): turn on
 * XSAVE when there is one (0, or -EOPNOTSUPP when its area would not fit
 * a page).  fpu_vcpu_init() gives a vCPU its own reset FPU state (0 or
 * -ENOMEM; fpu_vcpu_destroy() accepts a half-built @sv).  fpu_load() and
 * fpu_save() bracket a vCPU's run on a host CPU: between them its FPU,
 * SSE, AVX, XCR0 and DR0-DR3 are in the CPU.  fpu_xcr0_mask() is what
 * guests may enable in XCR0 (0: no XSAVE offered) and fpu_xstate_size()
 * the XSAVE area size for @xcr0.  fpu_guest_xcr0() is the XCR0 of @sv,
 * which must be the vCPU running on this CPU (in its exit handler).
 * svm_xsetbv() emulates XSETBV of @v: 0, or -EPERM for a #GP.
 */
int fpu_init_cpu(void);
/* A guest write of TSC_AUX, @sv running on this CPU (its MSR is live). */
void fpu_set_tsc_aux(struct svm_vcpu *sv, uint32_t val);
int fpu_vcpu_init(struct svm_vcpu *sv);
void fpu_vcpu_destroy(struct svm_vcpu *sv);
void fpu_load(struct svm_vcpu *sv);
void fpu_save(struct svm_vcpu *sv);
uint64_t fpu_xcr0_mask(void);
uint64_t fpu_guest_xcr0(const struct svm_vcpu *sv);
uint32_t fpu_xstate_size(uint64_t xcr0);
struct vcpu;
int svm_xsetbv(struct vcpu *v, uint32_t xcr, uint64_t val);

/* Boot self-test: run a built-in guest to "svm ok".  0, or -errno. */
int svm_selftest(void);

#endif /* __ASSEMBLY__ */

#endif /* ASM_X86_SVM_H */
