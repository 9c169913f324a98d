#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A short libFuzzer run of the parser with ASan and UBSan: any crash fails.
source "$(dirname "$0")/lib.sh"
SECS=${FUZZ_SMOKE_SECONDS:-20}
log=$TESTOUT/fuzz-smoke.log
if ! make -s -f "$ROOT/tools/Makefile" -C "$ROOT" O=build/tools fuzz > "$log" 2>&1; then
    fail fuzz/build "see $log"
    exit 0
fi
if "$ROOT/automation/scripts/run-fuzz.sh" "$SECS" >> "$log" 2>&1; then
    runs=$(sed -n 's/.*stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "${runs:-0}" -gt 100 ]; then
        pass "fuzz/parser-${SECS}s ($runs inputs)"
    else
        fail fuzz/parser "only ${runs:-0} inputs ran; see $log"
    fi
else
    fail fuzz/parser "crash or leak; see $log and build/fuzz/crashes/"
fi
