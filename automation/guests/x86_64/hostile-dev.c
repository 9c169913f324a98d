/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostile "devices": random accesses (values, sizes 1, 2 and 4, reads
 * and writes) at every emulated device's ports and just below them, from
 * vCPU0 and vCPU1 at once (vCPU1 started by INIT-SIPI-SIPI through the
 * lapic trampoline).  Interrupts stay off in the first round; in the
 * second the 8259 keeps vectors 0x20-0x2f (only OCW2 commands and masks
 * are written to it) and both vCPUs open interrupt windows, vCPU0 with
 * LINT0 in ExtINT mode.  Only the power-off port and S5 are left out.
 * Every fourth access goes to the I/O APIC's MMIO page instead (32-bit
 * MOVs at its registers and beside them; the vectors it is given stay
 * at 0x30 and above, so what it sends is an interrupt the IDT takes).
 */
#include "guest.h"

#define TRAMPOLINE_PA 0x8000U
#define ICR_INIT 0x4500ULL
#define ICR_SIPI 0x4600ULL
#define X2APIC_LVT_LINT0 0x835U
#define ROUNDS 3000
#define IOAPIC_PA 0xfec00000U

extern const char ap_trampoline[], ap_trampoline_end[];
void ap_main(void);
void hostile_devices(void);

static volatile uint32_t ap_go, ap_done;

static const struct {
    uint16_t base, count;
} dev_ports[] = {
    { 0x20, 2 },  { 0xa0, 2 },  { 0x40, 4 },  { 0x61, 1 },  { 0x70, 2 },
    { 0x3f8, 8 }, { 0x4d0, 2 }, { 0x600, 4 }, { 0x604, 2 }, { 0x608, 4 },
};

static uint32_t rnd(uint32_t *seed)
{
    *seed = *seed * 1103515245U + 12345U;
    return *seed >> 8 ^ *seed << 13;
}

/*
 * A write the test must not make: S5 (SLP_EN in PM1a_CNT) ends the
 * domain, THR bytes go to the console (made a '.'), and in the second
 * round anything but OCW2 or a mask to the 8259s.
 */
static uint32_t tame(uint16_t port, uint32_t v, bool sane_pic)
{
    if ( port == 0x604 )
        v &= ~0x2000U;
    if ( port == 0x605 )
        v &= ~0x20U;
    if ( port == 0x3f8 )
        v = (v & ~0xffU) | '.';
    if ( sane_pic && (port == 0x20 || port == 0xa0) )
        v &= 0xe7; /* OCW2: EOIs, rotation, priority */
    return v;
}

static void ioapic_access(uint32_t *seed)
{
    static const uint16_t offs[] = { 0x00, 0x10, 0x04, 0x20, 0x40, 0xffc };
    uint16_t off = offs[rnd(seed) % ARRAY_LEN(offs)];
    volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)(IOAPIC_PA + off);
    uint32_t v = rnd(seed);

    if ( v & 0x100000 )
        (void)*reg;
    else if ( off == 0x10 )
        *reg = (v & ~0xffU) | (0x30U + (v >> 8) % 0xc0U);
    else
        *reg = v;
}

static void fuzz(uint32_t seed, bool sane_pic)
{
    unsigned int i;

    for ( i = 0; i < ROUNDS; i++ )
    {
        unsigned int r = rnd(&seed) % ARRAY_LEN(dev_ports);
        uint16_t port = (uint16_t)(dev_ports[r].base - 3 +
                                   rnd(&seed) % (dev_ports[r].count + 3u));
        unsigned int size = 1U << (rnd(&seed) % 3);
        uint32_t v = rnd(&seed);

        if ( !(i % 4) )
            ioapic_access(&seed);
        else if ( v & 0x100000 )
            (void)port_in(port, size);
        else
            port_out(port, size, tame(port, v, sane_pic));
        if ( sane_pic && !(i % 16) )
            asm volatile("sti; nop; nop; cli" ::: "memory");
    }
}

/* The second round: the 8259 at vectors 0x20 and 0x28, all unmasked. */
static void pic_sane(void)
{
    static const uint8_t init[][2] = {
        { 0x11, 0x20 }, { 0x20, 0x21 }, { 0x04, 0x21 }, { 0x01, 0x21 },
        { 0x11, 0xa0 }, { 0x28, 0xa1 }, { 0x02, 0xa1 }, { 0x01, 0xa1 },
        { 0x00, 0x21 }, { 0x00, 0xa1 },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_LEN(init); i++ )
        outb(init[i][0], init[i][1]);
}

void ap_main(void)
{
    traps_install();
    x2apic_enable();
    while ( !ap_go )
        asm volatile("pause" ::: "memory");
    fuzz(0xdead, false);
    while ( ap_go < 2 )
        asm volatile("pause" ::: "memory");
    fuzz(0xbeef, true);
    ap_done = 1;
    for ( ;; )
        asm volatile("sti; hlt" ::: "memory");
}

void hostile_devices(void)
{
    unsigned int i;

    x2apic_enable();
    for ( i = 0; i < (unsigned int)(ap_trampoline_end - ap_trampoline); i++ )
        ((volatile char *)TRAMPOLINE_PA)[i] = ap_trampoline[i];
    wrmsr64(X2APIC_ICR, ICR_INIT | (1ULL << 32));
    wrmsr64(X2APIC_ICR, ICR_SIPI | (TRAMPOLINE_PA >> 12) | (1ULL << 32));
    wrmsr64(X2APIC_ICR, ICR_SIPI | (TRAMPOLINE_PA >> 12) | (1ULL << 32));
    ap_go = 1;
    fuzz(0x1234, false);
    pic_sane();
    wrmsr64(X2APIC_LVT_LINT0, 0x700); /* ExtINT */
    ap_go = 2;
    fuzz(0x5678, true);
    while ( !ap_done )
        asm volatile("pause" ::: "memory");
    outb(0xff, 0x21);
    outb(0x30, 0x43);
    outb(0x03, 0x3fb); /* DLAB off again: our output goes to THR */
    outb(0, 0x3f9);
    wrmsr64(X2APIC_LVT_LINT0, 0x10700);
    gprintf("\nhostile: devices: %u accesses on each of 2 vCPUs\n",
            2 * ROUNDS);
    gprintf("hostile: devices: %u interrupts taken\n", irq_count[0xff]);
}
