/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: error numbers come from the C library. */
#ifndef XEN_ERRNO_H
#define XEN_ERRNO_H
#include <errno.h>
#endif
