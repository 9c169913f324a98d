#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The benchmarks' own tools, which their figures rest on:
# - stamp-lines.py stamps each console line with the time it arrived, not
#   the time the stream ended, keeps every byte of every line (the last
#   one too, with no newline), whatever the writer writes at a time.
source "$(dirname "$0")/lib.sh"
OUT=$TESTOUT/bench
STAMP=$ROOT/automation/bench/stamp-lines.py
rm -rf "$OUT"
mkdir -p "$OUT"

# A QEMU-like writer: one byte per write(); line 2 comes 300 ms after
# line 1, line 3 (no newline) 300 ms after line 2.
writer() {
    timeout 20 python3 - "$1" << 'EOF'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY)
for i, text in enumerate([b"(XEN) first line\r\n", b"  second, with blanks  \n", b"third"]):
    if i:
        time.sleep(0.3)
    for b in text:
        os.write(fd, bytes([b]))
EOF
}

# Every piece under timeout: a stamper that hangs fails the test, not the run.
fifo=$OUT/console
rm -f "$fifo" "$fifo.st" && mkfifo "$fifo" "$fifo.st"
timeout 20 python3 "$STAMP" "$fifo" "$fifo.st" &
spid=$!
writer "$fifo" &
wpid=$!
timeout 20 cat "$fifo.st" > "$OUT/stamped.txt"
wait "$wpid" "$spid"
mapfile -t lines < "$OUT/stamped.txt"

ok=1 why=
if [ "${#lines[@]}" != 3 ]; then
    ok= why="${#lines[@]} lines out, 3 in"
else
    want=("(XEN) first line"$'\r' "  second, with blanks  " "third")
    for i in 0 1 2; do
        [ "${lines[$i]#* }" = "${want[$i]}" ] ||
            { ok= why="line $((i + 1)) reads '${lines[$i]#* }'"; break; }
        [[ ${lines[$i]%% *} =~ ^[0-9]{16}$ ]] ||
            { ok= why="line $((i + 1)) has no time stamp in microseconds"; break; }
    done
fi
if [ -n "$ok" ]; then
    t1=${lines[0]%% *} t2=${lines[1]%% *} t3=${lines[2]%% *}
    # 300 ms apart when written: at least 250 ms apart when stamped.
    if ((t2 - t1 < 250000 || t3 - t2 < 250000)); then
        ok= why="stamps $t1 $t2 $t3: not the times the lines arrived"
    fi
fi
[ -n "$ok" ] && pass bench/stamp-lines-times-each-line ||
    fail bench/stamp-lines-times-each-line "$why (see $OUT/stamped.txt)"
rm -f "$fifo" "$fifo.st"
