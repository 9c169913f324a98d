#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot Debian's Xen 4.17 (arm64, dom0less, no dom0) under QEMU 'virt' with
# the given guest images as domU1..N, until every marker line is seen.
#   xen-anchor-boot.sh LOG MARKERS DOMAIN...
#     LOG      console output (CR stripped)
#     MARKERS  '|'-separated exact console lines to wait for, e.g.
#              "(d1) HELLO-DONE|(d2) SMP-DONE 2"
#     DOMAIN   IMAGE:VCPUS:MEM_MIB:BOOTARGS (one per domU, in domid order)
# env: TIMEOUT=40 SMP=2 GIC=3 XEN_CACHE=build/cache/xen-4.17
#      XEN_IMAGE=path (skip the download and boot that image instead)
# Exit: 0 all markers seen, 1 not (QEMU log in LOG), 2 Xen not available.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOG=$1 MARKERS=$2
shift 2
TIMEOUT=${TIMEOUT:-40} SMP=${SMP:-2} GIC=${GIC:-3}
CACHE=${XEN_CACHE:-$ROOT/build/cache/xen-4.17}
XEN_ARGS="console=dtuart dtuart=/pl011@9000000 bootscrub=0 loglvl=all guest_loglvl=all"

# 1. Debian's Xen 4.17 hypervisor package, downloaded once, never installed.
if [ -z "${XEN_IMAGE:-}" ]; then
    XEN_IMAGE=$CACHE/xen-4.17-arm64
    if [ ! -s "$XEN_IMAGE" ]; then
        mkdir -p "$CACHE/debs"
        (cd "$CACHE/debs" &&
            timeout 120 apt-get download -q xen-hypervisor-4.17-arm64:arm64) \
            > "$CACHE/download.log" 2>&1 || { cat "$CACHE/download.log" >&2; exit 2; }
        rm -rf "$CACHE/root"
        dpkg-deb -x "$CACHE"/debs/xen-hypervisor-4.17-arm64_*.deb "$CACHE/root"
        src=$(ls "$CACHE"/root/boot/xen-4.17*-arm64 2>/dev/null | head -1)
        [ -n "$src" ] || { echo "no /boot/xen-4.17*-arm64 in the package" >&2; exit 2; }
        cp "$src" "$XEN_IMAGE"
    fi
fi

# 2. The dom0less DT: QEMU's virt tree plus /chosen domain nodes.
W=$(dirname "$LOG")
mkdir -p "$W"
frag=${LOG%.log}.dtsi
dtb=${LOG%.log}.dtb
LOADERS=()
{
    printf '/ {\n\tchosen {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n'
    printf '\t\txen,xen-bootargs = "%s";\n' "$XEN_ARGS"
    i=0
    for spec in "$@"; do
        IFS=: read -r img vcpus mem args <<< "$spec"
        i=$((i + 1))
        addr=$((0x50000000 + (i - 1) * 0x01000000))
        size=$(stat -c %s "$img")
        printf '\t\tdomU%d {\n\t\t\tcompatible = "xen,domain";\n' $i
        printf '\t\t\t#address-cells = <1>;\n\t\t\t#size-cells = <1>;\n'
        printf '\t\t\tmemory = <0 %d>;\n\t\t\tcpus = <%d>;\n\t\t\tvpl011;\n' \
            $((mem * 1024)) "$vcpus"
        printf '\t\t\tmodule@%x {\n' $addr
        printf '\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
        printf '\t\t\t\treg = <0x%x 0x%x>;\n' $addr "$size"
        printf '\t\t\t\tbootargs = "%s";\n\t\t\t};\n\t\t};\n' "$args"
        LOADERS+=(-device "loader,file=$img,addr=$(printf 0x%x $addr),force-raw=on")
    done
    printf '\t};\n};\n'
} > "$frag"
"$ROOT/automation/scripts/mk-arm64-dtb.sh" "$dtb" "$frag" "$GIC" "$SMP" 1024

# 3. Boot; stop QEMU as soon as every marker line has appeared.
source "$(dirname "$0")/qemu-lock.sh"
qemu_lock
: > "$LOG.raw"
IFS='|' read -r -a WANT <<< "$MARKERS"
timeout "$TIMEOUT" qemu-system-aarch64 -M "virt,virtualization=on,gic-version=$GIC" \
    -cpu cortex-a57 -smp "$SMP" -m 1024 -nographic -monitor none \
    -serial stdio -nic none -kernel "$XEN_IMAGE" -dtb "$dtb" "${LOADERS[@]}" \
    < /dev/null > "$LOG.raw" 2>&1 &
qpid=$!
all_seen() {
    local m
    tr -d '\r' < "$LOG.raw" > "$LOG"
    for m in "${WANT[@]}"; do grep -qxF -- "$m" "$LOG" || return 1; done
}
rc=1
while kill -0 "$qpid" 2>/dev/null; do
    if all_seen; then rc=0; break; fi
    sleep 0.2
done
kill "$qpid" 2>/dev/null || true
wait "$qpid" 2>/dev/null || true
all_seen && rc=0
rm -f "$LOG.raw"
exit $rc
