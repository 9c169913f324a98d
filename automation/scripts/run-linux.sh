#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot Debian's arm64 Linux in two domains (d1: 1 vCPU, d2: 2 vCPUs) on
# the arm64 hypervisor under QEMU, interactively: each reaches a busybox
# shell; CTRL-a three times moves the keyboard to the next domain.
# env: N=2 VCPUS="1,2" GIC=3 TIMEOUT=3600 (then QEMU is stopped).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$ROOT/build/linux-demo
mkdir -p "$W"
"$ROOT/automation/scripts/fetch-linux-guest.sh"
VCPUS=${VCPUS:-1,2} GIC=${GIC:-3} \
    "$ROOT/automation/scripts/mk-linux-dtb.sh" "$W/system.dtb" "${N:-2}" > /dev/null
mapfile -t LOADERS < "$W/system.loaders"
echo "== booting; CTRL-a three times switches the console input, CTRL-c quits"
source "$ROOT/automation/scripts/qemu-lock.sh"
qemu_lock
exec timeout "${TIMEOUT:-3600}" qemu-system-aarch64 \
    -M "virt,virtualization=on,gic-version=${GIC:-3}" -cpu cortex-a57 \
    -smp 2 -m 2048 -display none -monitor none -serial stdio -nic none \
    -kernel "$ROOT/build/arm64/xen" -dtb "$W/system.dtb" "${LOADERS[@]}"
