/* SPDX-License-Identifier: GPL-2.0-only */
/* The IDT: any CPU exception is a hypervisor bug; the APIC timer ticks. */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/setup.h>
#include <asm/apic.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/x86-defs.h>

/* The frame built by x86_64/entry.S, lowest address first. */
struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

struct idt_gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
};

struct __attribute__((packed)) desc_ptr {
    uint16_t limit;
    uint64_t base;
};

#define GATE_INTERRUPT_DPL0 0x8e /* present, DPL 0, 64-bit interrupt gate */
#define X86_EXC_NMI 2
#define X86_EXC_DF 8
#define X86_EXC_PF 14
#define X86_EXC_MC 18

#define X86_NR_VECTORS 256

extern const uint64_t exception_stubs[X86_NR_EXCEPTIONS];
extern const char apic_timer_irq[], apic_kick_irq[], apic_spurious_irq[];
void do_exception(const struct cpu_user_regs *regs);

/* Vectors without a handler stay not-present. */
static struct idt_gate idt[X86_NR_VECTORS] __aligned(16);

static const char *const exception_names[X86_NR_EXCEPTIONS] = {
    "#DE divide error",
    "#DB debug",
    "NMI",
    "#BP breakpoint",
    "#OF overflow",
    "#BR bound range",
    "#UD invalid opcode",
    "#NM device not available",
    "#DF double fault",
    "coprocessor segment overrun",
    "#TS invalid TSS",
    "#NP segment not present",
    "#SS stack fault",
    "#GP general protection",
    "#PF page fault",
    "reserved",
    "#MF x87 FP error",
    "#AC alignment check",
    "#MC machine check",
    "#XM SIMD FP error",
    "#VE virtualisation",
    "#CP control protection",
};

static uint64_t read_cr2(void)
{
    uint64_t cr2;

    asm volatile("mov %%cr2, %0" : "=r"(cr2));
    return cr2;
}

void do_exception(const struct cpu_user_regs *regs)
{
    const char *name = NULL;

    if ( regs->vector == X86_EXC_DF || regs->vector == X86_EXC_NMI ||
         regs->vector == X86_EXC_MC )
        console_force_unlock(); /* this CPU may have held it */
    if ( regs->vector < ARRAY_SIZE(exception_names) )
        name = exception_names[regs->vector];
    printk("FATAL: hypervisor exception: vector %lu (%s), error code %#lx\n",
           (unsigned long)regs->vector, name ? name : "reserved",
           (unsigned long)regs->error_code);
    printk("  RIP %04lx:%016lx  RFLAGS %016lx  RSP %016lx\n",
           (unsigned long)regs->cs, (unsigned long)regs->rip,
           (unsigned long)regs->rflags, (unsigned long)regs->rsp);
    if ( regs->vector == X86_EXC_PF )
        printk("  CR2 %016lx\n", (unsigned long)read_cr2());
    printk("  RAX %016lx  RBX %016lx  RCX %016lx  RDX %016lx\n",
           (unsigned long)regs->rax, (unsigned long)regs->rbx,
           (unsigned long)regs->rcx, (unsigned long)regs->rdx);
    printk("  RSI %016lx  RDI %016lx  RBP %016lx\n", (unsigned long)regs->rsi,
           (unsigned long)regs->rdi, (unsigned long)regs->rbp);
    arch_power_off(X86_POWER_OFF_CRASH);
}

static void set_gate(struct idt_gate *g, uint64_t handler)
{
    g->offset_lo = (uint16_t)handler;
    g->selector = __HYPERVISOR_CS64;
    g->ist = 0;
    g->type_attr = GATE_INTERRUPT_DPL0;
    g->offset_mid = (uint16_t)(handler >> 16);
    g->offset_hi = (uint32_t)(handler >> 32);
    g->reserved = 0;
}

/*
 * The 64-bit task state segment: only its interrupt stack table is used.
 * #DF, NMI and #MC switch to IST 1, a stack of their own, so that a fault
 * on a broken stack is reported instead of becoming a triple fault.
 */
struct __attribute__((packed)) tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3, iomap_base;
};

#define IST_STACK_SIZE 4096
#define GDT_TSS_FIRST 4 /* after null, CS64, DS, CS32 (boot/head.S) */

static struct tss64 tss[NR_CPUS] __aligned(16);
static uint8_t ist_stack[NR_CPUS][IST_STACK_SIZE] __aligned(16);

/* The boot GDT's four descriptors, then a 16-byte TSS descriptor a CPU. */
static uint64_t gdt[GDT_TSS_FIRST + 2 * NR_CPUS] __aligned(16) = {
    0, 0x00af9b000000ffffULL, /* __HYPERVISOR_CS64 */
    0x00cf93000000ffffULL,    /* __HYPERVISOR_DS */
    0x00cf9b000000ffffULL,    /* __HYPERVISOR_CS32 */
};

static void tss_load(unsigned int cpu)
{
    uint64_t base = (uint64_t)(uintptr_t)&tss[cpu];
    uint64_t limit = sizeof(tss[cpu]) - 1;
    uint16_t sel = (uint16_t)((GDT_TSS_FIRST + 2 * cpu) * 8);

    tss[cpu].ist[0] = (uint64_t)(uintptr_t)&ist_stack[cpu][IST_STACK_SIZE];
    tss[cpu].iomap_base = sizeof(tss[cpu]); /* no I/O bitmap */
    /* Present, DPL 0, type 9: an available 64-bit TSS. */
    gdt[GDT_TSS_FIRST + 2 * cpu] =
        (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
        ((limit >> 16) << 48) | ((base >> 24) & 0xff) << 56;
    gdt[GDT_TSS_FIRST + 2 * cpu + 1] = base >> 32;
    asm volatile("ltr %0" : : "r"(sel) : "memory");
}

void traps_init_secondary(unsigned int cpu)
{
    struct desc_ptr gdtr = {
        .limit = sizeof(gdt) - 1,
        .base = (uint64_t)(uintptr_t)gdt,
    };
    struct desc_ptr idtr = {
        .limit = sizeof(idt) - 1,
        .base = (uint64_t)(uintptr_t)idt,
    };

    BUG_ON(cpu >= NR_CPUS);
    /* The same code and data descriptors: no segment needs reloading. */
    asm volatile("lgdt %0" : : "m"(gdtr) : "memory");
    asm volatile("lidt %0" : : "m"(idtr));
    tss_load(cpu);
}

void traps_init(void)
{
    unsigned int i;

    for ( i = 0; i < X86_NR_EXCEPTIONS; i++ )
        set_gate(&idt[i], exception_stubs[i]);
    idt[X86_EXC_NMI].ist = 1;
    idt[X86_EXC_DF].ist = 1;
    idt[X86_EXC_MC].ist = 1;
    set_gate(&idt[APIC_TIMER_VECTOR], (uintptr_t)apic_timer_irq);
    set_gate(&idt[APIC_KICK_VECTOR], (uintptr_t)apic_kick_irq);
    set_gate(&idt[APIC_SPURIOUS_VECTOR], (uintptr_t)apic_spurious_irq);
    traps_init_secondary(0);
}
