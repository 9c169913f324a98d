#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian's amd64 Linux as a two-vCPU PVH domain (fetch-linux-x86.sh, the
# ELF out of its bzImage) beside the hello guest: it must take its timer
# (IRQ 0, the PIT) and its console (IRQ 4, the 16550) as interrupts
# through the 8259 on vCPU0's LINT0 ("XT-PIC" in /proc/interrupts), find
# a 16550A at 0x3f8 IRQ 4, bring up both CPUs and answer a command typed
# into its shell.
# Kernel options: "noapic" keeps the x2APIC mode the domain starts in
# (Linux otherwise goes to xAPIC mode for want of interrupt remapping,
# where it does not reach its shell yet: see qemu-x86-linux.sh);
# "mce=off" (the MCA MSRs are not offered).
# env: LINUX_X86_CACHE (default build/cache/linux-x86_64) where the kernel
# and initramfs are, or are fetched to; skipped when they cannot be had.
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-linux-irq
CACHE=${LINUX_X86_CACHE:-$ROOT/build/cache/linux-x86_64}
mkdir -p "$W"

if ! "$ROOT/automation/scripts/fetch-linux-x86.sh" "$CACHE" > "$W/fetch.log" 2>&1; then
    skip x86-linux-irq/guest-images "no Debian amd64 kernel or busybox (see $W/fetch.log)"
    exit 0
fi
if ! "$ROOT/build/tools/vmlinux-extract" "$CACHE/bzImage" "$W/vmlinux" > "$W/extract.log" 2>&1; then
    fail x86-linux-irq/vmlinux "vmlinux-extract failed (see $W/extract.log)"
    exit 0
fi

cat > "$W/linux.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	chosen {
	hypervisor {
		compatible = "hypervisor,xen";
		dom1 {
			compatible = "xen,domain";
			domid = <1>;
			memory = <0 0x40000>;
			cpus = <2>;
			kernel {
				compatible = "multiboot,kernel", "multiboot,module";
				module-index = <1>;
				bootargs = "console=ttyS0 loglevel=6 noapic mce=off domname=lin";
			};
			ramdisk {
				compatible = "multiboot,ramdisk", "multiboot,module";
				module-index = <2>;
			};
		};
		dom2 {
			compatible = "xen,domain";
			domid = <2>;
			memory = <0 0x4000>;
			cpus = <1>;
			kernel {
				compatible = "multiboot,kernel", "multiboot,module";
				module-index = <3>;
				bootargs = "good";
			};
		};
	};
	};
};
DTS
dtc -q -I dts -O dtb -o "$W/linux.dtb" "$W/linux.dts" || exit 1

# Boot, wait for the shell's marker, type a command, wait for its end.
QEMU_LOG=$W/linux.log
rm -f "$W/stdin" && mkfifo "$W/stdin"
qemu_lock
exec 8<> "$W/stdin"
timeout 300 qemu-system-x86_64 -M pc -cpu max -m 1024 -smp 2 -display none \
    -serial stdio -no-reboot -monitor none \
    -device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$XEN" \
    -initrd "$W/linux.dtb,$W/vmlinux,$CACHE/initrd.cpio.gz,$G/hello.elf" \
    <&8 > "$QEMU_LOG" 2>&1 &
qpid=$!
# wait_line SECONDS LINE: until LINE is a line of the log (or QEMU ended).
wait_line() {
    local i
    for ((i = 0; i < $1 * 5; i++)); do
        sed 's/\r$//' "$QEMU_LOG" | grep -qxF -- "$2" && return 0
        kill -0 $qpid 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}
if wait_line 240 "(d1) DOMU-READY lin"; then
    sleep 2
    printf 'cat /proc/interrupts; dmesg | grep -E "x2apic: en|ttyS0 at"; echo IRQS-LISTED\n' >&8
    wait_line 60 "(d1) IRQS-LISTED"
fi
kill $qpid 2>/dev/null
wait $qpid 2>/dev/null
exec 8>&-
rm -f "$W/stdin"
sed -i 's/\r$//' "$QEMU_LOG"

QEMU_RC=0 # stopped by us: expect_lines must not call it a timeout
expect_lines x86-linux-irq/boots-to-shell "(d1) CPUS=2" "(d1) DOMU-READY lin" \
    "(d2) HELLO-DONE" "(XEN) d2: powered off" \
    "(d1) [    0.000000] x2apic: enabled by BIOS, switching to x2apic ops" \
    "(d1) IRQS-LISTED"
reject_text x86-linux-irq/no-panic "Kernel panic"
reject_text x86-linux-irq/not-crashed "domain crashed"
# "  0:  <n>  <n>  XT-PIC  timer" with n > 0 on CPU0, and so for ttyS0.
for irq in "0:.*timer" "4:.*ttyS0"; do
    name=x86-linux-irq/xt-pic-${irq##*.\*}
    if grep -qE "^\(d1\) +${irq%%:*}: +[1-9][0-9]* +[0-9]+ +XT-PIC +${irq##*.\*}$" "$QEMU_LOG"; then
        pass "$name"
    else
        fail "$name" "no IRQ ${irq%%:*} taken through the 8259 (see $QEMU_LOG)"
    fi
done
if grep -qE '^\(d1\) \[ *[0-9.]+\] serial8250: ttyS0 at I/O 0x3f8 \(irq = 4, base_baud = 115200\) is a 16550A$' "$QEMU_LOG"; then
    pass x86-linux-irq/16550a-irq4
else
    fail x86-linux-irq/16550a-irq4 "see $QEMU_LOG"
fi
