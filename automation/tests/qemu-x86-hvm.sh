#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 HVM domains (docs/misc/x86/hvm-domains.md): the bzguest test
# bzImage boots through the Linux/x86 64-bit boot protocol beside a PVH
# domain, once at its pref_address with a ramdisk and a command line and
# once relocated to 2 MiB in a smaller domain, and checks its entry state
# and zero page itself.  Then kernels the check phase must refuse: an ELF
# for an HVM domain, a bzImage for a PVH domain, an HVM domain too small
# for its kernel's init_size; each error names the node and property and
# no domain starts.  Last, when fetched, Debian's bzImage to its /init.
# XEN=... runs another hypervisor image.
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-hvm
mkdir -p "$W"
source "$ROOT/automation/tests/x86-domain-lib.sh"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -smp 1 -display none
      -serial stdio -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=4)

# hvm DOMID MEMORY-KIB MODE KERNEL-INDEX BOOTARGS [RAMDISK-INDEX]
hvm() {
    printf '\t\tdom%s {\n\t\t\tcompatible = "xen,domain";\n' "$1"
    printf '\t\t\tdomid = <%s>;\n\t\t\tmode = <%s>;\n' "$1" "$3"
    printf '\t\t\tmemory = <0 %s>;\n\t\t\tcpus = <1>;\n' "$2"
    printf '\t\t\tkernel {\n\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
    printf '\t\t\t\tmodule-index = <%s>;\n' "$4"
    [ -n "$5" ] && printf '\t\t\t\tbootargs = "%s";\n' "$5"
    printf '\t\t\t};\n'
    if [ -n "$6" ]; then
        printf '\t\t\tramdisk {\n\t\t\t\tcompatible = "multiboot,ramdisk", "multiboot,module";\n'
        printf '\t\t\t\tmodule-index = <%s>;\n\t\t\t};\n' "$6"
    fi
    printf '\t\t};\n'
}

printf 'HLRAMDISK test payload\n' > "$W/ramdisk.txt"

# PVH hello (d1), bzguest in 32 MiB at 16 MiB (d2), in 16 MiB at 2 MiB (d3).
boot_args hvm-boot "$(dom 1 1 'pvh neighbour')$(hvm 2 0x8000 2 2 'console=ttyS0 hvm test' 3)$(hvm 3 0x4000 2 2 '')" \
    "$G/hello.elf" "$G/bzguest.bzImage" "$W/ramdisk.txt" || exit 1
qemu_run x86-hvm/boot 120 "${QEMU[@]}" -kernel "$XEN" -initrd "$INITRD"
if grep -qE '^\(XEN\)   d2 dom2: .* mode=hvm ' "$QEMU_LOG"; then
    pass x86-hvm/plan-says-hvm
else
    fail x86-hvm/plan-says-hvm "no mode=hvm in the plan (see $QEMU_LOG)"
fi
expect_lines x86-hvm/boot-beside-pvh \
    "(d1) HELLO-DONE" "(XEN) d1: powered off" \
    "(d2) BZIMAGE-OK" "(XEN) d2: powered off" \
    "(d3) BZIMAGE-OK" "(XEN) d3: powered off" \
    "(XEN) all domains have stopped"
expect_lines x86-hvm/zero-page \
    "(d2) bzguest: loaded at 1000000, zero page at 8000" \
    "(d2) bzguest: e820 0-a0000 type 1" \
    "(d2) bzguest: e820 a0000-100000 type 2" \
    "(d2) bzguest: e820 100000-2000000 type 1" \
    "(d2) bzguest: cmdline=\"console=ttyS0 hvm test\"" \
    "(d2) bzguest: ramdisk at 1fff000, 23 bytes \"HLRAMDISK test payload\"" \
    "(d2) bzguest: rsdp at e0000"
expect_lines x86-hvm/relocated \
    "(d3) bzguest: loaded at 200000, zero page at 8000" \
    "(d3) bzguest: e820 100000-1000000 type 1" \
    "(d3) bzguest: cmdline=\"\"" \
    "(d3) bzguest: ramdisk at 0, 0 bytes \"\""
reject_text x86-hvm/entry-state "bzguest: FAIL"

# Refused in the check phase, all three reported, nothing started (a
# sound PVH domain among them included).
boot_args hvm-bad "$(dom 1 1 'fine')$(hvm 2 0x4000 2 1 '')$(hvm 3 0x4000 0 2 '')$(hvm 4 0x800 2 2 '')" \
    "$G/hello.elf" "$G/bzguest.bzImage" || exit 1
