/* SPDX-License-Identifier: GPL-2.0-only */
/* Host CPU bring-up: PSCI CPU_ON for every CPU of /cpus, per-CPU set-up. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/config.h>
#include <asm/gic.h>
#include <asm/mm.h>
#include <asm/p2m.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/sysregs.h>
#include <libfdt.h>

/* How long a started CPU gets to say it is up. */
#define CPU_UP_TIMEOUT_MS 1000

static struct pcpu pcpus[NR_CPUS];

/* CPU index -> up, written by the CPU itself (read by the boot CPU). */
static volatile bool cpu_up[NR_CPUS];

void secondary_entry(void);
void start_secondary(unsigned int cpu);

static void set_pcpu(unsigned int cpu)
{
    pcpus[cpu].id = cpu;
    pcpus[cpu].mpidr = READ_SYSREG(mpidr_el1) & MPIDR_AFF_MASK;
    WRITE_SYSREG(tpidr_el2, (uint64_t)(uintptr_t)&pcpus[cpu]);
}

uint64_t smp_cpu_mpidr(unsigned int cpu)
{
    return pcpus[cpu < NR_CPUS ? cpu : 0].mpidr;
}

void smp_boot_cpu_init(void)
{
    set_pcpu(0);
    cpu_online_map = 1;
}

void start_secondary(unsigned int cpu)
{
    int rc;

    set_pcpu(cpu);
    p2m_setup_cpu();
    rc = gic_cpu_init();
    if ( rc )
    {
        printk("CPU%u: GIC CPU interface unusable (%d); parked\n", cpu, rc);
        arch_halt();
    }
    spin_lock(&sched_lock);
    cpu_online_map |= 1ULL << cpu;
    spin_unlock(&sched_lock);
    cpu_up[cpu] = true;
    sched_run(cpu);
}

static uint64_t now_ms(void)
{
    uint64_t freq = READ_SYSREG(cntfrq_el0);

    asm volatile("isb" ::: "memory");
    return freq ? READ_SYSREG(cntpct_el0) / (freq / 1000) : 0;
}

static bool start_cpu(unsigned int cpu, uint64_t mpidr)
{
    uint64_t t0;
    int64_t rc = psci_cpu_on(mpidr, (paddr_t)(uintptr_t)secondary_entry, cpu);

    if ( rc )
    {
        printk("CPU%u (MPIDR %#llx): PSCI CPU_ON failed (%lld)\n", cpu,
               (unsigned long long)mpidr, (long long)rc);
        return false;
    }
    t0 = now_ms();
    while ( !cpu_up[cpu] && now_ms() - t0 < CPU_UP_TIMEOUT_MS )
        ;
    if ( !cpu_up[cpu] )
        printk("CPU%u (MPIDR %#llx) did not come up\n", cpu,
               (unsigned long long)mpidr);
    return cpu_up[cpu];
}

/* The MPIDR in "reg" of a /cpus/cpu node, or -1 when it has none. */
static int64_t cpu_node_mpidr(const void *fdt, int node)
{
    const char *type = fdt_getprop(fdt, node, "device_type", NULL);
    const fdt32_t *reg;
    int len;

    if ( !type || strcmp(type, "cpu") )
        return -1;
    reg = fdt_getprop(fdt, node, "reg", &len);
    if ( !reg || (len != 4 && len != 8) )
        return -1;
    if ( len == 4 )
        return fdt32_to_cpu(reg[0]);
    return (int64_t)(((uint64_t)fdt32_to_cpu(reg[0]) << 32) |
                     fdt32_to_cpu(reg[1]));
}

void smp_init(const void *fdt)
{
    unsigned int next = 1;
    int cpus, node;

    if ( !fdt || !mm_cpu_regs.sctlr )
        return; /* secondaries need the boot CPU's page tables */
    /* They read the MMU set-up with their MMU off. */
    dcache_clean(&mm_cpu_regs, sizeof(mm_cpu_regs));
    cpus = fdt_path_offset(fdt, "/cpus");
    fdt_for_each_subnode(node, fdt, cpus)
    {
        int64_t mpidr = cpu_node_mpidr(fdt, node);

        if ( mpidr < 0 || (uint64_t)mpidr == pcpus[0].mpidr )
            continue;
        if ( next == NR_CPUS )
        {
            printk("More than %u host CPUs: the others stay off\n", NR_CPUS);
            break;
        }
        if ( start_cpu(next, (uint64_t)mpidr) )
            next++;
    }
    printk("%u host CPU%s up\n", next, next == 1 ? "" : "s");
}
