/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One I/O APIC per domain at 0xfec00000 (82093AA: IOREGSEL at 0x00, IOWIN
 * at 0x10; ID, version and 24 redirection entries), taking the ISA lines
 * beside the 8259 (ISA IRQ n on pin n, IRQ 0 on pin 2 as the MADT's
 * override says) and sending their vectors to the local APICs.
 *
 * Why a domain has one: Linux takes any MADT as an SMP configuration, so
 * it never runs a PC in virtual wire mode, and it masks LINT0's ExtINT
 * when it sets up its APIC; with no I/O APIC, no ISA interrupt (the PIT,
 * the 16550) would reach it.  Its registers are MMIO: each access is a
 * nested page fault whose MOV the hypervisor decodes (emulate.c).
 *
 * Delivery is on the rising edge of a pin (ISA lines are edge-triggered);
 * a level-triggered entry is sent on its rising edge too, without remote
 * IRR: the only level source a domain has, the SCI, never asserts.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm-emulate.h>
#include <asm/hvm-io.h>
#include <asm/vlapic.h>

#define IOREGSEL 0x00
#define IOWIN 0x10
#define REG_ID 0x00
#define REG_VERSION 0x01
#define REG_ARB 0x02
#define REG_REDIR 0x10
#define VERSION (0x11U | ((VIOAPIC_PINS - 1U) << 16))
#define RTE_MASKED (1ULL << 16)
#define RTE_LOGICAL (1ULL << 11)
/* Writable: vector, delivery mode, destination mode, polarity, trigger,
 * mask, destination; delivery status and remote IRR are the APIC's. */
#define RTE_WRITABLE 0xff0000000001afffULL

void vioapic_init(struct domain *d)
{
    struct vioapic *io = &d->arch.io.ioapic;
    unsigned int i;

    memset(io, 0, sizeof(*io));
    for ( i = 0; i < VIOAPIC_PINS; i++ )
        io->rte[i] = RTE_MASKED;
}

static uint32_t reg_read(const struct vioapic *io)
{
    unsigned int r = io->sel;

    switch ( r )
    {
    case REG_ID:
    case REG_ARB:
        return io->id;
    case REG_VERSION:
        return VERSION;
    }
    if ( r >= REG_REDIR && r < REG_REDIR + 2 * VIOAPIC_PINS )
    {
        uint64_t rte = io->rte[(r - REG_REDIR) / 2];

        return (r & 1) ? (uint32_t)(rte >> 32) : (uint32_t)rte;
    }
    return 0; /* reserved */
}

static void reg_write(struct vioapic *io, uint32_t val)
{
    unsigned int r = io->sel, pin;
    uint64_t rte;

    if ( r == REG_ID )
    {
        io->id = val & 0x0f000000U;
        return;
    }
    if ( r < REG_REDIR || r >= REG_REDIR + 2 * VIOAPIC_PINS )
        return; /* read-only or reserved */
    pin = (r - REG_REDIR) / 2;
    rte = io->rte[pin];
    if ( r & 1 )
        rte = (rte & 0xffffffffULL) | ((uint64_t)val << 32);
    else
        rte = (rte & ~0xffffffffULL) | val;
    io->rte[pin] = (io->rte[pin] & ~RTE_WRITABLE) | (rte & RTE_WRITABLE);
}

/* Send pin @pin's vector as its entry says (the caller holds the lock). */
static void deliver(struct domain *d, unsigned int pin)
{
    uint64_t rte = d->arch.io.ioapic.rte[pin];

    if ( rte & RTE_MASKED )
        return;
    vlapic_deliver(d, (uint32_t)(rte >> 56), rte & RTE_LOGICAL,
                   (unsigned int)(rte >> 8) & 7, (uint8_t)rte);
}

void vioapic_set_irq(struct domain *d, unsigned int gsi, bool level)
{
    struct vioapic *io = &d->arch.io.ioapic;
    uint32_t bit = 1U << gsi;

    if ( gsi >= VIOAPIC_PINS )
        return;
    if ( level && !(io->asserted & bit) )
        deliver(d, gsi);
    if ( level )
        io->asserted |= bit;
    else
        io->asserted &= ~bit;
}

int vioapic_mmio(struct vcpu *v, paddr_t gpa)
{
    struct vioapic *io = &v->domain->arch.io.ioapic;
    struct hvm_mmio_insn mi;
    uint32_t offset = gpa & 0xfff, val = 0;

    if ( (gpa & ~0xfffULL) != VIOAPIC_BASE )
        return -ENOENT;
    if ( hvm_fetch_mov(v, &mi) )
        return -EOPNOTSUPP;
    spin_lock(&v->domain->arch.io.lock);
    if ( mi.write && offset == IOREGSEL )
        io->sel = (uint8_t)hvm_mmio_source(v, &mi);
    else if ( mi.write && offset == IOWIN )
        reg_write(io, hvm_mmio_source(v, &mi));
    else if ( !mi.write && offset == IOREGSEL )
        val = io->sel;
    else if ( !mi.write && offset == IOWIN )
        val = reg_read(io);
    spin_unlock(&v->domain->arch.io.lock);
    hvm_mmio_complete(v, &mi, val);
    return 0;
}
