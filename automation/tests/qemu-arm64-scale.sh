#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# 256 domains, the maximum, from one device tree on arm64: 256 hello
# domains (16 MiB, one vCPU each) print and power off on a GICv3 host with
# 8-bit VMIDs (cortex-a57: 255 VMIDs, shared) and on a GICv2 host with
# 16-bit VMIDs (QEMU's 'max' CPU: one each).  Then the console with 20
# domains: CTRL-a CTRL-a ':' (or a digit), a domain id or name and Enter
# give that domain the input; 'q' lists them by state.  A 257th domain is
# refused by the parser (parser/domains-257.dts, hlcheck-tests.sh).
# SCALE_N=... boots another number of domains.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/arm64/xen
G=$ROOT/build/arm64/guests
W=$TESTOUT/arm64-scale
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
LOGDIR=arm64-scale
N=${SCALE_N:-256}
mkdir -p "$W"

source "$ROOT/automation/tests/arm64-domain-lib.sh"

STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")
# 16 MiB each, and some room for the hypervisor and the modules.
HOST_MIB=$((N * 16 + 1024))

# What every one of the N hello domains must print.
ALL=()
for i in $(seq 1 "$N"); do
    ALL+=("(d$i) hello: bootargs=\"hello $i\"" "(d$i) hello: ram=16 MiB"
          "(d$i) HELLO-DONE" "(XEN) d$i: powered off")
done

# hyp_memory NAME: the hypervisor memory the N domains took beyond their
# RAM (the free memory before and once they are built), per domain, must
# keep 256 of them (with the static slots, under 3 KiB each) within
# 16 MiB: at most 60 KiB each.
hyp_memory() {
    local per
    per=$(awk -v n="$N" '
        /^\(XEN\) Memory: [0-9]+ KiB free before the domains are built$/ { b = $3 }
        /^\(XEN\) Memory: [0-9]+ KiB free once the domains are built$/ { a = $3 }
        /^\(XEN\) Boot modules: [0-9]+ KiB handed to their domains in place,/ { m = $4 }
        END { if (b != "" && a != "" && m != "") printf "%d\n", ((b - a + m) / n - 16384) * 1024 }' "$QEMU_LOG")
    if [ -n "$per" ] && [ "$per" -ge 0 ] && [ "$per" -le $((60 * 1024)) ]; then
        echo "NOTE: $1: $per bytes of hypervisor memory per domain"
        pass "$1"
    else
        fail "$1" "${per:-no memory lines} bytes per domain; see $QEMU_LOG"
    fi
}

# many GIC CPU [exact]: N hello domains on that host; with "exact" each
# module's 'reg' is the image's size, not its 1 MiB slot, so that 256
# modules with gaps between them split free RAM 257 ways.
many() {
    local gic=$1 cpu=$2 i size
    config "n$N-gicv$gic"
    for i in $(seq 1 "$N"); do
        domain hello 1 16384 "hello $i" >> "$W/$NAME.dtsi"
    done
    if [ "${3:-}" = exact ]; then
        size=$(printf '0x%x' "$(stat -c %s "$G/hello.img")")
        sed -i "s/ 0x100000>;/ $size>;/" "$W/$NAME.dtsi"
    fi
    QEMU_CPU=$cpu boot "$gic" "$HOST_MIB"
}

# Domains that never restart are handed their kernels in place.
export DOMAIN_EXTRA='hyperlaunch,on-reboot = "destroy";'

# GICv3, 8-bit VMIDs: domain 256 shares VMID 1 with domain 1.
many 3 cortex-a57
LAST=$(printf '(XEN) d%u: RAM 0x40000000-0x41000000 (16384 KiB), VMID %u' \
    "$N" $((1 + (N - 1) % 255)))
expect_lines "arm64-scale/$N-domains-gicv3-shared-vmids" \
    "(XEN) VMIDs: 8 bits, 255 of them; domains 255 apart share one" \
    "(XEN) d1: RAM 0x40000000-0x41000000 (16384 KiB), VMID 1" "$LAST" \
    "${ALL[@]}" "${STOP[@]}"
hyp_memory arm64-scale/$N-domains-gicv3-hypervisor-memory

# GICv2, 16-bit VMIDs: one per domain; modules of the image's size.
many 2 max exact
expect_lines "arm64-scale/$N-domains-gicv2-vmid16" \
    "(XEN) VMIDs: 16 bits, one per domain" \
    "(XEN) d$N: RAM 0x40000000-0x41000000 (16384 KiB), VMID $N" \
    "${ALL[@]}" "${STOP[@]}"
hyp_memory arm64-scale/$N-domains-gicv2-hypervisor-memory
unset DOMAIN_EXTRA

# The console with 20 echo domains: a direct choice by id (':3', or a
# first digit), by name (':domU12'); an unknown name keeps the input; an
# empty choice is the hypervisor, whose 'q' lists 20 domains by state;
# then each is chosen and told "off".
config console-choose
for i in $(seq 1 20); do
    domain echo 1 16384 "echo $i" >> "$W/$NAME.dtsi"
done
finish 3 1536
IN=$'\001\001:3\rthree\r\001\001:domU12\rtwelve\r\001\0017\rseven\r'
IN+=$'\001\001:nosuch\r\001\001:\rq'
for i in $(seq 1 20); do IN+=$'\001\001:'"$i"$'\roff\r'; done
boot_typed "$TESTOUT/arm64-scale/console-choose.log" 90 1536 "$IN"
PROMPT="(XEN) *** Input to which domain? (its id or name, then Enter; none: the hypervisor)"
OFF=()
for i in $(seq 1 20); do OFF+=("(d$i) echo: off" "(XEN) d$i: powered off"); done
expect_lines arm64-scale/console-choose-by-id-and-name "$PROMPT" \
    "(XEN) *** Serial input to d3 (type 'CTRL-a' three times to switch input)" \
    "(d3) echo: three" \
    "(XEN) *** Serial input to d12 (type 'CTRL-a' three times to switch input)" \
    "(d12) echo: twelve" \
    "(XEN) *** Serial input to d7 (type 'CTRL-a' three times to switch input)" \
    "(d7) echo: seven" \
    "(XEN) *** No domain \"nosuch\": the input stays" \
    "(XEN) *** Serial input to the hypervisor (type 'CTRL-a' three times to switch input; 'h' for help)" \
    "${OFF[@]}" "${STOP[@]}"
expect_lines arm64-scale/console-list-compact \
    "(XEN) 20 domains, 20 of 20 vCPUs online; input: the hypervisor" \
    "(XEN) running (20): d1-d20" &&
    if grep -qE '^\(XEN\) d[0-9]+ \(domU[0-9]+\): ' "$QEMU_LOG"; then
        fail arm64-scale/console-list-one-line-per-state "a line per domain; see $QEMU_LOG"
    else
        pass arm64-scale/console-list-one-line-per-state
    fi
