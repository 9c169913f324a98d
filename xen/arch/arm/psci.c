/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI client at EL2: find the conduit in the DT, SYSTEM_OFF to stop. */
#include <xen/lib.h>
#include <xen/setup.h>
#include <asm/setup.h>
#include <libfdt.h>

#define PSCI_0_2_FN_SYSTEM_OFF 0x84000008U
#define PSCI_0_2_FN64_CPU_ON 0xc4000003U

enum psci_conduit {
    PSCI_CONDUIT_NONE,
    PSCI_CONDUIT_SMC,
    PSCI_CONDUIT_HVC,
};

/* QEMU virt with virtualization=on implements PSCI through smc. */
static enum psci_conduit psci_conduit = PSCI_CONDUIT_SMC;

static int psci_node(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");

    if ( node < 0 )
        node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0");
    return node;
}

void psci_init(const void *fdt)
{
    const char *method;
    int node, len;

    if ( !fdt )
        return;
    psci_conduit = PSCI_CONDUIT_NONE;
    node = psci_node(fdt);
    if ( node < 0 )
        return;
    method = fdt_getprop(fdt, node, "method", &len);
    if ( !method || len < 4 )
        return;
    if ( !strncmp(method, "smc", 4) )
        psci_conduit = PSCI_CONDUIT_SMC;
    else if ( !strncmp(method, "hvc", 4) )
        psci_conduit = PSCI_CONDUIT_HVC;
}

static uint64_t psci_smc(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 asm("x0") = fn;
    register uint64_t x1 asm("x1") = a1;
    register uint64_t x2 asm("x2") = a2;
    register uint64_t x3 asm("x3") = a3;

    /* SMCCC 1.0 lets the callee corrupt x0-x17. */
    asm volatile("smc #0"
                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                 :
                 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
                   "x13", "x14", "x15", "x16", "x17", "memory");
    return x0;
}

int64_t psci_cpu_on(uint64_t mpidr, paddr_t entry, uint64_t context)
{
    if ( psci_conduit != PSCI_CONDUIT_SMC )
        return -1;
    return (int64_t)psci_smc(PSCI_0_2_FN64_CPU_ON, mpidr, entry, context);
}

void arch_halt(void)
{
    for ( ;; )
        asm volatile("msr daifset, #0xf; wfi" ::: "memory");
}

void arch_power_off(int code)
{
    printk("Powering off (%s)\n", code ? "boot failed" : "normal stop");
    switch ( psci_conduit )
    {
    case PSCI_CONDUIT_SMC:
        psci_smc(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
        printk("PSCI SYSTEM_OFF returned; halting\n");
        break;
    case PSCI_CONDUIT_HVC:
        /* An hvc at EL2 traps to ourselves, never to the firmware. */
        printk("PSCI conduit is hvc, unusable from EL2; halting\n");
        break;
    default:
        printk("No PSCI 0.2+ node in the device tree; halting\n");
        break;
    }
    arch_halt();
}
