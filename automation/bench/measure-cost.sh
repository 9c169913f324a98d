#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Cost of measured launch on arm64: four domains whose kernels are 27 MiB
# (the 'hello' guest padded), against the same four with 64 KiB kernels.
# The hypervisor measures every module before "(XEN) Hyperlaunch: plan
# ready in <n> us"; the difference between the two is the hashing of
# 4 x 27 MiB (plus a per-byte nothing else: no copy happens before it).
#   measure-cost.sh [REPS]      default 3; QEMU_CPU=cortex-a57 (or max)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${1:-3}
OUT=${OUT:-$ROOT/build/bench/measure-cost}
CPU=${QEMU_CPU:-cortex-a57}
mkdir -p "$OUT"
source "$ROOT/automation/scripts/qemu-lock.sh"

mk_case() { # NAME SIZE_BYTES
    local name=$1 size=$2 i a
    cp "$ROOT/build/arm64/guests/hello.img" "$OUT/$name.img"
    truncate -s "$size" "$OUT/$name.img"
    {
        echo '/ { chosen { #address-cells = <1>; #size-cells = <1>;'
        for i in 1 2 3 4; do
            a=$(printf '%x' $(( 0x48000000 + i * 0x2000000 )))
            echo "  dom$i { compatible = \"xen,domain\"; #address-cells = <1>;"
            echo "    #size-cells = <1>; memory = <0 0x10000>; cpus = <1>; vpl011;"
            echo "    module@$a { compatible = \"multiboot,kernel\", \"multiboot,module\";"
            printf '      reg = <0x%s 0x%x>; bootargs = "dom%d"; }; };\n' "$a" "$size" "$i"
        done
        echo '}; };'
    } > "$OUT/$name.dtsi"
    "$ROOT/automation/scripts/mk-arm64-dtb.sh" "$OUT/$name.dtb" "$OUT/$name.dtsi" 3 2 2048
}

run_case() { # NAME -> prints the plan-ready microseconds
    local name=$1 i a loaders=()
    for i in 1 2 3 4; do
        a=$(printf '%x' $(( 0x48000000 + i * 0x2000000 )))
        loaders+=(-device "loader,file=$OUT/$name.img,addr=0x$a,force-raw=on")
    done
    qemu_lock
    timeout 120 qemu-system-aarch64 -cpu "$CPU" -smp 2 -m 2048 -nographic \
        -monitor none -serial stdio -nic none \
        -M virt,virtualization=on,gic-version=3 -kernel "$ROOT/build/arm64/xen" \
        -dtb "$OUT/$name.dtb" "${loaders[@]}" < /dev/null > "$OUT/$name.log" 2>&1
    sed -n 's/^(XEN) Hyperlaunch: plan ready in \([0-9]*\) us.*/\1/p' "$OUT/$name.log"
}

mk_case small 65536
mk_case big $(( 27 << 20 ))
printf '%-6s %14s %14s %14s\n' rep "64KiB (us)" "27MiB (us)" "cost (us)"
for r in $(seq "$REPS"); do
    s=$(run_case small) b=$(run_case big)
    printf '%-6s %14s %14s %14s\n' "$r" "$s" "$b" "$(( ${b:-0} - ${s:-0} ))"
done
