/* SPDX-License-Identifier: GPL-2.0-only */
/* Exit accounting: guest exits of each vCPU by cause, with their time. */
#ifndef ASM_ARM_EXITS_H
#define ASM_ARM_EXITS_H

#include <xen/types.h>

/* The class of an exit; its key adds what it was about (EXIT_KEY()). */
enum exit_class {
    EXIT_HVC_XEN, /* sub: hypercall number */
    EXIT_SMCCC,   /* HVC/SMC (PSCI and other SMCCC calls); sub: function */
    EXIT_SYSREG,  /* MSR/MRS; sub: ESR ISS without Rt */
    EXIT_CP,      /* AArch32 CP14/CP15; sub: EC */
    EXIT_DABT,    /* stage-2 data abort; sub: device, IPA / 128 */
    EXIT_IABT,    /* stage-2 instruction abort */
    EXIT_WFI,
    EXIT_WFE,
    EXIT_IRQ, /* host interrupt; sub: INTID (tick, vtimer, maintenance..) */
    EXIT_OTHER,
    EXIT_NR
};

/* Data aborts: which emulated device answered (the top byte of sub). */
enum exit_dev {
    EXIT_DEV_NONE, /* nothing there: an abort injected */
    EXIT_DEV_RAM,  /* first touch of guest RAM (p2m-lazy.c) */
    EXIT_DEV_VPL011,
    EXIT_DEV_VDEV,
    EXIT_DEV_VGIC,
    EXIT_DEV_CM, /* cache maintenance on a device */
};

#define EXIT_KEY(cls, sub) (((uint64_t)(cls) << 32) | (uint32_t)(sub))
#define EXIT_KEY_CLASS(k) ((unsigned int)((k) >> 32))
#define EXIT_DABT_SUB(dev, ipa) \
    (((uint32_t)(dev) << 24) | (uint32_t)(((ipa) >> 7) & 0xffffff))

#define EXIT_SLOTS 32
/*
 * One exit in this many is timed (a power of two), and its time counted
 * that many times over: reading the counter is a trapped, serialised
 * access under emulation, dearer than a short exit's own work.
 */
#define EXIT_TIME_EVERY 8

struct exit_count {
    uint64_t count, ticks; /* ticks of the counter (CNTPCT_EL0), sampled */
};

struct exit_slot {
    uint64_t key; /* EXIT_KEY(); 0 with count 0: free */
    struct exit_count c;
};

/*
 * A vCPU's exits: per class, and per key in a small table (when it is
 * full, a new key takes the slot of the least frequent one, whose exits
 * stay counted in their class and in @lost).  Written by the vCPU
 * itself; others read it racily (statistics).
 */
struct vcpu_exits {
    uint64_t key;     /* the key of the exit being handled */
    unsigned int seq; /* exits so far, for EXIT_TIME_EVERY */
    struct exit_count cls[EXIT_NR];
    struct exit_slot slot[EXIT_SLOTS];
    unsigned int nr_slots, last;
    uint64_t lost; /* exits whose slot went to another key */
};

/* Record that the exit @v is handling is @key (the decoders call it). */
#define exit_note(v, k) ((v)->arch.exits.key = (k))

/* Whether the exit just taken is one to time (EXIT_TIME_EVERY). */
static inline bool exits_timed(struct vcpu_exits *e)
{
    return !(++e->seq & (EXIT_TIME_EVERY - 1));
}

/*
 * Add one exit of the key noted last; when it was timed, @ticks it took
 * to handle (counted EXIT_TIME_EVERY times), else 0.
 */
void exits_account(struct vcpu_exits *e, uint64_t ticks);

#endif /* ASM_ARM_EXITS_H */
