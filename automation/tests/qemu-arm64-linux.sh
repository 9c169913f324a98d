#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian's arm64 Linux (linux-image-cloud-arm64) with a busybox initramfs
# as dom0less domUs, no Dom0, under QEMU 'virt' TCG.  Each DTB is built
# once by mk-linux-dtb.sh and booted unchanged by Debian's Xen 4.17 and by
# ours (only -kernel differs): the compatibility promise.
#   (a) GICv3 host, d1 1 vCPU, d2 2 vCPUs: both reach "DOMU-READY domU<i>",
#       d2 brings up 2 CPUs, no "Kernel panic", no "(XEN) Unexpected";
#   (c) in the same boot, a command typed into d1's shell, CTRL-a x3, one
#       typed into d2's: each answers on its own console;
#   (b) GICv2 host, one domain with 2 vCPUs reaches its marker with both
#       CPUs up (SGIs through the GICv2 distributor);
#   (e) through U-Boot (booti of the hypervisor, the DT's /config bootcmd),
#       one domain reaches its marker;
#   (f) ours only, (a)'s two domains on '-cpu max' (SVE, SME, PAuth, MTE,
#       RAS present on the host: hidden or trapped for the guests);
#   (g) ours only, (a)'s two domains: 'reboot -f' in d1 restarts it by its
#       default policy, back to its shell; d2 answers meanwhile;
#   (h) ours only, one domain with hyperlaunch,watchdog: Debian's sbsa_gwdt
#       and busybox's watchdog daemon arm it; the daemon stopped, the
#       domain is restarted by its default on-watchdog policy.
# Console lines: ours "(d<i>) <line>"; Xen 4.17 "(XEN) DOM<i>: <line>",
# or "(XEN) <line>" from the domain that has the input.  Xen 4.17 starts
# with the input on (absent) DOM0, ours on d1.
# env: LINUX_HYPS="xen ours" (which hypervisors, in order), XEN=image for
# "ours" (default build/arm64/xen), TIMEOUT_OURS=200, TIMEOUT_XEN=120 (the
# most one QEMU may live; each wait inside has its own, shorter, bound).
# A hypervisor that cannot be had (Xen 4.17 not downloadable) is skipped.
# Every wait is bounded (8 to 10 times what a boot takes on a busy 2-core
# host): about 6.5 minutes in all at worst, 1 to 2 when all is well.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/console-lib.sh"
W=$TESTOUT/linux
SCRIPTS=$ROOT/automation/scripts
OURS=${XEN:-$ROOT/build/arm64/xen}
HYPS=${LINUX_HYPS:-xen ours}
mkdir -p "$W"

if ! "$SCRIPTS/fetch-linux-guest.sh" > "$W/fetch.log" 2>&1; then
    skip linux/guest-images "no Debian arm64 kernel or busybox (see $W/fetch.log)"
    exit 0
fi
XEN417=$("$SCRIPTS/fetch-xen-4.17.sh" 2> "$W/fetch-xen.log") || XEN417=

# ---- one QEMU with its serial on a fifo we can type into ----
# boot_start HYP NAME DTB GIC [uboot]: QEMU in the background; its
# console, CR stripped, is read from $QEMU_LOG; stdin is the fifo held
# open on fd 5.  With "uboot", U-Boot starts the hypervisor, which QEMU
# loads at 0x40400000 (the DTB's /config says so).
boot_start() {
    local hyp=$1 img secs boot
    if [ "$hyp" = ours ]; then img=$OURS secs=${TIMEOUT_OURS:-200}
    else img=$XEN417 secs=${TIMEOUT_XEN:-120}; fi
    boot=(-kernel "$img")
    [ "${5:-}" = uboot ] && boot=(-bios "$UBOOT_BIN"
        -device "loader,file=$img,addr=0x40400000,force-raw=on")
    console_start "$W/$2.log" "$W/$2.raw"
    timeout "$secs" qemu-system-aarch64 -M "virt,virtualization=on,gic-version=$4" \
        -cpu "${CPU:-cortex-a57}" -smp 2 -m 2048 -nographic -monitor none \
        -serial stdio -nic none "${boot[@]}" -dtb "$3" "${LOADERS[@]}" \
        <&5 > "$RAW" 2>&1 &
    QPID=$!
}

