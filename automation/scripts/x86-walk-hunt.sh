#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# x86-walk-hunt.sh [RUNS]: boot Debian Linux domains (LAYOUT, default
# "pvh pvh2 hvm": two PVH, one of them with two vCPUs, and one HVM, as
# qemu-x86-linux.sh does; "pvh pvh pvh pvh" fails more often) RUNS times
# (default 20) and stop at the first failure, with QEMU kept alive and
# paused so that its state can be read: a host triple fault (-no-shutdown)
# or a domain crash ('stop' sent to the monitor).  The hunt for docs/misc/x86/known-issues.md, "The host
# CPU triple-faults on the instruction after VMRUN".
#
# On a failure it saves, in $OUT (build/tests/walk-hunt): the console
# (fail-<run>.txt), QEMU's CPU-reset log (fail-<run>.qemu-debug) and the
# monitor's answers (fail-<run>.monitor: every CPU's registers and the
# host page tables, read through QEMU's physical address space, which no
# CPU's TLB can colour).  The QEMU process is left paused for more
# monitor commands (automation/scripts/x86-walk-hunt.sh monitor CMD...);
# kill it when done.  KASLR=off|on|both (default both, alternating).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/build/tests/walk-hunt}
source "$ROOT/automation/tests/x86-domain-lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
CACHE=$ROOT/build/cache/linux-x86_64
MON=$OUT/monitor.sock
mkdir -p "$OUT"

# monitor CMD...: send each command to QEMU's monitor, print the answers.
monitor() {
    python3 - "$MON" "$@" << 'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.settimeout(1.0)
def drain():
    out = b''
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            out += d
    except socket.timeout:
        pass
    return out.decode(errors='replace')
drain()
for cmd in sys.argv[2:]:
    s.sendall((cmd + '\n').encode())
    print('(qemu) ' + cmd)
    print(drain())
EOF
}
if [ "${1:-}" = monitor ]; then
    shift
    monitor "$@"
    exit
fi

# dt OUT EXTRA: one domain per word of LAYOUT (pvh, pvh2: PVH with two
# vCPUs, hvm), 256 MiB each; EXTRA goes on HVM domains' command lines.
dt() {
    local i=0 w mode nodes=()
    for w in $LAYOUT; do
        i=$((i + 1))
        mode=${w%2}
        nodes+=("$(linux_dom $i $mode "$([ $w = pvh2 ] && echo 2 || echo 1)" \
            "$([ $mode = hvm ] && echo 2 || echo 1)" "$([ $mode = hvm ] && echo "$2")")")
    done
    hl_dts "${nodes[@]}" | dtc -q -I dts -O dtb -o "$1" -
}
LAYOUT=${LAYOUT:-pvh pvh2 hvm}
NDOMS=$(echo $LAYOUT | wc -w)

"$ROOT/automation/scripts/fetch-linux-x86.sh" "$CACHE" > "$OUT/fetch.log" 2>&1 ||
    { echo "no Debian amd64 kernel (see $OUT/fetch.log)"; exit 1; }
"$ROOT/build/tools/vmlinux-extract" "$CACHE/bzImage" "$OUT/vmlinux" > /dev/null ||
    { echo "vmlinux-extract failed (make tools)"; exit 1; }
dt "$OUT/kaslr.dtb" ""
dt "$OUT/nokaslr.dtb" " nokaslr"
source "$ROOT/automation/scripts/qemu-lock.sh"

for run in $(seq 1 "${1:-20}"); do
    case ${KASLR:-both} in
    on) dtb=kaslr ;;
    off) dtb=nokaslr ;;
    *) dtb=$([ $((run % 2)) = 0 ] && echo kaslr || echo nokaslr) ;;
    esac
    rm -f "$OUT/console.txt" "$OUT/qemu-debug" "$MON"
    : > "$OUT/console.txt"
    (
        qemu_lock
        exec timeout 3600 qemu-system-x86_64 -M pc -cpu max -m $((NDOMS * 256 + 768)) -smp 2 \
            -display none -serial stdio -no-reboot -no-shutdown \
            -monitor "unix:$MON,server,nowait" \
            -device isa-debug-exit,iobase=0xf4,iosize=4 \
            -d cpu_reset -D "$OUT/qemu-debug" -kernel "$XEN" -append "" \
            -initrd "$OUT/$dtb.dtb,$OUT/vmlinux,$CACHE/bzImage,$CACHE/initrd.cpio.gz" \
            < /dev/null > "$OUT/console.txt" 2>&1
    ) &
    qpid=$!
    why=
    for _ in $(seq 1 600); do
        sleep 0.5
        kill -0 $qpid 2> /dev/null || { why="QEMU ended"; break; }
        grep -qx 'Triple fault' "$OUT/qemu-debug" 2> /dev/null &&
            { why="host triple fault"; break; }
        grep -q 'domain crashed' "$OUT/console.txt" &&
            { why="domain crash"; monitor stop > /dev/null; break; }
        [ "$(grep -c DOMU-READY "$OUT/console.txt")" -ge $NDOMS ] && break
    done
    echo "run $run ($dtb): ${why:-all $NDOMS at their shell}"
    if [ -n "$why" ]; then
        cp "$OUT/console.txt" "$OUT/fail-$run.txt"
        cp "$OUT/qemu-debug" "$OUT/fail-$run.qemu-debug" 2> /dev/null
        # The host page tables (boot/head.S): the first entries of each.
        xps=()
        for t in $(nm "${XEN_SYMS:-${XEN}-syms}" 2> /dev/null |
            awk '$3 ~ /^(l4_table|l3_table|l2_tables)$/ { print "0x" $1 }'); do
            xps+=("xp /4gx $t")
        done
        [ -S "$MON" ] && monitor "info registers -a" "${xps[@]}" > "$OUT/fail-$run.monitor"
        echo "saved $OUT/fail-$run.*; QEMU ($qpid) left paused"
        exit 1
    fi
    pkill -P $qpid 2> /dev/null
    wait $qpid 2> /dev/null
done
