#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of hypervisor code that needs no hardware (tools/tests).
source "$(dirname "$0")/lib.sh"
OUT=$TESTOUT/unit
mkdir -p "$OUT"

for t in page-alloc-test bzimage-test insn-decode-test sha256-test; do
    if "$ROOT/build/tools/$t" > "$OUT/$t.log" 2>&1; then
        pass "unit/$t"
    else
        fail "unit/$t" "$(grep -m3 FAIL "$OUT/$t.log" | tr '\n' ' ')"
    fi
done
