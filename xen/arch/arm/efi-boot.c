/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64 UEFI entry (the Image is also a PE32+ application, head.S).  The
 * device tree comes from the UEFI configuration table (GRUB's
 * 'devicetree', U-Boot's bootefi or the firmware's own); RAM is what the
 * UEFI memory map says is free once boot services are gone (loader and
 * boot services code/data, conventional memory), written into a copy of
 * the tree as its only /memory node.  Runtime services are never called:
 * their regions, like every other firmware region, are simply not RAM.
 * Then boot services are exited and the normal boot path runs on the
 * copy, as if booti had passed it.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <asm/efi.h>
#include <asm/mm.h>
#include <asm/setup.h>
#include <libfdt.h>

#define FDT_EXTRA (64 * 1024) /* room for the new /memory node */
#define MAP_SLACK 16          /* descriptors more than GetMemoryMap asked */

static const struct efi_guid fdt_guid = { 0xb1b621d5,
                                          0xf19c,
                                          0x41a5,
                                          { 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69,
                                            0xaa, 0xe0 } };

static struct efi_system_table *efi_st;

/* Print @s on the firmware console (before ExitBootServices only). */
static void efi_puts(const char *s)
{
    uint16_t buf[64];
    unsigned int n = 0;

    while ( *s )
    {
        if ( *s == '\n' )
            buf[n++] = '\r';
        buf[n++] = (uint16_t)(unsigned char)*s++;
        if ( n >= ARRAY_SIZE(buf) - 2 || !*s )
        {
            buf[n] = 0;
            efi_st->con_out->output_string(efi_st->con_out, buf);
            n = 0;
        }
    }
}

static const void *efi_find_fdt(void)
{
    uint64_t i;

    for ( i = 0; i < efi_st->nr_tables; i++ )
        if ( !memcmp(&efi_st->tables[i].guid, &fdt_guid, sizeof(fdt_guid)) )
            return efi_st->tables[i].table;
    return NULL;
}

/* A copy of @fdt with FDT_EXTRA free bytes, in pages of its own. */
static void *efi_copy_fdt(const void *fdt)
{
    struct efi_boot_services *bs = efi_st->boot_services;
    uint64_t size, addr;

    if ( fdt_check_header(fdt) )
        return NULL;
    size = ROUNDUP(fdt_totalsize(fdt) + FDT_EXTRA, PAGE_SIZE);
    if ( bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFI_LOADER_DATA,
                            size >> EFI_PAGE_SHIFT, &addr) )
        return NULL;
    if ( fdt_open_into(fdt, (void *)(uintptr_t)addr, (int)size) )
        return NULL;
    return (void *)(uintptr_t)addr;
}

static bool efi_ram_type(uint32_t type)
{
    return type == EFI_LOADER_CODE || type == EFI_LOADER_DATA ||
           type == EFI_BOOT_SERVICES_CODE || type == EFI_BOOT_SERVICES_DATA ||
           type == EFI_CONVENTIONAL_MEMORY;
}

struct efi_map {
    struct efi_memory_descriptor *buf;
    uint64_t size, alloc, key, desc_size;
    uint32_t desc_version;
};

#define EFI_DESC(m, i) \
    ((const struct efi_memory_descriptor *)((const char *)(m)->buf + \
                                            (i) * (m)->desc_size))

/* The current memory map into m->buf (allocated on first use). */
static efi_status_t efi_get_map(struct efi_map *m)
{
    struct efi_boot_services *bs = efi_st->boot_services;
    efi_status_t rc;

    for ( ;; )
    {
        m->size = m->alloc;
        rc = bs->get_memory_map(&m->size, m->buf, &m->key, &m->desc_size,
                                &m->desc_version);
        if ( rc != EFI_BUFFER_TOO_SMALL )
            return rc;
        if ( m->buf )
            bs->free_pool(m->buf);
        m->alloc = m->size + MAP_SLACK * (m->desc_size ?: 48);
        m->buf = NULL;
        rc = bs->allocate_pool(EFI_LOADER_DATA, m->alloc, (void **)&m->buf);
        if ( rc )
            return rc;
    }
}

/* Append @v to @node's 'reg' in @cells cells (1: it must fit 32 bits). */
static int efi_reg_append(void *fdt, int node, int cells, uint64_t v)
{
    if ( cells == 2 )
        return fdt_appendprop_u64(fdt, node, "reg", v);
    if ( v >> 32 )
        return -FDT_ERR_BADVALUE;
    return fdt_appendprop_u32(fdt, node, "reg", (uint32_t)v);
}

