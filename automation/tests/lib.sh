# SPDX-License-Identifier: GPL-2.0-only
# Test helpers: every test reports through pass/fail/skip; counts in $RESULTS.
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
RESULTS=${RESULTS:-$ROOT/build/tests/results}
TESTOUT=${TESTOUT:-$ROOT/build/tests}
mkdir -p "$TESTOUT" "$(dirname "$RESULTS")"
source "$ROOT/automation/scripts/qemu-lock.sh"

pass() { echo "PASS: $1"; echo pass >> "$RESULTS"; }
fail() {
    local line="FAIL: $1${2:+ -- $2}"
    echo "$line"
    echo fail >> "$RESULTS"
    echo "$line" >> "$RESULTS.failed"
}
skip() { echo "SKIP: $1${2:+ -- $2}"; echo skip >> "$RESULTS"; }

# The lines of file $2 must contain the exact line $1.
has_line() { grep -qxF -- "$1" "$2"; }

# An x86 QEMU logs CPU resets to QEMU_LOG.qemu-debug: under -no-reboot a
# triple fault of the host ends QEMU without a word otherwise.  QEMU 7.2's
# TCG SVM sometimes fails the host's own page walk on the instruction after
# VMRUN (docs/misc/x86/known-issues.md): such a run is retried once, with a
# NOTE line; a second one fails the test as any other.
qemu_debug_args() {
    case $1 in
    qemu-system-x86_64) echo "-d cpu_reset -D $QEMU_LOG.qemu-debug" ;;
    esac
}
qemu_host_triple_fault() {
    [ -f "$QEMU_LOG.qemu-debug" ] && grep -qx 'Triple fault' "$QEMU_LOG.qemu-debug" &&
        echo "NOTE: $1: QEMU's host CPU triple-faulted after a VMRUN" \
            "(docs/misc/x86/known-issues.md); running it once more"
}

# qemu_run NAME TIMEOUT CMD...: run one QEMU, console to $TESTOUT/NAME.log.
# Sets QEMU_RC (124 on timeout).
qemu_run() {
    local name=$1 secs=$2 try
    shift 2
    QEMU_LOG=$TESTOUT/$name.log
    mkdir -p "$(dirname "$QEMU_LOG")"
    qemu_lock
    for try in 1 2; do
        rm -f "$QEMU_LOG.qemu-debug"
        # shellcheck disable=SC2046
        timeout "$secs" "$@" $(qemu_debug_args "$1") < /dev/null > "$QEMU_LOG" 2>&1
        QEMU_RC=$?
        [ $try = 1 ] && qemu_host_triple_fault "$name" || break
    done
    sed -i 's/\r$//' "$QEMU_LOG"
}

# qemu_run_until NAME TIMEOUT MARKERS CMD...: qemu_run for a machine that
# never stops by itself: QEMU is stopped as soon as every line of the array
# named MARKERS is an exact line of its log (QEMU_RC=0), or after TIMEOUT
# or when it ends first (QEMU_RC=124).
qemu_run_until() {
    local name=$1 secs=$2 qpid l all try
    local -n _until_markers=$3
    shift 3
    QEMU_LOG=$TESTOUT/$name.log
    mkdir -p "$(dirname "$QEMU_LOG")"
    qemu_lock
    for try in 1 2; do
        rm -f "$QEMU_LOG.qemu-debug"
        # Emptied here, not by the background job's redirection: the first
        # look for the markers must not find an earlier run's.
        : > "$QEMU_LOG"
        # shellcheck disable=SC2046
        timeout "$secs" "$@" $(qemu_debug_args "$1") < /dev/null > "$QEMU_LOG" 2>&1 &
        qpid=$!
        QEMU_RC=124
        while kill -0 $qpid 2>/dev/null; do
            all=1
            for l in "${_until_markers[@]}"; do
                sed 's/\r$//' "$QEMU_LOG" | grep -qxF -- "$l" || { all=0; break; }
            done
            if [ $all = 1 ]; then QEMU_RC=0; break; fi
            sleep 0.2
        done
        kill $qpid 2>/dev/null
        wait $qpid 2>/dev/null
        [ $QEMU_RC = 124 ] && [ $try = 1 ] && qemu_host_triple_fault "$name" || break
    done
    sed -i 's/\r$//' "$QEMU_LOG"
}

# expect_lines NAME LINE...: each LINE must be an exact line of $QEMU_LOG;
# the run must have ended by itself and printed no hypervisor trap.
expect_lines() {
    local name=$1 line
    shift
    if [ "$QEMU_RC" = 124 ]; then
        fail "$name" "timed out; see $QEMU_LOG"; return 1
    fi
    if grep -qE 'EXCEPTION|Xen BUG|stack corruption' "$QEMU_LOG"; then
        fail "$name" "hypervisor trap; see $QEMU_LOG"; return 1
    fi
    for line in "$@"; do
        has_line "$line" "$QEMU_LOG" ||
            { fail "$name" "missing line: $line (see $QEMU_LOG)"; return 1; }
    done
    pass "$name"
}

# reject_line NAME LINE: LINE must not appear in $QEMU_LOG.
reject_text() {
    if grep -qF -- "$2" "$QEMU_LOG"; then
        fail "$1" "unexpected: $2 (see $QEMU_LOG)"; return 1
    fi
    pass "$1"
}

# expect_exit NAME WANT CMD...: CMD must exit with status WANT.  Its output
# goes to $OUT/NAME.out and .err; the test is reported as $GROUP/NAME.
expect_exit() {
    local name=$1 want=$2 rc
    shift 2
    "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    rc=$?
    if [ "$rc" = "$want" ]; then
        pass "$GROUP/$name"
    else
        fail "$GROUP/$name" "exit $rc, expected $want: $(head -2 "$OUT/$name.err")"
    fi
}
