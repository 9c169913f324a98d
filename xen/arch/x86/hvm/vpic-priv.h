/* SPDX-License-Identifier: GPL-2.0-only */
/* The dual 8259 PIC: what its core (vpic.c) gives its ports (vpic-ports.c). */
#ifndef HVM_VPIC_PRIV_H
#define HVM_VPIC_PRIV_H

#include <asm/hvm-io.h>

/* Chip @n of @d: 0 the master (0x20), 1 the slave (0xa0). */
struct vpic_chip *vpic_chip(struct domain *d, unsigned int n);

/* The highest-priority IR set in @bits, or -1. */
int vpic_highest(const struct vpic_chip *c, uint8_t bits);

/* The IR @c would interrupt with now, or -1. */
int vpic_pending_ir(const struct vpic_chip *c);

/* INTA on @c alone: IRR to ISR (not in auto-EOI); the IR, or 7. */
int vpic_ack_chip(struct vpic_chip *c);

#endif /* HVM_VPIC_PRIV_H */
