/* SPDX-License-Identifier: GPL-2.0-only */
/* The guest state of a vCPU a domain crash leaves behind, for its log. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/svm.h>

static void dump_seg(const char *name, const struct vmcb_seg *s)
{
    printk("  %-4s sel %04x attr %03x limit %08x base %016llx\n", name, s->sel,
           s->attr, s->limit, (unsigned long long)s->base);
}

void svm_dump_guest(const struct vcpu *v)
{
    const struct svm_vcpu *sv = &v->arch.svm;
    const struct vmcb *vmcb = sv->vmcb;
    const struct svm_gprs *g = &sv->gprs;

    printk("d%uv%u state: rip %016llx rsp %016llx rflags %08llx cpl %u\n",
           v->domain->domid, v->vcpu_id, (unsigned long long)vmcb->rip,
           (unsigned long long)vmcb->rsp, (unsigned long long)vmcb->rflags,
           vmcb->cpl);
    printk("  cr0 %08llx cr2 %016llx cr3 %016llx cr4 %08llx efer %llx\n",
           (unsigned long long)vmcb->cr0, (unsigned long long)vmcb->cr2,
           (unsigned long long)vmcb->cr3, (unsigned long long)vmcb->cr4,
           (unsigned long long)vmcb->efer);
    printk("  exit %llx info1 %llx info2 %llx intinfo %llx eventinj %llx\n",
           (unsigned long long)vmcb->exitcode,
           (unsigned long long)vmcb->exitinfo1,
           (unsigned long long)vmcb->exitinfo2,
           (unsigned long long)vmcb->exitintinfo,
           (unsigned long long)vmcb->eventinj);
    dump_seg("cs", &vmcb->cs);
    dump_seg("ss", &vmcb->ss);
    dump_seg("gs", &vmcb->gs);
    dump_seg("idtr", &vmcb->idtr);
    dump_seg("gdtr", &vmcb->gdtr);
    dump_seg("tr", &vmcb->tr);
    printk("  kernel_gs_base %016llx\n",
           (unsigned long long)vmcb->kernel_gs_base);
    printk("  rax %016llx rbx %016llx rcx %016llx rdx %016llx\n",
           (unsigned long long)vmcb->rax, (unsigned long long)g->rbx,
           (unsigned long long)g->rcx, (unsigned long long)g->rdx);
    printk("  rsi %016llx rdi %016llx rbp %016llx r8  %016llx\n",
           (unsigned long long)g->rsi, (unsigned long long)g->rdi,
           (unsigned long long)g->rbp, (unsigned long long)g->r8);
    printk("  r9  %016llx r10 %016llx r11 %016llx r12 %016llx\n",
           (unsigned long long)g->r9, (unsigned long long)g->r10,
           (unsigned long long)g->r11, (unsigned long long)g->r12);
    printk("  r13 %016llx r14 %016llx r15 %016llx\n",
           (unsigned long long)g->r13, (unsigned long long)g->r14,
           (unsigned long long)g->r15);
}
