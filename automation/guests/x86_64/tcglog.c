/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tcglog: find the measured launch's event log through ACPI (the RSDP in
 * the start info, the XSDT, the TPM2 table's LASA and LAML), check that
 * the e820 map reserves it, print its events, power off.
 */
#include "guest.h"

#include "../measured/tcglog-walk.h"

#define ACPI_HDR_LEN 36

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
    return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static bool sig_is(const uint8_t *p, const char *sig)
{
    return p[0] == sig[0] && p[1] == sig[1] && p[2] == sig[2] &&
           p[3] == sig[3];
}

/* The TPM2 table the XSDT lists, or NULL. */
static const uint8_t *find_tpm2(const struct hvm_start_info *si)
{
    const uint8_t *rsdp = (const uint8_t *)(uintptr_t)si->rsdp_paddr;
    const uint8_t *xsdt, *t;
    uint32_t i, n;

    if ( !rsdp || rsdp[15] < 2 )
        return NULL;
    xsdt = (const uint8_t *)(uintptr_t)rd64(rsdp + 24);
    if ( !sig_is(xsdt, "XSDT") )
        return NULL;
    n = (rd32(xsdt + 4) - ACPI_HDR_LEN) / 8;
    for ( i = 0; i < n; i++ )
    {
        t = (const uint8_t *)(uintptr_t)rd64(xsdt + ACPI_HDR_LEN + 8 * i);
        if ( sig_is(t, "TPM2") )
            return t;
    }
    return NULL;
}

/* Whether the e820 map says [@base, @base + @size) is reserved. */
static bool e820_reserved(const struct hvm_start_info *si, uint64_t base,
                          uint64_t size)
{
    const struct hvm_memmap_table_entry *e =
        (const void *)(uintptr_t)si->memmap_paddr;
    uint32_t i;

    for ( i = 0; i < si->memmap_entries; i++ )
        if ( e[i].type == E820_RESERVED && e[i].addr <= base &&
             base + size <= e[i].addr + e[i].size )
            return true;
    return false;
}

void guest_main(const struct hvm_start_info *si)
{
    const uint8_t *tpm2 = find_tpm2(si);
    uint64_t base;
    uint32_t len;

    if ( !tpm2 || rd32(tpm2 + 4) < 76 )
    {
        gprintf("TCGLOG: no TPM2 table with an event log\n");
        guest_power_off(0);
    }
    len = rd32(tpm2 + 64);
    base = rd64(tpm2 + 68);
    gprintf("TCGLOG: region %llx %u bytes, e820 %s\n", base, len,
            e820_reserved(si, base, len) ? "reserved" : "NOT reserved");
    tcglog_walk((const volatile uint8_t *)(uintptr_t)base, len);
    guest_power_off(0);
}
