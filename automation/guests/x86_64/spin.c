/* SPDX-License-Identifier: GPL-2.0-only */
/* spin: say so, then loop for ever with interrupts off and no exits. */
#include "guest.h"

void guest_main(const struct hvm_start_info *si)
{
    gprintf("spin: spinning\n");
    for ( ;; )
        asm volatile("" ::: "memory");
}
