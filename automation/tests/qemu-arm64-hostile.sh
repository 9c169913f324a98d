#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 isolation tests: registers one domain writes are not seen by
# another on the same host CPU; hostile guests abuse each interface the
# hypervisor gives them beside a well-behaved guest that must finish; the
# hostile one is contained (answered as the architecture says, or crashed
# with one line), and the hypervisor neither panics nor hangs.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/arm64/xen
G=$ROOT/build/arm64/guests
W=$TESTOUT/arm64-hostile
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
LOGDIR=arm64-hostile
mkdir -p "$W"
source "$ROOT/automation/tests/arm64-domain-lib.sh"

STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

# Register leak: d1 writes a secret into its FP/SIMD, thread, debug and
# PMU registers; d2 looks for it meanwhile and d3 afterwards, all three on
# host CPU 0.
config leak-regs
domain leakcheck 1 65536 "write" 0:0 >> "$W/$NAME.dtsi"
domain leakcheck 1 65536 "read" 0:0 >> "$W/$NAME.dtsi"
domain leakcheck 1 65536 "read late" 0:0 >> "$W/$NAME.dtsi"
boot 3
expect_lines arm64/leak-registers "(d1) LEAKCHECK-WRITTEN" \
    "(d2) LEAKCHECK-CLEAN" "(d3) LEAKCHECK-CLEAN" "${STOP[@]}"
