#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot the x86_64 hypervisor under QEMU through GRUB with the three-domain
# PVH demo: hlimage numbers the images named in the demo DT, writes the
# final DTB, grub.cfg and a GRUB ISO, and prints the QEMU command run here.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$ROOT/build/demo-x86
rm -rf "$W"
mkdir -p "$W"
cp "$ROOT/automation/configs/demo-x86-hlimage.dts" "$W/demo.dts"
# The hello test guest in every domain, a small ramdisk for dom2; the
# names are the 'hlimage,file' values of the demo DT, relative to it.
cp "$ROOT/build/x86_64/guests/hello.elf" "$W/hello.elf"
echo "initrd of dom2" > "$W/dom2-initrd.txt"
echo "== hlimage: numbering the demo's images, GRUB ISO in $W/boot"
"$ROOT/build/tools/hlimage" -q --arch x86_64 --xen "$ROOT/build/x86_64/xen" \
    -o "$W/boot" "$W/demo.dts" | tee "$W/hlimage.out"
echo "== host check of the final DT:"
"$ROOT/build/tools/hlcheck" -q --arch x86_64 --loader-modules 3 \
    "$W/boot/iso/boot/hl.dtb"
cmd=$(grep '^qemu-system-x86_64 ' "$W/hlimage.out")
eval "QEMU=($cmd)"
echo "== booting QEMU (x86_64 pc, 2 CPUs) through GRUB"
source "$ROOT/automation/scripts/qemu-lock.sh"
qemu_lock
exec timeout "${TIMEOUT:-60}" "${QEMU[@]}" "${QEMU_X86_TCG[@]}" -smp 2 -monitor none
