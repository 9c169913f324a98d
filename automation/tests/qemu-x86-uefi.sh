#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 UEFI boot: hlimage's ISO (grub-mkrescue, hybrid BIOS and UEFI
# when both GRUB platforms are installed) boots under OVMF through GRUB's
# multiboot2: boot services exited by GRUB, the UEFI memory map and the
# ACPI RSDP tag read, the AP start-up page moved off the DT GRUB put at
# 0x8000, three PVH hello domains run.  A DT naming a module GRUB did not
# load: the usual node/property error, nothing starts.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/x86_64/xen
HLIMAGE=$ROOT/build/tools/hlimage
OVMF=/usr/share/ovmf/OVMF.fd
W=$TESTOUT/x86-uefi
rm -rf "$W"; mkdir -p "$W"

if [ ! -r "$OVMF" ] || [ ! -d /usr/lib/grub/x86_64-efi ]; then
    skip x86-uefi "no OVMF or GRUB x86_64-efi (run automation/scripts/install-deps.sh)"
    exit 0
fi
QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -smp 2 -m 512 -display none
      -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4
      -bios "$OVMF")

# The demo DT with hlimage,file in place of each module-index.
for k in k1 k2 k3; do
    cp "$ROOT/build/x86_64/guests/hello.elf" "$W/$k.bin"
done
sed -e 's/module-index = <\([1-3]\)>;/hlimage,file = "k\1.bin";/' \
    "$ROOT/automation/configs/demo-x86.dts" > "$W/demo.dts"

# GRUB and OVMF draw with escape sequences: keep the text only.
clean_log() { sed -i 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1b[()][0-9A-B]//g' "$QEMU_LOG"; }

if ! "$HLIMAGE" -q --arch x86_64 --xen "$XEN" -o "$W/out" "$W/demo.dts" > "$W/hlimage.log" 2>&1; then
    fail x86-uefi/hlimage-iso "see $W/hlimage.log"
    exit 0
fi
# Hybrid: an El Torito EFI image beside the BIOS one.
if xorriso -indev "$W/out/hyperlaunch.iso" -report_el_torito plain 2>/dev/null |
        grep -q 'El Torito boot img :   2  UEFI'; then
    pass x86-uefi/iso-is-hybrid
else
    fail x86-uefi/iso-is-hybrid "no UEFI El Torito image in $W/out/hyperlaunch.iso"
fi

qemu_run x86-uefi/ovmf 120 "${QEMU[@]}" -cdrom "$W/out/hyperlaunch.iso"
clean_log
if [ "$QEMU_RC" = 124 ]; then fail x86-uefi/ovmf "timed out; see $QEMU_LOG"; fi
expect_lines x86-uefi/ovmf-handoff \
    "(XEN) UEFI: boot services exited by the loader; runtime services are not used" \
    "(XEN) Hyperlaunch DT (hyperlaunch form): 3 domains"
grep -qE '^\(XEN\) Memory map: UEFI, [0-9]+ descriptors$' "$QEMU_LOG" &&
    pass x86-uefi/ovmf-efi-memory-map || fail x86-uefi/ovmf-efi-memory-map "see $QEMU_LOG"
grep -qE '^\(XEN\) ACPI: host PM timer at port 0x[0-9a-f]+, read directly by domains$' "$QEMU_LOG" &&
    pass x86-uefi/ovmf-acpi-rsdp-tag || fail x86-uefi/ovmf-acpi-rsdp-tag "see $QEMU_LOG"
expect_lines x86-uefi/ovmf-smp "(XEN) 2 host CPUs up"
expect_lines x86-uefi/ovmf-domains-run \
    "(d1) hello: cmdline=\"console=ttyS0 hello from dom1\"" \
    "(d2) hello: cmdline=\"console=ttyS0 hello from dom2\"" "(d3) hello: cmdline=\"\"" \
    "(d1) HELLO-DONE" "(d2) HELLO-DONE" "(d3) HELLO-DONE" \
    "(XEN) all domains have stopped" "(XEN) Powering off (normal stop)"

# A fourth domain whose kernel is module 4: GRUB loads only 3 modules.
iso=$W/bad-iso
mkdir -p "$iso/boot/grub"
cp -r "$W/out/iso/boot/." "$iso/boot/"
sed -e 's/dom3 {/dom4 { compatible = "xen,domain"; memory = <0 0x1000>; kernel { compatible = "multiboot,kernel", "multiboot,module"; module-index = <4>; }; };\n\t\t\tdom3 {/' \
    "$ROOT/automation/configs/demo-x86.dts" | sed 's/\\n/\n/' > "$W/bad.dts"
dtc -q -I dts -O dtb -o "$iso/boot/hl.dtb" "$W/bad.dts"
grub-mkrescue -o "$W/bad.iso" "$iso" > "$W/bad-mkrescue.log" 2>&1 ||
    fail x86-uefi/bad-mkrescue "see $W/bad-mkrescue.log"
qemu_run x86-uefi/missing-module 120 "${QEMU[@]}" -cdrom "$W/bad.iso"
clean_log
expect_lines x86-uefi/missing-module-rejected \
    "(XEN) ERROR: /chosen/hypervisor/dom4/kernel: property 'module-index': 4 is out of range: the boot loader passed 4 modules" \
    "(XEN) Powering off (boot failed)" &&
    reject_text x86-uefi/missing-module-starts-nothing "(d1)"
