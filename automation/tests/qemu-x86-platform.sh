#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 platform devices (issue 10, docs/misc/x86/platform.md): a
# two-vCPU domain walks its ACPI tables from the start info's RSDP (every
# checksum, the FADT's ports, the DSDT's \_S5, one MADT entry per vCPU),
# times its TSC with PIT channel 2 and port 0x61, reads and sets the RTC,
# programs the 8259s and sees the 16550 raise IRQ 4 in them, then powers
# itself off by writing S5 to PM1a_CNT.  A one-vCPU neighbour must go on.
# XEN=... runs another hypervisor image (to show a test failing).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/x86-domain-lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-platform
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -smp 1 -display none
      -serial stdio -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=4)

hl_dts "$(dom 1 1 "" 2)" "$(dom 2 2 neighbour)" > "$W/platform.dts"
dtc -q -I dts -O dtb -o "$W/platform.dtb" "$W/platform.dts" || exit 1
qemu_run x86-platform/devices 120 "${QEMU[@]}" -kernel "$XEN" \
    -initrd "$W/platform.dtb,$G/platform.elf,$G/hello.elf"

expect_lines x86-platform/acpi-tables \
    "(d1) platform: RSDP at e0000, revision 2, checksums ok ok" \
    "(d1) platform: XSDT at e0040, 52 bytes, revision 1, checksum ok" \
    "(d1) platform: FACP at e0100, 276 bytes, revision 6, checksum ok" \
    "(d1) platform: FADT SCI 9, PM1a_EVT 600, PM1a_CNT 604, PM_TMR 608, flags 475, boot flags 5, century 32" \
    "(d1) platform: DSDT at e0280, 51 bytes, revision 2, checksum ok" \
    "(d1) platform: DSDT \\_S5: 4 elements, SLP_TYPa 5, SLP_TYPb 5" \
    "(d1) platform: APIC at e0300, 92 bytes, revision 5, checksum ok" \
    "(d1) platform: MADT local APIC at fee00000, flags 1" \
    "(d1) platform: MADT CPU 0: APIC ID 0, flags 1" \
    "(d1) platform: MADT CPU 1: APIC ID 1, flags 1" \
    "(d1) platform: MADT entry type 1" \
    "(d1) platform: MADT entry type 2"
reject_text x86-platform/acpi-nothing-wrong "platform: FAIL"

expect_lines x86-platform/pit-channel2-port61 \
    "(d1) platform: PIT channel 2: OUT low at the start, counting down, OUT high after 10 ms" \
    "(d1) platform: PIT: gate low holds the count"
# The guest's TSC rate by the PIT is Xen's own (calibrated the same way on
# the real PIT) within a quarter.
xen_mhz=$(sed -n 's/^(XEN) APIC: timer [0-9]* kHz, TSC \([0-9]*\) MHz$/\1/p' "$QEMU_LOG" | head -1)
guest_mhz=$(sed -n 's/^(d1) platform: PIT: TSC \([0-9]*\) MHz$/\1/p' "$QEMU_LOG")
if [ -n "$xen_mhz" ] && [ -n "$guest_mhz" ] &&
    [ $((guest_mhz * 4)) -ge $((xen_mhz * 3)) ] &&
    [ $((guest_mhz * 4)) -le $((xen_mhz * 5)) ]; then
    pass x86-platform/pit-tsc-rate
else
    fail x86-platform/pit-tsc-rate "guest ${guest_mhz:-?} MHz, Xen ${xen_mhz:-?} MHz (see $QEMU_LOG)"
fi

expect_lines x86-platform/rtc \
    "(d1) platform: RTC: register B 2, D 80; date 2026-1-1, day of week 5" \
    "(d1) platform: RTC binary: year 26, hour set to 13" \
    "(d1) platform: RTC 12-hour: hour 81" \
    "(d1) platform: CMOS RAM 0x40: 5a"

expect_lines x86-platform/pic-and-16550 \
    "(d1) platform: PIC: IMR fb ff, IRR 0 before, 10 after the 16550 raised IRQ 4" \
    "(d1) platform: PIC: poll 84, ISR 10, after EOI 0" \
    "(d1) platform: 16550: IIR c1 with nothing enabled; THRE enabled: IIR c2, then c1, c2 after a write; LSR 60"

expect_lines x86-platform/s5-power-off \
    "(d1) platform: S5 through PM1a_CNT 604" \
    "(XEN) d1: ACPI S5 (soft off) requested" "(XEN) d1: powered off" \
    "(d2) HELLO-DONE" "(XEN) d2: powered off" \
    "(XEN) all domains have stopped" "(XEN) Powering off (normal stop)"
reject_text x86-platform/s5-not-ignored "still running after S5"

# A bzImage given to a PVH domain: one error naming the kernel node and
# saying what to give instead, and nothing started (the check phase).
python3 -c "
b = bytearray(4096); b[0x1f1] = 1; b[0x202:0x206] = b'HdrS'
b[0x206:0x208] = (0x20f).to_bytes(2, 'little'); open('$W/fake-bz', 'wb').write(b)"
sed -n '/dom2 {/q;p' "$W/platform.dts" > "$W/bz.dts"
printf '\t};\n\t};\n};\n' >> "$W/bz.dts"
dtc -q -I dts -O dtb -o "$W/bz.dtb" "$W/bz.dts" || exit 1
qemu_run x86-platform/bzimage-refused 60 "${QEMU[@]}" -kernel "$XEN" \
    -initrd "$W/bz.dtb,$W/fake-bz"
expect_lines x86-platform/bzimage-refused \
    "(XEN) ERROR: /chosen/hypervisor/dom1/kernel: property 'module-index': a bzImage; PVH domains take the ELF inside it (tools/vmlinux-extract; hlimage --arch x86_64 extracts it), HVM domains (mode = <2>) the bzImage" \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" \
    "(XEN) Powering off (boot failed)"
