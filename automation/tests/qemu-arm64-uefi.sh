#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 UEFI boot: the same build/arm64/xen is a UEFI application.
#  - AAVMF + Debian's GRUB EFI, from the disk image hlimage makes
#    (--grub-efi): 'xen_hypervisor', one 'xen_module' per image and
#    'devicetree' boot Dom0 and three domUs: each domU module names its
#    GRUB module by 'module-index', the unnamed one is Dom0's kernel;
#  - the same DT with modules GRUB did not load, GRUB modules no domain
#    takes and a missing property: refused by node and property, nothing
#    runs;
#  - U-Boot: 'load' + 'bootefi ADDR ${fdtcontroladdr}' (ImageBuilder's
#    BOOT_CMD=bootefi) runs the three-domain demo (modules located with
#    'reg', put there by QEMU's loader device), and U-Boot's bootefi
#    starts GRUB from the same disk image, which boots the same four
#    domains;
#  - pages at the link address already allocated (U-Boot's bootefi marks
#    /reserved-memory so): the UEFI entry says so and what to do.
# Each reaches the normal boot path through boot services exited, /memory
# written from the UEFI memory map.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/arm64/xen
G=$ROOT/build/arm64/guests
W=$TESTOUT/arm64-uefi
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
AAVMF_CODE=/usr/share/AAVMF/AAVMF_CODE.fd
AAVMF_VARS=/usr/share/AAVMF/AAVMF_VARS.fd
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
rm -rf "$W"; mkdir -p "$W"

# The Image carries "MZ" and the PE header offset, and still "ARM\x64".
if [ "$(head -c 2 "$XEN")" = MZ ] &&
   [ "$(dd if="$XEN" bs=1 skip=56 count=4 2>/dev/null)" = "$(printf 'ARM\x64')" ] &&
   [ "$(od -An -tx4 -j 60 -N 4 "$XEN" | tr -d ' ')" = 00000040 ] &&
   [ "$(dd if="$XEN" bs=1 skip=64 count=4 2>/dev/null | od -An -tx1 | tr -d ' ')" = 50450000 ]; then
    pass arm64-uefi/image-is-pe
else
    fail arm64-uefi/image-is-pe "no MZ / PE header in $XEN"
fi

MODDIR=$("$ROOT/automation/scripts/fetch-grub-efi-arm64.sh" 2>/dev/null) || MODDIR=
if [ ! -r "$AAVMF_CODE" ] || [ -z "$MODDIR" ] || [ ! -r "$UBOOT" ]; then
    skip arm64-uefi "no AAVMF, U-Boot or arm64 GRUB EFI (run automation/scripts/install-deps.sh)"
    exit 0
fi

QEMU=(qemu-system-aarch64 -M virt,virtualization=on,gic-version=3
      -cpu cortex-a57 -smp 2 -m 1024 -nographic -monitor none -serial stdio -nic none)
head -c 65536 /dev/zero > "$W/ramdisk.bin"
LOADERS=()
for a in 50000000:$G/hello.img 51000000:$G/hello.img 52000000:$W/ramdisk.bin \
         53000000:$G/hello.img; do
    LOADERS+=(-device "loader,file=${a#*:},addr=0x${a%%:*},force-raw=on")
done
HELLO=("(d1) hello: bootargs=\"console=ttyAMA0 hello from domU1\"" "(d1) HELLO-DONE"
       "(d2) hello: bootargs=\"console=ttyAMA0 hello from domU2\"" "(d2) hello: vcpus=2"
       "(d2) HELLO-DONE"
       "(d3) hello: bootargs=\"console=ttyAMA0 hello from domU3\"" "(d3) HELLO-DONE"
       "(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")