qemu_run x86-hvm/refused 60 "${QEMU[@]}" -kernel "$XEN" -initrd "$INITRD"
expect_lines x86-hvm/refused \
    "(XEN) ERROR: /chosen/hypervisor/dom2/kernel: property 'module-index': an ELF; HVM domains take a bzImage (the Linux/x86 boot protocol), PVH domains (mode = <0>) an ELF" \
    "(XEN) ERROR: /chosen/hypervisor/dom3/kernel: property 'module-index': a bzImage; PVH domains take the ELF inside it (tools/vmlinux-extract; hlimage --arch x86_64 extracts it), HVM domains (mode = <2>) the bzImage" \
    "(XEN) ERROR: /chosen/hypervisor/dom4: property 'memory': too small for the kernel: it needs 12 KiB (init_size) from 0x200000, the domain has 2048 KiB" \
    "(XEN) Hyperlaunch: boot configuration rejected (3 errors); no domain was started" \
    "(XEN) Powering off (boot failed)"
reject_text x86-hvm/refused-starts-nothing "(d1)"

# Not a bzImage at all (no HdrS), and one without the 64-bit entry.
python3 -c "
b = bytearray(8192); b[0x1f1] = 1; b[0x202:0x206] = b'HdrS'
b[0x206:0x208] = (0x20f).to_bytes(2, 'little')
open('$W/bz32', 'wb').write(b)
open('$W/junk', 'wb').write(bytes(8192))"
boot_args hvm-junk "$(hvm 1 0x4000 2 1 '')$(hvm 2 0x4000 2 2 '')" \
    "$W/junk" "$W/bz32" || exit 1
qemu_run x86-hvm/not-bzimage 60 "${QEMU[@]}" -kernel "$XEN" -initrd "$INITRD"
expect_lines x86-hvm/not-bzimage \
    "(XEN) ERROR: /chosen/hypervisor/dom1/kernel: property 'module-index': not a bzImage (no \"HdrS\" setup header at 0x202); HVM domains take a bzImage" \
    "(XEN) ERROR: /chosen/hypervisor/dom2/kernel: property 'module-index': unusable bzImage: no 64-bit entry point (XLF_KERNEL_64 clear in xloadflags)" \
    "(XEN) Hyperlaunch: boot configuration rejected (2 errors); no domain was started"

# Debian's own bzImage, when fetched (automation/scripts/fetch-linux-x86.sh):
# its decompressor runs in the guest, then the kernel reads the command
# line, e820 map, ramdisk and ACPI RSDP from the zero page and boots to
# its initramfs's /init.  QEMU is stopped there: what /init does next is
# the Linux tests' business (qemu-x86-linux.sh).
BZ=$ROOT/build/cache/linux-x86_64/bzImage
RD=$ROOT/build/cache/linux-x86_64/initrd.cpio.gz
if [ ! -s "$BZ" ] || [ ! -s "$RD" ]; then
    skip x86-hvm/debian-bzimage "no $BZ (automation/scripts/fetch-linux-x86.sh)"
    exit 0
fi
boot_args hvm-linux "$(hvm 1 0x80000 2 1 'console=ttyS0 printk.time=0' 2)" \
    "$BZ" "$RD" || exit 1
LINUX_MARKERS=(
    "(d1) Command line: console=ttyS0 printk.time=0"
    "(d1) BIOS-e820: [mem 0x0000000000100000-0x000000001fffffff] usable"
    "(d1) ACPI: RSDP 0x00000000000E0000 000024 (v02 HLAUNC)"
    "(d1) Run /init as init process"
)
qemu_run_until x86-hvm/debian-bzimage 240 LINUX_MARKERS "${QEMU[@]/#512/1024}" \
    -kernel "$XEN" -initrd "$INITRD"
if grep -qE 'EXCEPTION|Xen BUG|stack corruption|domain crashed' "$QEMU_LOG"; then
    fail x86-hvm/debian-bzimage "hypervisor trap or crash; see $QEMU_LOG"
elif [ "$QEMU_RC" = 0 ] && grep -q '^(d1) Linux version ' "$QEMU_LOG" &&
    grep -q '^(d1) RAMDISK: \[mem ' "$QEMU_LOG"; then
    pass x86-hvm/debian-bzimage
else
    fail x86-hvm/debian-bzimage "Linux did not reach /init; see $QEMU_LOG"
fi
