/* SPDX-License-Identifier: GPL-2.0-only */
/* pic test guest: what pic.c and pic-uart.c share. */
#ifndef PIC_H
#define PIC_H

#include "guest.h"

#define PIC1 0x20
#define PIC2 0xa0
#define VEC_BASE 0x20
#define V_PIT (VEC_BASE + 0)
#define V_UART (VEC_BASE + 4)
#define OCW3_IRR 0x0a
#define OCW3_ISR 0x0b

/* Read a register of the 8259 at @base after OCW3 @ocw3 (IRR, ISR, poll). */
uint8_t pic_reg(uint16_t base, uint8_t ocw3);
/* ICW1-4 on both chips (vectors 0x20 and 0x28, slave on IR2), all masked. */
void pic_init(uint8_t icw4);
/* pic-uart.c: the 16550's interrupts (THRE, level, receive). */
void pic_uart(void);

#endif /* PIC_H */
