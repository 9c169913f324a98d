/* SPDX-License-Identifier: GPL-2.0-only */
/* Position-independent guests: every symbol is local to the image. */
#pragma GCC visibility push(hidden)
