#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# One hyperlaunch-form DT boots both architectures: the same two domain
# nodes (domid, memory, cpus, vpl011, bootargs) whose module nodes differ
# only in where the image is and which image it holds: on arm64 a 'reg'
# of a hello image placed by QEMU's loader device, the fragment merged into
# QEMU virt's DTB; on x86_64 a 'module-index' of a GRUB multiboot2 module.
# Each domain must print exactly what its node says.  'vpl011' gives the
# arm64 hello its UART; x86_64 warns that it ignores it (its console is the
# 16550).
source "$(dirname "$0")/lib.sh"
W=$TESTOUT/cross-arch
mkdir -p "$W"
STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

# The domains: domid memory-KiB bootargs.
DOMS=("1 65536 cross-arch one" "2 32768 cross-arch two")

# fragment MODULE-FN: the /chosen/hypervisor fragment; MODULE-FN DOMID
# prints that domain's kernel module node (the only per-arch part).  The
# cells are the root's (2 and 2) on both machines.
fragment() {
    local spec id kib args
    printf '/ {\n\tchosen {\n\t\thypervisor {\n'
    printf '\t\t\tcompatible = "hypervisor,xen";\n'
    for spec in "${DOMS[@]}"; do
        read -r id kib args <<< "$spec"
        printf '\t\t\tdom%d {\n\t\t\t\tcompatible = "xen,domain";\n' "$id"
        printf '\t\t\t\tdomid = <%d>;\n\t\t\t\tmemory = <0 %d>;\n' "$id" "$kib"
        printf '\t\t\t\tcpus = <1>;\n\t\t\t\tvpl011;\n'
        printf '\t\t\t\tkernel {\n'
        printf '\t\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
        "$1" "$id"
        printf '\t\t\t\t\tbootargs = "%s";\n\t\t\t\t};\n\t\t\t};\n' "$args"
    done
    printf '\t\t};\n\t};\n};\n'
}

# arm64: the kernel of domain N at 0x50000000 + N MiB.
arm64_addr() { printf '0x%x' $((0x50000000 + $1 * 0x100000)); }
arm64_module() { printf '\t\t\t\t\treg = <0 %s 0 0x100000>;\n' "$(arm64_addr "$1")"; }
# x86_64: module 0 is the DTB, module N the kernel of domain N.
x86_module() { printf '\t\t\t\t\tmodule-index = <%d>;\n' "$1"; }

# The two fragments differ in the module lines only.
fragment arm64_module > "$W/arm64.dtsi"
fragment x86_module > "$W/x86.dtsi"
if diff <(grep -v 'reg = \|module-index = ' "$W/arm64.dtsi") \
        <(grep -v 'reg = \|module-index = ' "$W/x86.dtsi") > "$W/fragments.diff" &&
   [ "$(grep -c 'reg = ' "$W/arm64.dtsi")" = ${#DOMS[@]} ] &&
   [ "$(grep -c 'module-index = ' "$W/x86.dtsi")" = ${#DOMS[@]} ]; then
    pass cross-arch/fragments-differ-in-modules-only
else
    fail cross-arch/fragments-differ-in-modules-only "see $W/fragments.diff"
fi

# --- arm64 ---
LOADERS=()
for spec in "${DOMS[@]}"; do
    read -r id _ <<< "$spec"
    LOADERS+=(-device "loader,file=$ROOT/build/arm64/guests/hello.img,addr=$(arm64_addr "$id"),force-raw=on")
done
if "$ROOT/automation/scripts/mk-arm64-dtb.sh" "$W/arm64.dtb" "$W/arm64.dtsi" 3 2 1024; then
    qemu_run cross-arch/arm64 60 qemu-system-aarch64 -cpu cortex-a57 -smp 2 \
        -m 1024 -nographic -monitor none -serial stdio -nic none \
        -M virt,virtualization=on,gic-version=3 \
        -kernel "$ROOT/build/arm64/xen" -dtb "$W/arm64.dtb" "${LOADERS[@]}"
    L=()
    for spec in "${DOMS[@]}"; do
        read -r id kib args <<< "$spec"
        L+=("(d$id) hello: bootargs=\"$args\"" "(d$id) hello: ram=$((kib / 1024)) MiB"
            "(d$id) hello: vcpus=1" "(d$id) HELLO-DONE" "(XEN) d$id: powered off")
    done
    expect_lines cross-arch/arm64-boots-hyperlaunch-dt "${L[@]}" "${STOP[@]}"
else
    fail cross-arch/arm64-dtb "mk-arm64-dtb.sh failed"
fi

# --- x86_64 ---
{
    printf '/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n};\n'
    cat "$W/x86.dtsi"
} > "$W/x86.dts"
D=$W/iso
rm -rf "$D"; mkdir -p "$D/boot/grub"
cp "$ROOT/build/x86_64/xen" "$D/boot/xen"
{
    printf 'set timeout=0\nset default=0\nserial --unit=0 --speed=115200\n'
    printf 'terminal_input serial\nterminal_output serial\n'
    printf 'menuentry "Hyperlaunch" {\n    multiboot2 /boot/xen console=com1\n'
    printf '    module2 /boot/hl.dtb hyperlaunch-dt\n'
    for spec in "${DOMS[@]}"; do
        read -r id _ <<< "$spec"
        cp "$ROOT/build/x86_64/guests/hello.elf" "$D/boot/hello$id.elf"
        printf '    module2 /boot/hello%d.elf\n' "$id"
    done
    printf '}\n'
} > "$D/boot/grub/grub.cfg"
if dtc -q -I dts -O dtb -o "$D/boot/hl.dtb" "$W/x86.dts" &&
   grub-mkrescue -o "$W/x86.iso" "$D" > "$W/mkrescue.log" 2>&1; then
    qemu_run cross-arch/x86_64 60 qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 \
        -display none -serial stdio -no-reboot \
        -device isa-debug-exit,iobase=0xf4,iosize=4 -cdrom "$W/x86.iso"
    L=()
    for spec in "${DOMS[@]}"; do
        read -r id kib args <<< "$spec"
        L+=("(d$id) hello: cmdline=\"$args\""
            "(d$id) hello: e820 100000-$(printf %x $((kib * 1024))) type 1"
            "(d$id) hello: memory $((kib - 384)) KiB RAM, top of RAM $kib KiB"
            "(d$id) HELLO-DONE" "(XEN) d$id: powered off"
            "(XEN) Warning: /chosen/hypervisor/dom$id: property 'vpl011': ignored on x86: the domain's console is a 16550 at 0x3f8")
    done
    expect_lines cross-arch/x86_64-boots-hyperlaunch-dt "${L[@]}" "${STOP[@]}"
else
    fail cross-arch/x86_64-iso "dtc or grub-mkrescue failed; see $W"
fi
