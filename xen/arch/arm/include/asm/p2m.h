/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 stage-2 translation (guest physical to host physical). */
#ifndef ASM_ARM_P2M_H
#define ASM_ARM_P2M_H

#include <xen/pt-walk.h>
#include <xen/spinlock.h>
#include <xen/types.h>

/* Xen's public arm64 guest memory map: RAM0 at 1 GiB. */
#include <xen/arm-guest-map.h>

/* Guest physical (IPA) space: 40 bits, 4 KiB granule, walk from level 1. */
#define P2M_IPA_BITS 40

/* Guest RAM banks whose 2 MiB pieces are scrubbed and mapped at first use. */
#define P2M_LAZY_BANKS 2
#define P2M_LAZY_ORDER 9 /* 2 MiB */
#define P2M_LAZY_SIZE (PAGE_SIZE << P2M_LAZY_ORDER)

/* A lazy bank: piece i is [base + i * 2 MiB, +2 MiB), host RAM pa[i]. */
struct p2m_lazy {
    paddr_t base;
    uint64_t nr;
    paddr_t *pa; /* 0: mapped already, or not allocated this way */
};

/*
 * Guest RAM filled from a boot module at first use: [gpa, gpa + len)
 * holds the bytes at host pa (a module kept for restarts, never written).
 */
#define P2M_SOURCES 4 /* kernel, ramdisk, DTB, event log */
struct p2m_source {
    paddr_t gpa;
    paddr_t pa;
    uint64_t len;
};

/* One domain's stage-2 tables. */
struct p2m {
    struct pt_ctx pt; /* root: two concatenated level-1 tables */
    spinlock_t lock;  /* taken to map a lazy piece while vCPUs run */
    struct p2m_lazy lazy[P2M_LAZY_BANKS];
    struct p2m_source src[P2M_SOURCES]; /* in gpa order, len 0: none */
    /*
     * Lazy pieces filled: how many, from sources; how many of those an
     * idle host CPU filled ahead of use (p2m_lazy_prefill()), and from
     * sources; the ticks vCPUs waited for the others.
     */
    unsigned int filled, filled_from_src, filled_ahead, filled_ahead_src;
    uint64_t fill_ticks;
};

/*
 * Program VTCR_EL2 for the stage-2 format of p2m_init() tables (and the
 * VMID size p2m_vmid_init() chose).  Called once per host CPU before any
 * guest runs, after p2m_vmid_init().
 */
void p2m_setup_cpu(void);

struct domain;
struct vcpu;

/* Whether VTTBR_EL2 holds 16-bit VMIDs (set by p2m_vmid_init()). */
extern bool p2m_vmid16;

/*
 * Read the VMID size of the boot CPU (the host's CPUs are taken to be
 * alike) and print it.  Called once on the boot CPU, before
 * p2m_setup_cpu().
 */
void p2m_vmid_init(void);

/*
 * The VMID of the domain in slot @slot of domain_list: slot + 1 with
 * 16-bit VMIDs; with 8-bit ones 1 to 255 in turn, so that slots 255 apart
 * share one and p2m_vmid_claim() keeps their translations apart.
 */
uint16_t p2m_vmid_for_slot(unsigned int slot);

/*
 * The VMID of @v's domain was just written to VTTBR_EL2 on host CPU @cpu
 * (this one), for @v to run, @moved from another CPU: then, or when
 * another domain or another vCPU of it last used that VMID here, flush
 * this CPU's stage-1 and stage-2 entries tagged with it (a vCPU's local
 * TLB invalidations reached only the CPU it ran on; this one may hold
 * entries they were to drop).  Interrupts masked; a domain rebuilt in the
 * same slot is covered by p2m_flush_vmid() at its teardown.
 */
