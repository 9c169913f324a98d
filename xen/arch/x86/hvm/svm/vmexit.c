/* SPDX-License-Identifier: GPL-2.0-only */
/* SVM #VMEXIT handling: I/O, CPUID, MSRs, HLT, faults; else crash the domain. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/hvm-io.h>
#include <asm/vlapic.h>
#include <asm/x86-defs.h>

#define X86_EFLAGS_IF (1U << 9)
#define XEN_ENOSYS 38

/* Instruction lengths: no next-RIP save under TCG, so we know them. */
#define LEN_CPUID 2
#define LEN_MSR 2
#define LEN_HLT 1
#define LEN_VMMCALL 3
#define LEN_INVD 2   /* 0f 08; WBINVD 0f 09 too */
#define LEN_RDTSCP 3 /* 0f 01 f9 */
#define LEN_XSETBV 3 /* 0f 01 d1 */

/* NPF EXITINFO1 bits (a #PF error code). */
#define NPF_WRITE (1U << 1)
#define NPF_FETCH (1U << 4)
#define NPF_WALK (1ULL << 33) /* on a guest page-table access (APM 15.25.6) */

static unsigned int ioio_size(uint64_t info)
{
    if ( info & SVM_IOIO_SZ32 )
        return 4;
    return info & SVM_IOIO_SZ16 ? 2 : 1;
}

static void ioio_exit(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    uint64_t info = vmcb->exitinfo1;
    unsigned int port = (unsigned int)(info >> SVM_IOIO_PORT_SHIFT) & 0xffff;
    unsigned int size = ioio_size(info);
    bool in = info & SVM_IOIO_IN;
    uint32_t mask = size == 4 ? ~0U : (1U << (8 * size)) - 1;
    uint32_t val = (uint32_t)vmcb->rax & mask;

    if ( info & (SVM_IOIO_STR | SVM_IOIO_REP) )
    {
        domain_crash(v->domain, "string I/O on port %#x at rip %#llx", port,
                     (unsigned long long)vmcb->rip);
        return;
    }
    hvm_portio(v, port, size, in, &val);
    if ( in && size == 4 )
        vmcb->rax = val; /* a 32-bit result clears bits 63:32 */
    else if ( in )
        vmcb->rax = (vmcb->rax & ~(uint64_t)mask) | (val & mask);
    vmcb->rip = vmcb->exitinfo2; /* IOIO always gives the next RIP */
}

/*
 * HLT with interrupts enabled: the vCPU blocks (gives the CPU away) until
 * an interrupt for it or its timer (arch_vcpu_wakeup_pending()), unless
 * one is there already.  Returns true when it blocked.
 */
static bool hlt_exit(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;

    bool woken = vlapic_hlt_woken(v, vmcb->rip);

    vmcb->rip += LEN_HLT;
    vmcb->int_shadow = 0; /* the STI before it has had its instruction */
    if ( vmcb->rflags & X86_EFLAGS_IF )
    {
        if ( woken || vlapic_wakeup_pending(v) )
            return false;
        v->blocked = true;
        return true;
    }
    /* No interrupt can ever wake it: a power-off, not a crash. */
    printk("d%u: halted with interrupts disabled at rip %#llx\n",
           v->domain->domid, (unsigned long long)(vmcb->rip - LEN_HLT));
    domain_shutdown(v->domain);
    return true;
}

static void npf_exit(struct vcpu *v)
{
    const struct vmcb *vmcb = v->arch.svm.vmcb;
    uint64_t code = vmcb->exitinfo1;
    int rc = -ENOENT;

    /* Only a data access is emulated: not a fetch, not a table walk. */
    if ( !(code & (NPF_FETCH | NPF_WALK)) )
    {
        rc = vlapic_mmio(v, vmcb->exitinfo2);
        if ( rc == -ENOENT )
            rc = vioapic_mmio(v, vmcb->exitinfo2);
    }
    if ( !rc )
        return;
    if ( rc == -EOPNOTSUPP || rc == -EINVAL )
    {
        domain_crash(v->domain, "%s access at %#llx %s (rip %#llx)",
                     (vmcb->exitinfo2 & ~0xfffULL) == VIOAPIC_BASE
                         ? "I/O APIC"
                         : "local APIC",
                     (unsigned long long)vmcb->exitinfo2,
                     rc == -EINVAL ? "not 4-byte aligned"
                                   : "by an instruction not emulated",
                     (unsigned long long)vmcb->rip);
        return;
    }
    domain_crash(v->domain,
                 "%s at guest physical %#llx outside its RAM "
                 "(rip %#llx)",
                 code & NPF_FETCH   ? "instruction fetch"
                 : code & NPF_WRITE ? "write"
                                    : "read",
                 (unsigned long long)vmcb->exitinfo2,
                 (unsigned long long)vmcb->rip);
}

/*
 * A physical interrupt: the timer (the slice end or a guest timer, which
 * arch_vcpu_run() tells apart), or a kick: something for the scheduler
 * to look at, or an interrupt for this vCPU (vlapic_inject() sees it).
 */
