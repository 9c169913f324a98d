#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The compatibility promise with a Dom0: one DTB (Debian's arm64 Linux as
# Dom0, dom0less form, beside a Linux domU that gets the PL031 RTC through
# a partial device tree) boots Debian's Xen 4.17 and ours, under the same
# QEMU command line but for -kernel.  On each:
#   - Dom0 reaches its userspace marker and answers a typed command; it
#     has no RTC and no pl031 node, and as many vCPUs on both;
#   - the domU, given the console input (CTRL-a three times on both),
#     reads the RTC through Linux's rtc-pl031 driver and prints the date.
# Dom0's bootargs name both consoles, "console=hvc0 console=ttyAMA0": on
# Xen Dom0 has only hvc0 (Xen's console, relayed to Xen's UART without a
# prefix), on ours only the vPL011 at 0x22000000 (prefix "(d0) "); Linux
# makes the one that exists /dev/console.
# Skipped when Debian's Xen 4.17 or the Linux images cannot be downloaded.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/console-lib.sh"
W=$TESTOUT/xen-anchor-dom0
SCRIPTS=$ROOT/automation/scripts
OURS=${XEN:-$ROOT/build/arm64/xen}
PARTIAL=$ROOT/automation/tests/parser/partial
mkdir -p "$W"

[ -s "$OURS" ] || { fail dom0-compat/build "$OURS not built"; exit 0; }
if ! "$SCRIPTS/fetch-linux-guest.sh" > "$W/fetch.log" 2>&1; then
    skip dom0-compat/guest-images "no Debian arm64 kernel or busybox (see $W/fetch.log)"
    exit 0
fi
if ! XEN417=$("$SCRIPTS/fetch-xen-4.17.sh" 2> "$W/fetch-xen.log"); then
    skip dom0-compat/xen-4.17 "Debian's xen-hypervisor-4.17-arm64 not downloadable"
    exit 0
fi

if ! DOMUS=1 "$SCRIPTS/mk-dom0-dtb.sh" "$W/dom0.dtb" > "$W/mk-dtb.log" 2>&1; then
    fail dom0-compat/dtb "could not build the DTB (see $W/mk-dtb.log)"
    exit 0
fi
mapfile -t LOADERS < "$W/dom0.loaders"

# boot_start NAME IMAGE: QEMU in the background, input on fd 5.
boot_start() {
    console_start "$W/$1.log" "$W/$1.raw"
    timeout 120 qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
        -cpu cortex-a57 -smp 2 -m 2048 -nographic -monitor none \
        -serial stdio -nic none -kernel "$2" -dtb "$W/dom0.dtb" "${LOADERS[@]}" \
        <&5 > "$RAW" 2>&1 &
    QPID=$!
}

# compat HYP IMAGE D0 D1: the checks, D0 and D1 being the prefixes of the
# Dom0 and domU1 console lines (extended regular expressions).
compat() {
    local hyp=$1 d0=$3 d1=$4 n today yday
    boot_start "$hyp" "$2"
    if ! wait_text 90 "^${d0}DOMU-READY dom0\$" || ! wait_text 30 "^${d1}DOMU-READY domU1\$"; then
        fail "dom0-compat/$hyp-ready" "no DOMU-READY from Dom0 and domU1 (see $QEMU_LOG)"
        boot_stop
        return
    fi
    pass "dom0-compat/$hyp-ready"
    sleep 1
    ask "dom0-compat/$hyp-dom0-answers" 'echo ANSWER-$((6*7)) $domname' "${d0}ANSWER-42 dom0\$" &&
        pass "dom0-compat/$hyp-dom0-answers"
    if ask "dom0-compat/$hyp-dom0-no-rtc" \
        'echo NRTC=$(ls /sys/class/rtc | wc -l) PL031=$(tr -d "\0" < /proc/device-tree/pl031@9010000/status || echo none) NCPU=$(grep -c ^processor /proc/cpuinfo)' \
        "${d0}NRTC=[0-9]+ PL031=[a-z]+ NCPU=[0-9]+\$"; then
        n=$(grep -oE "NRTC=[0-9]+ PL031=[a-z]+ NCPU=[0-9]+\$" "$QEMU_LOG" | tail -1)
        eval "DOM0_CPUS_$hyp=${n##*NCPU=}"
        case $n in
        "NRTC=0 PL031=disabled "*) pass "dom0-compat/$hyp-dom0-no-rtc" ;;
        *) fail "dom0-compat/$hyp-dom0-no-rtc" "Dom0 sees the RTC: $n" ;;
        esac
    fi
    # The input to domU1: CTRL-a three times from Dom0 on both.
    switch_input
    today=$(date -u +%F) yday=$(date -u -d yesterday +%F)
    if wait_text 10 'Serial input to (DOM1|d1)' &&
        ask "dom0-compat/$hyp-domu-rtc" \
            'echo RTC=$(cat /sys/class/rtc/rtc0/date)T$(cat /sys/class/rtc/rtc0/time) $(cat /sys/class/rtc/rtc0/name) $domname' \
            "^${d1}RTC=[-0-9]+T[:0-9]+ rtc-pl031 9010000.pl031 domU1\$"; then
        n=$(grep -oE "RTC=[-0-9]+T[:0-9]+ rtc-pl031" "$QEMU_LOG" | tail -1)
        case $n in
        "RTC=$today"* | "RTC=$yday"*) pass "dom0-compat/$hyp-domu-rtc" ;;
        *) fail "dom0-compat/$hyp-domu-rtc" "domU1 read $n, the host says $today" ;;
        esac
    elif ! grep -qE 'Serial input to (DOM1|d1)' "$QEMU_LOG"; then
        fail "dom0-compat/$hyp-domu-rtc" "the input did not switch to domU1 (see $QEMU_LOG)"
    fi
    boot_stop
    no_trouble "dom0-compat/$hyp-no-panic"
}

compat xen "$XEN417" '' '\(XEN\) (DOM1: )?'
compat ours "$OURS" '\(d0\) ' '\(d1\) '
if [ -n "${DOM0_CPUS_xen:-}" ] && [ "${DOM0_CPUS_xen:-}" = "${DOM0_CPUS_ours:-}" ]; then
    pass dom0-compat/same-dom0-vcpus
else
    fail dom0-compat/same-dom0-vcpus "Dom0 has ${DOM0_CPUS_xen:-?} vCPUs on Xen 4.17, ${DOM0_CPUS_ours:-?} on ours"
fi