void p2m_vmid_claim(const struct vcpu *v, unsigned int cpu, bool moved);

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
 * p2m_populate_ram(), scrubbing only when @scrub: false is for tables no
 * guest ever runs on (the boot's self-check, which only walks them).
 */
int p2m_populate(struct p2m *p2m, paddr_t gpa, uint64_t size, bool scrub);

/*
 * Map host MMIO [@hpa, @hpa + @size) at [@gpa, ...) of @p2m as device
 * memory (nGnRnE), read-write, never executable, not owned (never freed
 * with the tables).  Page-aligned arguments.  Before the domain runs.
 * Returns 0, -EINVAL, -EEXIST (part of it mapped already) or -ENOMEM.
 */
int p2m_map_mmio(struct p2m *p2m, paddr_t gpa, paddr_t hpa, uint64_t size);

/*
 * Let [@base, @base + @size) (2 MiB aligned) of @p2m be populated lazily:
 * p2m_populate_ram() then allocates its whole 2 MiB pieces at once (the
 * domain's memory is committed at build) but scrubs and maps each only at
 * its first use, p2m_fault_in().  Bank @i < P2M_LAZY_BANKS.  Returns 0,
 * -EINVAL or -ENOMEM.
 */
int p2m_lazy_bank(struct p2m *p2m, unsigned int i, paddr_t base,
                  uint64_t size);

/*
 * Allocate the lazy piece at @gpa if @gpa starts one that is not yet
 * allocated: 1 done, 0 not a lazy piece (or no 2 MiB block free: the
 * caller populates it now), never an error.
 */
int p2m_lazy_alloc(struct p2m *p2m, paddr_t gpa);

/*
 * Let the lazy pieces over [@gpa, @gpa + @len) start out holding the
 * @len bytes at host @pa instead of zeroes: each is filled from there
 * (and scrubbed where nothing is copied) at its first use, so a domain
 * starts without its kernel and ramdisk being copied first.  The bytes
 * at @pa must stay unchanged while the domain lives (a module kept for
 * restarts).  Returns 0, or -EINVAL when some piece of the range is not
 * an unused lazy piece or the ranges would overlap or be too many: the
 * caller copies then.
 */
int p2m_lazy_source(struct p2m *p2m, paddr_t gpa, paddr_t pa, uint64_t len);

/*
 * Before the domain runs: write the @len bytes at @src to [@gpa, @gpa +
 * @len) when that lies in one unused lazy piece, straight into the
 * piece's memory and kept there (a p2m_lazy_source() of the piece
 * itself), so the piece is still scrubbed around them only at its first
 * use.  Returns 1 when written, 0 when not (not such a piece, or no
 * source left): the caller faults the piece in and copies.
 */
int p2m_lazy_write(struct p2m *p2m, paddr_t gpa, const void *src,
                   uint64_t len);

/*
 * A stage-2 fault at @gpa (a vCPU of the domain, or the hypervisor about
 * to write guest memory): scrub (or fill, p2m_lazy_source()) and map the
 * lazy piece holding it.
 * Returns 1 when @gpa is now mapped (mapped by another CPU meanwhile
 * included), 0 when it is not lazy RAM, -ENOMEM when no table page is
 * left.
 */
int p2m_fault_in(struct p2m *p2m, paddr_t gpa);

/*
 * Work for an idle host CPU while the domain runs: fill and map one lazy
 * piece no vCPU has touched yet, so that the vCPU finds it ready: those a
 * source covers (p2m_lazy_source()) first, then the rest, in the order a
 * kernel is likely to touch them (p2m-lazy.c).  The fill runs outside the
 * p2m lock: a vCPU faulting meanwhile on another piece fills that one.
 * Returns 1 when it filled one, 0 when none is left (or a vCPU is filling
 * the one it chose), -ENOMEM when no table page is left; @dry: only
 * whether one is left (1 or 0), without the lock.
 */
int p2m_lazy_prefill(struct p2m *p2m, bool dry);

/*
 * p2m_fault_in() for the hypervisor about to write every byte of the lazy
 * piece starting at @gpa (2 MiB aligned) before the domain runs: mapped
 * without scrubbing.  Returns as p2m_fault_in(); 0 for an unaligned @gpa.
 */
int p2m_fault_in_overwrite(struct p2m *p2m, paddr_t gpa);

/*
 * The host platform's stage-2 mapping size for lazy pieces: 2 MiB blocks,
 * but 4 KiB pages on QEMU's virt machine (root compatible
 * "linux,dummy-virt"), where QEMU's emulated TLB drops every entry of the
 * guest's translation regime when a single-page invalidation falls in a
 * block, and the two-stage walks that refill it cost several times a
 * one-stage walk.  Once, before any domain is built.
 */
void p2m_platform_init(const void *fdt);

/*
 * Set there too, on QEMU's virt machine: a domain of one vCPU has its TLB
 * maintenance trapped and done on its host CPU only (vsysreg.c).  QEMU's
 * multi-threaded TCG makes a broadcast invalidation wake and wait for
 * every other emulated CPU, idle or not; for one vCPU the local one is
 * enough, since a host CPU drops the domain's entries before the vCPU
 * runs there after another (p2m_vmid_claim()).
 */
extern bool p2m_local_tlbi;

/* Free the lazy pieces never used and the bank arrays; forget sources. */
void p2m_lazy_destroy(struct p2m *p2m);

/*
 * Free every page @p2m owns, its tables and its root.  Accepts a p2m
 * that p2m_init() failed on or that is half populated.  No vCPU may run
 * on it.
 */
void p2m_destroy(struct p2m *p2m);

/*
 * Drop every TLB entry tagged with @vmid on every host CPU: a domain that
 * ended may be rebuilt under the same VMID with other pages.  Called on
 * the CPU that tears it down, after p2m_destroy(), with no vCPU of it on
 * a CPU.
 */
void p2m_flush_vmid(uint16_t vmid);

/*
 * Boot-time self-check: build a small stage-2 map at GUEST_RAM0_BASE,
 * walk a few addresses back, destroy it and check that no page leaked.
 * Prints one line; returns 0 or -EIO.  Needs the page allocator.
 */
int p2m_selftest(void);

#endif /* ASM_ARM_P2M_H */
