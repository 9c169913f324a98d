/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host's ACPI PM timer, found through the firmware's FADT (ACPI 6,
 * 5.2.5 RSDP, 5.2.9 FADT PM_TMR_BLK).  It is a free-running, read-only
 * 3.579545 MHz counter: the same clock for every domain, as the TSC is.
 * Domains read it directly (hvm/acpi-pm.c lets the port through), which
 * gives a guest a calibration reference that costs no exit: a trapped
 * port read takes tens of microseconds under QEMU's SVM, longer than the
 * few microseconds Linux allows its TSC calibration reads.
 */
#include <xen/lib.h>
#include <asm/apic.h>
#include <asm/hvm-io.h>
#include <asm/io.h>

#define BIOS_ROM_START 0xe0000U
#define BIOS_ROM_END 0x100000U
#define EBDA_SEG_PTR 0x40eU
#define FADT_PM_TMR_BLK 76
#define FADT_PM_TMR_LEN 91
#define PROBE_US 200

static uint16_t host_port;

static uint8_t sum(const uint8_t *p, uint32_t len)
{
    uint8_t s = 0;

    while ( len-- )
        s += *p++;
    return s;
}

/* "RSD PTR " on a 16-byte boundary with a good ACPI 1.0 checksum. */
static const uint8_t *find_rsdp(uint32_t start, uint32_t end)
{
    uint32_t a;

    for ( a = start; a + 20 <= end; a += 16 )
    {
        const uint8_t *p = (const uint8_t *)(uintptr_t)a;

        if ( !memcmp(p, "RSD PTR ", 8) && !sum(p, 20) )
            return p;
    }
    return NULL;
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* The FADT through the RSDT (32-bit pointers: enough for the PM block). */
static const uint8_t *find_fadt(const uint8_t *rsdp)
{
    const uint8_t *rsdt = (const uint8_t *)(uintptr_t)get32(rsdp + 16);
    uint32_t len, i;

    if ( (uintptr_t)rsdt >= 0x100000000ULL - 36 || memcmp(rsdt, "RSDT", 4) )
        return NULL;
    len = get32(rsdt + 4);
    if ( len < 36 || len > 4096 || sum(rsdt, len) )
        return NULL;
    for ( i = 36; i + 4 <= len; i += 4 )
    {
        const uint8_t *t = (const uint8_t *)(uintptr_t)get32(rsdt + i);

        if ( !memcmp(t, "FACP", 4) && get32(t + 4) > FADT_PM_TMR_LEN &&
             !sum(t, get32(t + 4)) )
            return t;
    }
    return NULL;
}

/* A counter that moves: two reads PROBE_US apart differ. */
static bool counting(uint16_t port)
{
    uint32_t a = inl(port) & 0xffffff, b;

    udelay(PROBE_US);
    b = inl(port) & 0xffffff;
    return a != b && a != 0xffffff;
}

/* The RSDP in the EBDA's first KiB or the BIOS ROM area (ACPI 5.2.5.1). */
static const uint8_t *find_bios_rsdp(void)
{
    uintptr_t bda = EBDA_SEG_PTR;
    const uint8_t *rsdp = NULL;
    uint32_t ebda;

    asm("" : "+r"(bda)); /* a fixed low address: no object of C's */
    ebda = (uint32_t) * (const uint16_t *)bda << 4;

    if ( ebda >= 0x80000 && ebda < 0xa0000 )
        rsdp = find_rsdp(ebda, ebda + 1024);
    return rsdp ?: find_rsdp(BIOS_ROM_START, BIOS_ROM_END);
}

void acpi_pm_timer_probe(const void *loader_rsdp)
{
    const uint8_t *rsdp = loader_rsdp, *fadt;
    uint32_t port;

    /* The loader's copy (UEFI: no RSDP in the BIOS areas), if sound. */
    if ( rsdp && (memcmp(rsdp, "RSD PTR ", 8) || sum(rsdp, 20)) )
    {
        printk("ACPI: the loader's RSDP copy is malformed, ignored\n");
        rsdp = NULL;
    }
    rsdp = rsdp ?: find_bios_rsdp();
    fadt = rsdp ? find_fadt(rsdp) : NULL;
    if ( !fadt )
    {
        printk("ACPI: no firmware FADT: domains get an emulated PM timer\n");
        return;
    }
    port = get32(fadt + FADT_PM_TMR_BLK);
    if ( !port || port > 0xfffc || fadt[FADT_PM_TMR_LEN] != 4 ||
         !hvm_pm_timer_passable(port) || !counting(port) )
    {
        printk("ACPI: host PM timer %#x not usable: domains get an "
               "emulated one\n",
               port);
        return;
    }
    host_port = port;
    printk("ACPI: host PM timer at port %#x, read directly by domains\n",
           port);
}

uint16_t acpi_host_pm_timer(void)
{
    return host_port;
}
