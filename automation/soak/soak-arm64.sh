#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Lifecycle soak on arm64 (not part of 'make test'): eight bare-metal
# domains under QEMU 'virt' (2 CPUs, GICv3) for SOAK_SECS (default 3600):
#   d1 resets itself (PSCI SYSTEM_RESET) every REBOOT_MS (default 20000),
#   d2 is crashed by the hypervisor every CRASH_MS (25000), on-crash restart,
#   d3 hangs every HANG_MS (30000) and its watchdog restarts it,
#   d4 echoes lines typed into it (a line every few seconds),
#   d5-d8 print a sequence number every 100 ms throughout.
# Each incarnation prints "lifecycle: seq 0, 1, 2..." until it ends.
# At the end every domain is destroyed from the console keys, then:
# every sequence is whole (no console line lost), every domain was alive
# until the end (nothing stayed down), every run saw its image as built
# and its RAM scrubbed, every typed line came back, no hypervisor error,
# and the free memory once all are gone is what it was before they were
# built plus the boot modules given back.  Prints the figures.
#   SOAK_SECS=120 automation/soak/soak-arm64.sh     (the 2-minute variant)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/automation/tests/lib.sh"
source "$ROOT/automation/tests/console-lib.sh"
XEN=${XEN:-$ROOT/build/arm64/xen}
G=$ROOT/build/arm64/guests
W=$TESTOUT/soak
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
LOGDIR=soak
SECS=${SOAK_SECS:-3600}
REBOOT_MS=${REBOOT_MS:-20000} CRASH_MS=${CRASH_MS:-25000} HANG_MS=${HANG_MS:-30000}
LONG_MS=$(( (SECS + 600) * 1000 ))
mkdir -p "$W"
source "$ROOT/automation/tests/arm64-domain-lib.sh"

config soak
{
    domain lifecycle 1 16384 "reboot after=$REBOOT_MS"
    DOMAIN_EXTRA='hyperlaunch,on-crash = "restart";' domain lifecycle 1 16384 "crash after=$CRASH_MS"
    DOMAIN_EXTRA='hyperlaunch,watchdog;' domain lifecycle 1 16384 "hang after=$HANG_MS"
    domain echo 1 16384 d4
    for i in 5 6 7 8; do domain lifecycle 1 16384 "wait after=$LONG_MS"; done
} >> "$W/$NAME.dtsi"
finish 3 1024
QEMU_LOG=$W/soak.log RAW=$W/soak.raw
rm -f "$W/in.fifo" && mkfifo "$W/in.fifo"
exec 5<> "$W/in.fifo"
: > "$RAW"
qemu_lock
timeout $((SECS + 300)) qemu-system-aarch64 -cpu cortex-a57 -smp 2 -m 1024 \
    -nographic -monitor none -serial stdio -nic none \
    -M virt,virtualization=on,gic-version=3 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}" <&5 > "$RAW" 2>&1 &
QPID=$!
wait_lines 60 "(d4) echo: ready" || { fail soak/boot "no d4; see $QEMU_LOG"; boot_stop; exit 1; }
# focus_to N: CTRL-a three times until the input is with dN (a domain
# being restarted is skipped by the switch: try again).
focus_to() {
    local want="*** Serial input to d$1 (type 'CTRL-a' three times to switch input)"
    for _ in $(seq 1 30); do
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
        [ "$(grep -F '*** Serial input to' "$QEMU_LOG" | tail -1)" = "(XEN) $want" ] &&
            return 0
        printf '\001\001\001' >&5
        sleep 0.5
    done
    return 1
}
focus_to 4 || { fail soak/focus "cannot give d4 the input; see $QEMU_LOG"; boot_stop; exit 1; }
typed=0 start=$SECONDS
while ((SECONDS - start < SECS)); do
    typed=$((typed + 1))
    type_text "line $typed"
    printf '\r' >&5
    sleep 5
