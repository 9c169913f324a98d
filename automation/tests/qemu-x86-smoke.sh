#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 QEMU smoke tests: multiboot1 (QEMU -kernel) and multiboot2 (GRUB)
# boots print the plan of the three-domain demo, seed host memory, pass
# the SVM self-test and run the three PVH hello domains; without nested
# paging the self-test is skipped and no domain starts; a kernel that is
# not ELF, a 64-bit ELF without the PVH note, a domain below 2 MiB and a
# malformed DT are refused before any domain runs.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/x86_64/xen
W=$TESTOUT/x86
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -display none -serial stdio
      -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)
dtc -q -I dts -O dtb -o "$W/demo.dtb" "$ROOT/automation/configs/demo-x86.dts"
dtc -q -I dts -O dtb -o "$W/bad.dtb" "$ROOT/automation/configs/bad-x86.dts"
# The kernels: the PVH hello guest padded to 8 KiB (the plan shows sizes).
for k in k1 k2 k3; do
    cp "$ROOT/build/x86_64/guests/hello.elf" "$W/$k.bin"
    truncate -s 8192 "$W/$k.bin"
done
head -c 8192 /dev/zero > "$W/zero.bin"

# Modules are placed by the loader, so the plan names addresses we do not
# know in advance: match each domain's line up to its kernel.
plan_ok() {
    local name=$1
    if [ "$QEMU_RC" = 124 ]; then fail "$name" "timed out; see $QEMU_LOG"; return; fi
    expect_lines "$name" "(XEN) Hyperlaunch DT (hyperlaunch form): 3 domains" \
        "(XEN) Powering off (normal stop)" || return
    for re in '^\(XEN\)   d1 dom1: vcpus=1 memory=131072KiB caps=none mode=pvh kernel=0x[0-9a-f]+\+0x2000 ramdisk=none bootargs="console=ttyS0 hello from dom1"$' \
              '^\(XEN\)   d2 dom2: vcpus=2 memory=262144KiB caps=xenstore mode=pvh kernel=0x[0-9a-f]+\+0x2000 ramdisk=none bootargs="console=ttyS0 hello from dom2"$' \
              '^\(XEN\)   d3 dom3: vcpus=1 memory=65536KiB caps=none mode=pvh kernel=0x[0-9a-f]+\+0x2000 ramdisk=none bootargs=""$'; do
        grep -qE "$re" "$QEMU_LOG" || { fail "$name-domains" "no line matching $re"; return; }
    done
    pass "$name-domains"
    expect_lines "$name-domains-run" "(d1) hello: cmdline=\"console=ttyS0 hello from dom1\"" \
        "(d2) hello: cmdline=\"console=ttyS0 hello from dom2\"" "(d3) hello: cmdline=\"\"" \
        "(XEN) d2: 2 vCPUs; vCPU1 and up wait for INIT-SIPI" \
        "(d1) HELLO-DONE" "(d2) HELLO-DONE" "(d3) HELLO-DONE" "(XEN) all domains have stopped"
}

# Host memory, NPT and the SVM self-test run after the plan; the loader
# places modules, so the free count is matched as a number.
svm_ok() {
    local name=$1 re='^\(XEN\) Memory: [0-9]+ KiB RAM in [0-9]+ ranges?, [0-9]+ KiB free \(hypervisor and 4 loader modules reserved\)$'
    grep -qE "$re" "$QEMU_LOG" || { fail "$name-memory" "no line matching $re (see $QEMU_LOG)"; return; }
    pass "$name-memory"
    expect_lines "$name-svm" \
        "(XEN) NPT: self-check passed (4 levels, 2 MiB and 4 KiB leaves, U at every level)" \
        "(d0) svm ok" "(XEN) SVM self-test passed"
}

qemu_run x86/multiboot1 60 "${QEMU[@]}" -kernel "$XEN" -append "console=com1" \
    -initrd "$W/demo.dtb,$W/k1.bin,$W/k2.bin,$W/k3.bin"
plan_ok x86/multiboot1-boot-plan
svm_ok x86/multiboot1

# Without nested paging the self-test is skipped; no domain can start.
qemu_run x86/no-npt 60 "${QEMU[@]/max/qemu64}" -kernel "$XEN" \
    -initrd "$W/demo.dtb,$W/k1.bin,$W/k2.bin,$W/k3.bin"
