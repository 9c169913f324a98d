#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot the arm64 hypervisor under QEMU with the three-domain demo DT.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$ROOT/build/demo
mkdir -p "$W"
"$ROOT/automation/scripts/mk-arm64-dtb.sh" "$W/demo.dtb" \
    "$ROOT/automation/configs/demo-arm64.dtsi"
echo "== host check of the demo DT:"
"$ROOT/build/tools/hlcheck" -q "$W/demo.dtb"
# Placeholder images until the arm64 backend runs guests.
for a in 50000000 51000000 52000000 53000000; do
    head -c 65536 /dev/zero > "$W/img-$a.bin"
done
LOADERS=()
for a in 50000000 51000000 52000000 53000000; do
    LOADERS+=(-device "loader,file=$W/img-$a.bin,addr=0x$a,force-raw=on")
done
echo "== booting QEMU (arm64 virt, GICv3, 2 CPUs)"
exec timeout "${TIMEOUT:-60}" qemu-system-aarch64 \
    -M virt,virtualization=on,gic-version=3 -cpu cortex-a57 -smp 2 -m 1024 \
    -nographic -monitor none -serial stdio -nic none \
    -kernel "$ROOT/build/arm64/xen" -dtb "$W/demo.dtb" "${LOADERS[@]}"