# dom HYP I TEXT: what domain I's console line TEXT looks like.
# focus HYP I TEXT: the same from the domain that has the input.
# input_to HYP I: the hypervisor's text when the input moves to domain I.
dom() { [ "$1" = ours ] && echo "(d$2) $3" || echo "(XEN) DOM$2: $3"; }
focus() { [ "$1" = ours ] && echo "(d$2) $3" || echo "(XEN) $3"; }
input_to() {
    local who=d$2
    [ "$1" = ours ] || who=DOM$2
    echo "~*** Serial input to $who (type 'CTRL-a' three times to switch input)"
}

# shell_cmd HYP I NAME: type a command into domain I (which has the input)
# and expect its answer on I's console (console-lib.sh's type_cmd).
shell_cmd() {
    type_cmd "$(focus "$1" "$2" "RESULT-42 domU$2")" "$3"
}

have() {
    [ "$1" = ours ] && [ ! -s "$OURS" ] && { fail "linux/$1-$2" "$OURS not built"; return 1; }
    [ "$1" = xen ] && [ -z "$XEN417" ] &&
        { skip "linux/xen-4.17-$2" "Debian's Xen 4.17 not downloadable (see $W/fetch-xen.log)"; return 1; }
    return 0
}
tag() { [ "$1" = ours ] && echo ours || echo xen-4.17; }

# ---- (a) + (c): two domains on GICv3 ----
VCPUS=1,2 GIC=3 "$SCRIPTS/mk-linux-dtb.sh" "$W/two-gicv3.dtb" 2 > /dev/null ||
    { fail linux/dtb "mk-linux-dtb.sh failed"; exit 0; }
mapfile -t LOADERS < "$W/two-gicv3.loaders"
declare -A READY=()
for hyp in $HYPS; do
    t=$(tag $hyp)
    have $hyp two-domains-gicv3 || continue
    boot_start $hyp "$t-two-gicv3" "$W/two-gicv3.dtb" 3
    budget=$([ $hyp = ours ] && echo 90 || echo 35)
    if check "linux/$t-two-domains-gicv3" "$budget" \
        "$(dom $hyp 1 'DOMU-READY domU1')" "$(dom $hyp 2 'DOMU-READY domU2')"; then
        READY[$hyp]=1
        check "linux/$t-d2-two-cpus" 1 "$(dom $hyp 2 CPUS=2)"
        check "linux/$t-d1-one-cpu" 1 "$(dom $hyp 1 CPUS=1)"
        sleep 2 # the shells print their banners and prompts
        if [ $hyp = xen ]; then
            switch_input # DOM0 -> DOM1
            wait_lines 5 "$(input_to $hyp 1)"
        fi
        shell_cmd $hyp 1 "linux/$t-console-input-d1"
        switch_input
        check "linux/$t-console-switch-to-d2" 5 "$(input_to $hyp 2)" &&
            shell_cmd $hyp 2 "linux/$t-console-input-d2"
    fi
    boot_stop
    no_trouble "linux/$t-two-gicv3-no-panic"
done
if [ -n "${READY[xen]:-}" ] && [ -n "${READY[ours]:-}" ]; then
    pass linux/same-dtb-boots-xen-4.17-and-ours
elif [[ " $HYPS " == *" ours "* ]] && [[ " $HYPS " == *" xen "* ]]; then
    if [ -z "$XEN417" ]; then
        skip linux/same-dtb-boots-xen-4.17-and-ours "no Xen 4.17"
    else
        fail linux/same-dtb-boots-xen-4.17-and-ours \
            "Xen 4.17 ready: ${READY[xen]:-no}, ours ready: ${READY[ours]:-no}"
    fi
fi

# ---- (b) one domain, 2 vCPUs, on GICv2 ----
VCPUS=2 GIC=2 "$SCRIPTS/mk-linux-dtb.sh" "$W/one-gicv2.dtb" 1 > /dev/null ||
    { fail linux/dtb "mk-linux-dtb.sh failed"; exit 0; }
