/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM 2.0 over the TCG PC Client TIS (FIFO) MMIO interface, locality 0:
 * TPM2_Startup, TPM2_PCR_Extend and TPM2_PCR_Read of the SHA-256 bank.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/tpm.h>

/* Locality 0 registers. */
#define TIS_ACCESS 0x00
#define TIS_STS 0x18
#define TIS_DATA_FIFO 0x24
#define TIS_DID_VID 0xf00

#define ACCESS_REQUEST_USE (1U << 1)
#define ACCESS_ACTIVE_LOCALITY (1U << 5)
#define ACCESS_VALID (1U << 7)

#define STS_EXPECT (1U << 3)
#define STS_DATA_AVAIL (1U << 4)
#define STS_GO (1U << 5)
#define STS_COMMAND_READY (1U << 6)
#define STS_VALID (1U << 7)

/* TPM 2.0 commands and answers (big-endian). */
#define TPM_ST_NO_SESSIONS 0x8001U
#define TPM_ST_SESSIONS 0x8002U
#define TPM_CC_STARTUP 0x144U
#define TPM_CC_PCR_EXTEND 0x182U
#define TPM_CC_PCR_READ 0x17eU
#define TPM_RS_PW 0x40000009U
#define TPM_RC_INITIALIZE 0x100U /* already started */
#define TPM_ALG_SHA256 0x000bU

#define POLL_LIMIT 20000000U /* register reads before giving up */
#define TPM_BUF_SIZE 128

static volatile uint8_t *tis;

static uint8_t rd8(unsigned int reg)
{
    return tis[reg];
}

static void wr8(unsigned int reg, uint8_t v)
{
    tis[reg] = v;
}

static uint32_t rd32(unsigned int reg)
{
    return *(volatile uint32_t *)(tis + reg);
}

static int wait_sts(uint32_t mask, uint32_t want)
{
    unsigned int i;

    for ( i = 0; i < POLL_LIMIT; i++ )
        if ( (rd32(TIS_STS) & mask) == want )
            return 0;
    return -ETIMEDOUT;
}

/* How many bytes the FIFO takes or gives now (0: wait). */
static unsigned int burst_count(void)
{
    return (rd32(TIS_STS) >> 8) & 0xffff;
}

static int fifo_write(const uint8_t *p, size_t len)
{
    unsigned int i, burst;

    while ( len )
    {
        for ( i = 0; i < POLL_LIMIT && !(burst = burst_count()); i++ )
            ;
        if ( !burst )
            return -ETIMEDOUT;
        for ( ; burst && len; burst--, len-- )
            wr8(TIS_DATA_FIFO, *p++);
    }
    return 0;
}

static int fifo_read(uint8_t *p, size_t len)
{
    unsigned int i, burst;

    while ( len )
    {
        for ( i = 0; i < POLL_LIMIT && !(burst = burst_count()); i++ )
            ;
        if ( !burst )
            return -ETIMEDOUT;
        for ( ; burst && len; burst--, len-- )
            *p++ = rd8(TIS_DATA_FIFO);
    }
    return 0;
}

static uint32_t get_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | p[3];
}

static uint8_t *put_be16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
    return p + 2;
}

static uint8_t *put_be32(uint8_t *p, uint32_t v)
{
    put_be16(p, v >> 16);
    put_be16(p + 2, v);
    return p + 4;
}

/*
 * Send @cmd (its size in its header) and read the answer into @rsp (up to
 * TPM_BUF_SIZE bytes).  Returns the TPM's response code (0 is success),
 * or -errno when the interface itself failed.
 */
static long tpm_transmit(const uint8_t *cmd, uint8_t *rsp)
{
    uint32_t len = get_be32(cmd + 2);
    int rc;

    *(volatile uint32_t *)(tis + TIS_STS) = STS_COMMAND_READY;
    rc = wait_sts(STS_COMMAND_READY, STS_COMMAND_READY);
    rc = rc ?: fifo_write(cmd, len);
    rc = rc ?: wait_sts(STS_VALID | STS_EXPECT, STS_VALID);
    if ( rc )
        return rc;
    *(volatile uint32_t *)(tis + TIS_STS) = STS_GO;
    rc = wait_sts(STS_VALID | STS_DATA_AVAIL, STS_VALID | STS_DATA_AVAIL);
    rc = rc ?: fifo_read(rsp, 10);
    if ( rc )
        return rc;
    len = get_be32(rsp + 2);
    if ( len < 10 || len > TPM_BUF_SIZE )
        return -EIO;
    rc = fifo_read(rsp + 10, len - 10);
    *(volatile uint32_t *)(tis + TIS_STS) = STS_COMMAND_READY;
    return rc ?: (long)get_be32(rsp + 6);
}

