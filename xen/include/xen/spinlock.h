/* SPDX-License-Identifier: GPL-2.0-only */
/* Spin locks between host CPUs (the hypervisor never takes interrupts). */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/types.h>

typedef struct {
    uint32_t locked;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED \
    { \
        0 \
    }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

/*
 * Test-and-test-and-set with acquire/release ordering.  The hypervisor
 * runs with interrupts masked, so no lock is ever taken by a handler that
 * interrupted its holder.  Exclusive accesses need the MMU on (normal
 * memory); before it is on only the boot CPU runs.
 */
static inline void spin_lock(spinlock_t *l)
{
    while ( __atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) )
        while ( __atomic_load_n(&l->locked, __ATOMIC_RELAXED) )
            ;
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif /* XEN_SPINLOCK_H */
