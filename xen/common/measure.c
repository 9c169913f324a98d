/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Measured launch in the hypervisor: the boot's measurements printed, kept
 * in the TCG event log and extended into the TPM, before any domain is built.
 */
#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <xen/measure.h>
#include <xen/setup.h>
#include <xen/tpm.h>
#include <libfdt.h>

#define EVENT_LOG_SIZE (128 * 1024) /* 256 domains: about 95 KiB */

static uint8_t event_log_buf[EVENT_LOG_SIZE] __aligned(4096);
static struct hl_event_log event_log;
static struct hl_pcr_bank pcr_bank;
static bool tpm_ok;
static bool tpm_required; /* hyperlaunch,tpm-failure = "stop" */
static unsigned int warned_full;

const void *measure_event_log(size_t *size)
{
    *size = event_log.used;
    return event_log.used ? event_log_buf : NULL;
}

bool measure_log_wanted(const struct boot_domain *bd)
{
    return event_log.used && ((bd->capabilities & DOMAIN_CAPS_CONTROL) ||
                              (bd->capabilities & DOMAIN_CAPS_HARDWARE) ||
                              (bd->flags & BD_EVENT_LOG));
}

static void tpm_failed(const char *what, int rc)
{
    printk("%s: measured: the TPM failed to %s (%d); %s\n",
           tpm_required ? "ERROR" : "Warning", what, rc,
           tpm_required ? "the boot will stop"
                        : "the boot goes on without attestation");
    tpm_ok = false;
}

static int record(const struct hl_measurement *ev, void *opaque)
{
    char line[160];
    int rc;

    hl_measure_line(ev, line, sizeof(line));
    printk("%s\n", line);
    if ( hl_log_append(&event_log, ev) && !warned_full++ )
        printk("Warning: measured: the event log is full\n");
    hl_pcr_extend(&pcr_bank, ev->pcr, ev->digest);
    if ( tpm_ok )
    {
        rc = tpm_pcr_extend_sha256(ev->pcr, ev->digest);
        if ( rc )
            tpm_failed("extend a PCR", rc);
    }
    return 0;
}

static void tpm_setup(const void *fdt)
{
    volatile uint8_t *base = arch_tpm_tis_map(fdt);
    int rc;

    if ( !base )
    {
        if ( tpm_required )
            printk("ERROR: measured: no TPM found; the boot will stop\n");
        else
            printk("measured: no TPM found; measuring into the event log "
                   "only (no attestation)\n");
        return;
    }
    rc = tpm_tis_init(base);
    if ( rc )
    {
        tpm_failed("start", rc);
        return;
    }
    tpm_ok = true;
}

/* One line per PCR extended: the TPM's value, else the computed one. */
static void print_pcrs(void)
{
    uint8_t value[SHA256_DIGEST_SIZE];
    char hex[65];
    unsigned int pcr;
    int rc;

    for ( pcr = 0; pcr < HL_NR_PCRS; pcr++ )
    {
        if ( !(pcr_bank.extended & (1U << pcr)) )
            continue;
        rc = tpm_ok ? tpm_pcr_read_sha256(pcr, value) : -ENODEV;
        if ( !rc )
        {
            printk("PCR%u sha256=%s\n", pcr, sha256_hex(value, hex));
            if ( memcmp(value, pcr_bank.value[pcr], sizeof(value)) )
                printk("Warning: measured: PCR%u differs from the event "
                       "log's %s (extended before this boot?)\n",
                       pcr, sha256_hex(pcr_bank.value[pcr], hex));
            continue;
        }
        if ( tpm_ok )
            tpm_failed("read a PCR", rc);
        printk("PCR%u sha256=%s (computed; no TPM)\n", pcr,
               sha256_hex(pcr_bank.value[pcr], hex));
    }
}

/* hyperlaunch,tpm-failure = "stop" and no TPM holds the measurements. */
static int tpm_policy_check(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen");

    if ( !tpm_required || tpm_ok )
        return 0;
    hl_error(fdt, chosen, HL_TPM_POLICY_PROP,
             "\"stop\": the TPM does not hold the measurements");
    return -ENODEV;
}

/* Whether this boot hashes anything: measured, or a module to check. */
static bool hashes_needed(const struct boot_info *bi)
{
    unsigned int i;

    if ( !bi->measure_off )
        return true;
    for ( i = 0; i < bi->nr_mods; i++ )
        if ( bi->mods[i].expected_sha256 )
            return true;
    return false;
}

int measure_boot(const void *fdt, size_t fdt_size, const struct boot_info *bi)
{
    int rc;

    tpm_required = bi->tpm_required;
    if ( hashes_needed(bi) )
        arch_sha256_select();
    if ( bi->measure_off )
    {
        printk("measured launch off (/chosen/" HL_MEASURE_PROP " = \"off\"): "
               "nothing measured, no event log\n");
        return hl_measure_boot(fdt, fdt_size, bi, record, NULL);
    }
    hl_log_init(&event_log, event_log_buf, sizeof(event_log_buf));
    tpm_setup(fdt);
    rc = hl_measure_boot(fdt, fdt_size, bi, record, NULL);
    print_pcrs();
    printk("measured: %u events, %zu-byte event log\n", event_log.nr_events,
           event_log.used);
    return rc ?: tpm_policy_check(fdt);
}