static bool intr_exit(void)
{
    bool kicked = apic_irr_test(APIC_KICK_VECTOR);

    apic_take_pending_irq();
    return kicked;
}

static void rdtscp_exit(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    uint64_t tsc = svm_guest_tsc(v);

    vmcb->rax = (uint32_t)tsc;
    v->arch.svm.gprs.rdx = tsc >> 32;
    v->arch.svm.gprs.rcx = v->arch.svm.tsc_aux;
    vmcb->rip += LEN_RDTSCP;
}

static void xsetbv_exit(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    const struct svm_gprs *g = &v->arch.svm.gprs;
    uint64_t val = ((g->rdx & 0xffffffffULL) << 32) | (uint32_t)vmcb->rax;

    if ( svm_xsetbv(v, (uint32_t)g->rcx, val) )
        svm_inject_exception(&v->arch.svm, X86_EXC_GP, true, 0);
    else
        vmcb->rip += LEN_XSETBV;
}

/*
 * An event the guest was taking when the exit came (an interrupt, an
 * exception of its own or one we injected): deliver it again on the next
 * VMRUN.  Not INTn, INT3 or INTO: RIP is still at the instruction (there
 * is no next-RIP save to inject them with), so the guest runs it again.
 */
static void reinject_pending(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    uint64_t info = vmcb->exitintinfo;
    unsigned int type = (info >> SVM_EVTINJ_TYPE_SHIFT) & 7;
    unsigned int vector = info & 0xff;
    bool int3_into = type == SVM_EVTINJ_EXC && (vector == 3 || vector == 4);
    bool soft = type == SVM_EVTINJ_SOFT_INT || int3_into;

    /*
     * An interrupt (which QEMU reports as an exception of vector 32 or
     * more) goes back the way vlapic_inject() sends it.
     */
    if ( (info & SVM_EVTINJ_VALID) &&
         (type == SVM_EVTINJ_INTR ||
          (type == SVM_EVTINJ_EXC && vector >= 32)) )
    {
        vlapic_requeue(v, vector);
        info = 0;
    }
    if ( (info & SVM_EVTINJ_VALID) && !soft &&
         !(vmcb->eventinj & SVM_EVTINJ_VALID) )
        vmcb->eventinj = info;
    vmcb->exitintinfo = 0;
}

bool svm_vmexit(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.svm.vmcb;
    struct domain *d = v->domain;

    reinject_pending(v);
    switch ( vmcb->exitcode )
    {
    case SVM_EXIT_INTR:
        return intr_exit();
    case SVM_EXIT_IOIO:
        ioio_exit(v);
        break;
    case SVM_EXIT_CPUID:
        svm_cpuid(v);
        vmcb->rip += LEN_CPUID;
        break;
    case SVM_EXIT_MSR:
        if ( !svm_msr(v) )
            vmcb->rip += LEN_MSR;
        break;
    case SVM_EXIT_VINTR:
        vlapic_vintr_exit(v);
        break;
    case SVM_EXIT_HLT:
        return hlt_exit(v);
    case SVM_EXIT_VMMCALL:
        vmcb->rax = (uint64_t)-XEN_ENOSYS; /* no hypercalls yet */
        vmcb->rip += LEN_VMMCALL;
        break;
    case SVM_EXIT_NPF:
        npf_exit(v);
        break;
    case SVM_EXIT_INVD:   /* performed as WBINVD: no one's data is lost */
    case SVM_EXIT_WBINVD: /* the caches are shared: do it */
        asm volatile("wbinvd" ::: "memory");
        vmcb->rip += LEN_INVD;
        break;
    case SVM_EXIT_RDTSCP:
        rdtscp_exit(v);
        break;
    case SVM_EXIT_XSETBV:
        xsetbv_exit(v);
        break;
    /* CPUID shows none of these: #UD, as on such a CPU. */
    case SVM_EXIT_MONITOR:
    case SVM_EXIT_MWAIT:
    case SVM_EXIT_MWAIT_COND:
    case SVM_EXIT_VMRUN:
    case SVM_EXIT_VMLOAD:
    case SVM_EXIT_VMSAVE:
    case SVM_EXIT_STGI:
    case SVM_EXIT_CLGI:
    case SVM_EXIT_SKINIT:
    case SVM_EXIT_INVLPGA:
        svm_inject_exception(&v->arch.svm, X86_EXC_UD, false, 0);
        break;
    case SVM_EXIT_SHUTDOWN:
        svm_dump_guest(v);
        domain_crash(d, "triple fault (shutdown) at rip %#llx",
                     (unsigned long long)vmcb->rip);
        break;
    case SVM_EXIT_INVALID:
        domain_crash(d, "VMRUN refused the guest state (VMEXIT_INVALID)");
        break;
    default:
        domain_crash(d, "unhandled intercept %#llx at rip %#llx",
                     (unsigned long long)vmcb->exitcode,
                     (unsigned long long)vmcb->rip);
        break;
    }
    return false;
}
