/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Measured launch predicted from the boot's files: the hypervisor's
 * "measured:" and "PCR<n>" lines (without its console prefix), the final
 * PCR values and the event log, as a TPM that starts from reset computes
 * them.  Used by every host tool that predicts a boot (hlcheck --measure,
 * hlimage --measure), so that they print the very same lines.
 */
#include <xen/measure.h>

#include "private.h"

static void say(const struct hl_prediction *p, const char *line)
{
    if ( p->line )
        p->line(line, p->opaque);
}

static int record(const struct hl_measurement *ev, void *opaque)
{
    struct hl_prediction *p = opaque;
    char line[160];

    hl_measure_line(ev, line, sizeof(line));
    say(p, line);
    hl_pcr_extend(&p->bank, ev->pcr, ev->digest);
    if ( p->log.buf )
        hl_log_append(&p->log, ev);
    return 0;
}

int hl_measure_predict(const void *fdt, size_t fdt_size,
                       const struct boot_info *bi, struct hl_prediction *p)
{
    char line[96], hex[65];
    unsigned int pcr;
    int rc;

    memset(&p->bank, 0, sizeof(p->bank));
    if ( bi->measure_off )
        say(p, "measured launch off (/chosen/" HL_MEASURE_PROP " = \"off\"): "
               "nothing measured, no event log");
    rc = hl_measure_boot(fdt, fdt_size, bi, record, p);
    for ( pcr = 0; pcr < HL_NR_PCRS; pcr++ )
    {
        if ( !(p->bank.extended & (1U << pcr)) )
            continue;
        snprintf(line, sizeof(line), "PCR%u sha256=%s", pcr,
                 sha256_hex(p->bank.value[pcr], hex));
        say(p, line);
    }
    return rc;
}
