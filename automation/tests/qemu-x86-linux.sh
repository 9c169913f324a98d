#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian's amd64 Linux (linux-image-amd64) with the busybox initramfs in
# three x86 domains at once, no Dom0, under QEMU pc TCG (-cpu max, AMD SVM):
#   d1 PVH, 1 vCPU; d2 PVH, 2 vCPUs; d3 $D3_MODE (HVM: the bzImage through
#   the Linux boot protocol; PVH: the ELF inside it).
#   (a) QEMU -kernel (multiboot1), every vCPU pinned (linux_dt): every
#       domain reaches "DOMU-READY domU<i>",
#       d2 brings up 2 CPUs; a command typed into each shell (CTRL-a x3 in
#       between) answers on its own console; 'poweroff -f' in d3 ends d3
#       only and d1 still answers; 'reboot -f' in d1 restarts d1 (the ACPI
#       reset register, its default on-reboot policy), back to its shell;
#       no panic, no hypervisor trouble;
#   (b) the same domains from a GRUB ISO written by hlimage --arch x86_64
#       (which takes the ELF out of the bzImage for the PVH domains) from
#       automation/configs/x86-linux-hlimage.dts, the DT of
#       'make run-x86-linux': all three reach their markers, d1 answers;
#   (c) one PVH domain with hyperlaunch,watchdog: Debian's ib700wdt module
#       (with the watchdog core, appended to the initramfs) and busybox's
#       watchdog daemon arm the IB700 for 4 s; the daemon stopped, the
#       domain is restarted by its default on-watchdog policy and reaches
#       its shell again, which answers.
# env: XEN (default build/x86_64/xen), TIMEOUT (the most one QEMU may live,
# default 240; each wait inside has its own, shorter, bound).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/console-lib.sh"
source "$(dirname "$0")/x86-domain-lib.sh"
W=$TESTOUT/x86-linux
SCRIPTS=$ROOT/automation/scripts
OURS=${XEN:-$ROOT/build/x86_64/xen}
CACHE=$ROOT/build/cache/linux-x86_64
D3_MODE=${D3_MODE:-hvm}
# The HVM domain runs the bzImage's decompressor, which randomises where
# the kernel goes (KASLR), with no kernel argument but the console.
# HVM_ARGS adds arguments to its command line (for example nokaslr).
HVM_ARGS=${HVM_ARGS-}
mkdir -p "$W"

if ! "$SCRIPTS/fetch-linux-x86.sh" "$CACHE" > "$W/fetch.log" 2>&1; then
    skip x86-linux/guest-images "no Debian amd64 kernel or busybox (see $W/fetch.log)"
    exit 0
fi
[ -s "$OURS" ] || { fail x86-linux/build "$OURS not built"; exit 0; }
"$ROOT/build/tools/vmlinux-extract" "$CACHE/bzImage" "$W/vmlinux" \
    > "$W/extract.log" 2>&1 ||
    { fail x86-linux/vmlinux-extract "see $W/extract.log"; exit 0; }

# linux_dt OUT KERNEL-PVH KERNEL-D3 [PINNED]: the three domains' DT source
# (linux_dom, x86-domain-lib.sh); HVM_ARGS go to an HVM d3's command line.
# PINNED (any word): d1 and d2's vCPU0 on host CPU 0, d2's vCPU1 and d3 on
# CPU 1, so that the vCPUs sharing a CPU take turns on it all the time
# (with interrupts injected through EVENTINJ, which QEMU delivered twice,
# no such boot reached all three shells: docs/misc/x86/known-issues.md).
linux_dt() {
    local args=
    [ "$D3_MODE" = hvm ] && args=${HVM_ARGS:+ $HVM_ARGS}
    hl_dts "$(linux_dom 1 pvh 1 "$2" "" "${4:+0:0}")" \
        "$(linux_dom 2 pvh 2 "$2" "" "${4:+0:0 1:1}")" \
        "$(linux_dom 3 "$D3_MODE" 1 "$3" "$args" "${4:+0:1}")" > "$1"
}

