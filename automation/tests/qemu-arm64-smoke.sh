#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 QEMU smoke tests: the hypervisor parses the DT it boots with, prints
# the plan of the three-domain demo, and stops; a malformed DT is refused.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/arm64/xen
W=$TESTOUT/arm64
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
mkdir -p "$W"

QEMU=(qemu-system-aarch64 -cpu cortex-a57 -smp 2 -m 1024 -nographic
      -monitor none -serial stdio -nic none)
LOADERS=()
for a in 50000000 51000000 52000000 53000000; do
    head -c 65536 /dev/zero > "$W/img-$a.bin"
    LOADERS+=(-device "loader,file=$W/img-$a.bin,addr=0x$a,force-raw=on")
done

PLAN=(
  "(XEN) Hyperlaunch DT (dom0less form): 3 domains"
  "(XEN)   d1 domU1: vcpus=1 memory=131072KiB caps=none vpl011 kernel=0x50000000+0x10000 ramdisk=none bootargs=\"console=ttyAMA0 hello from domU1\""
  "(XEN)   d2 domU2: vcpus=2 memory=262144KiB caps=none vpl011 kernel=0x51000000+0x10000 ramdisk=0x52000000+0x10000 bootargs=\"console=ttyAMA0 hello from domU2\""
  "(XEN)   d3 domU3: vcpus=1 memory=65536KiB caps=none vpl011 kernel=0x53000000+0x10000 ramdisk=none bootargs=\"console=ttyAMA0 hello from domU3\""
  "(XEN) Powering off (normal stop)"
)

for gic in 3 2; do
    "$MK" "$W/demo-gic$gic.dtb" "$ROOT/automation/configs/demo-arm64.dtsi" $gic
    qemu_run arm64/direct-gicv$gic 60 "${QEMU[@]}" \
        -M virt,virtualization=on,gic-version=$gic \
        -kernel "$XEN" -dtb "$W/demo-gic$gic.dtb" "${LOADERS[@]}"
    expect_lines arm64/direct-boot-plan-gicv$gic "${PLAN[@]}"
done

# U-Boot: the DT's /config bootcmd runs booti on the image it finds loaded.
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
cat "$ROOT/automation/configs/demo-arm64.dtsi" - > "$W/uboot.dtsi" <<'CFG'
/ {
	config {
		bootdelay = <0>;
		bootcmd = "booti 0x40400000 - ${fdtcontroladdr}";
	};
};
CFG
"$MK" "$W/uboot.dtb" "$W/uboot.dtsi" 3
qemu_run arm64/uboot 60 "${QEMU[@]}" -M virt,virtualization=on,gic-version=3 \
    -bios "$UBOOT" -dtb "$W/uboot.dtb" \
    -device "loader,file=$XEN,addr=0x40400000,force-raw=on" "${LOADERS[@]}"
expect_lines arm64/uboot-boot-plan "${PLAN[@]}"

# A malformed DT: one clear error, nothing started, clean stop.
"$MK" "$W/bad.dtb" "$ROOT/automation/configs/bad-arm64.dtsi" 3
qemu_run arm64/bad-dt 60 "${QEMU[@]}" -M virt,virtualization=on,gic-version=3 \
    -kernel "$XEN" -dtb "$W/bad.dtb" "${LOADERS[@]}"
expect_lines arm64/malformed-dt-rejected \
    "(XEN) ERROR: /chosen/domU2: property 'memory': required property missing" \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" &&
    reject_text arm64/malformed-dt-prints-no-plan "Hyperlaunch DT (dom0less form)"
