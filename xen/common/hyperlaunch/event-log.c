/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TCG crypto-agile event log (TCG PC Client Platform Firmware Profile:
 * a TCG_PCClientPCREvent carrying TCG_EfiSpecIDEvent, then TCG_PCR_EVENT2
 * entries), SHA-256 bank only, little-endian; and PCR extension.
 */
#include <xen/measure.h>

#include "private.h"

#define SPEC_ID_SIGNATURE "Spec ID Event03" /* 16 bytes with the NUL */
#define SPEC_ID_EVENT_SIZE (16 + 4 + 4 + 4 + 4 + 1)
#define SPEC_ID_HEADER_SIZE (4 + 4 + 20 + 4 + SPEC_ID_EVENT_SIZE)

static uint8_t *put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
    return p + 4;
}

static uint8_t *put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    return p + 2;
}

int hl_log_init(struct hl_event_log *log, void *buf, size_t size)
{
    uint8_t *p = buf;

    memset(log, 0, sizeof(*log));
    log->buf = buf;
    log->size = size;
    if ( size < SPEC_ID_HEADER_SIZE )
        return -ENOSPC;
    /* TCG_PCClientPCREvent: PCR 0, EV_NO_ACTION, a zero SHA-1 digest. */
    p = put32(p, 0);
    p = put32(p, EV_NO_ACTION);
    memset(p, 0, 20);
    p = put32(p + 20, SPEC_ID_EVENT_SIZE);
    /* TCG_EfiSpecIDEvent. */
    memcpy(p, SPEC_ID_SIGNATURE, 16);
    p = put32(p + 16, 0); /* platformClass: client */
    *p++ = 0;             /* specVersionMinor */
    *p++ = 2;             /* specVersionMajor */
    *p++ = 0;             /* specErrata */
    *p++ = 2;             /* uintnSize: 64-bit UINTN */
    p = put32(p, 1);      /* numberOfAlgorithms */
    p = put16(p, TPM_ALG_SHA256);
    p = put16(p, SHA256_DIGEST_SIZE);
    *p++ = 0; /* vendorInfoSize */
    log->used = (size_t)(p - (uint8_t *)buf);
    return 0;
}

int hl_log_append(struct hl_event_log *log, const struct hl_measurement *ev)
{
    size_t need = 4 + 4 + 4 + 2 + SHA256_DIGEST_SIZE + 4 + ev->data_len;
    uint8_t *p;

    if ( !log->buf || log->size - log->used < need )
    {
        log->full = true;
        return -ENOSPC;
    }
    p = log->buf + log->used;
    p = put32(p, ev->pcr);
    p = put32(p, ev->event_type);
    p = put32(p, 1); /* TPML_DIGEST_VALUES.count */
    p = put16(p, TPM_ALG_SHA256);
    memcpy(p, ev->digest, SHA256_DIGEST_SIZE);
    p = put32(p + SHA256_DIGEST_SIZE, ev->data_len);
    memcpy(p, ev->data, ev->data_len);
    log->used += need;
    log->nr_events++;
    return 0;
}

void hl_pcr_extend(struct hl_pcr_bank *bank, uint32_t pcr,
                   const uint8_t digest[SHA256_DIGEST_SIZE])
{
    struct sha256_ctx ctx;

    if ( pcr >= HL_NR_PCRS )
        return;
    sha256_init(&ctx);
    sha256_update(&ctx, bank->value[pcr], SHA256_DIGEST_SIZE);
    sha256_update(&ctx, digest, SHA256_DIGEST_SIZE);
    sha256_final(&ctx, bank->value[pcr]);
    bank->extended |= 1U << pcr;
}