# boot_start NAME QEMU-ARGS...: QEMU in the background, input on fd 5;
# QEMU logs CPU resets (a triple fault of the hypervisor ends QEMU without
# a word under -no-reboot) to NAME.log.qemu-debug.
boot_start() {
    console_start "$W/$1.log" "$W/$1.raw"
    shift
    rm -f "$QEMU_LOG.qemu-debug"
    timeout "${TIMEOUT:-240}" qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max \
        -m 1536 -smp 2 \
        -display none -monitor none -serial stdio -no-reboot \
        -device isa-debug-exit,iobase=0xf4,iosize=4 \
        -d cpu_reset,guest_errors -D "$QEMU_LOG.qemu-debug" \
        "$@" <&5 > "$RAW" 2>&1 &
    QPID=$!
}
ready() { echo "(d$1) DOMU-READY domU$1"; }
# boot_ready NAME SECS QEMU-ARGS...: boot_start, then wait for the three
# domains' markers; a host triple fault (lib.sh) gets one more boot.
boot_ready() {
    local name=$1 secs=$2 try
    shift 2
    for try in 1 2; do
        boot_start "$name" "$@"
        wait_lines "$secs" "$(ready 1)" "$(ready 2)" "$(ready 3)" && return 0
        kill -0 "$QPID" 2> /dev/null && return 1
        [ $try = 1 ] && qemu_host_triple_fault "x86-linux/$name" || return 1
        boot_stop
    done
}
D1_INPUT="~*** Serial input to d1 (type 'CTRL-a' three times to switch input)"
input_to() { echo "~*** Serial input to d$1 (type 'CTRL-a' three times to switch input)"; }
cmd_in() { type_cmd "(d$1) RESULT-42 domU$1" "$2"; }
# input_to_d1: CTRL-a x3 until the last input line names d1.
input_to_d1() {
    for _ in 1 2 3 4 5; do
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
        [ "$(grep -F '*** Serial input to' "$QEMU_LOG" | tail -1)" = "(XEN) ${D1_INPUT#\~}" ] && return 0
        switch_input
        sleep 1
    done
}
# mark: remember how many console lines there are; check_new NAME SECS
# TEXT: pass once TEXT is in a line after the mark (not one from before).
mark() {
    tr -d '\r' < "$RAW" > "$QEMU_LOG"
    MARK=$(wc -l < "$QEMU_LOG")
}
check_new() {
    local name=$1 end=$((SECONDS + $2)) want=${3#\~}
    while :; do
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
        tail -n +$((MARK + 1)) "$QEMU_LOG" | grep -qF -- "$want" &&
            { pass "$name"; return 0; }
        ((SECONDS < end)) && kill -0 "$QPID" 2> /dev/null || break
        sleep 0.5
    done
    fail "$name" "no new console line with: $want (see $QEMU_LOG)"
    return 1
}
# no_hv_trouble NAME: no guest panic, no domain crash, no hypervisor trap.
no_hv_trouble() {
    local bad
    bad=$(grep -m1 -E 'Kernel panic|BUG:|Oops|domain crashed|^\(XEN\) (Unexpected|PANIC|FATAL)' "$QEMU_LOG")
    if [ -n "$bad" ]; then fail "$1" "$bad (see $QEMU_LOG)"; else pass "$1"; fi
}

d3kernel=2
[ "$D3_MODE" = pvh ] && d3kernel=1

# ---- (a) QEMU -kernel (multiboot1) ----
linux_dt "$W/mb.dts" 1 "$d3kernel" pinned
dtc -q -I dts -O dtb -o "$W/mb.dtb" "$W/mb.dts" || { fail x86-linux/dtb "dtc failed"; exit 0; }
boot_ready mb 150 -kernel "$OURS" -append "" \
    -initrd "$W/mb.dtb,$W/vmlinux,$CACHE/bzImage,$CACHE/initrd.cpio.gz"
if check x86-linux/three-domains-ready 1 "$(ready 1)" "$(ready 2)" "$(ready 3)"; then
    check x86-linux/d2-two-cpus 1 "(d2) CPUS=2"
    check x86-linux/d1-one-cpu 1 "(d1) CPUS=1"
    check x86-linux/d3-$D3_MODE-one-cpu 1 "(d3) CPUS=1"
    sleep 2 # the shells print their prompts
    cmd_in 1 x86-linux/console-input-d1
    switch_input
    check x86-linux/console-switch-to-d2 5 "$(input_to 2)" &&
        cmd_in 2 x86-linux/console-input-d2
    switch_input
    check x86-linux/console-switch-to-d3 5 "$(input_to 3)" &&
        cmd_in 3 x86-linux/console-input-d3
    printf '\025' >&5
    type_text 'poweroff -f'
    printf '\r' >&5
    check x86-linux/d3-poweroff-ends-d3 30 "(XEN) d3: ACPI S5 (soft off) requested"
    # With d3 gone its input went to the hypervisor: on to d1, then a
    # command whose answer has not been on the console before.
    mark
    input_to_d1
    check_new x86-linux/console-switch-to-d1-after-poweroff 1 "$(input_to 1)" &&
        {
            printf '\025' >&5
            type_text 'echo AFTER-D3-$((6*7))'
            printf '\r' >&5
            check_new x86-linux/d1-answers-after-d3-poweroff 10 "(d1) AFTER-D3-42"
        }
    if grep -qE '^\(XEN\) d[12]: (powered off|.*crash)' "$QEMU_LOG"; then
        fail x86-linux/d1-d2-still-running "$(grep -m1 -E '^\(XEN\) d[12]: ' "$QEMU_LOG")"
    else
        pass x86-linux/d1-d2-still-running
    fi
    # 'reboot -f' in d1: the ACPI reset register (port 0xcf9) and the
    # default on-reboot policy bring it back to its shell.  With d3 gone
    # the input went from it to the hypervisor: on to d1 first.
    input_to_d1
    printf '\025' >&5
    type_text 'reboot -f'
    printf '\r' >&5
    check x86-linux/d1-reboot-restarts-d1 30 "(XEN) d1: asked for a reset" \
        "(XEN) d1: on reboot: restart (restart 1)" "(XEN) d1: dom1 restarted"
    for _ in $(seq 1 120); do
        [ "$(grep -cxF "$(ready 1)" "$QEMU_LOG")" -ge 2 ] && break
        sleep 1
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
    done
    if [ "$(grep -cxF "$(ready 1)" "$QEMU_LOG")" -ge 2 ]; then
        pass x86-linux/d1-back-to-its-shell
        sleep 2
        printf '\025' >&5
        type_text 'echo REBOOTED-$((6*7))'
        printf '\r' >&5
        check x86-linux/d1-answers-after-its-reboot 10 "(d1) REBOOTED-42"
    else
        fail x86-linux/d1-back-to-its-shell "see $QEMU_LOG"
    fi
fi
boot_stop
no_hv_trouble x86-linux/multiboot-no-trouble

# ---- (b) through GRUB: the ISO hlimage writes ----
mkdir -p "$W/iso-src"
cp "$CACHE/bzImage" "$CACHE/initrd.cpio.gz" "$W/iso-src/"
if [ "$D3_MODE" = hvm ]; then
    sed "s/domname=domU3\"/domname=domU3${HVM_ARGS:+ $HVM_ARGS}\"/" \
        "$ROOT/automation/configs/x86-linux-hlimage.dts" > "$W/iso-src/linux.dts"
else
    grep -v 'mode = <2>' "$ROOT/automation/configs/x86-linux-hlimage.dts" \
        > "$W/iso-src/linux.dts"
fi
if ! "$ROOT/build/tools/hlimage" -q --arch x86_64 --xen "$OURS" \
    -o "$W/iso" "$W/iso-src/linux.dts" > "$W/hlimage.out" 2>&1; then
    fail x86-linux/grub-iso "hlimage failed (see $W/hlimage.out)"
    exit 0
fi
pass x86-linux/grub-iso
boot_ready grub 180 -cdrom "$W/iso/hyperlaunch.iso"
if check x86-linux/grub-three-domains-ready 1 "$(ready 1)" "$(ready 2)" "$(ready 3)"; then
    check x86-linux/grub-d2-two-cpus 1 "(d2) CPUS=2"
    sleep 2
    cmd_in 1 x86-linux/grub-console-input-d1
fi
boot_stop
no_hv_trouble x86-linux/grub-no-trouble

# ---- (c) the IB700 watchdog driven by Linux: Debian's ib700wdt (a module
# of linux-image-amd64; fetch-linux-x86.sh keeps it and the watchdog core
# beside the bzImage) in an initramfs of its own; one PVH domain ----
if [ ! -s "$CACHE/modules/ib700wdt.ko" ] || [ ! -s "$CACHE/modules/watchdog.ko" ]; then
    fail x86-linux/watchdog "no ib700wdt.ko or watchdog.ko in $CACHE/modules (see $W/fetch.log)"
    exit 0
fi
cp "$CACHE/initrd.cpio.gz" "$W/wdt-initrd.cpio.gz"
"$SCRIPTS/initramfs-append.sh" "$W/wdt-initrd.cpio.gz" \
    modules/watchdog.ko="$CACHE/modules/watchdog.ko" \
    modules/ib700wdt.ko="$CACHE/modules/ib700wdt.ko" ||
    { fail x86-linux/watchdog-initramfs "initramfs-append.sh failed"; exit 0; }
cat > "$W/wdt.dts" <<'DTS'
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
			cpus = <1>;
			hyperlaunch,watchdog;
			kernel {
				compatible = "multiboot,kernel", "multiboot,module";
				module-index = <1>;
				bootargs = "console=ttyS0 domname=domU1";
			};
			ramdisk {
				compatible = "multiboot,ramdisk", "multiboot,module";
				module-index = <2>;
			};
		};
	};
	};
};
DTS
dtc -q -I dts -O dtb -o "$W/wdt.dtb" "$W/wdt.dts" || { fail x86-linux/watchdog-dtb "dtc failed"; exit 0; }
# The boot, once more after a host triple fault (lib.sh).
for try in 1 2; do
    boot_start watchdog -kernel "$OURS" -append "" \
        -initrd "$W/wdt.dtb,$W/vmlinux,$W/wdt-initrd.cpio.gz"
    wait_lines 90 "$(ready 1)" && break
    kill -0 "$QPID" 2> /dev/null && break
    [ $try = 1 ] && qemu_host_triple_fault x86-linux/watchdog || break
    boot_stop
