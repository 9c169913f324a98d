/* SPDX-License-Identifier: GPL-2.0-only */
/* Emulated port I/O devices: the registration table and their state. */
#ifndef ASM_X86_HVM_IO_H
#define ASM_X86_HVM_IO_H

#include <xen/lib.h>
#include <xen/spinlock.h>
#include <xen/types.h>

struct domain;
struct vcpu;

/*
 * One port range of an emulated device: @first to @first + @count - 1.
 * @read fills *val for an access of @size bytes at @offset (the port less
 * @first); @write takes the value.  Either may be NULL: that direction is
 * then an absent port (all ones, dropped, logged once).  A 2- or 4-byte
 * access is dispatched on its first port.  Both run with the domain's
 * device lock (hvm_io_state.lock) held, unless @unlocked is set (a port
 * whose handler takes other locks, such as the power-off port).
 */
struct hvm_io_range {
    uint16_t first, count;
    const char *name;
    bool unlocked;
    void (*read)(struct vcpu *v, unsigned int offset, unsigned int size,
                 uint32_t *val);
    void (*write)(struct vcpu *v, unsigned int offset, unsigned int size,
                  uint32_t val);
};

/*
 * Register a range: each device file declares its ranges with this, and
 * the linker gathers them into one table (xen.lds.S) that hvm_portio()
 * searches.  Ranges must not overlap.
 */
#define HVM_IO_RANGE(n) \
    static const struct hvm_io_range n __used __aligned(8) \
        __section(".hvm_io_ranges")

extern const struct hvm_io_range __hvm_io_ranges_start[],
    __hvm_io_ranges_end[];

/*
 * Raise (a rising edge) or lower ISA interrupt line @irq (0-15) of @d,
 * with @d's device lock held.  The lines go to the dual 8259 (vpic.c),
 * whose INT output reaches vCPU0's local APIC on LINT0 (ExtINT), and to
 * the I/O APIC (vioapic.c), as on a PC.
 */
void hvm_isa_irq_raise(struct domain *d, unsigned int irq);
void hvm_isa_irq_lower(struct domain *d, unsigned int irq);

/* The ACPI PM1a blocks and PM timer (acpi-pm.c, described by the FADT). */
#define ACPI_PM1A_EVT_PORT 0x600 /* PM1_STS, then PM1_EN: 2 bytes each */
#define ACPI_PM1A_CNT_PORT 0x604 /* PM1_CNT: 2 bytes */
#define ACPI_PM_TMR_PORT 0x608   /* 24-bit PM timer: 4 bytes */
#define ACPI_SCI_IRQ 9
#define ACPI_S5_SLP_TYP 5     /* the \_S5 package of the DSDT */
#define ACPI_RESET_PORT 0xcf9 /* the FADT's RESET_REG (reset.c) */
#define ACPI_RESET_VALUE 0x06 /* SYS_RST | RST_CPU */

/*
 * The PM timer port domains are given (the FADT's PM_TMR_BLK): the host's
 * own when acpi_pm_timer_probe() found a usable one (acpi-pmtmr.c; read
 * directly, no exit), else ACPI_PM_TMR_PORT, emulated.  Whether the host's
 * @port may be let through: it overlaps no other emulated device.
 * acpi_pm_timer_probe() finds the FADT through @loader_rsdp, the copy of
 * the RSDP a multiboot2 loader passed (UEFI), or NULL: then through the
 * RSDP found in the BIOS areas.
 */
uint16_t hvm_pm_timer_port(void);
bool hvm_pm_timer_passable(unsigned int port);
void acpi_pm_timer_probe(const void *loader_rsdp);
uint16_t acpi_host_pm_timer(void);

struct vpm {
    uint16_t sts, en, cnt;
};

/* One 8259: its registers and where it is in an ICW sequence. */
struct vpic_chip {
    uint8_t irr, isr, imr, lines;
    uint8_t elcr;     /* edge/level control (0x4d0/0x4d1): 1 = level */
    uint8_t base;     /* vector of IR0 (ICW2) */
    uint8_t icw_step; /* next ICW expected: 2, 3, 4, or 0 when none */
    uint8_t lowest;   /* IR with the lowest priority (7 after ICW1) */
    bool icw4, single, auto_eoi, read_isr, poll, rotate_aeoi;
    uint8_t icw3;
};

struct vpic {
    struct vpic_chip chip[2]; /* master (0x20), slave (0xa0) */
    bool int_out; /* the master's INT output: read without the lock */
};

/* One 8254 counter. */
struct vpit_channel {
    uint32_t reload;          /* 1-65536 */
    uint64_t start_ns;        /* when it last started counting */
    uint64_t frozen_ticks;    /* ticks counted before the gate fell */
    uint16_t latch;           /* a latched count */
    uint8_t mode, rw, status; /* control word fields; latched status */
    bool latched, status_latched, read_msb, write_msb, loaded, gate;
    uint8_t write_lsb;
};

