/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 host CPUs: start the others through the trampoline; CPU numbers. */
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/sched.h>
#include <xen/setup.h>
#include <asm/apic.h>
#include <asm/setup.h>
#include <asm/smp.h>

#define AP_STACK_ORDER 2     /* 16 KiB, as the boot stack */
#define AP_MIN_WAIT_US 20000 /* for the CPUs to take a number */
#define AP_WAIT_US 500000    /* for them to come up */

extern const char ap_trampoline[], ap_trampoline_end[], ap_gdt_ptr[];
extern uint32_t ap_next_cpu, ap_cr3;
extern uint64_t ap_stack_top[NR_CPUS];

struct __attribute__((packed)) gdt_ptr32 {
    uint16_t limit;
    uint32_t base;
};

/* Host CPU number of each local APIC ID (the boot CPU's is 0), and back. */
static uint8_t apic_to_cpu[256];
static uint32_t cpu_to_apic[NR_CPUS];

void smp_set_cpu_apic_id(unsigned int cpu, uint32_t id)
{
    apic_to_cpu[id & 0xff] = (uint8_t)cpu;
    cpu_to_apic[cpu] = id;
}

void arch_cpu_kick(unsigned int cpu)
{
    if ( cpu < NR_CPUS )
        apic_send_ipi(cpu_to_apic[cpu], APIC_KICK_VECTOR);
}

unsigned int smp_processor_id(void)
{
    return apic_to_cpu[apic_id() & 0xff];
}

void start_secondary(unsigned int cpu)
{
    smp_set_cpu_apic_id(cpu, apic_id());
    traps_init_secondary(cpu);
    apic_init_secondary();
    if ( svm_enable() )
    {
        printk("CPU%u: SVM could not be enabled; CPU left out\n", cpu);
        for ( ;; )
            asm volatile("cli; hlt");
    }
    spin_lock(&sched_lock);
    cpu_online_map |= 1ULL << cpu;
    spin_unlock(&sched_lock);
    sched_run(cpu);
}

/* The trampoline at @pa, pointing at this CPU's GDT and CR3. */
static void trampoline_install(paddr_t pa)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } gdtr;
    struct gdt_ptr32 p;
    uint64_t cr3;

    asm volatile("sgdt %0" : "=m"(gdtr));
    asm volatile("mov %%cr3, %0" : "=r"(cr3));
    p.limit = gdtr.limit;
    p.base = (uint32_t)gdtr.base;
    memcpy((void *)(uintptr_t)pa, ap_trampoline,
           (size_t)(ap_trampoline_end - ap_trampoline));
    memcpy((void *)(uintptr_t)(pa + (ap_gdt_ptr - ap_trampoline)), &p,
           sizeof(p));
    ap_cr3 = (uint32_t)cr3;
}

static unsigned int cpus_up(void)
{
    unsigned int n;
    uint64_t map;

    spin_lock(&sched_lock);
    map = cpu_online_map;
    spin_unlock(&sched_lock);
    for ( n = 0; map; map &= map - 1 )
        n++;
    return n;
}

/* Give back the stacks of the CPU numbers nobody took. */
static void free_unused_stacks(unsigned int taken)
{
    unsigned int i;

    for ( i = taken; i < NR_CPUS; i++ )
        if ( ap_stack_top[i] )
            free_pages(ap_stack_top[i] - (PAGE_SIZE << AP_STACK_ORDER),
                       AP_STACK_ORDER);
}

void smp_init(paddr_t tramp_pa)
{
    uint64_t start;
    unsigned int i, taken;
    paddr_t pa;

    smp_set_cpu_apic_id(0, apic_id());
    trampoline_install(tramp_pa);
    for ( i = 1; i < NR_CPUS; i++ )
        if ( !alloc_pages(AP_STACK_ORDER, &pa) )
            ap_stack_top[i] = pa + (PAGE_SIZE << AP_STACK_ORDER);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if ( apic_start_others(tramp_pa >> 12) )
        printk("SMP: the start IPIs were not delivered\n");
    start = time_us();
    do
    {
        udelay(1000);
        taken = MIN(__atomic_load_n(&ap_next_cpu, __ATOMIC_ACQUIRE),
                    (uint32_t)NR_CPUS);
    } while ( time_us() - start < AP_MIN_WAIT_US ||
              (time_us() - start < AP_WAIT_US && cpus_up() < taken) );
    free_unused_stacks(taken);
    printk("%u host CPU%s up\n", cpus_up(), cpus_up() == 1 ? "" : "s");
}