done
if check x86-linux/watchdog-first-boot 1 "$(ready 1)"; then
    sleep 2 # the shell prints its prompt
    printf '\025' >&5
    type_text 'insmod /modules/watchdog.ko && insmod /modules/ib700wdt.ko && watchdog -T 4 -t 1 /dev/watchdog && echo WDT-$((6*7))'
    printf '\r' >&5
    if check x86-linux/watchdog-ib700wdt-armed-by-linux 20 "(d1) WDT-42"; then
        sleep 3 # a few refreshes: no expiry while the daemon runs
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
        reject_text x86-linux/watchdog-refreshed-no-expiry "(XEN) d1: watchdog expired"
        printf '\025' >&5
        type_text 'kill -STOP $(pidof watchdog)'
        printf '\r' >&5
        check x86-linux/watchdog-expiry-restarts-d1 30 "(XEN) d1: watchdog expired" \
            "(XEN) d1: on watchdog: restart (restart 1)" "(XEN) d1: dom1 restarted"
        for _ in $(seq 1 90); do
            [ "$(grep -cxF "$(ready 1)" "$QEMU_LOG")" -ge 2 ] && break
            sleep 1
            tr -d '\r' < "$RAW" > "$QEMU_LOG"
        done
        if [ "$(grep -cxF "$(ready 1)" "$QEMU_LOG")" -ge 2 ]; then
            pass x86-linux/watchdog-d1-back-to-its-shell
            sleep 2
            printf '\025' >&5
            type_text 'echo AFTER-WDT-$((6*7))'
            printf '\r' >&5
            check x86-linux/watchdog-d1-answers-after-restart 10 "(d1) AFTER-WDT-42"
        else
            fail x86-linux/watchdog-d1-back-to-its-shell "see $QEMU_LOG"
        fi
    fi
fi
boot_stop
no_hv_trouble x86-linux/watchdog-no-trouble
