#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The compatibility promise, literally: the shared anchor's script that
# boots Debian's Xen 4.17 with N dom0less Linux domains
# (../shared/anchors/xen-arm64/run.sh: its DTB, its kernel, its
# initramfs) boots them unchanged on ours when only the hypervisor image
# is swapped (XEN_IMAGE=build/arm64/xen).  Skipped where that directory
# is not beside the checkout (it is not part of this tree).
source "$(dirname "$0")/lib.sh"
ANCHOR=${ANCHOR:-$ROOT/../shared/anchors/xen-arm64/run.sh}
W=$TESTOUT/xen-anchor-linux
mkdir -p "$W"
if [ ! -r "$ANCHOR" ]; then
    skip linux/anchor-run-sh-boots-ours "no $ANCHOR beside the checkout"
    exit 0
fi
qemu_lock
XEN_IMAGE=$ROOT/build/arm64/xen CACHE=$ROOT/build/cache/xen-anchor-linux \
    TIMEOUT=240 timeout 400 bash "$ANCHOR" 2 > "$W/run.log" 2>&1
if grep -qE '^RESULT .*domU1=[0-9.]+ domU2=[0-9.]+ all=[0-9.]+$' "$W/run.log"; then
    pass linux/anchor-run-sh-boots-ours
else
    fail linux/anchor-run-sh-boots-ours "$(grep '^RESULT' "$W/run.log" || tail -1 "$W/run.log")"
fi