clean_log() { sed -i 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1b[78]//g; s/\r//g' "$QEMU_LOG"; }

"$MK" "$W/demo.dtb" "$ROOT/automation/configs/demo-arm64.dtsi" 3

# The GRUB disk image hlimage makes: Dom0 (a /chosen module) and the
# three hlimage demo domains, every image named by 'hlimage,file'.
cat "$ROOT/automation/configs/demo-arm64-hlimage.dtsi" - > "$W/grub.dtsi" <<'DTS'
/ {
	chosen {
		xen,xen-bootargs = "console=dtuart dom0_mem=64M";
		dom0-kernel {
			compatible = "multiboot,kernel", "multiboot,module";
			hlimage,file = "dom0.img";
			bootargs = "console=hvc0 hello from dom0";
		};
	};
};
DTS
"$MK" "$W/grub.dtb" "$W/grub.dtsi" 3
for f in dom0.img domU1.img domU2.img domU3.img; do cp "$G/hello.img" "$W/$f"; done
cp "$W/ramdisk.bin" "$W/domU2.cpio"

aavmf_run() {
    cp "$AAVMF_VARS" "$W/vars.fd"
    qemu_run "$1" 120 "${QEMU[@]}" \
        -drive "if=pflash,format=raw,readonly=on,file=$AAVMF_CODE" \
        -drive "if=pflash,format=raw,file=$W/vars.fd" \
        -drive "if=virtio,format=raw,file=$2"
    clean_log
}

DOM0_PLAN='^\(XEN\)   d0 Dom0: vcpus=[0-9]+ memory=65536KiB caps=control,hardware,xenstore kernel=0x[0-9a-f]+\+0x[0-9a-f]+ ramdisk=none bootargs="console=hvc0 hello from dom0"$'
if "$ROOT/build/tools/hlimage" -q --grub-efi "$MODDIR" --xen "$XEN" -o "$W/hl" \
        "$W/grub.dtb" > "$W/hlimage.log" 2>&1; then
    aavmf_run arm64-uefi/grub "$W/hl/hyperlaunch-efi.img"
    expect_lines arm64-uefi/grub-xen-module-domus \
        "Hyperlaunch: leaving UEFI boot services" \
        "(XEN) Hyperlaunch DT (dom0less form): 4 domains" "${HELLO[@]}"
    if grep -qE "$DOM0_PLAN" "$QEMU_LOG"; then
        expect_lines arm64-uefi/grub-xen-module-is-dom0 \
            "(d0) hello: bootargs=\"console=hvc0 hello from dom0\"" \
            "(d0) hello: ram=64 MiB" "(d0) HELLO-DONE"
    else
        fail arm64-uefi/grub-xen-module-is-dom0 "no Dom0 plan line; see $QEMU_LOG"
    fi
else
    fail arm64-uefi/grub-hlimage "see $W/hlimage.log"
fi

# The same disk with a DT naming a module GRUB did not load (domU3: 9 of
# 7), two GRUB modules more than Dom0 takes (5 and 6; Dom0 gets 3 and 4,
# which no domU names now) and domU2 without 'memory'.
cp "$W/hl/hyperlaunch-efi.img" "$W/bad.img"
cp "$W/hl/hl-grub.dtb" "$W/bad-grub.dtb"
fdtput -t u "$W/bad-grub.dtb" /chosen/domU3/module@0 module-index 9 &&
    fdtput -d "$W/bad-grub.dtb" /chosen/domU2 memory &&
    sed 's|^    devicetree |    xen_module --nounzip /domU1.img\n    xen_module --nounzip /domU3.img\n&|' \
        "$W/hl/grub.cfg" > "$W/bad-grub.cfg" &&
    mcopy -o -i "$W/bad.img" "$W/bad-grub.cfg" ::/EFI/BOOT/grub.cfg &&
    mcopy -o -i "$W/bad.img" "$W/bad-grub.dtb" ::/hl-grub.dtb
aavmf_run arm64-uefi/grub-bad "$W/bad.img"
if expect_lines arm64-uefi/grub-bad-dt-rejected \
        "(XEN) ERROR: /chosen/domU3/module@0: property 'module-index': 9 is out of range: the boot loader passed 7 modules" \
        "(XEN) ERROR: /chosen/domU2: property 'memory': required property missing" \
        "(XEN) Hyperlaunch: boot configuration rejected (4 errors); no domain was started" &&
   [ "$(grep -cE "^\(XEN\) ERROR: /chosen/module@[0-9a-f]+: property 'reg': boot loader module [56] is used by no domain \(Dom0 has its kernel and ramdisk already\): a domain's module node takes it with module-index = <[56]>$" "$QEMU_LOG")" = 2 ]; then
    if grep -qE '^\(d[0-9]+\)' "$QEMU_LOG"; then
        fail arm64-uefi/grub-bad-dt-runs-nothing "a domain ran; see $QEMU_LOG"
    else
        pass arm64-uefi/grub-bad-dt-runs-nothing
    fi
else
    fail arm64-uefi/grub-unused-modules "no 'used by no domain' errors for modules 5 and 6; see $QEMU_LOG"
fi

# U-Boot: the DTB QEMU passes is U-Boot's own; its /config bootcmd loads
# xen from the FAT disk and runs bootefi with that DTB.
cp "$W/demo.dtb" "$W/uboot.dtb"
fdtput -c "$W/uboot.dtb" /config &&
    fdtput -t i "$W/uboot.dtb" /config bootdelay 0 &&
    fdtput -t s "$W/uboot.dtb" /config bootcmd \
        'virtio scan; load virtio 0:0 0x40400000 xen && bootefi 0x40400000 ${fdtcontroladdr}'
qemu_run arm64-uefi/uboot-bootefi 120 "${QEMU[@]}" -bios "$UBOOT" -dtb "$W/uboot.dtb" \
    -drive "if=virtio,format=raw,file=$W/hl/hyperlaunch-efi.img" "${LOADERS[@]}"
clean_log
expect_lines arm64-uefi/uboot-bootefi \
    "Hyperlaunch: leaving UEFI boot services" \
    "(XEN) Hyperlaunch DT (dom0less form): 3 domains" "${HELLO[@]}"

# U-Boot's bootefi starts GRUB from the same disk image (U-Boot's EFI
# services under GRUB): the same four domains as under AAVMF.
cp "$W/demo.dtb" "$W/uboot-grub.dtb"
fdtput -c "$W/uboot-grub.dtb" /config &&
    fdtput -t i "$W/uboot-grub.dtb" /config bootdelay 0 &&
    fdtput -t s "$W/uboot-grub.dtb" /config bootcmd \
        'virtio scan; load virtio 0:0 0x40400000 EFI/BOOT/BOOTAA64.EFI && bootefi 0x40400000 ${fdtcontroladdr}'
qemu_run arm64-uefi/uboot-bootefi-grub 120 "${QEMU[@]}" -bios "$UBOOT" \
    -dtb "$W/uboot-grub.dtb" -drive "if=virtio,format=raw,file=$W/hl/hyperlaunch-efi.img"
clean_log
expect_lines arm64-uefi/uboot-bootefi-grub \
    "Hyperlaunch: leaving UEFI boot services" \
    "(XEN) Hyperlaunch DT (dom0less form): 4 domains" "${HELLO[@]}" \
    "(d0) hello: bootargs=\"console=hvc0 hello from dom0\"" "(d0) HELLO-DONE"

# The pages at the link address already allocated: U-Boot's bootefi marks
# /reserved-memory of the DT it passes as allocated in the UEFI memory map.
cp "$W/uboot.dtb" "$W/uboot-taken.dtb"
fdtput -c "$W/uboot-taken.dtb" /reserved-memory &&
    fdtput -t i "$W/uboot-taken.dtb" /reserved-memory '#address-cells' 2 &&
    fdtput -t i "$W/uboot-taken.dtb" /reserved-memory '#size-cells' 2 &&
    fdtput -t x "$W/uboot-taken.dtb" /reserved-memory ranges &&
    fdtput -c "$W/uboot-taken.dtb" /reserved-memory/firmware@40200000 &&
    fdtput -t x "$W/uboot-taken.dtb" /reserved-memory/firmware@40200000 reg 0 0x40200000 0 0x100000 &&
    fdtput -t s "$W/uboot-taken.dtb" /reserved-memory/firmware@40200000 no-map ""
TAKEN=("Hyperlaunch: UEFI boot failed: the pages at 0x40200000, where this hypervisor must run (its link address), are already allocated in the UEFI memory map."
       "Load nothing there before starting it (U-Boot load addresses, /reserved-memory or /memreserve/ in the device tree the firmware uses), or boot the Image without UEFI (U-Boot's booti, QEMU -kernel).")
# U-Boot then waits at its prompt: the run ends by its timeout.  (U-Boot
# prints the UEFI "\r\n" as "\r\r\n", so lines are read once cleaned.)
qemu_run arm64-uefi/uboot-link-address-taken 25 "${QEMU[@]}" \
    -bios "$UBOOT" -dtb "$W/uboot-taken.dtb" \
    -drive "if=virtio,format=raw,file=$W/hl/hyperlaunch-efi.img"
clean_log
if has_line "${TAKEN[0]}" "$QEMU_LOG" && has_line "${TAKEN[1]}" "$QEMU_LOG" &&
   ! grep -q '^(XEN)' "$QEMU_LOG"; then
    pass arm64-uefi/uboot-link-address-taken
else
    fail arm64-uefi/uboot-link-address-taken "no message, or the hypervisor ran; see $QEMU_LOG"
fi
