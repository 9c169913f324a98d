/* SPDX-License-Identifier: GPL-2.0-only */
/* hello: print what hvm_start_info says (cmdline, e820, modules), power off. */
#include "guest.h"

static const char *str_at(uint64_t pa)
{
    return pa ? (const char *)(uintptr_t)pa : "";
}

static void print_memmap(const struct hvm_start_info *si)
{
    const struct hvm_memmap_table_entry *e =
        (const void *)(uintptr_t)si->memmap_paddr;
    uint64_t ram = 0, top = 0;
    uint32_t i;

    for ( i = 0; i < si->memmap_entries; i++ )
    {
        gprintf("hello: e820 %llx-%llx type %u\n", e[i].addr,
                e[i].addr + e[i].size, e[i].type);
        if ( e[i].type != E820_RAM )
            continue;
        ram += e[i].size;
        if ( e[i].addr + e[i].size > top )
            top = e[i].addr + e[i].size;
    }
    gprintf("hello: memory %llu KiB RAM, top of RAM %llu KiB\n", ram >> 10,
            top >> 10);
}

/* Each module: size and its first bytes while they are printable. */
static void print_modules(const struct hvm_start_info *si)
{
    const struct hvm_modlist_entry *m =
        (const void *)(uintptr_t)si->modlist_paddr;
    uint32_t i, j;

    gprintf("hello: %u module%s\n", si->nr_modules,
            si->nr_modules == 1 ? "" : "s");
    for ( i = 0; i < si->nr_modules; i++ )
    {
        const char *p = (const char *)(uintptr_t)m[i].paddr;

        gprintf("hello: module %u: %u bytes \"", i, (uint32_t)m[i].size);
        for ( j = 0; j < m[i].size && j < 32 && p[j] >= 0x20 && p[j] < 0x7f;
              j++ )
            con_putc(p[j]);
        gprintf("\" cmdline=\"%s\"\n", str_at(m[i].cmdline_paddr));
    }
}

void guest_main(const struct hvm_start_info *si)
{
    if ( si->magic != HVM_START_MAGIC )
    {
        gprintf("hello: bad start info magic %x\n", si->magic);
        guest_power_off(1);
    }
    gprintf("hello: start info v%u at %x\n", si->version, (uint32_t)si);
    gprintf("hello: cmdline=\"%s\"\n", str_at(si->cmdline_paddr));
    if ( si->version >= 1 && si->memmap_entries )
        print_memmap(si);
    else
        gprintf("hello: no memory map\n");
    print_modules(si);
    gprintf("HELLO-DONE\n");
    guest_power_off(0);
}
