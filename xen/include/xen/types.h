/* SPDX-License-Identifier: GPL-2.0-only */
/* Basic scalar types shared by the hypervisor and the host tools. */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;
typedef uint16_t domid_t;

#define PRIpaddr "016llx"

#endif /* XEN_TYPES_H */