struct vpit {
    struct vpit_channel ch[3];
    uint8_t port61;    /* bits 0-3 as written */
    bool irq_armed;    /* channel 0 has an OUT rising edge to come */
    uint64_t irq_tick; /* ... that many ticks after its start */
    uint64_t irq_due;  /* ... at this host TSC: read without the lock */
};

/* The MC146818 RTC and CMOS: 128 bytes, the time kept as an offset. */
struct vrtc {
    uint8_t index;
    uint8_t ram[128];
    int64_t offset_s; /* guest time = RTC_EPOCH + offset + time since boot */
};

/*
 * The I/O APIC (vioapic.c): 24 pins at VIOAPIC_BASE; ISA IRQ n drives pin
 * n, but IRQ 0 drives pin 2 (the MADT's interrupt source override).
 */
#define VIOAPIC_BASE 0xfec00000ULL
#define VIOAPIC_PINS 24
struct vioapic {
    uint8_t sel;       /* IOREGSEL */
    uint32_t id;       /* ID register: bits 27:24 */
    uint32_t asserted; /* pins high, for edge detection */
    uint64_t rte[VIOAPIC_PINS];
};
void vioapic_init(struct domain *d);
/* Pin @gsi goes high (@level) or low; a rising edge sends its vector. */
void vioapic_set_irq(struct domain *d, unsigned int gsi, bool level);
/*
 * A nested page fault at @gpa: emulate the MOV if it is on the I/O
 * APIC's page (0), -ENOENT if it is not, -EOPNOTSUPP if the instruction
 * is not one the hypervisor decodes.
 */
int vioapic_mmio(struct vcpu *v, paddr_t gpa);

/*
 * Per-domain state of all the port devices (and of the 16550, in
 * arch_domain.vuart).  @lock guards all of it: port handlers, the PIT
 * poll, console input and the INTA cycle take it; fields marked "read
 * without the lock" are written under it with atomic stores.  Lock
 * order: sched_lock, then this lock, then console locks; nothing takes
 * sched_lock with it held.
 */
/* The IB700 watchdog (vwdt-ib700.c): its expiry in host TSC, or ~0. */
struct vib700 {
    bool present; /* hyperlaunch,watchdog */
    uint64_t due; /* read and written atomically, without the lock */
};

struct hvm_io_state {
    spinlock_t lock;
    struct vpm pm;
    struct vpic pic;
    struct vpit pit;
    struct vrtc rtc;
    struct vioapic ioapic;
    uint8_t rcr; /* reset control (reset.c): read without the lock */
    struct vib700 wdt;
};

/*
 * The watchdog of @d: vwdt_init() at build (after hvm_io_init()), with
 * @present from hyperlaunch,watchdog; vwdt_deadline() is when it expires
 * (host TSC, ~0 never), any lock or none; vwdt_poll() applies the
 * on-watchdog policy once it has, called without sched_lock (vCPU0 about
 * to run).
 */
void vwdt_init(struct domain *d, bool present);
uint64_t vwdt_deadline(const struct domain *d);
void vwdt_poll(struct domain *d);

/* Reset the port devices of @d to their power-on state (domain build). */
void hvm_io_init(struct domain *d);
void vpic_init(struct domain *d);
void vpit_init(struct domain *d);
void vrtc_init(struct domain *d);

/* vpic.c: an edge on ISA line @irq, or the line going low. */
void vpic_raise(struct domain *d, unsigned int irq);
void vpic_lower(struct domain *d, unsigned int irq);

/*
 * vpic.c: after a change, recompute the slave's cascade request and the
 * master's INT output; a rising output kicks vCPU0.  Device lock held.
 */
void vpic_update(struct domain *d);

/*
 * vpit.c: raise IRQ 0 for channel 0 if its OUT edge is due (takes the
 * device lock); the host TSC of its next edge (VLAPIC_NO_DEADLINE when
 * none: a lockless read).
 */
void vpit_poll(struct domain *d);
uint64_t vpit_irq_due(const struct domain *d);

/* vuart.c: console input for @d arrived (may raise IRQ 4).  Takes the
 * device lock. */
void vuart_input_notify(struct domain *d);

/*
 * For vCPU0 of @d: run the device timers that are due (the PIT), so that
 * their interrupts are pending.  Takes the device lock.
 */
void hvm_io_poll(struct vcpu *v);

/* The earliest host TSC at which a device timer of @v's wants it. */
uint64_t hvm_io_deadline(const struct vcpu *v);

/*
 * Write the ACPI tables of @d (RSDP, XSDT, FADT, FACS, DSDT, MADT) into
 * its reserved low memory.  Returns 0 or -errno; *@rsdp gets the RSDP's
 * guest physical address.
 */
int acpi_build_tables(struct domain *d, paddr_t *rsdp);

#endif /* ASM_X86_HVM_IO_H */
