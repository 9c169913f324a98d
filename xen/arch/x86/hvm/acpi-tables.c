/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domain's ACPI tables: RSDP, XSDT, FADT, FACS, DSDT (\_S5), MADT, and
 * for a domain handed the measured launch's event log, a TPM2 table
 * naming it (the log itself at 0xe4000, in the same reserved range).
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/setup.h>
#include <asm/hvm-io.h>

/*
 * Where they go: the start of the BIOS area, 0xe0000, inside the 640 KiB
 * - 1 MiB range the e820 map already marks reserved (docs/misc/x86/
 * platform.md).  One 8 KiB block, each table at a fixed offset.
 */
#define ACPI_BASE 0xe0000ULL
#define ACPI_SIZE 0x2000
#define OFF_RSDP 0x000
#define OFF_XSDT 0x040
#define OFF_FACS 0x080 /* 64-byte aligned */
#define OFF_FADT 0x100
#define OFF_DSDT 0x280
#define OFF_MADT 0x300 /* up to 44 + 8 * HL_MAX_VCPUS bytes */
#define OFF_TPM2 0x1f00

/* The event log: up to 112 KiB at 0xe4000, to the reserved BIOS area's end. */
#define EVENT_LOG_BASE 0xe4000ULL
#define EVENT_LOG_MAX 0x1c000

#define HDR_LEN 36
#define FADT_LEN 276 /* revision 6 */
#define FACS_LEN 64
#define TPM2_LEN 76 /* TCG ACPI Specification, TPM2 table revision 4 */
#define MADT_LAPIC_LEN 8
#define LAPIC_ADDR 0xfee00000U
#define MADT_PCAT_COMPAT 1U
#define MADT_IOAPIC_LEN 12
#define MADT_ISO_LEN 10
#define MADT_IO_LEN (MADT_IOAPIC_LEN + 2 * MADT_ISO_LEN)
#define ISO_LEVEL_HIGH 0x000d /* active high, level-triggered */
#define GAS_SYSTEM_IO 1

/* FADT flags: WBINVD works, C1 on all CPUs, no fixed power or sleep
 * button, RTC wake status not in the fixed registers, a reset register. */
#define FADT_FLAGS 0x475U
/* IA-PC boot architecture flags: legacy devices; no 8042; no VGA. */
#define FADT_BOOT_ARCH 0x0005U

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* Bytes summing to zero: the value that makes @len bytes at @p do so. */
static uint8_t acpi_checksum(const uint8_t *p, unsigned int len)
{
    uint8_t sum = 0;

    while ( len-- )
        sum = (uint8_t)(sum + *p++);
    return (uint8_t)-sum;
}

/* The common 36-byte header; the checksum is set once the body is in. */
static void put_header(uint8_t *p, const char *sig, uint32_t len, uint8_t rev)
{
    memcpy(p, sig, 4);
    put32(p + 4, len);
    p[8] = rev;
    memcpy(p + 10, "HLAUNC", 6);   /* OEM ID */
    memcpy(p + 16, "HYPRLNCH", 8); /* OEM table ID */
    put32(p + 24, 1);              /* OEM revision */
    memcpy(p + 28, "HLXN", 4);     /* creator ID */
    put32(p + 32, 1);              /* creator revision */
}

static void seal(uint8_t *p)
{
    uint32_t len = p[4] | p[5] << 8 | p[6] << 16 | (uint32_t)p[7] << 24;

    p[9] = 0;
    p[9] = acpi_checksum(p, len);
}

/* A Generic Address Structure for a block of I/O ports. */
static void put_gas_io(uint8_t *p, uint16_t port, unsigned int bytes)
{
    p[0] = GAS_SYSTEM_IO;
    p[1] = (uint8_t)(bytes * 8);                /* register bit width */
    p[2] = 0;                                   /* bit offset */
    p[3] = bytes == 4 ? 3 : bytes == 2 ? 2 : 1; /* access size */
    put64(p + 4, port);
}

static void build_rsdp(uint8_t *p)
{
    memcpy(p, "RSD PTR ", 8);
    memcpy(p + 9, "HLAUNC", 6);
    p[15] = 2;         /* revision: ACPI 2.0+ */
    put32(p + 20, 36); /* length */
    put64(p + 24, ACPI_BASE + OFF_XSDT);
    p[8] = acpi_checksum(p, 20);  /* the ACPI 1.0 part */
    p[32] = acpi_checksum(p, 36); /* all of it */
}

