/* SPDX-License-Identifier: GPL-2.0-only */
/* Virtual local APIC: what its three files share (registers, helpers). */
#ifndef HVM_VLAPIC_PRIV_H
#define HVM_VLAPIC_PRIV_H

#include <xen/types.h>
#include <asm/vlapic.h>

#define VLAPIC_MSR_APIC_BASE 0x1bU
#define VLAPIC_MSR_TSC_DEADLINE 0x6e0U

/* LVT entries, in register order from 0x832. */
#define VLAPIC_LVT_TIMER 0
#define VLAPIC_LVT_LINT0 3
#define VLAPIC_LVT_MASKED (1U << 16)
#define VLAPIC_LVT_DM_EXTINT (7U << 8)
#define VLAPIC_LVT_DM_MASK (7U << 8)
#define VLAPIC_SVR_ENABLE (1U << 8)

/* x2APIC ICR bits 12, 13, 16, 17 and 20-31 are reserved. */
#define VLAPIC_ICR_RESERVED 0xfff33000ULL
#define VLAPIC_ICR_BROADCAST 0xffffffffU

/* Errors an APIC latches in its ESR. */
#define VLAPIC_ESR_REDIRECTIBLE (1U << 4)
#define VLAPIC_ESR_SEND_ILLEGAL (1U << 5)
#define VLAPIC_ESR_RECV_ILLEGAL (1U << 6)

/* vlapic.c */
uint32_t vlapic_ldr(uint32_t id);
int vlapic_reg_read(struct vcpu *v, uint32_t reg, uint64_t *val);
int vlapic_reg_write(struct vcpu *v, uint32_t reg, uint64_t val);

/* vlapic-irq.c: priorities, EOI, self IPI, the ICR. */
uint32_t vlapic_ppr(const struct vlapic *l);
void vlapic_eoi(struct vlapic *l);
void vlapic_self_ipi(struct vcpu *v, uint8_t vector);
int vlapic_icr_write(struct vcpu *v, uint64_t icr);

/* vlapic-timer.c: the timer registers and IA32_TSC_DEADLINE. */
uint32_t vlapic_timer_count(const struct vcpu *v);
int vlapic_timer_lvt_write(struct vcpu *v, uint32_t val);
void vlapic_timer_set_count(struct vcpu *v, uint32_t count);
uint64_t vlapic_tsc_deadline(const struct vcpu *v);
void vlapic_tsc_deadline_write(struct vcpu *v, uint64_t val);

#endif /* HVM_VLAPIC_PRIV_H */
