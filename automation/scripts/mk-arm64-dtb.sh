#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a host DTB for QEMU's arm64 'virt' machine with a Hyperlaunch DT
# fragment merged in: QEMU's own tree (dumpdtb) plus FRAGMENT.dtsi.
#   mk-arm64-dtb.sh OUT.dtb FRAGMENT.dtsi [GIC_VERSION] [SMP] [MEM_MIB]
set -euo pipefail
OUT=$1 FRAG=$2 GIC=${3:-3} SMP=${4:-2} MEM=${5:-1024}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/qemu-lock.sh"
qemu_lock
timeout 60 qemu-system-aarch64 -M "virt,virtualization=on,gic-version=$GIC" \
    -cpu cortex-a57 -smp "$SMP" -m "$MEM" -nographic -monitor none \
    -machine dumpdtb="$tmp/virt.dtb" > /dev/null 2>&1
dtc -q -I dtb -O dts -o "$tmp/virt.dts" "$tmp/virt.dtb"
cat "$tmp/virt.dts" "$FRAG" > "$tmp/full.dts"
dtc -q -I dts -O dtb -o "$OUT" "$tmp/full.dts"