static void build_xsdt(uint8_t *p, bool tpm2)
{
    put_header(p, "XSDT", HDR_LEN + (tpm2 ? 3 : 2) * 8, 1);
    put64(p + HDR_LEN, ACPI_BASE + OFF_FADT);
    put64(p + HDR_LEN + 8, ACPI_BASE + OFF_MADT);
    if ( tpm2 )
        put64(p + HDR_LEN + 16, ACPI_BASE + OFF_TPM2);
    seal(p);
}

/*
 * The TPM2 table as a carrier of the event log only: platform class 0
 * (client), no control area and start method 0 (no TPM interface is
 * given to the domain); LAML, the log's exact length, at 64; LASA, its
 * address, at 68.
 */
static void build_tpm2(uint8_t *p, uint32_t log_len)
{
    put_header(p, "TPM2", TPM2_LEN, 4);
    put32(p + 64, log_len);
    put64(p + 68, EVENT_LOG_BASE);
    seal(p);
}

static void build_facs(uint8_t *p)
{
    memcpy(p, "FACS", 4);
    put32(p + 4, FACS_LEN);
    p[32] = 2; /* version; no checksum in a FACS */
}

/* Offsets in the FADT (ACPI 6, table 5.9). */
static void build_fadt(uint8_t *p)
{
    put_header(p, "FACP", FADT_LEN, 6);
    put32(p + 36, ACPI_BASE + OFF_FACS); /* FIRMWARE_CTRL */
    put32(p + 40, ACPI_BASE + OFF_DSDT); /* DSDT */
    put16(p + 46, ACPI_SCI_IRQ);         /* SCI_INT; SMI_CMD 0: no SMM */
    put32(p + 56, ACPI_PM1A_EVT_PORT);   /* PM1a_EVT_BLK */
    put32(p + 64, ACPI_PM1A_CNT_PORT);   /* PM1a_CNT_BLK */
    put32(p + 76, hvm_pm_timer_port());  /* PM_TMR_BLK */
    p[88] = 4;                           /* PM1_EVT_LEN */
    p[89] = 2;                           /* PM1_CNT_LEN */
    p[91] = 4;                           /* PM_TMR_LEN */
    put16(p + 96, 101);                  /* P_LVL2_LAT: C2 unsupported */
    put16(p + 98, 1001);                 /* P_LVL3_LAT: C3 unsupported */
    p[108] = 0x32;                       /* CENTURY: CMOS index */
    put16(p + 109, FADT_BOOT_ARCH);      /* IAPC_BOOT_ARCH */
    put32(p + 112, FADT_FLAGS);
    put_gas_io(p + 116, ACPI_RESET_PORT, 1); /* RESET_REG */
    p[128] = ACPI_RESET_VALUE;               /* RESET_VALUE */
    /* X_FIRMWARE_CTRL stays 0: the FACS is below 4 GiB. */
    put64(p + 140, ACPI_BASE + OFF_DSDT); /* X_DSDT */
    put_gas_io(p + 148, ACPI_PM1A_EVT_PORT, 4);
    put_gas_io(p + 172, ACPI_PM1A_CNT_PORT, 2);
    put_gas_io(p + 208, hvm_pm_timer_port(), 4);
    seal(p);
}

/*
 * The DSDT's AML: one object, Name (\_S5, Package () { 5, 5, 0, 0 }),
 * SLP_TYPa and SLP_TYPb for soft-off, then two reserved values.
 *   08              NameOp
 *   5c 5f 53 35 5f  NameString: RootChar '\' then the NameSeg "_S5_"
 *   12              PackageOp
 *   08              PkgLength: one byte, counting itself: 8 bytes follow
 *   04              NumElements
 *   0a 05  0a 05    BytePrefix 5, twice (ACPI_S5_SLP_TYP)
 *   00  00          ZeroOp, twice
 */
static const uint8_t dsdt_aml[] = {
    0x08,
    0x5c,
    0x5f,
    0x53,
    0x35,
    0x5f,
    0x12,
    0x08,
    0x04,
    0x0a,
    ACPI_S5_SLP_TYP,
    0x0a,
    ACPI_S5_SLP_TYP,
    0x00,
    0x00,
};

static void build_dsdt(uint8_t *p)
{
    put_header(p, "DSDT", HDR_LEN + sizeof(dsdt_aml), 2);
    memcpy(p + HDR_LEN, dsdt_aml, sizeof(dsdt_aml));
    seal(p);
}

/* One Processor Local APIC entry per vCPU: UID n, APIC ID n, enabled. */
/*
 * The I/O APIC (ID 0, GSIs 0-23) and two interrupt source overrides, as
 * on a PC: ISA IRQ 0 (the PIT) on GSI 2, and the SCI level-triggered.
 */