static uint8_t *put_header(uint8_t *p, uint32_t tag, uint32_t size,
                           uint32_t cc)
{
    p = put_be16(p, tag);
    p = put_be32(p, size);
    return put_be32(p, cc);
}

static int request_locality0(void)
{
    unsigned int i;

    if ( rd8(TIS_ACCESS) == 0xff || rd32(TIS_DID_VID) == 0xffffffffU ||
         rd32(TIS_DID_VID) == 0 )
        return -ENODEV;
    wr8(TIS_ACCESS, ACCESS_REQUEST_USE);
    for ( i = 0; i < POLL_LIMIT; i++ )
        if ( (rd8(TIS_ACCESS) & (ACCESS_VALID | ACCESS_ACTIVE_LOCALITY)) ==
             (ACCESS_VALID | ACCESS_ACTIVE_LOCALITY) )
            return 0;
    return -ETIMEDOUT;
}

int tpm_tis_init(volatile uint8_t *base)
{
    uint8_t cmd[12], rsp[TPM_BUF_SIZE];
    long rc;

    tis = base;
    rc = request_locality0();
    if ( rc )
        return (int)rc;
    put_be16(put_header(cmd, TPM_ST_NO_SESSIONS, 12, TPM_CC_STARTUP), 0);
    rc = tpm_transmit(cmd, rsp);
    if ( rc < 0 )
        return (int)rc;
    return rc == 0 || rc == TPM_RC_INITIALIZE ? 0 : -EIO;
}

int tpm_pcr_extend_sha256(unsigned int pcr, const uint8_t digest[32])
{
    uint8_t cmd[65], rsp[TPM_BUF_SIZE], *p;
    long rc;

    p = put_header(cmd, TPM_ST_SESSIONS, sizeof(cmd), TPM_CC_PCR_EXTEND);
    p = put_be32(p, pcr);
    p = put_be32(p, 9);         /* authorization area size */
    p = put_be32(p, TPM_RS_PW); /* empty password session */
    p = put_be16(p, 0);         /* nonce */
    *p++ = 0;                   /* session attributes */
    p = put_be16(p, 0);         /* hmac */
    p = put_be32(p, 1);         /* TPML_DIGEST_VALUES.count */
    p = put_be16(p, TPM_ALG_SHA256);
    memcpy(p, digest, 32);
    rc = tpm_transmit(cmd, rsp);
    return rc < 0 ? (int)rc : rc ? -EIO : 0;
}

int tpm_pcr_read_sha256(unsigned int pcr, uint8_t out[32])
{
    uint8_t cmd[20], rsp[TPM_BUF_SIZE], *p;
    long rc;

    if ( pcr >= 24 )
        return -EINVAL;
    p = put_header(cmd, TPM_ST_NO_SESSIONS, sizeof(cmd), TPM_CC_PCR_READ);
    p = put_be32(p, 1); /* TPML_PCR_SELECTION.count */
    p = put_be16(p, TPM_ALG_SHA256);
    *p++ = 3; /* sizeofSelect */
    p[0] = p[1] = p[2] = 0;
    p[pcr / 8] = (uint8_t)(1U << (pcr % 8));
    rc = tpm_transmit(cmd, rsp);
    if ( rc )
        return rc < 0 ? (int)rc : -EIO;
    /* header, update counter, selection (10), digest count, TPM2B size */
    if ( get_be32(rsp + 2) < 30 + 32 || get_be32(rsp + 24) != 1 ||
         rsp[28] != 0 || rsp[29] != 32 )
        return -EIO;
    memcpy(out, rsp + 30, 32);
    return 0;
}