done
sleep 2
# Everything down from the console: CTRL-a CTRL-a D to each domain in turn.
for _ in 1 2 3; do
    for i in 1 2 3 4 5 6 7 8; do
        grep -qxF "(XEN) d$i: destroyed from the console" "$QEMU_LOG" && continue
        focus_to $i && printf '\001\001D' >&5
        sleep 1
    done
    wait_lines 5 "(XEN) all domains have stopped" && break
done
wait_lines 20 "(XEN) Powering off (normal stop)"
boot_stop

# The figures and the checks.
python3 - "$QEMU_LOG" "$typed" <<'PY'
import re, sys
log, typed = sys.argv[1], int(sys.argv[2])
lines = open(log, errors="replace").read().splitlines()
ok = True
def bad(msg):
    global ok
    ok = False
    print("SOAK-FAIL:", msg)
seqs, runs, gaps = {}, {}, {}
for l in lines:
    m = re.match(r"\(d(\d)\) lifecycle: seq (\d+)$", l)
    if m:
        d, n = int(m.group(1)), int(m.group(2))
        prev = seqs.get(d)
        if n == 0:
            runs[d] = runs.get(d, 0) + 1
        elif prev is None or n != prev + 1:
            gaps[d] = gaps.get(d, 0) + 1
        seqs[d] = n
restarts = {}
for l in lines:
    m = re.match(r"\(XEN\) d(\d): on (\w+): restart \(restart \d+\)$", l)
    if m:
        restarts.setdefault(int(m.group(1)), {}).setdefault(m.group(2), 0)
        restarts[int(m.group(1))][m.group(2)] += 1
for d in range(1, 9):
    if d == 4:
        continue
    if gaps.get(d):
        bad("d%d: %d sequence gaps" % (d, gaps[d]))
    print("d%d: %d runs, %d sequence lines, restarts %s" % (
        d, runs.get(d, 0), sum(1 for l in lines if l.startswith("(d%d) lifecycle: seq" % d)),
        restarts.get(d, {})))
echoed = sum(1 for l in lines if re.match(r"\(d4\) echo: line \d+$", l))
print("d4: %d of %d typed lines echoed" % (echoed, typed))
if echoed < typed:
    bad("d4 echoed %d of %d lines" % (echoed, typed))
ups = sum(1 for l in lines if re.match(r"\(d\d\) LIFECYCLE-UP", l))
good = sum(1 for l in lines if re.match(r"\(d\d\) lifecycle: image as built$", l))
scrub = sum(1 for l in lines if re.match(r"\(d\d\) lifecycle: RAM scrubbed$", l))
print("%d boots, %d with the image as built, %d with scrubbed RAM" % (ups, good, scrub))
if not (ups == good == scrub):
    bad("a run saw a changed image or RAM not scrubbed")
for l in lines:
    if re.search(r"ERROR|EXCEPTION|Xen BUG|crash loop|restart failed|stays down|Unexpected", l):
        bad("hypervisor line: " + l)
        break
if not any("destroyed from the console" in l for l in lines):
    bad("no domain destroyed from the console")
def num(pat):
    for l in lines:
        m = re.match(pat, l)
        if m:
            return [int(x) for x in m.groups()]
    return None
before = num(r"\(XEN\) Memory: (\d+) KiB free before the domains are built$")
after = num(r"\(XEN\) Memory: (\d+) KiB free after every domain was torn down$")
mods = num(r"\(XEN\) Boot modules: (\d+) KiB handed to their domains in place, (\d+) KiB copied and given back, \d+ KiB kept for restarts$")
print("free memory: %s KiB before the build, %s KiB after the last teardown, modules given back %s" % (before, after, mods))
if not before or not after or not mods or after[0] != before[0] + sum(mods):
    bad("free memory not back to its starting value")
print("SOAK-OK" if ok else "SOAK-FAILED")
sys.exit(0 if ok else 1)
PY
rc=$?
if [ $rc = 0 ]; then pass "soak/arm64-${SECS}s"; else fail "soak/arm64-${SECS}s" "see $QEMU_LOG"; fi
exit $rc