static void build_madt_io(uint8_t *e)
{
    e[0] = 1; /* I/O APIC */
    e[1] = MADT_IOAPIC_LEN;
    put32(e + 4, (uint32_t)VIOAPIC_BASE);
    e += MADT_IOAPIC_LEN;
    e[0] = 2; /* Interrupt Source Override: bus 0 (ISA), IRQ 0 -> GSI 2 */
    e[1] = MADT_ISO_LEN;
    put32(e + 4, 2);
    e += MADT_ISO_LEN;
    e[0] = 2;
    e[1] = MADT_ISO_LEN;
    e[3] = ACPI_SCI_IRQ;
    put32(e + 4, ACPI_SCI_IRQ);
    put16(e + 8, ISO_LEVEL_HIGH);
}

static void build_madt(uint8_t *p, unsigned int nr_vcpus)
{
    uint8_t *e = p + HDR_LEN + 8;
    unsigned int i;

    put_header(p, "APIC",
               HDR_LEN + 8 + nr_vcpus * MADT_LAPIC_LEN + MADT_IO_LEN, 5);
    put32(p + HDR_LEN, LAPIC_ADDR);
    put32(p + HDR_LEN + 4, MADT_PCAT_COMPAT); /* dual 8259 present */
    for ( i = 0; i < nr_vcpus; i++, e += MADT_LAPIC_LEN )
    {
        e[0] = 0; /* Processor Local APIC */
        e[1] = MADT_LAPIC_LEN;
        e[2] = (uint8_t)i; /* ACPI processor UID */
        e[3] = (uint8_t)i; /* APIC ID */
        put32(e + 4, 1);   /* enabled */
    }
    build_madt_io(e);
    seal(p);
}

_Static_assert(OFF_MADT + HDR_LEN + 8 + HL_MAX_VCPUS * MADT_LAPIC_LEN +
                       MADT_IO_LEN <=
                   ACPI_SIZE,
               "the MADT does not fit");
_Static_assert(OFF_MADT + HDR_LEN + 8 + HL_MAX_VCPUS * MADT_LAPIC_LEN +
                       MADT_IO_LEN <=
                   OFF_TPM2,
               "the MADT runs into the TPM2 table");
_Static_assert(OFF_TPM2 + TPM2_LEN <= ACPI_SIZE,
               "the TPM2 table does not fit");
_Static_assert(ACPI_BASE + ACPI_SIZE <= EVENT_LOG_BASE &&
                   EVENT_LOG_BASE + EVENT_LOG_MAX <= 0x100000ULL,
               "the event log is not in the reserved BIOS area");
_Static_assert(HL_MAX_VCPUS <= 255, "APIC IDs above 254 need x2APIC entries");

/* The event log's copy, when @d gets it: its length, else 0. */
static uint32_t copy_event_log(struct domain *d)
{
    size_t size;
    const void *log = measure_event_log(&size);

    if ( !measure_log_wanted(d->bd) )
        return 0;
    if ( size > EVENT_LOG_MAX )
    {
        printk("Warning: d%u: the event log (%zu bytes) does not fit its "
               "%u bytes at %#llx; not handed over\n",
               d->domid, size, EVENT_LOG_MAX, EVENT_LOG_BASE);
        return 0;
    }
    if ( domain_copy_to_guest(d, EVENT_LOG_BASE, log, size) )
        return 0;
    return (uint32_t)size;
}

/* Built in a static buffer (domains are built one at a time), copied in. */
int acpi_build_tables(struct domain *d, paddr_t *rsdp)
{
    static uint8_t buf[ACPI_SIZE];
    uint32_t log_len = copy_event_log(d);
    int rc;

    memset(buf, 0, sizeof(buf));
    build_rsdp(buf + OFF_RSDP);
    build_xsdt(buf + OFF_XSDT, log_len);
    if ( log_len )
        build_tpm2(buf + OFF_TPM2, log_len);
    build_facs(buf + OFF_FACS);
    build_fadt(buf + OFF_FADT);
    build_dsdt(buf + OFF_DSDT);
    build_madt(buf + OFF_MADT, d->nr_vcpus);
    rc = domain_copy_to_guest(d, ACPI_BASE, buf, sizeof(buf));
    if ( rc )
    {
        printk("ERROR: d%u: cannot write its ACPI tables (%d)\n", d->domid,
               rc);
        return rc;
    }
    *rsdp = ACPI_BASE + OFF_RSDP;
    return 0;
}
