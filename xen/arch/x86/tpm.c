/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 side of measured launch: the TIS at its fixed address, SHA-256 choice. */
#include <xen/lib.h>
#include <xen/setup.h>
#include <xen/tpm.h>

#define TIS_BASE 0xfed40000UL /* PC Client fixed address, locality 0 */
#define TIS_DID_VID 0xf00

volatile uint8_t *arch_tpm_tis_map(const void *fdt)
{
    volatile uint8_t *tis = (volatile uint8_t *)TIS_BASE;
    uint32_t id = *(volatile uint32_t *)(tis + TIS_DID_VID);

    /* Nothing decodes the range: reads float to all ones. */
    if ( id == 0xffffffffU || id == 0 )
        return NULL;
    printk("measured: TPM TIS at %#lx (vendor %#x)\n", TIS_BASE, id & 0xffff);
    return tis;
}

void arch_sha256_select(void)
{}
