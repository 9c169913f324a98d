/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 PVH domains and vCPUs: built from the Hyperlaunch DT, run under SVM. */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/bootinfo.h>
#include <xen/types.h>
#include <asm/npt.h>
#include <asm/svm.h>

/*
 * Guest physical map of a PVH domain (docs/designs/x86.md): RAM from 0 to
 * its size, the legacy 640 KiB - 1 MiB hole reserved in the e820 map but
 * backed; nothing else is mapped.
 */
#define PVH_LOW_RAM_END 0xa0000ULL
#define PVH_HIGH_RAM_START 0x100000ULL
#define PVH_MIN_RAM (2ULL << 20)
#define PVH_MAX_RAM (3ULL << 30) /* below the 32-bit MMIO hole */

/* Emulated devices: 16550 console and the Hyperlaunch power-off port. */
#define VUART_PORT 0x3f8
#define HL_POWER_OFF_PORT 0x501
#define VUART_LINE_MAX 256

enum domain_state {
    DOMAIN_EMPTY,
    DOMAIN_BUILT,
    DOMAIN_RUNNING,
    DOMAIN_OFF,
    DOMAIN_CRASHED,
};

/* The 16550 registers a guest can read back. */
struct vuart {
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    unsigned int len;
    char line[VUART_LINE_MAX]; /* output not yet printed */
};

/* x86 state of a domain (the common struct domain will embed it). */
struct arch_domain {
    struct npt npt;
    uint64_t ram_size; /* at GPA 0 */
    paddr_t kernel_start, kernel_end, entry;
    paddr_t ramdisk_gpa, start_info_gpa, info_end;
    struct vuart vuart;
};

/* x86 state of a vCPU. */
struct arch_vcpu {
    struct svm_vcpu svm;
    uint32_t asid;
    bool asid_shared; /* another domain has the same ASID: flush on entry */
};

/*
 * Until the common scheduler's struct domain / struct vcpu exist, this is
 * the x86 stand-in with the same shape: common fields, then arch state.
 * Only vCPU0 runs (SMP domains are not supported yet).
 */
struct vcpu {
    struct domain *domain;
    unsigned int vcpu_id;
    struct arch_vcpu arch;
};

struct domain {
    domid_t domid;
    enum domain_state state;
    const struct boot_domain *bd;
    struct vcpu vcpu0;
    struct arch_domain arch;
};

/*
 * Build @d from @bd (which passed parse and check): NPT-backed RAM from
 * GPA 0, cleared; the kernel ELF loaded; ramdisk, hvm_start_info, command
 * line, module list and e820 map placed per the PVH ABI; vCPU0's VMCB in
 * the PVH start state with ASID @asid.  Prints where everything went.
 * Returns 0 or -errno after one ERROR line naming the domain; a half-built
 * @d is left for arch_domain_destroy().
 */
int arch_domain_build(struct domain *d, const struct boot_domain *bd,
                      uint32_t asid);

/* Free all @d holds; accepts a half-built or never-built domain. */
void arch_domain_destroy(struct domain *d);

/*
 * Run @v on this CPU until its time slice ends, it yields (HLT) or its
 * domain stops (power off or crash).  SVM enabled, the slice timer armed
 * by the caller.  Returns with the domain RUNNING (switched out), OFF or
 * CRASHED; guest console output of a stopped domain is flushed.
 */
void arch_vcpu_run(struct vcpu *v);

/* End @d for good: one "d<N>: <what>; domain crashed" line, CRASHED. */
void domain_crash(struct domain *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Copy @len bytes from @src to guest physical @gpa of @d (or clear them
 * when @src is NULL) through its NPT.  Returns 0, or -EFAULT when part of
 * the range is not guest RAM.
 */
int domain_copy_to_guest(struct domain *d, paddr_t gpa, const void *src,
                         uint64_t len);

/*
 * Load the ELF image of @bd's kernel into @d's RAM: PT_LOAD segments at
 * their physical addresses, bounds-checked against the RAM; the entry from
 * the XEN_ELFNOTE_PHYS32_ENTRY note, else e_entry of a 32-bit ELF.  Sets
 * kernel_start/end and entry.  Returns 0 or -errno after an ERROR line.
 */
int pvh_elf_load(struct domain *d, const struct boot_module *k);

/*
 * Handle the #VMEXIT just taken by @v: emulate, or crash its domain (never
 * panics on guest action).  Returns true when @v should give up the CPU
 * (HLT, slice over).
 */
bool svm_vmexit(struct vcpu *v);

/*
 * An I/O port access of @v (@size bytes, @in for a read with the result
 * in *@val).  Returns 0, or -EOPNOTSUPP when no device owns the port.
 */
int hvm_portio(struct vcpu *v, unsigned int port, unsigned int size, bool in,
               uint32_t *val);

/* Print what the domain's 16550 holds yet (the domain stopped). */
void vuart_flush(struct domain *d);

/* A byte access to 16550 register @reg (0-7) of @d. */
void vuart_access(struct domain *d, unsigned int reg, bool in, uint32_t *val);

/* Emulate the CPUID in @v's registers; the caller advances RIP. */
void svm_cpuid(struct vcpu *v);

/*
 * Emulate the RDMSR/WRMSR of @v (EXITINFO1 bit 0: write).  Returns 0, or
 * -EPERM after crashing the domain for an MSR outside the policy.
 */
int svm_msr(struct vcpu *v);

/*
 * Build every domain of @bi (a plan that passed parse and check).  Nothing
 * runs yet.  Returns 0, or -errno after the failing domain was reported,
 * every domain freed and "no domain was started" printed.
 */
int domains_build(const struct boot_info *bi);

/*
 * Run the built domains round-robin on this CPU, time-sliced by the local
 * APIC timer; a domain leaves when it powers off or crashes.  Then prints
 * "all domains have stopped".
 */
void domains_run(void);

#endif /* ASM_X86_DOMAIN_H */
