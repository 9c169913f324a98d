# SPDX-License-Identifier: GPL-2.0-only
# Talking to guests on a QEMU serial console (sourced after lib.sh): the
# caller starts QEMU in the background with its stdin the fifo held open
# on fd 5 and its output in $RAW, sets $QPID and $QEMU_LOG (the log with
# CRs stripped, refreshed here), and ends it with boot_stop.
boot_stop() {
    kill "$QPID" 2> /dev/null
    wait "$QPID" 2> /dev/null
    exec 5>&-
    tr -d '\r' < "$RAW" > "$QEMU_LOG"
    rm -f "$RAW" "$W/in.fifo"
}
# console_start LOG RAW: ready to start QEMU in the background with its
# input from fd 5 and its output in RAW: the input fifo ($W/in.fifo) open
# on fd 5, LOG (QEMU_LOG) and RAW (RAW) empty, the QEMU lock taken.
console_start() {
    QEMU_LOG=$1 RAW=$2
    rm -f "$W/in.fifo" && mkfifo "$W/in.fifo"
    exec 5<> "$W/in.fifo"
    : > "$QEMU_LOG"
    : > "$RAW"
    qemu_lock
}
# wait_lines SECS LINE...: 0 once every LINE is an exact console line (or,
# for a LINE starting with '~', the text after it somewhere in the log: a prompt
# without a newline may come first); 1 when SECS pass or QEMU ends first.
wait_lines() {
    local end=$((SECONDS + $1)) l ok
    shift
    while :; do
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
        ok=1
        for l in "$@"; do seen "$l" || { ok=0; break; }; done
        [ $ok = 1 ] && return 0
        kill -0 "$QPID" 2> /dev/null && ((SECONDS < end)) || return 1
        sleep 0.5
    done
}
seen() {
    case $1 in
    '~'*) grep -qF -- "${1#\~}" "$QEMU_LOG" ;;
    *) has_line "$1" "$QEMU_LOG" ;;
    esac
}
# type_text TEXT: one character at a time, as a person would.
type_text() {
    local s=$1 i
    for ((i = 0; i < ${#s}; i++)); do
        printf '%s' "${s:i:1}" >&5
        sleep 0.02
    done
}
switch_input() { printf '\001\001\001' >&5; }
# no_trouble NAME: no panic or hypervisor trap anywhere in the log.
no_trouble() {
    local bad
    bad=$(grep -m1 -E 'Kernel panic|^\(XEN\) Unexpected|EXCEPTION|Xen BUG|stack corruption' "$QEMU_LOG")
    if [ -n "$bad" ]; then fail "$1" "$bad (see $QEMU_LOG)"; else pass "$1"; fi
}
# check NAME SECS LINE...: pass when the lines arrive in time.
check() {
    local name=$1 secs=$2
    shift 2
    if wait_lines "$secs" "$@"; then pass "$name"; return 0; fi
    local l
    for l in "$@"; do
        seen "$l" || break
    done
    kill -0 "$QPID" 2> /dev/null && l="timed out waiting for: $l" ||
        l="QEMU stopped before: $l"
    # The log's last lines say most often why.
    fail "$name" "$l (see $QEMU_LOG; it ends: $(grep . "$QEMU_LOG" | tail -n 3 | cut -c1-160 | tr '\n' '|'))"
    return 1
}
# wait_text SECS REGEX: 0 once a console line matches the extended REGEX.
wait_text() {
    local end=$((SECONDS + $1))
    while :; do
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
        grep -qE -- "$2" "$QEMU_LOG" && return 0
        kill -0 "$QPID" 2> /dev/null && ((SECONDS < end)) || return 1
        sleep 0.5
    done
}

# ask NAME CMD REGEX [SECS]: type CMD into the domain that has the input
# (after CTRL-u), once more if its answer does not come within SECS (15),
# and wait for a console line matching the extended REGEX; fails NAME if
# none comes (the caller passes it).
ask() {
    local try
    for try in 1 2; do
        printf '\025' >&5
        type_text "$2"
        printf '\r' >&5
        wait_text "${4:-15}" "$3" && return 0
    done
    fail "$1" "no line matching '$3' after '$2' (see $QEMU_LOG)"
    return 1
}
# type_cmd WANT NAME: type 'echo RESULT-$((6*7)) $domname' into the domain
# that has the input and expect the console line WANT; typed once more if
# it is lost, after CTRL-u has cleared what the shell got of the first try.
type_cmd() {
    for _ in 1 2; do
        printf '\025' >&5
        type_text 'echo RESULT-$((6*7)) $domname'
        printf '\r' >&5
        wait_lines 10 "$1" && { pass "$2"; return 0; }
    done
    fail "$2" "no '$1' (see $QEMU_LOG)"
    return 1
}
