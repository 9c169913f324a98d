/* SPDX-License-Identifier: GPL-2.0-only */
/* x86_64 host memory: the multiboot memory map into the page allocator. */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/setup.h>
#include <asm/x86-defs.h>

/*
 * Page tables and guest RAM are reached by their physical address, so
 * only RAM inside the 1:1 map (0 to IDMAP_GIB GiB, boot/head.S) is used;
 * the first MiB (BIOS data, the QEMU loader's boot information) is not.
 */
#define MM_LOW_LIMIT (1ULL << 20)
#define MM_HIGH_LIMIT ((paddr_t)IDMAP_GIB << 30)

/* Add the part of one RAM range between the limits; 0 or -errno. */
static int add_clipped(const struct mb_range *r, paddr_t *kept)
{
    paddr_t start = MAX(r->start, (paddr_t)MM_LOW_LIMIT);
    paddr_t end =
        r->start + r->size < r->start ? MM_HIGH_LIMIT : r->start + r->size;
    int rc;

    if ( end > MM_HIGH_LIMIT && start < end )
        printk("Warning: memory map: RAM %#llx-%#llx beyond the %u GiB "
               "1:1 map, not used\n",
               (unsigned long long)MAX(start, MM_HIGH_LIMIT),
               (unsigned long long)end, IDMAP_GIB);
    end = MIN(end, (paddr_t)MM_HIGH_LIMIT);
    if ( end <= start )
        return 0;
    rc = page_alloc_add_ram(start, end - start);
    if ( rc == -EEXIST )
    {
        printk("Warning: memory map: RAM %#llx-%#llx listed twice, ignored\n",
               (unsigned long long)start, (unsigned long long)end);
        return 0;
    }
    *kept += end - start;
    return rc;
}

static int add_ram(const struct mb_handoff *mb)
{
    unsigned int i, n = MIN(mb->nr_ram, (unsigned int)MB_MAX_RAM);
    paddr_t kept = 0;
    int rc = 0;

    if ( mb->nr_ram > MB_MAX_RAM )
        printk("Warning: memory map: %u RAM ranges, only the first %u used\n",
               mb->nr_ram, MB_MAX_RAM);
    for ( i = 0; !rc && i < n; i++ )
        rc = add_clipped(&mb->ram[i], &kept);
    if ( !rc && !kept )
    {
        printk("ERROR: memory map: the loader gave no usable RAM between "
               "1 MiB and %u GiB\n",
               IDMAP_GIB);
        rc = -ENOMEM;
    }
    return rc;
}

static int reserve_string(const char *s)
{
    return s ? reserve_range((uintptr_t)s, strlen(s) + 1) : 0;
}

/*
 * Modules the DT locates with 'reg' (not loader modules): the parser's
 * check phase has made sure each lies in one RAM range the loader
 * reported; here it must also be inside the 1:1 map, and is then reserved
 * like a loader module, so that no domain is given its pages and its
 * release after building frees only what was taken.  0, -EINVAL after an
 * error naming the node and property, or -ENOSPC.
 */
static int reserve_reg_modules(const struct boot_info *bi)
{
    const void *fdt = (const void *)(uintptr_t)bi->fdt_start;
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < bi->nr_mods; i++ )
    {
        const struct boot_module *m = &bi->mods[i];

        if ( m->mb_index >= 0 )
            continue;
        if ( m->start + m->size > MM_HIGH_LIMIT )
        {
            hl_error(fdt, m->node, "reg",
                     "module %#llx-%#llx is beyond the %u GiB 1:1 map",
                     (unsigned long long)m->start,
                     (unsigned long long)(m->start + m->size), IDMAP_GIB);
            rc = -EINVAL;
            continue;
        }
        if ( !rc )
            rc = reserve_range(m->start, m->size);
    }
    return rc;
}

_Static_assert(PAGE_ALLOC_MAX_EXTENTS > HL_MAX_MODULES +
                                            2 * HL_MAX_LOADER_MODS +
                                            2 * HL_MAX_MEM_RANGES + 8,
               "each module and command line may split free RAM");

/* Everything that must not be handed out. */
static int reserve_boot(const struct mb_handoff *mb,
                        const struct boot_info *bi)
{
    unsigned int i;
    int rc;

    rc = reserve_range(bi->xen_start, bi->xen_size);
    rc = rc ?: reserve_range(bi->fdt_start, bi->fdt_size);
    for ( i = 0; !rc && i < (unsigned int)bi->nr_loader_mods; i++ )
    {
        rc = reserve_range(bi->loader_mods[i].start, bi->loader_mods[i].size);
        rc = rc ?: reserve_string(bi->loader_mods[i].cmdline);
    }
    for ( i = 0; !rc && i < mb->nr_info; i++ )
        rc = reserve_range(mb->info[i].start, mb->info[i].size);
    rc = rc ?: reserve_string(mb->cmdline);
    rc = rc ?: reserve_string(mb->loader_name);
    if ( rc )
    {
        printk("ERROR: too many free RAM ranges after reserving the boot "
               "modules\n");
        return rc;
    }
    rc = reserve_reg_modules(bi);
    if ( rc == -EINVAL )
        printk("Hyperlaunch: boot module outside host RAM; no domain was "
               "started\n");
    else if ( rc )
        printk("ERROR: too many free RAM ranges after reserving the boot "
               "modules\n");
    return rc;
}

int x86_mm_init(const struct mb_handoff *mb, const struct boot_info *bi)
{
    paddr_t total, free;
    unsigned int n = MIN(mb->nr_ram, (unsigned int)MB_MAX_RAM);
    int rc;

    rc = add_ram(mb);
    rc = rc ?: reserve_boot(mb, bi);
    rc = rc ?: page_alloc_seal();
    if ( rc )
        return rc;
    page_alloc_stats(&total, &free);
    printk("Memory: %llu KiB RAM in %u range%s, %llu KiB free (hypervisor "
           "and %d loader module%s reserved)\n",
           (unsigned long long)(total >> 10), n, n == 1 ? "" : "s",
           (unsigned long long)(free >> 10), bi->nr_loader_mods,
           bi->nr_loader_mods == 1 ? "" : "s");
    return 0;
}
