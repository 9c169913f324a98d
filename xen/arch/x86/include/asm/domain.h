/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 state of PVH domains and vCPUs (run under SVM), and its helpers. */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/bootinfo.h>
#include <xen/types.h>
#include <xen/x86-guest-map.h>
#include <asm/hvm-io.h>
#include <asm/npt.h>
#include <asm/svm.h>
#include <asm/vlapic.h>

/*
 * Guest physical map of a PVH domain (docs/misc/x86/pvh-domains.md): RAM
 * as xen/x86-guest-map.h lays it out; the legacy 640 KiB - 1 MiB hole is
 * reserved in the e820 map but backed; nothing else is mapped.
 */
#define PVH_LOW_RAM_END 0xa0000ULL
#define PVH_HIGH_RAM_START 0x100000ULL

/* Emulated devices: 16550 console and the Hyperlaunch power-off port. */
#define VUART_PORT 0x3f8
#define HL_POWER_OFF_PORT 0x501

/* Length of a time slice. */
#define SLICE_US 10000

/* The 16550 registers a guest can read back, and its interrupt state. */
struct vuart {
    uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
    bool thre_pending; /* THR empty, not yet reported by IIR or cleared */
    bool irq_line;     /* what IRQ 4 was last set to */
};

struct boot_domain;
struct domain;
struct vcpu;

/*
 * How a domain's kernel is loaded and its vCPU0 entered: the PVH boot ABI
 * (pvh-build.c) or, for HVM domains, the Linux/x86 boot protocol
 * (hvm-build.c).  load() runs once the domain's RAM is backed and cleared
 * and its ACPI tables are in (rsdp_gpa set); it fills kernel_start/end,
 * entry, ramdisk_gpa and start_info_gpa/info_end (the protocol's boot
 * information block), and returns 0 or -errno after an ERROR line.
 * enter() puts vCPU0, its VMCB fresh from svm_vcpu_init(), in the
 * protocol's entry state.
 */
struct x86_boot_proto {
    const char *info_name; /* for the layout line: "start info" */
    int (*load)(struct domain *d, const struct boot_domain *bd);
    void (*enter)(struct vcpu *v);
};
extern const struct x86_boot_proto hvm_linux_boot;

/* x86 state of a domain, at the end of the common struct domain. */
struct arch_domain {
    struct npt npt;
    uint32_t asid;
    uint64_t ram_size; /* in all */
    uint64_t low_ram;  /* at GPA 0, at most PVH_HOLE_START */
    uint64_t high_ram; /* the rest, at GPA PVH_HOLE_END */
    const struct x86_boot_proto *boot;
    paddr_t kernel_start, kernel_end, entry;
    paddr_t ramdisk_gpa, start_info_gpa, info_end;
    struct vuart vuart;
    struct hvm_io_state io; /* PIC, PIT, RTC, ACPI PM (hvm-io.h) */
    paddr_t rsdp_gpa;
    unsigned int msr_logged; /* MSR faults logged so far */
    uint8_t *ports_seen;     /* absent I/O ports logged: a bit per port */
    const struct vlapic_ext_int *ext_int; /* the 8259, when it has one */
    unsigned int ipi_logged;              /* dropped IPIs logged so far */
};

/* x86 state of a vCPU: its VMCB, permission maps and GPRs. */
struct arch_vcpu {
    struct svm_vcpu svm;
    struct vlapic vlapic;
    int last_cpu; /* host CPU it last ran on, -1 before */
};

/*
 * Copy @len bytes from @src to guest physical @gpa of @d (or clear them
 * when @src is NULL) through its NPT.  Returns 0, or -EFAULT when part of
 * the range is not guest RAM.
 */
int domain_copy_to_guest(struct domain *d, paddr_t gpa, const void *src,
                         uint64_t len);

/* The e820 map of every domain: up to HVM_MEMMAP_MAX entries into @m. */
#define HVM_MEMMAP_MAX 4
struct hvm_memmap_table_entry;
unsigned int hvm_memmap(const struct domain *d,
                        struct hvm_memmap_table_entry *m);

/*
 * Load the ELF image @k into @d's RAM: PT_LOAD segments at their physical
 * addresses, bounds-checked against the RAM; the entry from the
 * XEN_ELFNOTE_PHYS32_ENTRY note, else e_entry of a 32-bit ELF.  Sets
 * kernel_start/end and entry.  Returns 0 or -errno after an ERROR line.
 */
int pvh_elf_load(struct domain *d, const struct boot_module *k);

/*
 * Handle the #VMEXIT just taken by @v: emulate, or crash its domain (never
 * panics on guest action).  Returns true when @v should give up the CPU
 * (HLT, slice over).
 */
bool svm_vmexit(struct vcpu *v);

/* Size (an order of pages) of arch_domain.ports_seen: a bit per port. */
#define PORTS_SEEN_ORDER 1

/*
 * An I/O port access of @v (@size bytes, @in for a read with the result
 * in *@val).  A port no device owns reads as all ones and ignores writes,
 * as on a PC.  Returns 0.
 */
int hvm_portio(struct vcpu *v, unsigned int port, unsigned int size, bool in,
               uint32_t *val);

/* @v's time stamp counter: the host's plus its TSC offset. */
uint64_t svm_guest_tsc(const struct vcpu *v);

/* Emulate the CPUID in @v's registers; the caller advances RIP. */
void svm_cpuid(struct vcpu *v);

/*
 * Emulate the RDMSR/WRMSR of @v (EXITINFO1 bit 0: write).  Returns 0, or
 * -EPERM after injecting #GP for an MSR outside the policy or a value it
 * refuses (RIP then stays at the instruction).
 */
int svm_msr(struct vcpu *v);

#endif /* ASM_X86_DOMAIN_H */
