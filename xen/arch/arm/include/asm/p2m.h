/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 stage-2 translation (guest physical to host physical). */
#ifndef ASM_ARM_P2M_H
#define ASM_ARM_P2M_H

#include <xen/pt-walk.h>
#include <xen/types.h>

/* Xen's public arm64 guest memory map: RAM0 at 1 GiB. */
#define GUEST_RAM0_BASE 0x40000000ULL

/* Guest physical (IPA) space: 40 bits, 4 KiB granule, walk from level 1. */
#define P2M_IPA_BITS 40

/* One domain's stage-2 tables. */
struct p2m {
    struct pt_ctx pt; /* root: two concatenated level-1 tables */
};

/*
 * Program VTCR_EL2 for the stage-2 format of p2m_init() tables.  Called
 * once per host CPU before any guest runs.
 */
void p2m_setup_cpu(void);

/*
 * Start empty stage-2 tables in @p2m (root pages from the page
 * allocator).  Returns 0 or -ENOMEM.
 */
int p2m_init(struct p2m *p2m);

/*
 * Back [@gpa, @gpa + @size) with fresh host RAM from the page allocator,
 * as large and aligned as it comes, mapped normal write-back RWX.  The
 * pages belong to @p2m and are zeroed (scrubbed), so the guest finds
 * nothing of the loader, the hypervisor or an earlier owner.  Returns 0,
 * -EINVAL for a range that is not page-aligned or beyond the IPA space,
 * -EEXIST when part of it is mapped, -ENOMEM; on failure what was mapped
 * stays until p2m_destroy().
 */
int p2m_populate_ram(struct p2m *p2m, paddr_t gpa, uint64_t size);

/*
 * Free every page @p2m owns, its tables and its root.  Accepts a p2m
 * that p2m_init() failed on or that is half populated.  No vCPU may run
 * on it.
 */
void p2m_destroy(struct p2m *p2m);

/*
 * Boot-time self-check: build a small stage-2 map at GUEST_RAM0_BASE,
 * walk a few addresses back, destroy it and check that no page leaked.
 * Prints one line; returns 0 or -EIO.  Needs the page allocator.
 */
int p2m_selftest(void);

#endif /* ASM_ARM_P2M_H */
