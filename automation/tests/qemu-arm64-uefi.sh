#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 UEFI boot: the same build/arm64/xen is a UEFI application.
#  - AAVMF + Debian's GRUB EFI: 'xen_hypervisor' + 'devicetree' load it,
#    'xen_module' loads Dom0's kernel (the /chosen/module@ node GRUB
#    makes, with the module's command line as its bootargs);
#  - U-Boot: 'load' + 'bootefi ADDR ${fdtcontroladdr}' (ImageBuilder's
#    BOOT_CMD=bootefi);
# each reaches the normal boot path through boot services exited, /memory
# written from the UEFI memory map, and runs the three-domain demo
# (modules located with 'reg', put there by QEMU's loader device).
# A malformed DT given to GRUB: refused by node and property, nothing runs.
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
# The DT's own xen,xen-bootargs stays: it carries Dom0's memory too.
cp "$W/demo.dtb" "$W/demo-dom0.dtb"
fdtput -t s "$W/demo-dom0.dtb" /chosen xen,xen-bootargs "console=dtuart dom0_mem=64M"
"$MK" "$W/bad.dtb" "$ROOT/automation/configs/bad-arm64.dtsi" 3

# esp DIR DTB: a FAT disk image DIR.img with GRUB as the removable-media
# boot loader, xen and DTB; grub.cfg runs xen_hypervisor + devicetree.
esp() {
    local d=$1
    mkdir -p "$d/EFI/BOOT"
    grub-mkimage -O arm64-efi -d "$MODDIR" -o "$d/EFI/BOOT/BOOTAA64.EFI" \
        -p /EFI/BOOT fat part_gpt part_msdos normal configfile xen_boot fdt || return 1
    cp "$XEN" "$d/xen"
    cp "$2" "$d/hl.dtb"
    cp "$G/hello.img" "$d/dom0.img"
    cat > "$d/EFI/BOOT/grub.cfg" <<'CFG'
set timeout=0
set default=0
menuentry "Hyperlaunch" {
    xen_hypervisor /xen console=dtuart dom0_mem=64M
    xen_module /dom0.img console=hvc0 hello from dom0
    devicetree /hl.dtb
}
CFG
    rm -f "$d.img"
    truncate -s 64M "$d.img" && mformat -i "$d.img" -F :: &&
        mcopy -s -i "$d.img" "$d"/* ::/
}

aavmf_run() {
    cp "$AAVMF_VARS" "$W/vars.fd"
    qemu_run "$1" 120 "${QEMU[@]}" \
        -drive "if=pflash,format=raw,readonly=on,file=$AAVMF_CODE" \
        -drive "if=pflash,format=raw,file=$W/vars.fd" \
        -drive "if=virtio,format=raw,file=$2" "${LOADERS[@]}"
    clean_log
}

if esp "$W/esp" "$W/demo-dom0.dtb" > "$W/esp.log" 2>&1; then
    aavmf_run arm64-uefi/grub "$W/esp.img"
    expect_lines arm64-uefi/grub-xen-hypervisor-devicetree \
        "Hyperlaunch: leaving UEFI boot services" \
        "(XEN) Hyperlaunch DT (dom0less form): 4 domains" "${HELLO[@]}"
    if grep -qE '^\(XEN\)   d0 Dom0: vcpus=[0-9]+ memory=65536KiB caps=control,hardware,xenstore kernel=0x[0-9a-f]+\+0x[0-9a-f]+ ramdisk=none bootargs="console=hvc0 hello from dom0"$' "$QEMU_LOG"; then
        expect_lines arm64-uefi/grub-xen-module-is-dom0 \
            "(d0) hello: bootargs=\"console=hvc0 hello from dom0\"" \
            "(d0) hello: ram=64 MiB" "(d0) HELLO-DONE"
    else
        fail arm64-uefi/grub-xen-module-is-dom0 "no Dom0 plan line; see $QEMU_LOG"
    fi
else
    fail arm64-uefi/grub-esp "see $W/esp.log"
fi

if esp "$W/esp-bad" "$W/bad.dtb" > "$W/esp-bad.log" 2>&1; then
    aavmf_run arm64-uefi/grub-bad-dt "$W/esp-bad.img"
    expect_lines arm64-uefi/grub-bad-dt-rejected \
        "(XEN) ERROR: /chosen/domU2: property 'memory': required property missing" \
        "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" &&
        reject_text arm64-uefi/grub-bad-dt-runs-nothing "(d1)"
else
    fail arm64-uefi/grub-bad-esp "see $W/esp-bad.log"
fi

# U-Boot: the DTB QEMU passes is U-Boot's own; its /config bootcmd loads
# xen from the FAT disk and runs bootefi with that DTB.
cp "$W/demo.dtb" "$W/uboot.dtb"
fdtput -c "$W/uboot.dtb" /config &&
    fdtput -t i "$W/uboot.dtb" /config bootdelay 0 &&
    fdtput -t s "$W/uboot.dtb" /config bootcmd \
        'virtio scan; load virtio 0:0 0x40400000 xen && bootefi 0x40400000 ${fdtcontroladdr}'
qemu_run arm64-uefi/uboot-bootefi 120 "${QEMU[@]}" -bios "$UBOOT" -dtb "$W/uboot.dtb" \
    -drive "if=virtio,format=raw,file=$W/esp.img" "${LOADERS[@]}"
clean_log
expect_lines arm64-uefi/uboot-bootefi \
    "Hyperlaunch: leaving UEFI boot services" \
    "(XEN) Hyperlaunch DT (dom0less form): 3 domains" "${HELLO[@]}"
