#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Footprint of each hypervisor: the image file (what a loader reads) and its
# resident size from _start to _end (image plus .bss: stacks, page tables,
# the boot structures), beside Debian's Xen 4.17 arm64 image (960 KiB).
# Budget: image < 256 KiB, the hypervisor's own RAM < 16 MiB.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
XEN_417_KIB=960
printf '%-8s %12s %14s %18s\n' arch "image KiB" "resident KiB" "image vs Xen 4.17"
for arch in arm64 x86_64; do
    img=$ROOT/build/$arch/xen syms=$ROOT/build/$arch/xen-syms
    [ -e "$img" ] || { echo "$arch: not built (make build-all)"; continue; }
    nm=nm; [ $arch = arm64 ] && nm=aarch64-linux-gnu-nm
    start=$($nm "$syms" | awk '$3 == "_start" { print $1 }')
    end=$($nm "$syms" | awk '$3 == "_end" { print $1 }')
    size=$(stat -c %s "$img")
    res=$(( 0x$end - 0x$start ))
    awk -v a=$arch -v s="$size" -v r="$res" -v x=$XEN_417_KIB 'BEGIN {
        printf "%-8s %12.1f %14.1f %17.3fx\n", a, s / 1024, r / 1024, s / 1024 / x }'
done
