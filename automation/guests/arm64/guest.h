/* SPDX-License-Identifier: GPL-2.0-only */
/* Test guests: the small runtime every guest links (console, DT, PSCI). */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Everything is local to the image: PC-relative references, no GOT. */
#pragma GCC visibility push(hidden)

/* SMCCC / PSCI 0.2+ function identifiers (SMC64 where there are two). */
#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON 0xc4000003U
#define PSCI_SYSTEM_OFF 0x84000008U

/* What a guest learns from its own device tree (guest_dt_read). */
struct guest_info {
    const void *fdt;
    uint64_t console;      /* PL011 / SBSA UART base, 0 if none found */
    bool console_from_dt;  /* false: fell back to Xen's 0x22000000 */
    const char *bootargs;  /* "" if absent */
    uint64_t ram_bytes;    /* sum of every /memory* reg range */
    uint64_t ram_base;     /* lowest RAM address */
    uint64_t ram_top;      /* end of the highest RAM range */
    unsigned int nr_cpus;  /* /cpus/cpu@* nodes */
    uint64_t cpu_mpidr[8]; /* their reg, in DT order (first 8) */
    int psci;              /* 0 none, 1 hvc, 2 smc */
};

/* Provided by each guest. */
extern const char guest_name[];
void guest_main(const void *fdt);
/* Entered on a CPU started by PSCI CPU_ON with context id = cpu. */
void secondary_main(unsigned long cpu);

/* head.S */
uint64_t hvc_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
uint64_t smc_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void secondary_entry(void);
void guest_halt(void) __attribute__((noreturn));

/* lib.c */
extern struct guest_info gi;
void guest_dt_read(const void *fdt);
void con_putc(char c);
void con_puts(const char *s);
/* A received byte, or -1 when none waits (polled). */
int con_getc(void);
void gprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint64_t psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void psci_system_off(void) __attribute__((noreturn));
uint64_t read_mpidr(void);
/*
 * PSCI CPU_ON for every /cpus entry but the calling vCPU (after
 * guest_dt_read()), at secondary_entry with context ids 1, 2, ...:
 * how many started.
 */
unsigned int start_other_cpus(void);
/* Slot 0..15 of the vector table; returns where to resume. */
uint64_t guest_exception(uint64_t slot, uint64_t esr, uint64_t far,
                         uint64_t elr);
/* Number of exceptions taken so far, and the last ESR / FAR. */
extern volatile unsigned int exc_count;
extern volatile uint64_t exc_esr, exc_far;
/* The vector table slot (0-15) of the last exception. */
extern volatile unsigned int exc_slot;
/* Do not print each exception; power off after more than exc_limit. */
extern volatile bool exc_quiet;
extern volatile unsigned int exc_limit;
/*
 * The next synchronous exception of class exc_resume_ec resumes at EL1h
 * at exc_resume (when not 0), instead of after the faulting instruction.
 */
extern volatile uint64_t exc_resume;
extern volatile unsigned int exc_resume_ec;

/* fdt.c: a minimal reader of the flattened device tree structure block. */
int fdt_check(const void *fdt);
/* Offset of the first node after 'node' in document order (-1: none). */
int fdt_next_node(const void *fdt, int node, int *depth);
const char *fdt_name(const void *fdt, int node);
const void *fdt_prop(const void *fdt, int node, const char *name,
                     uint32_t *len);
/* Next property of 'node'; *cursor starts at 0.  0 found, -1 no more. */
int fdt_next_prop(const void *fdt, int node, int *cursor, const char **name,
                  const void **val, uint32_t *len);
int fdt_path(const void *fdt, const char *path);
int fdt_parent(const void *fdt, int node);
uint32_t fdt_cells(const void *fdt, int node, const char *name, uint32_t def);
/* Cell 'i' of a property value of 'n' cells, combined big-endian. */
uint64_t fdt_read_cells(const void *val, uint32_t i, uint32_t n);
uint32_t be32(const void *p);
bool fdt_compatible(const void *fdt, int node, const char *compat);

/* Small string helpers. */
size_t str_len(const char *s);
int str_cmp(const char *a, const char *b);
int str_ncmp(const char *a, const char *b, size_t n);
const char *str_find(const char *hay, const char *needle);
uint64_t str_to_u64(const char *s);

#pragma GCC visibility pop

#endif
