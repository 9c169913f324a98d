/* SPDX-License-Identifier: GPL-2.0-only */
/* Multiboot1 and multiboot2 boot information: command line and modules. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/multiboot.h>
#include <asm/setup.h>

/* 0-4 GiB is identity-mapped: a loader's 32-bit address is a pointer. */
static const void *phys_to_ptr(uint32_t pa)
{
    return (const void *)(uintptr_t)pa;
}

/* Record one loader module, in order, up to HL_MAX_LOADER_MODS. */
static void add_module(struct mb_handoff *mb, struct boot_info *bi,
                       uint32_t start, uint32_t end, const char *cmdline)
{
    struct loader_module *lm;

    if ( mb->nr_mods++ >= HL_MAX_LOADER_MODS )
        return;
    lm = &bi->loader_mods[bi->nr_loader_mods++];
    lm->start = start;
    lm->size = end > start ? end - start : 0;
    lm->cmdline = cmdline;
}

static void add_ram(struct mb_handoff *mb, uint64_t start, uint64_t len,
                    uint32_t type)
{
    if ( type != MB_MEMORY_AVAILABLE || !len )
        return;
    if ( mb->nr_ram < MB_MAX_RAM )
        mb->ram[mb->nr_ram] = (struct mb_range){ start, len };
    mb->nr_ram++;
}

/* Append a usable range, merged with the previous one when they touch. */
static void add_ram_merged(struct mb_handoff *mb, uint64_t start, uint64_t len)
{
    struct mb_range *last;

    if ( mb->nr_ram && mb->nr_ram <= MB_MAX_RAM )
    {
        last = &mb->ram[mb->nr_ram - 1];
        if ( last->start + last->size == start )
        {
            last->size += len;
            return;
        }
    }
    add_ram(mb, start, len, MB_MEMORY_AVAILABLE);
}

static void add_info(struct mb_handoff *mb, uint32_t start, uint32_t size)
{
    if ( mb->nr_info < MB_MAX_INFO && size )
        mb->info[mb->nr_info++] = (struct mb_range){ start, size };
}

static void mb1_mmap(const struct mb1_info *mbi, struct mb_handoff *mb)
{
    uint32_t off = 0;

    if ( !(mbi->flags & MB1_INFO_MEM_MAP) )
        return;
    add_info(mb, mbi->mmap_addr, mbi->mmap_length);
    while ( off + sizeof(struct mb1_mmap_entry) <= mbi->mmap_length )
    {
        const struct mb1_mmap_entry *e = phys_to_ptr(mbi->mmap_addr + off);

        add_ram(mb, e->addr, e->len, e->type);
        off += e->size + sizeof(e->size);
    }
}

static void mb2_mmap(const struct mb2_tag_mmap *t, struct mb_handoff *mb)
{
    uint32_t off = sizeof(*t);

    if ( t->entry_size < sizeof(struct mb2_mmap_entry) )
        return;
    while ( off + t->entry_size <= t->tag.size )
    {
        const struct mb2_mmap_entry *e = (const void *)((const char *)t + off);

        add_ram(mb, e->addr, e->len, e->type);
        off += t->entry_size;
    }
}

/*
 * UEFI memory types free once boot services are exited (UEFI 2.x, 7.2
 * EFI_MEMORY_TYPE): loader code/data, boot services code/data and
 * conventional memory.  Runtime services code/data, ACPI and MMIO ranges
 * are not RAM to us: runtime services are left alone, never called.
 */
static bool efi_type_free(uint32_t type)
{
    return (type >= 1 && type <= 4) || type == 7;
}

static void mb2_efi_mmap(const struct mb2_tag_efi_mmap *t,
                         struct mb_handoff *mb)
{
    uint32_t off = sizeof(*t);

    if ( t->descr_size < sizeof(struct efi_mem_desc) )
        return;
    mb->nr_ram = 0;
    while ( off + t->descr_size <= t->tag.size )
    {
        const struct efi_mem_desc *d = (const void *)((const char *)t + off);

        if ( efi_type_free(d->type) && d->nr_pages &&
             d->nr_pages < (1ULL << 52) )
            add_ram_merged(mb, d->phys_start, d->nr_pages << 12);
        mb->nr_efi_desc++;
        off += t->descr_size;
    }
}

static void mb1_parse(uint32_t info, struct mb_handoff *mb,
                      struct boot_info *bi)
{
    const struct mb1_info *mbi = phys_to_ptr(info);
    const struct mb1_module *mod;
    uint32_t i;