expect_lines x86/no-npt-svm-skipped \
    "(XEN) SVM self-test skipped: no SVM with nested paging" \
    "(XEN) ERROR: PVH domains need AMD SVM with nested paging; no domain was started" \
    "(XEN) Powering off (boot failed)" &&
    reject_text x86/no-npt-starts-nothing "(d1)"

# A kernel that is not an ELF image: nothing starts, not even the others.
qemu_run x86/not-elf 60 "${QEMU[@]}" -kernel "$XEN" \
    -initrd "$W/demo.dtb,$W/k1.bin,$W/zero.bin,$W/k3.bin"
expect_lines x86/not-elf-rejected \
    "(XEN) ERROR: d2: the kernel is not a little-endian x86 ELF image" \
    "(XEN) Hyperlaunch: building d2 failed (-8); no domain was started" \
    "(XEN) Powering off (boot failed)" &&
    reject_text x86/not-elf-starts-nothing "(d1)"

# A 64-bit ELF without the PVH entry note (the hypervisor's own image), and
# a domain below the 2 MiB minimum: refused by name, nothing starts.
sed -e 's/memory = <0 0x10000>;/memory = <0 0x400>;/' \
    "$ROOT/automation/configs/demo-x86.dts" > "$W/small.dts"
dtc -q -I dts -O dtb -o "$W/small.dtb" "$W/small.dts"
qemu_run x86/not-pvh 60 "${QEMU[@]}" -kernel "$XEN" \
    -initrd "$W/demo.dtb,$W/k1.bin,$XEN,$W/k3.bin"
expect_lines x86/not-pvh-rejected \
    "(XEN) ERROR: d2: 64-bit kernel without a XEN_ELFNOTE_PHYS32_ENTRY note: not a PVH kernel" \
    "(XEN) Hyperlaunch: building d2 failed (-8); no domain was started" \
    "(XEN) Powering off (boot failed)" &&
    reject_text x86/not-pvh-starts-nothing "(d1)"
qemu_run x86/too-small 60 "${QEMU[@]}" -kernel "$XEN" \
    -initrd "$W/small.dtb,$W/k1.bin,$W/k2.bin,$W/k3.bin"
expect_lines x86/too-small-rejected \
    "(XEN) ERROR: /chosen/hypervisor/dom3: property 'memory': 1024 KiB: x86 domains have 2048 KiB to 62914560 KiB" \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" \
    "(XEN) Powering off (boot failed)" &&
    reject_text x86/too-small-starts-nothing "(d1)"

# GRUB: a BIOS ISO whose grub.cfg loads the DT first, then the kernels.
iso=$W/iso
rm -rf "$iso"; mkdir -p "$iso/boot/grub"
cp "$XEN" "$iso/boot/xen"
cp "$W/demo.dtb" "$W/k1.bin" "$W/k2.bin" "$W/k3.bin" "$iso/boot/"
cat > "$iso/boot/grub/grub.cfg" <<'CFG'
set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
menuentry "Hyperlaunch" {
    multiboot2 /boot/xen console=com1
    module2 /boot/demo.dtb hyperlaunch-dt
    module2 /boot/k1.bin k1
    module2 /boot/k2.bin k2
    module2 /boot/k3.bin k3
}
CFG
if grub-mkrescue -o "$W/demo.iso" "$iso" > "$W/grub-mkrescue.log" 2>&1; then
    qemu_run x86/grub 90 "${QEMU[@]}" -cdrom "$W/demo.iso"
    plan_ok x86/grub-multiboot2-boot-plan
    svm_ok x86/grub-multiboot2
else
    fail x86/grub-mkrescue "see $W/grub-mkrescue.log"
fi

qemu_run x86/bad-dt 60 "${QEMU[@]}" -kernel "$XEN" \
    -initrd "$W/bad.dtb,$W/k1.bin,$W/k2.bin,$W/k3.bin"
expect_lines x86/malformed-dt-rejected \
    "(XEN) ERROR: /chosen/hypervisor/dom3: property 'memory': must be 2 cells (64-bit KiB), found 1" \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" &&
    reject_text x86/malformed-dt-prints-no-plan "Hyperlaunch DT (hyperlaunch form)"