mapfile -t LOADERS < "$W/one-gicv2.loaders"
for hyp in $HYPS; do
    t=$(tag $hyp)
    have $hyp one-domain-gicv2 || continue
    boot_start $hyp "$t-one-gicv2" "$W/one-gicv2.dtb" 2
    check "linux/$t-one-domain-gicv2" "$([ $hyp = ours ] && echo 60 || echo 30)" \
        "$(dom $hyp 1 'DOMU-READY domU1')" &&
        check "linux/$t-gicv2-two-cpus" 1 "$(dom $hyp 1 CPUS=2)"
    boot_stop
    no_trouble "linux/$t-one-gicv2-no-panic"
done
# ---- (f) ours on '-cpu max': SVE, SME, pointer authentication and MTE
# hidden from the ID registers (and trapped), debug/PMU/RAS registers
# trapped; both domains must still come up ----
if [[ " $HYPS " == *" ours "* ]] && have ours cpu-max-two-domains-gicv3; then
    mapfile -t LOADERS < "$W/two-gicv3.loaders"
    CPU=max boot_start ours "ours-cpu-max-two-gicv3" "$W/two-gicv3.dtb" 3
    check "linux/ours-cpu-max-two-domains-gicv3" 90 \
        "$(dom ours 1 'DOMU-READY domU1')" "$(dom ours 2 'DOMU-READY domU2')" &&
        check "linux/ours-cpu-max-d2-two-cpus" 1 "$(dom ours 2 CPUS=2)"
    boot_stop
    no_trouble "linux/ours-cpu-max-no-panic"
fi

# ---- (g) ours only: 'reboot -f' in d1's shell (PSCI SYSTEM_RESET) and
# its default on-reboot policy: d1 is rebuilt and reaches its shell again,
# d2 answers throughout ----
# wait_count SECS N LINE: until LINE is N exact console lines.
wait_count() {
    local end=$((SECONDS + $1))
    while kill -0 "$QPID" 2> /dev/null && ((SECONDS < end)); do
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
        [ "$(grep -cxF -- "$3" "$QEMU_LOG")" -ge "$2" ] && return 0
        sleep 0.5
    done
    return 1
}
if [[ " $HYPS " == *" ours "* ]] && have ours linux-reboot; then
    mapfile -t LOADERS < "$W/two-gicv3.loaders"
    boot_start ours ours-reboot "$W/two-gicv3.dtb" 3
    if check linux/ours-reboot-first-boot 90 "(d1) DOMU-READY domU1" \
        "(d2) DOMU-READY domU2"; then
        sleep 2 # the shell prints its prompt
        printf '\025' >&5
        type_text 'reboot -f'
        printf '\r' >&5
        check linux/ours-reboot-f-restarts-d1 30 "(XEN) d1: asked for a reset" \
            "(XEN) d1: on reboot: restart (restart 1)" "(XEN) d1: domU1 restarted"
        if wait_count 90 2 "(d1) DOMU-READY domU1"; then
            pass linux/ours-reboot-d1-back-to-its-shell
            sleep 2
            shell_cmd ours 1 linux/ours-reboot-d1-shell-answers
        else
            fail linux/ours-reboot-d1-back-to-its-shell "see $QEMU_LOG"
        fi
        switch_input
        check linux/ours-reboot-switch-to-d2 5 "$(input_to ours 2)" &&
            shell_cmd ours 2 linux/ours-reboot-d2-went-on
    fi
    boot_stop
    no_trouble linux/ours-reboot-no-panic
fi

