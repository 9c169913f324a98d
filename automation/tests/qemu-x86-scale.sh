#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# 256 domains, the maximum, from one device tree on x86_64: 256 PVH hello
# domains (16 MiB, one vCPU each, one shared kernel module) print their
# command line and power off; ASIDs are shared (QEMU's TCG offers 16).
# A 257th domain is refused by the parser (hlcheck-tests.sh).
# SCALE_N=... boots another number of domains, SCALE_VCPUS=... gives each
# more vCPUs (the hypervisor memory bound grows with them).
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/x86_64/xen
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-scale
N=${SCALE_N:-256} VCPUS=${SCALE_VCPUS:-1}
mkdir -p "$W"

source "$ROOT/automation/tests/x86-domain-lib.sh"

STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")
QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m $((N * 16 + 1024)) -smp 2
      -display none -serial stdio -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=4)

nodes= ALL=()
for i in $(seq 1 "$N"); do
    nodes+=$(dom "$i" 1 "hello $i" "$VCPUS")
    ALL+=("(d$i) hello: cmdline=\"hello $i\"" "(d$i) HELLO-DONE"
          "(XEN) d$i: powered off")
done
if boot_args "n$N" "$nodes" "$G/hello.elf"; then
    qemu_run "x86-scale/n$N" 240 "${QEMU[@]}" -kernel "$XEN" -initrd "$INITRD"
    expect_lines "x86-scale/$N-domains" \
        "(XEN) d1: RAM 0-0x1000000 (16384 KiB), ASID 1" "${ALL[@]}" "${STOP[@]}" &&
        if grep -qE "^\(XEN\) d$N: RAM 0-0x1000000 \(16384 KiB\), ASID [0-9]+$" "$QEMU_LOG"; then
            pass "x86-scale/$N-domains-asids-shared"
        else
            fail "x86-scale/$N-domains-asids-shared" "no RAM and ASID line for d$N; see $QEMU_LOG"
        fi
    # The hypervisor memory per domain beyond its RAM (the free memory
    # before and once the domains are built): 256 of them, with their
    # static slots (about 3 KiB each), within 16 MiB.
    per=$(awk -v n="$N" '
        /^\(XEN\) Memory: [0-9]+ KiB free before the domains are built$/ { b = $3 }
        /^\(XEN\) Memory: [0-9]+ KiB free once the domains are built$/ { a = $3 }
        /^\(XEN\) Boot modules: [0-9]+ KiB handed to their domains in place,/ { m = $4 }
        END { if (b != "" && a != "" && m != "") printf "%d\n", ((b - a + m) / n - 16384) * 1024 }' "$QEMU_LOG")
    if [ -n "$per" ] && [ "$per" -ge 0 ] && [ "$per" -le $((60 * 1024 * VCPUS)) ]; then
        echo "NOTE: x86-scale: $per bytes of hypervisor memory per domain"
        pass "x86-scale/$N-domains-hypervisor-memory"
    else
        fail "x86-scale/$N-domains-hypervisor-memory" "${per:-no memory lines} bytes per domain; see $QEMU_LOG"
    fi
else
    fail "x86-scale/$N-domains" "cannot build the DTB"
fi
