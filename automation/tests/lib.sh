# SPDX-License-Identifier: GPL-2.0-only
# Test helpers: every test reports through pass/fail/skip; counts in $RESULTS.
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
RESULTS=${RESULTS:-$ROOT/build/tests/results}
TESTOUT=${TESTOUT:-$ROOT/build/tests}
mkdir -p "$TESTOUT" "$(dirname "$RESULTS")"

pass() { echo "PASS: $1"; echo pass >> "$RESULTS"; }
fail() { echo "FAIL: $1${2:+ -- $2}"; echo fail >> "$RESULTS"; }
skip() { echo "SKIP: $1${2:+ -- $2}"; echo skip >> "$RESULTS"; }

# The lines of file $2 must contain the exact line $1.
has_line() { grep -qxF -- "$1" "$2"; }