# ---- (h) ours only: d1 with hyperlaunch,watchdog; Debian's sbsa_gwdt
# module (appended to the initramfs, with the watchdog core) drives it, busybox's watchdog daemon
# refreshes it; the daemon stopped, d1 is restarted by its default
# on-watchdog policy and reaches its shell again ----
# add_cpio_file ARCHIVE NAME FILE: append a gzip member holding FILE as
# NAME (newc) to ARCHIVE; Linux unpacks concatenated archives in turn.
add_cpio_file() {
    python3 - "$@" <<'PY'
import gzip, sys
out, name, path = sys.argv[1:4]
def rec(n, mode, body=b""):
    f = [1, mode, 0, 0, 1, 0, len(body), 0, 0, 0, 0, len(n) + 1, 0]
    r = b"070701" + b"".join(b"%08X" % x for x in f) + n.encode() + b"\0"
    r += b"\0" * (-len(r) % 4) + body
    return r + b"\0" * (-len(r) % 4)
data = rec("modules", 0o040755) + rec(name, 0o100644, open(path, "rb").read())
data += rec("TRAILER!!!", 0)
with open(out, "ab") as f:
    f.write(gzip.compress(data, mtime=0))
PY
}
WDT_KO=$(ls "$ROOT"/build/cache/linux-arm64/root/lib/modules/*/kernel/drivers/watchdog/sbsa_gwdt.ko 2> /dev/null | head -1)
WDT_CORE=${WDT_KO%/*}/watchdog.ko # sbsa_gwdt depends on it
if [[ " $HYPS " == *" ours "* ]] && { [ -z "$WDT_KO" ] || [ ! -f "$WDT_CORE" ]; }; then
    skip linux/ours-watchdog "no sbsa_gwdt.ko in the unpacked Debian kernel"
elif [[ " $HYPS " == *" ours "* ]] && have ours linux-watchdog; then
    cp "$ROOT/build/cache/linux-arm64/initrd.cpio.gz" "$W/wdt-initrd.cpio.gz"
    add_cpio_file "$W/wdt-initrd.cpio.gz" modules/watchdog.ko "$WDT_CORE"
    add_cpio_file "$W/wdt-initrd.cpio.gz" modules/sbsa_gwdt.ko "$WDT_KO"
    INITRD=$W/wdt-initrd.cpio.gz GIC=3 "$SCRIPTS/mk-linux-dtb.sh" "$W/wdt.dtb" 1 > /dev/null &&
        dtc -q -I dtb -O dts "$W/wdt.dtb" |
        sed '/domU1 {/,/};/s/compatible = "xen,domain";/&\n\t\t\thyperlaunch,watchdog;/' |
        dtc -q -I dts -O dtb -o "$W/wdt.dtb" - ||
        { fail linux/dtb "the watchdog DTB"; exit 0; }
    mapfile -t LOADERS < "$W/wdt.loaders"
    boot_start ours ours-watchdog "$W/wdt.dtb" 3
    if check linux/ours-watchdog-first-boot 90 "(d1) DOMU-READY domU1"; then
        sleep 2
        printf '\025' >&5
        type_text 'insmod /modules/watchdog.ko && insmod /modules/sbsa_gwdt.ko && watchdog -T 4 -t 1 /dev/watchdog && echo WDT-$((6*7))'
        printf '\r' >&5
        if check linux/ours-watchdog-armed-by-linux 20 "(d1) WDT-42"; then
            sleep 3 # a few refreshes
            printf '\025' >&5
            type_text 'kill -STOP $(pidof watchdog)'
            printf '\r' >&5
            check linux/ours-watchdog-expiry-restarts-d1 30 \
                "(XEN) d1: watchdog expired" \
                "(XEN) d1: on watchdog: restart (restart 1)"
            if wait_count 90 2 "(d1) DOMU-READY domU1"; then
                pass linux/ours-watchdog-d1-back-to-its-shell
            else
                fail linux/ours-watchdog-d1-back-to-its-shell "see $QEMU_LOG"
            fi
        fi
    fi
    boot_stop
    no_trouble linux/ours-watchdog-no-panic
fi

# ---- (e) through U-Boot: one domain on GICv3 ----
UBOOT_BIN=/usr/lib/u-boot/qemu_arm64/u-boot.bin
if [ ! -s "$UBOOT_BIN" ]; then
    skip linux/uboot "no $UBOOT_BIN (u-boot-qemu)"
    exit 0
fi
UBOOT=0x40400000 GIC=3 "$SCRIPTS/mk-linux-dtb.sh" "$W/uboot.dtb" 1 > /dev/null ||
    { fail linux/dtb "mk-linux-dtb.sh failed"; exit 0; }
mapfile -t LOADERS < "$W/uboot.loaders"
for hyp in $HYPS; do
    t=$(tag $hyp)
    have $hyp uboot-one-domain || continue
    boot_start $hyp "$t-uboot" "$W/uboot.dtb" 3 uboot
    check "linux/$t-uboot-one-domain" "$([ $hyp = ours ] && echo 50 || echo 30)" \
        "$(dom $hyp 1 'DOMU-READY domU1')"
    boot_stop
    no_trouble "linux/$t-uboot-no-panic"
done
exit 0
