/* SPDX-License-Identifier: GPL-2.0-only */
/* TPM 2.0 through the TIS (FIFO) MMIO interface: what measured launch needs. */
#ifndef XEN_TPM_H
#define XEN_TPM_H

#include <xen/types.h>

/*
 * Take locality 0 of the TIS registers at @base (mapped uncached) and make
 * sure the TPM is started (TPM2_Startup(CLEAR) when it says it is not).
 * Returns 0, -ENODEV when nothing answers like a TIS, -ETIMEDOUT, or -EIO
 * when the TPM answers with an error.
 */
int tpm_tis_init(volatile uint8_t *base);

/* TPM2_PCR_Extend of PCR @pcr with one SHA-256 digest.  0 or -errno. */
int tpm_pcr_extend_sha256(unsigned int pcr, const uint8_t digest[32]);

/* TPM2_PCR_Read of PCR @pcr's SHA-256 value into @out.  0 or -errno. */
int tpm_pcr_read_sha256(unsigned int pcr, uint8_t out[32]);

/* Implemented by each architecture. */

/*
 * Called once by the measured launch, after the parse and check phases and
 * before any domain is built, with the host DT @fdt (x86: the boot DT, which
 * does not describe the TPM).  Returns the TIS register block, mapped
 * uncached, or NULL when the platform has no TPM this hypervisor can reach
 * (the boot then goes on measured, without attestation).
 */
volatile uint8_t *arch_tpm_tis_map(const void *fdt);

#endif /* XEN_TPM_H */