    mb->proto = "multiboot1";
    add_info(mb, info, sizeof(*mbi));
    mb1_mmap(mbi, mb);
    if ( (mbi->flags & MB1_INFO_CMDLINE) && mbi->cmdline )
        mb->cmdline = phys_to_ptr(mbi->cmdline);
    if ( mbi->flags & MB1_INFO_LOADER_NAME )
        mb->loader_name = phys_to_ptr(mbi->boot_loader_name);
    if ( !(mbi->flags & MB1_INFO_MODS) )
        return;
    mod = phys_to_ptr(mbi->mods_addr);
    add_info(mb, mbi->mods_addr, mbi->mods_count * sizeof(*mod));
    for ( i = 0; i < mbi->mods_count; i++ )
        add_module(mb, bi, mod[i].mod_start, mod[i].mod_end,
                   mod[i].string ? phys_to_ptr(mod[i].string) : NULL);
}

/* The two memory maps a multiboot2 loader may pass: the EFI one wins. */
struct mb2_maps {
    const struct mb2_tag_mmap *mmap;
    const struct mb2_tag_efi_mmap *efi_mmap;
};

static void mb2_tag(const struct mb2_tag *tag, struct mb_handoff *mb,
                    struct boot_info *bi, struct mb2_maps *maps)
{
    const struct mb2_tag_module *mod;

    switch ( tag->type )
    {
    case MB2_TAG_CMDLINE:
        mb->cmdline = ((const struct mb2_tag_string *)tag)->string;
        break;
    case MB2_TAG_LOADER_NAME:
        mb->loader_name = ((const struct mb2_tag_string *)tag)->string;
        break;
    case MB2_TAG_MODULE:
        mod = (const struct mb2_tag_module *)tag;
        add_module(mb, bi, mod->mod_start, mod->mod_end, mod->string);
        break;
    case MB2_TAG_MMAP:
        maps->mmap = (const struct mb2_tag_mmap *)tag;
        break;
    case MB2_TAG_EFI_MMAP:
        maps->efi_mmap = (const struct mb2_tag_efi_mmap *)tag;
        break;
    case MB2_TAG_EFI64:
        mb->efi = true;
        break;
    case MB2_TAG_ACPI_OLD:
    case MB2_TAG_ACPI_NEW:
        /* The RSDP copy follows the tag header; prefer ACPI 2.0's. */
        if ( !mb->rsdp || tag->type == MB2_TAG_ACPI_NEW )
            mb->rsdp = tag + 1;
        break;
    }
}

static void mb2_parse(uint32_t info, struct mb_handoff *mb,
                      struct boot_info *bi)
{
    const struct mb2_info *mbi = phys_to_ptr(info);
    uint32_t off = sizeof(*mbi);
    struct mb2_maps maps = { NULL, NULL };

    mb->proto = "multiboot2";
    add_info(mb, info, mbi->total_size);
    while ( off + sizeof(struct mb2_tag) <= mbi->total_size )
    {
        const struct mb2_tag *tag = phys_to_ptr(info + off);

        if ( tag->type == MB2_TAG_END || tag->size < sizeof(*tag) ||
             tag->size > mbi->total_size - off )
            break;
        mb2_tag(tag, mb, bi, &maps);
        off += ROUNDUP(tag->size, MB2_TAG_ALIGN);
    }
    if ( maps.efi_mmap )
        mb2_efi_mmap(maps.efi_mmap, mb);
    if ( !mb->nr_efi_desc && maps.mmap )
        mb2_mmap(maps.mmap, mb);
}

int multiboot_parse(uint32_t magic, uint32_t info, struct mb_handoff *mb,
                    struct boot_info *bi)
{
    mb->cmdline = "";
    mb->loader_name = NULL;
    mb->nr_mods = 0;
    mb->nr_ram = 0;
    mb->nr_info = 0;
    mb->rsdp = NULL;
    mb->efi = false;
    mb->nr_efi_desc = 0;
    bi->nr_loader_mods = 0;

    if ( magic == MB1_BOOTLOADER_MAGIC )
        mb1_parse(info, mb, bi);
    else if ( magic == MB2_BOOTLOADER_MAGIC )
        mb2_parse(info, mb, bi);
    else
    {
        mb->proto = "unknown";
        return -EINVAL;
    }
    return 0;
}
