#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build an out-of-tree kernel module for the arm64 Linux guests' kernel.
#   build-linux-module.sh SRCDIR OUTDIR
# SRCDIR holds a Kbuild file and the module's sources (e.g.
# automation/guests/linux-modules/xen-static-pingpong); they are copied to
# OUTDIR (kbuild writes next to the sources) and built there with
# aarch64-linux-gnu-gcc against Debian's linux-headers package for the
# kernel fetch-linux-guest.sh fetched (fetch-linux-headers.sh).  Prints the
# .ko files built.  Exit: 0 ok, 1 build error, 2 no headers or compiler.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -eq 2 ] || { echo "usage: build-linux-module.sh SRCDIR OUTDIR" >&2; exit 2; }
SRC=$(cd "$1" && pwd) OUT=$2
CROSS=${CROSS_COMPILE:-aarch64-linux-gnu-}

command -v "${CROSS}gcc" > /dev/null ||
    { echo "build-linux-module: no ${CROSS}gcc (install-deps.sh)" >&2; exit 2; }
KDIR=$("$ROOT/automation/scripts/fetch-linux-headers.sh") || exit 2
rm -rf "$OUT" && mkdir -p "$OUT"
cp -r "$SRC"/. "$OUT"/
OUT=$(cd "$OUT" && pwd)
make -s -C "$KDIR" M="$OUT" ARCH=arm64 CROSS_COMPILE="$CROSS" modules \
    > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
ls "$OUT"/*.ko