/*
 * Replace every /memory node of @fdt with one whose 'reg' lists the free
 * RAM of @m, adjacent ranges merged, in the root's cell sizes (1 or 2).
 * Calls no firmware service: it runs between GetMemoryMap and
 * ExitBootServices.
 */
static int efi_fdt_memory(void *fdt, const struct efi_map *m)
{
    int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
    uint64_t i, n = m->size / m->desc_size, start = 0, end = 0;
    int node, rc;

    if ( (ac != 1 && ac != 2) || (sc != 1 && sc != 2) )
        return -EINVAL;
    while ( (node = fdt_node_offset_by_prop_value(fdt, -1, "device_type",
                                                  "memory", 7)) >= 0 )
        if ( fdt_del_node(fdt, node) )
            return -EINVAL;
    node = fdt_add_subnode(fdt, 0, "memory");
    if ( node < 0 )
        return -ENOSPC;
    rc = fdt_setprop_string(fdt, node, "device_type", "memory");
    rc = rc ?: fdt_setprop(fdt, node, "reg", NULL, 0);
    for ( i = 0; !rc && i <= n; i++ )
    {
        const struct efi_memory_descriptor *d = i < n ? EFI_DESC(m, i) : NULL;

        if ( d && !efi_ram_type(d->type) )
            continue;
        if ( d && d->phys_start == end && end )
        {
            end += d->nr_pages << EFI_PAGE_SHIFT;
            continue;
        }
        if ( end > start )
        {
            rc = efi_reg_append(fdt, node, ac, start);
            rc = rc ?: efi_reg_append(fdt, node, sc, end - start);
        }
        if ( d )
        {
            start = d->phys_start;
            end = start + (d->nr_pages << EFI_PAGE_SHIFT);
        }
    }
    return rc ? -ENOSPC : 0;
}

/* What the boot path reads with the D-cache off, to the point of coherency. */
static void efi_clean_for_handover(const void *fdt, const struct efi_map *m)
{
    uint64_t i, n = m->size / m->desc_size;

    for ( i = 0; i < n; i++ )
    {
        const struct efi_memory_descriptor *d = EFI_DESC(m, i);

        /* The loader's allocations: the modules GRUB loaded, our DT. */
        if ( d->type == EFI_LOADER_CODE || d->type == EFI_LOADER_DATA )
            dcache_clean((const void *)(uintptr_t)d->phys_start,
                         d->nr_pages << EFI_PAGE_SHIFT);
    }
    dcache_clean(fdt, fdt_totalsize(fdt));
    dcache_clean(_start, (uint64_t)(_end - _start));
}

static efi_status_t efi_fail(const char *why, efi_status_t rc)
{
    efi_puts("Hyperlaunch: UEFI boot failed: ");
    efi_puts(why);
    efi_puts("\n");
    return rc;
}

efi_status_t efi_main(efi_handle_t image, struct efi_system_table *st)
{
    struct efi_map map = { NULL, 0, 0, 0, 0, 0 };
    const void *fw_fdt;
    void *fdt;
    uint64_t el;
    efi_status_t rc;
    int tries;

    efi_st = st;
    asm volatile("mrs %0, CurrentEL" : "=r"(el));
    if ( ((el >> 2) & 3) != 2 )
        return efi_fail("not started at EL2 (the firmware must run at EL2, "
                        "e.g. QEMU -M virt,virtualization=on)",
                        EFI_UNSUPPORTED);
    fw_fdt = efi_find_fdt();
    if ( !fw_fdt )
        return efi_fail("no device tree in the UEFI configuration table "
                        "(load one with GRUB's devicetree)",
                        EFI_UNSUPPORTED);
    fdt = efi_copy_fdt(fw_fdt);
    if ( !fdt )
        return efi_fail("the device tree is malformed or cannot be copied",
                        EFI_LOAD_ERROR);
    efi_puts("Hyperlaunch: leaving UEFI boot services\n");

    /* A failed ExitBootServices means the map changed: read it again. */
    for ( tries = 0; tries < 2; tries++ )
    {
        rc = efi_get_map(&map);
        if ( rc )
            return efi_fail("GetMemoryMap failed", rc);
        if ( efi_fdt_memory(fdt, &map) )
            return efi_fail("cannot write /memory into the device tree "
                            "(root #address-cells/#size-cells not 1 or 2, "
                            "or no room)",
                            EFI_LOAD_ERROR);
        rc = st->boot_services->exit_boot_services(image, map.key);
        if ( !rc )
            break;
    }
    if ( rc )
        return rc; /* boot services may be half gone: print nothing */
    efi_clean_for_handover(fdt, &map);
    efi_enter_hypervisor(fdt);
}
