/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 host memory: RAM banks from the DT, the boot page allocator, EL2 MMU. */
#ifndef ASM_ARM_MM_H
#define ASM_ARM_MM_H

#include <xen/bootinfo.h>
#include <xen/types.h>

#define NR_MEM_BANKS 64

struct membank {
    paddr_t start;
    paddr_t size;
};

/* Host RAM as the DT's /memory nodes describe it, in DT order. */
struct meminfo {
    unsigned int nr_banks;
    struct membank bank[NR_MEM_BANKS];
};

/*
 * Read every /memory node (device_type = "memory") of @fdt, a tree that
 * passed fdt_check_full(), into @mi, decoding "reg" with the root's
 * #address-cells and #size-cells.  Empty banks are skipped.  Returns 0,
 * -ENOENT when no bank was found, -EINVAL after printing one line naming
 * the node and property that is malformed, -ENOSPC when there are more
 * than NR_MEM_BANKS banks.
 */
int dt_read_memory(const void *fdt, struct meminfo *mi);

/*
 * Seed the page allocator with the banks of @mi, then reserve the
 * hypervisor image, the DTB, its /memreserve/ entries and every boot
 * module of @bi (a configuration that passed the Hyperlaunch checks).
 * Prints one line with total and free memory.  Returns 0 or -errno after
 * printing what went wrong.
 */
int mm_boot_allocator_init(const void *fdt, const struct meminfo *mi,
                           const struct boot_info *bi);

/*
 * Build the hypervisor's 1:1 stage-1 map (the banks of @mi as normal
 * write-back memory, the console UART at @uart_base as device memory)
 * and turn the MMU and caches on.  Called once, on the boot CPU, with the
 * MMU off.  The image and the DTB must lie in RAM.  Returns 0, or -errno
 * after printing why; the MMU is then still off and everything works as
 * before, only slower.
 */
int mm_mmu_init(const struct meminfo *mi, paddr_t fdt_start, paddr_t fdt_size,
                paddr_t uart_base);

/*
 * Map the MMIO range [@base, @base + @size) 1:1 as device memory (nGnRnE,
 * never executable), rounded out to pages.  Returns 0, -EEXIST when part
 * of it is mapped already, -ENOMEM.  Before mm_mmu_init() or after it.
 */
int mm_map_device(paddr_t base, paddr_t size);

/*
 * The EL2 MMU set-up of the boot CPU, for the other CPUs to load at entry
 * (arm64/head.S reads it with the MMU off: offsets 0, 8, 16, 24).  All
 * zero while the MMU is off.
 */
struct mm_cpu_regs {
    uint64_t mair, tcr, ttbr0, sctlr;
};
extern struct mm_cpu_regs mm_cpu_regs;

/* Clean [@p, @p + @len) to the point of coherency (for MMU-off readers). */
void dcache_clean(const void *p, uint64_t len);

/*
 * Zero [@p, @p + @len) (whole cache lines), clean it to the point of
 * coherency, so that a guest with its MMU off reads zeros too, and
 * invalidate the instruction caches.  DC ZVA where the CPU allows it.
 */
void ram_scrub(void *p, uint64_t len);

/*
 * Make page-table writes visible to the table walkers before they are used
 * (the .sync hook of the stage-1 and stage-2 formats).
 */
void mm_pt_sync(void);

#endif /* ASM_ARM_MM_H */
