/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86_64 guest physical RAM layout of PVH and HVM domains, for the
 * hypervisor's builders and for the parser's checks on the host alike.
 */
#ifndef XEN_X86_GUEST_MAP_H
#define XEN_X86_GUEST_MAP_H

/*
 * RAM from 0 up to its size or to the 32-bit MMIO hole at 3 GiB, the rest
 * from 4 GiB up (docs/misc/x86/pvh-domains.md).
 */
#define PVH_MIN_RAM (2ULL << 20)
#define PVH_HOLE_START (3ULL << 30) /* the 32-bit MMIO hole: 3-4 GiB */
#define PVH_HOLE_END (4ULL << 30)
#define PVH_MAX_RAM (60ULL << 30) /* 3 GiB below the hole, 57 above */

#endif /* XEN_X86_GUEST_MAP_H */
