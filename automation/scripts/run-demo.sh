#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot the arm64 hypervisor under QEMU through U-Boot with the three-domain
# demo: hlimage lays out the images named in the demo DT, writes the final
# DTB and boot script, and prints the QEMU command that is run here.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$ROOT/build/demo
rm -rf "$W"
mkdir -p "$W"
"$ROOT/automation/scripts/mk-arm64-dtb.sh" "$W/demo.dtb" \
    "$ROOT/automation/configs/demo-arm64-hlimage.dtsi"
# The hello test guest in every domain (a placeholder ramdisk for domU2);
# the names are the 'hlimage,file' values of the demo DT, relative to
# demo.dtb.
for img in domU1.img domU2.img domU3.img; do
    cp "$ROOT/build/arm64/guests/hello.img" "$W/$img"
done
head -c 65536 /dev/zero > "$W/domU2.cpio"
echo "== hlimage: laying out the demo's images into $W/boot"
"$ROOT/build/tools/hlimage" -q --uboot-config --xen "$ROOT/build/arm64/xen" \
    -o "$W/boot" "$W/demo.dtb" | tee "$W/hlimage.out"
echo "== host check of the final DT:"
"$ROOT/build/tools/hlcheck" -q "$W/boot/hl.dtb"
cmd=$(grep '^qemu-system-aarch64 ' "$W/hlimage.out")
eval "QEMU=($cmd)"
echo "== booting QEMU (arm64 virt) through U-Boot"
source "$ROOT/automation/scripts/qemu-lock.sh"
qemu_lock
exec timeout "${TIMEOUT:-60}" "${QEMU[@]}"
