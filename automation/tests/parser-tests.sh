#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the shared parser: each parser/*.dts fixture is compiled
# by dtc and run through build/tools/hlcheck.  Fixture header comments:
#   // args: OPTIONS          extra hlcheck options (e.g. --arch x86_64)
#   // exit: N                expected exit status (default 0)
#   // stderr: LINE           an exact line hlcheck must print on stderr
#   // stdout: TEXT           a substring of stdout
#   // json: PYTHON-EXPR      true of the --json plan, bound to 'plan'
# Paths in args (--module ADDR=partial/x.dts) are relative to parser/.
# An error fixture must name at least one stderr line, so that the exact
# message (node path and property) is what is tested.
source "$(dirname "$0")/lib.sh"
HLCHECK=$ROOT/build/tools/hlcheck
OUT=$TESTOUT/parser
mkdir -p "$OUT"

cd "$ROOT/automation/tests/parser" || exit 1

meta() { sed -n "s|^// $1: ||p" "$2"; }

run_fixture() {
    local f=$1 name args want rc line
    name=parser/$(basename "$f" .dts)
    args=$(meta args "$f")
    want=$(meta exit "$f"); want=${want:-0}
    # shellcheck disable=SC2086
    "$HLCHECK" $args "$f" > "$OUT/$(basename "$f").out" 2> "$OUT/$(basename "$f").err"
    rc=$?
    [ "$rc" = "$want" ] || { fail "$name" "exit $rc, expected $want: $(head -3 "$OUT/$(basename "$f").err")"; return; }
    if [ "$want" != 0 ] && [ -z "$(meta stderr "$f")" ]; then
        fail "$name" "error fixture names no expected stderr line"; return
    fi
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        has_line "$line" "$OUT/$(basename "$f").err" ||
            { fail "$name" "missing stderr line: $line"; return; }
    done <<< "$(meta stderr "$f")"
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        grep -qF -- "$line" "$OUT/$(basename "$f").out" ||
            { fail "$name" "missing stdout text: $line"; return; }
    done <<< "$(meta stdout "$f")"
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        # shellcheck disable=SC2086
        "$HLCHECK" --json -q $args "$f" 2>/dev/null |
            python3 -c "import json,sys; plan=json.load(sys.stdin); sys.exit(0 if ($line) else 1)" ||
            { fail "$name" "json check false: $line"; return; }
    done <<< "$(meta json "$f")"
    pass "$name"
}

for f in "$ROOT"/automation/tests/parser/*.dts; do
    run_fixture "$f"
done
