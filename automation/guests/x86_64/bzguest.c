/* SPDX-License-Identifier: GPL-2.0-only */
/* bzguest: check the Linux/x86 64-bit entry state and zero page, power off. */
#include "guest.h"

/* struct boot_params offsets (the setup header's are the image's). */
#define ZP_ACPI_RSDP 0x070
#define ZP_E820_ENTRIES 0x1e8
#define ZP_E820_TABLE 0x2d0
#define ZP_HEADER 0x202
#define ZP_TYPE_OF_LOADER 0x210
#define ZP_CODE32_START 0x214
#define ZP_RAMDISK_IMAGE 0x218
#define ZP_RAMDISK_SIZE 0x21c
#define ZP_CMD_LINE_PTR 0x228
#define ZP_INITRD_ADDR_MAX 0x22c
#define ZP_KERNEL_ALIGNMENT 0x230
#define ZP_INIT_SIZE 0x260

void bz_main(const uint8_t *zp, uint64_t load);

/* gprintf's %llx takes unsigned long long; uint64_t is long here. */
#define ULL(x) ((unsigned long long)(x))

static unsigned int failures;

static uint64_t get(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    while ( n-- )
        v = (v << 8) | p[n];
    return v;
}

static uint64_t read_efer(void)
{
    uint32_t lo, hi;

    asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0xc0000080U));
    return ((uint64_t)hi << 32) | lo;
}

static bool same(const char *a, const char *b, unsigned int n)
{
    while ( n-- )
        if ( *a++ != *b++ )
            return false;
    return true;
}

static void expect(bool ok, const char *what)
{
    if ( ok )
        return;
    gprintf("bzguest: FAIL: %s\n", what);
    failures++;
}

/* Long mode, the boot protocol's selectors, interrupts off. */
static void check_cpu(void)
{
    uint64_t cr0, cr3, cr4, flags;
    uint16_t cs, ds, ss;

    asm volatile("mov %%cr0, %0; mov %%cr3, %1; mov %%cr4, %2"
                 : "=r"(cr0), "=r"(cr3), "=r"(cr4));
    asm volatile("pushf; pop %0" : "=r"(flags));
    asm volatile("mov %%cs, %0; mov %%ds, %1; mov %%ss, %2"
                 : "=r"(cs), "=r"(ds), "=r"(ss));
    gprintf("bzguest: cs %x ds %x ss %x cr0 %llx cr4 %llx efer %llx "
            "rflags %llx\n",
            cs, ds, ss, ULL(cr0), ULL(cr4), ULL(read_efer()), ULL(flags));
    expect(cs == 0x10 && ds == 0x18 && ss == 0x18, "selectors");
    expect((read_efer() & (1U << 10)) && (cr0 & 0x80000001U) &&
               (cr4 & (1U << 5)),
           "long mode");
    expect(!(flags & (1U << 9)), "interrupts off");
}

/* The page tables at CR3 map @va 1:1 (4-level, 2 MiB or 4 KiB leaves). */
static bool identity_mapped(uint64_t va)
{
    const uint64_t *t;
    uint64_t cr3, e = 0;
    int level;

    asm volatile("mov %%cr3, %0" : "=r"(cr3));
    t = (const uint64_t *)(uintptr_t)(cr3 & ~0xfffULL);
    for ( level = 3; level >= 0; level-- )
    {
        e = t[(va >> (12 + 9 * level)) & 511];
        if ( !(e & 1) )
            return false;
        if ( level == 1 && (e & 0x80) )
            return (e & 0xfffffe00000ULL) == (va & ~0x1fffffULL);
        t = (const uint64_t *)(uintptr_t)(e & 0xffffffffff000ULL);
    }
    return (e & 0xffffffffff000ULL) == (va & ~0xfffULL);
}

static void check_e820(const uint8_t *zp)
{
    unsigned int i, n = zp[ZP_E820_ENTRIES];
    const uint8_t *e = zp + ZP_E820_TABLE;

    expect(n >= 3, "e820 entries");
    for ( i = 0; i < n; i++, e += 20 )
        gprintf("bzguest: e820 %llx-%llx type %u\n", ULL(get(e, 8)),
                ULL(get(e, 8) + get(e + 8, 8)), (uint32_t)get(e + 16, 4));
}

static void check_ramdisk(const uint8_t *zp)
{
    uint64_t at = get(zp + ZP_RAMDISK_IMAGE, 4);
    uint64_t size = get(zp + ZP_RAMDISK_SIZE, 4);
    const char *p = (const char *)(uintptr_t)at;
    uint64_t i;

    gprintf("bzguest: ramdisk at %llx, %llu bytes \"", ULL(at), ULL(size));
    for ( i = 0; at && i < size && i < 32 && p[i] >= 0x20 && p[i] < 0x7f; i++ )
        con_putc(p[i]);
    gprintf("\"\n");
    expect(!at || (!(at & 0xfff) &&
                   at + size - 1 <= get(zp + ZP_INITRD_ADDR_MAX, 4)),
           "ramdisk placement");
}

void bz_main(const uint8_t *zp, uint64_t load)
{
    uint64_t rsdp = get(zp + ZP_ACPI_RSDP, 8);
    uint64_t cmd = get(zp + ZP_CMD_LINE_PTR, 4);

    gprintf("bzguest: loaded at %llx, zero page at %llx\n", ULL(load),
            ULL((uintptr_t)zp));
    check_cpu();
    expect(get(zp + ZP_HEADER, 4) == 0x53726448U, "HdrS in the zero page");
    expect(zp[ZP_TYPE_OF_LOADER] == 0xff, "type_of_loader 0xff");
    expect(!(load % get(zp + ZP_KERNEL_ALIGNMENT, 4)), "kernel_alignment");
    expect(get(zp + ZP_CODE32_START, 4) == load, "code32_start");
    expect(identity_mapped(0) && identity_mapped(load) &&
               identity_mapped(load + get(zp + ZP_INIT_SIZE, 4) - 1) &&
               identity_mapped(0xfffff000ULL),
           "0-4 GiB mapped 1:1");
    check_e820(zp);
    gprintf("bzguest: cmdline=\"%s\"\n",
            cmd ? (const char *)(uintptr_t)cmd : "");
    check_ramdisk(zp);
    gprintf("bzguest: rsdp at %llx\n", ULL(rsdp));
    expect(rsdp && same((const char *)(uintptr_t)rsdp, "RSD PTR ", 8),
           "acpi_rsdp_addr");
    if ( failures )
        guest_power_off(1);
    gprintf("BZIMAGE-OK\n");
    guest_power_off(0);
}
