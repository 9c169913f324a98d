/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one kind of instruction the hypervisor emulates after a nested page
 * fault: a 32-bit MOV between a register (or an immediate) and memory, as
 * a guest uses on an MMIO register (the xAPIC page).  No decode assists
 * under QEMU's SVM, so the bytes are fetched through the guest's own page
 * tables (AMD APM vol. 2, 5.3 and 5.4) and decoded by insn-decode.c.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-emulate.h>
#include <asm/npt.h>
#include <asm/x86-defs.h>

#define PTE_P (1ULL << 0)
#define PTE_PS (1ULL << 7)
#define PTE_ADDR 0x000ffffffffff000ULL
#define X86_CR4_PSE (1U << 4)
#define X86_CR4_LA57 (1U << 12)
#define EFER_LMA (1ULL << 10)
#define SEG_ATTR_L (1U << 9) /* packed attributes: 64-bit code */
#define SEG_ATTR_DB (1U << 10)
#define MAX_INSN 15

/* Read a guest page-table entry of @size bytes at guest physical @gpa. */
static int read_gpa(struct domain *d, paddr_t gpa, void *buf,
                    unsigned int size)
{
    paddr_t pa;

    if ( npt_translate(&d->arch.npt, gpa, &pa) )
        return -EFAULT;
    memcpy(buf, (const void *)(uintptr_t)pa, size);
    return 0;
}

/*
 * One walk: @levels levels of @bits index bits each above the 4 KiB page,
 * entries of @esize bytes; a PS entry at level 2 or 3 ends it early
 * (where @ps_ok says large pages exist).
 */
static int walk(struct domain *d, uint64_t table, uint64_t la,
                unsigned int levels, unsigned int bits, unsigned int esize,
                bool ps_ok, paddr_t *gpa)
{
    unsigned int lvl;

    for ( lvl = levels; lvl > 0; lvl-- )
    {
        unsigned int shift = 12 + bits * (lvl - 1);
        uint64_t idx = (la >> shift) & ((1ULL << bits) - 1), e = 0;

        if ( read_gpa(d, (table & PTE_ADDR) + idx * esize, &e, esize) )
            return -EFAULT;
        if ( !(e & PTE_P) )
            return -ENOENT;
        if ( lvl > 1 && lvl <= 3 && ps_ok && (e & PTE_PS) )
        {
            /* 4 MiB pages of 32-bit paging: address bits 31:22 only. */
            uint64_t mask = (1ULL << shift) - 1;
            uint64_t base = esize == 4 ? (e & 0xffc00000ULL) : (e & PTE_ADDR);

            *gpa = (base & ~mask) | (la & mask);
            return 0;
        }
        table = e;
    }
    *gpa = (table & PTE_ADDR) | (la & 0xfff);
    return 0;
}

int hvm_linear_to_gpa(struct vcpu *v, uint64_t la, paddr_t *gpa)
{
    const struct vmcb *vmcb = v->arch.svm.vmcb;
    struct domain *d = v->domain;
    uint64_t pdpte = 0;

    if ( !(vmcb->cr0 & X86_CR0_PG) )
    {
        *gpa = (uint32_t)la;
        return 0;
    }
    if ( vmcb->efer & EFER_LMA )
        return walk(d, vmcb->cr3, la, vmcb->cr4 & X86_CR4_LA57 ? 5 : 4, 9, 8,
                    true, gpa);
    if ( !(vmcb->cr4 & X86_CR4_PAE) )
        return walk(d, vmcb->cr3, (uint32_t)la, 2, 10, 4,
                    vmcb->cr4 & X86_CR4_PSE, gpa);
    /* PAE: four PDPTEs at CR3 bits 31:5, then two levels of 9 bits. */
    if ( read_gpa(d, (vmcb->cr3 & 0xffffffe0ULL) + ((la >> 30) & 3) * 8,
                  &pdpte, 8) )
        return -EFAULT;
    if ( !(pdpte & PTE_P) )
        return -ENOENT;
    return walk(d, pdpte, (uint32_t)la, 2, 9, 8, true, gpa);
}

/* Up to MAX_INSN bytes at CS:RIP, page by page; how many could be read. */
static unsigned int fetch(struct vcpu *v, uint8_t *buf)
{
    const struct vmcb *vmcb = v->arch.svm.vmcb;
    bool lm = vmcb->cs.attr & SEG_ATTR_L && (vmcb->efer & EFER_LMA);
    uint64_t la = lm ? vmcb->rip : vmcb->cs.base + (uint32_t)vmcb->rip;
    unsigned int got = 0;

    while ( got < MAX_INSN )
    {
        unsigned int n = MIN(MAX_INSN - got, 0x1000 - (la & 0xfff));
        paddr_t gpa;

        if ( hvm_linear_to_gpa(v, la, &gpa) ||
             read_gpa(v->domain, gpa, buf + got, n) )
            break;
        got += n;
        la += n;
    }
    return got;
}

int hvm_fetch_mov(struct vcpu *v, struct hvm_mmio_insn *mi)
{
    const struct vmcb *vmcb = v->arch.svm.vmcb;
    uint8_t buf[MAX_INSN];
    unsigned int got = fetch(v, buf);
    bool lm = (vmcb->cs.attr & SEG_ATTR_L) && (vmcb->efer & EFER_LMA);

    /* 16-bit code is not decoded: its ModRM forms differ. */
    if ( !lm && !(vmcb->cs.attr & SEG_ATTR_DB) )
        return -EOPNOTSUPP;
    if ( !got )
        return -EFAULT;
    return hvm_decode_mov(buf, got, !lm, mi);
}

/* General register @reg (0-15 in ModRM order) of @v. */
static uint64_t *gpr(struct vcpu *v, unsigned int reg)
{
    struct svm_gprs *g = &v->arch.svm.gprs;
    uint64_t *const regs[16] = {
        &v->arch.svm.vmcb->rax,
        &g->rcx,
        &g->rdx,
        &g->rbx,
        &v->arch.svm.vmcb->rsp,
        &g->rbp,
        &g->rsi,
        &g->rdi,
        &g->r8,
        &g->r9,
        &g->r10,
        &g->r11,
        &g->r12,
        &g->r13,
        &g->r14,
        &g->r15,
    };

    return regs[reg & 15];
}

uint32_t hvm_mmio_source(struct vcpu *v, const struct hvm_mmio_insn *mi)
{
    return mi->reg == HVM_MMIO_IMM ? mi->imm : (uint32_t)*gpr(v, mi->reg);
}

/* A 32-bit destination register is zero-extended, as the CPU does. */
void hvm_mmio_complete(struct vcpu *v, const struct hvm_mmio_insn *mi,
                       uint32_t val)
{
    if ( !mi->write )
        *gpr(v, mi->reg) = val;
    v->arch.svm.vmcb->rip += mi->len;
}
