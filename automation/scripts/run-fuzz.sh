#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fuzz the Hyperlaunch DT parser for N seconds (default 60) with libFuzzer,
# starting from the parser fixtures compiled to DTBs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECS=${1:-60}
FUZZER=$ROOT/build/tools/hl-fuzz
CORPUS=$ROOT/build/fuzz/corpus
SEEDS=$ROOT/build/fuzz/seeds
mkdir -p "$CORPUS" "$SEEDS" "$ROOT/build/fuzz/crashes"
for f in "$ROOT"/automation/tests/parser/*.dts "$ROOT"/tools/fuzz/seeds/*.dts; do
    [ -e "$f" ] || continue
    out=$SEEDS/$(basename "$f" .dts).dtb
    [ "$out" -nt "$f" ] || dtc -q -I dts -O dtb -o "$out" "$f" 2>/dev/null || true
done
# The plan printing inside the fuzzer writes to stdout: keep it quiet.
exec "$FUZZER" -max_total_time="$SECS" -max_len=65536 -timeout=10 \
    -artifact_prefix="$ROOT/build/fuzz/crashes/" -print_final_stats=1 \
    "$CORPUS" "$SEEDS" > "$ROOT/build/fuzz/plan-output.txt"
