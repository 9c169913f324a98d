#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Xen PV interfaces, ours beside Debian's Xen 4.17 in one run: the cost of
# a null hypercall (xen_version in a loop of 10000, in each of two domains)
# and the round trip of an event-channel ping-pong (200 rounds) between two
# bare-metal xen,enhanced domains over a static event channel, each domain
# on its own host CPU when it can be (2 host CPUs).  The same DTB and
# guest images boot both hypervisors; events are taken through PPI 31 on
# the GIC, in WFI (Xen wakes a blocked vCPU only for an interrupt the guest
# enabled); the guests time themselves with the
# virtual counter.  Then the image sizes.
#   pv-bench.sh [REPS]   (default 3; HYPS="ours" skips Xen 4.17)
# Also the cost of reading the UART's flag register and of writing its
# interrupt clear register (a trapped write), and of a TLB invalidation
# (TLBI VAALE1IS; DSB ISH: ours traps it in a domain of one vCPU, Xen
# 4.17 does not), each in a loop.  LOOPS
# (10000) sets the loops' length.  The loops run twice: in the pair (both
# domains loop at once when both get there) and in one domain booted
# alone ("solo": no other vCPU competing for QEMU's global lock).
# MODES ("pair solo") picks which.
# Our exit counters (printed as each domain ends) are saved beside the
# logs in exits.txt.
# Needs make build-all, QEMU and dtc; Xen 4.17 as fetched by
# automation/scripts/xen-anchor-boot.sh (build/cache/xen-4.17).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${1:-3}
TESTOUT=${TESTOUT:-$ROOT/build/tests}
W=$TESTOUT/bench-pv
XEN=${XEN:-$ROOT/build/arm64/xen}
G=$ROOT/build/arm64/guests
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
XEN417=$ROOT/build/cache/xen-4.17/xen-4.17-arm64
LOOPS=${LOOPS:-10000}
MODES=${MODES:-pair solo}
mkdir -p "$W"
source "$ROOT/automation/scripts/qemu-lock.sh"
source "$ROOT/automation/tests/arm64-domain-lib.sh"

if [ ! -s "$XEN417" ]; then
    "$ROOT/automation/scripts/xen-anchor-boot.sh" "$W/fetch.log" "none" \
        > /dev/null 2>&1
fi

config pv-bench
printf '\t\txen,xen-bootargs = "console=dtuart dtuart=/pl011@9000000 bootscrub=0 loglvl=all guest_loglvl=all";\n' \
    >> "$W/$NAME.dtsi"
DOMAIN_EXTRA='xen,enhanced = "no-xenstore";
ec1: evtchn@10 { compatible = "xen,evtchn-v1"; xen,evtchn = <10 &ec2>; };' \
    domain xenpv 1 65536 "role=1 peer=2 static=10 irq=1 loops=$LOOPS" >> "$W/$NAME.dtsi"
DOMAIN_EXTRA='xen,enhanced = "no-xenstore";
ec2: evtchn@20 { compatible = "xen,evtchn-v1"; xen,evtchn = <20 &ec1>; };' \
    domain xenpv 1 65536 "role=2 peer=1 static=20 irq=1 loops=$LOOPS" >> "$W/$NAME.dtsi"
finish 3 1024 > /dev/null
PAIR_DTB=$W/$NAME.dtb PAIR_LOADERS=("${LOADERS[@]}")
# The same loops in one domain alone (no other vCPU looping at once).
config pv-solo
printf '\t\txen,xen-bootargs = "console=dtuart dtuart=/pl011@9000000 bootscrub=0 loglvl=all guest_loglvl=all";\n' \
    >> "$W/$NAME.dtsi"
DOMAIN_EXTRA='xen,enhanced = "no-xenstore";' \
    domain xenpv 1 65536 "loops=$LOOPS" >> "$W/$NAME.dtsi"
finish 3 1024 > /dev/null
SOLO_DTB=$W/$NAME.dtb SOLO_LOADERS=("${LOADERS[@]}")

# run HYP IMAGE REP [solo]: one boot until every domain printed XENPV-DONE.
run() {
    local log=$W/$1-$3.log pid n want=2 dtb=$PAIR_DTB
    local -a loaders=("${PAIR_LOADERS[@]}")
    if [ -n "${4:-}" ]; then
        log=$W/$1-solo-$3.log want=1 dtb=$SOLO_DTB loaders=("${SOLO_LOADERS[@]}")
    fi
    qemu_lock
    timeout 120 qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
        -cpu cortex-a57 -smp 2 -m 1024 -nographic -monitor none -serial stdio \
        -nic none -kernel "$2" -dtb "$dtb" "${loaders[@]}" \
        < /dev/null > "$log" 2>&1 &
    pid=$!
    for n in $(seq 1 600); do
        [ "$(grep -c 'XENPV-DONE' "$log")" -ge $want ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.2
    done
    kill $pid 2>/dev/null
    wait $pid 2>/dev/null
    sed -i 's/\r$//' "$log"
}

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print "-" }'; }

for hyp in ${HYPS:-ours xen}; do
    img=$XEN
    [ $hyp = xen ] && img=$XEN417
    [ -s "$img" ] || { echo "$hyp: no image ($img)"; continue; }
    rm -f "$W"/$hyp-*.log
    for r in $(seq 1 "$REPS"); do
        [[ " $MODES " = *" pair "* ]] && run $hyp "$img" "$r"
        [[ " $MODES " = *" solo "* ]] && run $hyp "$img" "$r" solo
    done
    rt=$(cat "$W"/$hyp-*.log | sed -n 's/.*xenpv: 200 event round trips with d2, \([0-9]*\) ns each/\1/p' | median)
    fails=$(cat "$W"/$hyp-*.log | grep -c 'xenpv: FAIL')
    for set in "[0-9]" "solo-[0-9]"; do
        nh=$(cat "$W"/$hyp-$set*.log 2>/dev/null | sed -n 's/.*xenpv: null hypercall \([0-9]*\) ns/\1/p' | median)
        mm=$(cat "$W"/$hyp-$set*.log 2>/dev/null | sed -n 's/.*xenpv: mmio read \([0-9]*\) ns/\1/p' | median)
        mw=$(cat "$W"/$hyp-$set*.log 2>/dev/null | sed -n 's/.*xenpv: mmio write \([0-9]*\) ns/\1/p' | median)
        tl=$(cat "$W"/$hyp-$set*.log 2>/dev/null | sed -n 's/.*xenpv: tlbi \([0-9]*\) ns/\1/p' | median)
        if [ "$set" = "[0-9]" ]; then
            printf '%-6s pair: null hypercall %6s ns   UART read %6s ns   UART write %6s ns   TLBI %6s ns   event round trip %8s ns   (%s runs, %s check lines differing)\n' \
                "$hyp" "$nh" "$mm" "$mw" "$tl" "$rt" "$REPS" "$fails"
        else
            printf '%-6s solo: null hypercall %6s ns   UART read %6s ns   UART write %6s ns   TLBI %6s ns\n' \
                "$hyp" "$nh" "$mm" "$mw" "$tl"
        fi
    done
done
grep -h ' exits: \| exit ' "$W"/ours-1.log 2>/dev/null | sed 's/^(XEN) //' \
    > "$W/exits.txt"
[ -s "$W/exits.txt" ] && echo "exit counters of ours, run 1: $W/exits.txt"
printf 'image size: ours %s bytes, Xen 4.17 %s bytes\n' \
    "$(stat -c %s "$XEN")" "$(stat -c %s "$XEN417" 2>/dev/null || echo -)"
