/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD nested page tables (NPT): one guest's physical address space. */
#ifndef ASM_X86_NPT_H
#define ASM_X86_NPT_H

#include <xen/pt-walk.h>

/* x86-64 4-level entry bits, as NPT uses them. */
#define NPT_P (1ULL << 0)
#define NPT_RW (1ULL << 1)
#define NPT_US (1ULL << 2) /* needed at every level: NPT walks are user */
#define NPT_PWT (1ULL << 3)
#define NPT_PCD (1ULL << 4)
#define NPT_PS (1ULL << 7)
#define NPT_SW_OWNED (1ULL << 9) /* software bit: page belongs to the NPT */

struct npt {
    struct pt_ctx pt; /* pt.root is N_CR3 */
};

/* The root: one zeroed page.  0 or -ENOMEM; npt_destroy() undoes it. */
int npt_init(struct npt *npt);

/*
 * Back [@gpa, @gpa + @size) with host pages from alloc_pages(), 2 MiB at
 * a time where alignment allows, else 4 KiB; the pages are not cleared.
 * Returns 0, -EINVAL (unaligned), -EEXIST (already mapped) or -ENOMEM;
 * on failure what was mapped stays for npt_destroy().
 */
int npt_populate_ram(struct npt *npt, paddr_t gpa, uint64_t size);

/* Host address of guest physical @gpa: 0, or -ENOENT when unmapped. */
int npt_translate(const struct npt *npt, paddr_t gpa, paddr_t *pa);

/* Free the owned RAM, the tables and the root.  Accepts a half-built npt. */
void npt_destroy(struct npt *npt);

/* Boot self-check: map 2 MiB and 4 KiB leaves, walk back, free.  0/-EIO. */
int npt_selftest(void);

#endif /* ASM_X86_NPT_H */
