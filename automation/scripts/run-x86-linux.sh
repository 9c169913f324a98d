#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot Debian's amd64 Linux in three domains (d1 PVH, d2 PVH with 2 vCPUs,
# d3 HVM) on the x86_64 hypervisor, through GRUB, under QEMU,
# interactively: each reaches a busybox shell; CTRL-a three times moves
# the keyboard to the next domain.  The DT is
# automation/configs/x86-linux-hlimage.dts; hlimage writes the ISO.
# env: TIMEOUT=3600 (then QEMU is stopped).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$ROOT/build/x86-linux-demo
CACHE=$ROOT/build/cache/linux-x86_64
rm -rf "$W"
mkdir -p "$W"
"$ROOT/automation/scripts/fetch-linux-x86.sh" "$CACHE"
cp "$ROOT/automation/configs/x86-linux-hlimage.dts" "$W/linux.dts"
cp "$CACHE/bzImage" "$CACHE/initrd.cpio.gz" "$W/"
echo "== hlimage: the GRUB ISO in $W/boot"
"$ROOT/build/tools/hlimage" -q --arch x86_64 --xen "$ROOT/build/x86_64/xen" \
    -o "$W/boot" "$W/linux.dts"
echo "== booting; CTRL-a three times switches the console input, CTRL-c quits"
source "$ROOT/automation/scripts/qemu-lock.sh"
qemu_lock
exec timeout "${TIMEOUT:-3600}" qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 1536 \
    -smp 2 -display none -monitor none -serial stdio -no-reboot \
    -device isa-debug-exit,iobase=0xf4,iosize=4 -cdrom "$W/boot/hyperlaunch.iso"
