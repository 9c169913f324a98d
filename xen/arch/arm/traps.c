/* SPDX-License-Identifier: GPL-2.0-only */
/* Unexpected exceptions taken at EL2: report them and stop the machine. */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/setup.h>
#include <asm/setup.h>
#include <asm/sysregs.h>

static const char *const vector_names[16] = {
    "synchronous, EL2t",
    "IRQ, EL2t",
    "FIQ, EL2t",
    "SError, EL2t",
    "synchronous, EL2h",
    "IRQ, EL2h",
    "FIQ, EL2h",
    "SError, EL2h",
    "synchronous, lower EL AArch64",
    "IRQ, lower EL AArch64",
    "FIQ, lower EL AArch64",
    "SError, lower EL AArch64",
    "synchronous, lower EL AArch32",
    "IRQ, lower EL AArch32",
    "FIQ, lower EL AArch32",
    "SError, lower EL AArch32",
};

void do_hyp_trap(unsigned int vector, uint64_t lr, uint64_t sp)
{
    static bool in_trap;
    uint64_t esr = READ_SYSREG(esr_el2);

    /* A fault while reporting a fault (say, a dead UART): just stop. */
    if ( in_trap )
        arch_halt();
    in_trap = true;
    console_force_unlock();
    dt_console_emergency();

    printk("Unexpected hypervisor exception (%s)\n",
           vector_names[vector & 15]);
    printk("  ESR_EL2 %#llx (EC %#llx)  ELR_EL2 %#llx  FAR_EL2 %#llx\n",
           (unsigned long long)esr,
           (unsigned long long)((esr >> ESR_EC_SHIFT) & ESR_EC_MASK),
           (unsigned long long)READ_SYSREG(elr_el2),
           (unsigned long long)READ_SYSREG(far_el2));
    printk("  SPSR_EL2 %#llx  LR %#llx  SP %#llx\n",
           (unsigned long long)READ_SYSREG(spsr_el2), (unsigned long long)lr,
           (unsigned long long)sp);
    arch_power_off(1);
}
