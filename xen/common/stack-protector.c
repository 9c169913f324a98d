/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stack-protector support for Debian's prebuilt libfdt archive, which is
 * compiled with -fstack-protector.  The hypervisor itself is not.  On arm64
 * the canary is the global below; on x86_64 it is read from %fs:0x28, which
 * the x86 boot code points at hl_ssp_area.
 */
#include <xen/lib.h>

void __stack_chk_fail(void);

uintptr_t __stack_chk_guard = 0x5a17c0de2b0b1e55UL;

__noreturn void __stack_chk_fail(void)
{
    printk("stack corruption detected in libfdt\n");
    bug(__FILE__, __LINE__);
}
