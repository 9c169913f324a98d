/* SPDX-License-Identifier: GPL-2.0-only */
/* PVH test guests: the small runtime every guest links (console, exit). */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The console: a 16550 at the legacy COM1 ports. */
#define COM1_PORT 0x3f8
/* Hyperlaunch power-off port (docs/misc/x86/pvh-guest.md): ends the domain. */
#define HL_POWER_OFF_PORT 0x501

/* struct hvm_start_info (the PVH boot ABI, version 1), as the guest sees it. */
#define HVM_START_MAGIC 0x336ec578U
struct hvm_start_info {
    uint32_t magic, version, flags, nr_modules;
    uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr, memmap_paddr;
    uint32_t memmap_entries, reserved;
};
struct hvm_modlist_entry {
    uint64_t paddr, size, cmdline_paddr, reserved;
};
struct hvm_memmap_table_entry {
    uint64_t addr, size;
    uint32_t type, reserved;
};
#define E820_RAM 1
#define E820_RESERVED 2

/* Provided by each guest; @si is %ebx at entry. */
void guest_main(const struct hvm_start_info *si);

/* lib.c */
void con_putc(char c);
void con_puts(const char *s);
/* A received byte, or -1 when none waits. */
int con_getc(void);
void gprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_power_off(uint32_t status) __attribute__((noreturn));
void outb(uint8_t v, uint16_t port);
uint8_t inb(uint16_t port);
void outl(uint32_t v, uint16_t port);

/*
 * traps.S: a flat GDT (0x08 32-bit code, 0x10 data, 0x18 64-bit code) and an
 * IDT for the exceptions.  An exception resumes at trap_fixup when it is set
 * (clearing it) with trap_vector and trap_error recorded; else it is fatal.
 */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define TRAP_NONE 0xffffffffU
extern volatile uint32_t trap_fixup, trap_vector, trap_error;
void traps_install(void);
/* lib.c: an exception no probe expected; reports it and powers off. */
void trap_fatal(uint32_t vector, uint32_t eip) __attribute__((noreturn));
/* lib.c: whether word @w occurs in @s. */
bool has_word(const char *s, const char *w);
/*
 * probe.c: RDMSR and WRMSR that record an exception instead of taking it:
 * they return trap_vector (TRAP_NONE when none); port I/O of @size 1, 2
 * or 4 bytes.
 */
uint32_t probe_rdmsr(uint32_t msr, uint64_t *val);
uint32_t probe_wrmsr(uint32_t msr, uint64_t val);
uint32_t port_in(uint16_t port, unsigned int size);
void port_out(uint16_t port, unsigned int size, uint32_t v);

/*
 * x2apic.c: MSR and TSC access, the local APIC in x2APIC mode, and the
 * interrupts taken so far per vector (guest_irq(), from traps.S, counts
 * them and signals the EOI, in x2APIC or xAPIC mode).
 */
#define X2APIC_ID 0x802U
#define X2APIC_TPR 0x808U
#define X2APIC_EOI 0x80bU
#define X2APIC_SVR 0x80fU
#define X2APIC_ESR 0x828U
#define X2APIC_ICR 0x830U
#define X2APIC_LVT_TIMER 0x832U
#define X2APIC_TMICT 0x838U
#define X2APIC_TMCCT 0x839U
#define X2APIC_TDCR 0x83eU
#define X2APIC_SELF_IPI 0x83fU
#define MSR_TSC_DEADLINE 0x6e0U
#define MSR_APIC_BASE 0x1bU
#define APIC_BASE_EXTD (1U << 10) /* x2APIC mode */
#define APIC_BASE_EN (1U << 11)
#define XAPIC_MMIO 0xfee00000U /* the xAPIC page */
#define LVT_MASKED (1U << 16)
#define LVT_PERIODIC (1U << 17)
#define LVT_TSC_DEADLINE (2U << 17)
extern volatile uint32_t irq_count[256];
/* The first IRQ_LOG_LEN vectors taken, in order. */
#define IRQ_LOG_LEN 16
extern volatile uint8_t irq_log[IRQ_LOG_LEN];
extern volatile uint32_t irq_log_len;
uint64_t rdmsr64(uint32_t msr);
void wrmsr64(uint32_t msr, uint64_t val);
uint64_t rdtsc64(void);
void x2apic_enable(void);
void guest_irq(void);
/* For a vector the local APIC's ISR does not show: its number, after EOI. */
extern uint32_t (*volatile ext_irq_hook)(void);
/* Halt with interrupts on until @vector came @n times; counts the HLTs. */
void wait_irq(uint32_t vector, uint32_t n, uint32_t *halts);
/* HLT @n times, each until a short masked one-shot timer expires. */
void guest_yield(unsigned int n);

#endif /* GUEST_H */
