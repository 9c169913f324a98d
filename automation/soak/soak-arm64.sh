#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Lifecycle soak on arm64 (not part of 'make test'; soak-short.sh in
# automation/tests runs it for 2 minutes): eight domains under QEMU
# 'virt' (2 CPUs, GICv3, TCG) for SOAK_SECS (default 3600):
#   d1 bare-metal, resets itself (PSCI SYSTEM_RESET) every REBOOT_MS
#      (default 20000),
#   d2 bare-metal, crashed by the hypervisor every CRASH_MS (25000),
#      on-crash restart,
#   d3 bare-metal, hangs every HANG_MS (30000), its watchdog restarts it,
#   d4 bare-metal, runs throughout,
#   d5, d6 Debian's arm64 Linux (busybox initramfs), answer the commands
#      typed into their shells (one every few seconds, in turn),
#   d7 Linux, 'reboot -f' LINUX_REBOOT_S (180) after each boot,
#   d8 Linux, a kernel crash (sysrq 'c') LINUX_CRASH_S (240) after each
#      boot, restarted by its watchdog (sbsa_gwdt, busybox's daemon).
# The bare-metal incarnations print "lifecycle: seq 0, 1, 2..." every
# 100 ms, the Linux ones "linux: seq 0, 1, 2..." every second
# (linux-soak-init, their rdinit).  At the end every domain is destroyed
# from the console keys, then: every sequence is whole and in order (no
# console line lost), every domain printed within the last ALIVE_SECS
# (45) and was destroyed from the console (alive at the end; nothing
# stayed down), every bare-metal run saw its image as built and its RAM
# scrubbed, every Linux reboot and crash came back, every typed command
# was answered, no Linux panic other than d8's, no hypervisor error line,
# and the free memory once all are gone is what it was before they were
# built plus the boot modules given back.  Prints the figures.
#   automation/soak/soak-arm64.sh                   (one hour)
#   SOAK_SECS=120 LINUX_REBOOT_S=40 LINUX_CRASH_S=45 automation/soak/soak-arm64.sh
# Exit: 0 every check passed, 1 otherwise (2: nothing to run it with).
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
LINUX_REBOOT_S=${LINUX_REBOOT_S:-180} LINUX_CRASH_S=${LINUX_CRASH_S:-240}
ALIVE_SECS=${ALIVE_SECS:-45}
LONG_MS=$(( (SECS + 600) * 1000 ))
LCACHE=$ROOT/build/cache/linux-arm64
mkdir -p "$W"
source "$ROOT/automation/tests/arm64-domain-lib.sh"

for f in "$XEN" "$G/lifecycle.img"; do
    [ -s "$f" ] || { fail soak/build "$f not built"; exit 2; }
done
if ! "$ROOT/automation/scripts/fetch-linux-guest.sh" > "$W/fetch.log" 2>&1; then
    fail soak/linux "no Debian arm64 kernel or busybox (see $W/fetch.log)"
    exit 2
fi
WDT_KO=$(ls "$LCACHE"/root/lib/modules/*/kernel/drivers/watchdog/sbsa_gwdt.ko 2> /dev/null | head -1)
[ -n "$WDT_KO" ] && [ -f "${WDT_KO%/*}/watchdog.ko" ] ||
    { fail soak/linux "no sbsa_gwdt.ko in the unpacked Debian kernel"; exit 2; }

# The Linux domains' initramfs: the usual one, with /soak-init and the
# watchdog modules appended.
cp "$LCACHE/initrd.cpio.gz" "$W/initrd.cpio.gz"
"$ROOT/automation/scripts/initramfs-append.sh" "$W/initrd.cpio.gz" \
    soak-init="$ROOT/automation/soak/linux-soak-init" \
    modules/watchdog.ko="${WDT_KO%/*}/watchdog.ko" modules/sbsa_gwdt.ko="$WDT_KO" ||
    { fail soak/initramfs "initramfs-append.sh failed"; exit 2; }

# linux_domain SOAK [PROPERTIES]: a Linux domU node, 128 MiB, 1 vCPU, its
# kernel and ramdisk in a 64 MiB slot from 0x60000000 (clear of the
# bare-metal images' 1 MiB slots from 0x50100000).
linux_domain() {
    NDOM=$((NDOM + 1))
    local k=$((0x60000000 + (NDOM - 5) * 0x4000000)) r
    r=$((k + 0x2000000))
    LOADERS+=(-device "loader,file=$LCACHE/Image,addr=$k,force-raw=on"
        -device "loader,file=$W/initrd.cpio.gz,addr=$r,force-raw=on")
    printf '\t\tdomU%d {\n\t\t\tcompatible = "xen,domain";\n' $NDOM
    printf '\t\t\t#address-cells = <1>;\n\t\t\t#size-cells = <1>;\n'
    printf '\t\t\tmemory = <0 0x20000>;\n\t\t\tcpus = <1>;\n\t\t\tvpl011;\n'
    [ -z "${2:-}" ] || printf '\t\t\t%s\n' "$2"
    printf '\t\t\tmodule@%x {\n' $k
    printf '\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
    printf '\t\t\t\treg = <0x%x 0x%x>;\n' $k "$(stat -c %s "$LCACHE/Image")"
    printf '\t\t\t\tbootargs = "console=ttyAMA0 domname=domU%d rdinit=/soak-init soak=%s";\n' $NDOM "$1"
    printf '\t\t\t};\n\t\t\tmodule@%x {\n' $r
    printf '\t\t\t\tcompatible = "multiboot,ramdisk", "multiboot,module";\n'
    printf '\t\t\t\treg = <0x%x 0x%x>;\n\t\t\t};\n\t\t};\n' $r "$(stat -c %s "$W/initrd.cpio.gz")"
}

config soak
{
    domain lifecycle 1 16384 "reboot after=$REBOOT_MS"
    DOMAIN_EXTRA='hyperlaunch,on-crash = "restart";' domain lifecycle 1 16384 "crash after=$CRASH_MS"
    DOMAIN_EXTRA='hyperlaunch,watchdog;' domain lifecycle 1 16384 "hang after=$HANG_MS"
    domain lifecycle 1 16384 "wait after=$LONG_MS"
    linux_domain seq
    linux_domain seq
    linux_domain "reboot:$LINUX_REBOOT_S"
    linux_domain "crash:$LINUX_CRASH_S" 'hyperlaunch,watchdog;'
} >> "$W/$NAME.dtsi"
finish 3 1536
console_start "$W/soak.log" "$W/soak.raw"
timeout $((SECS + 400)) qemu-system-aarch64 -cpu cortex-a57 -smp 2 -m 1536 \
    -nographic -monitor none -serial stdio -nic none \
    -M virt,virtualization=on,gic-version=3 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}" <&5 > "$RAW" 2>&1 &
QPID=$!
start=$SECONDS
wait_lines 180 "(d5) DOMU-READY domU5" "(d6) DOMU-READY domU6" ||
    { fail soak/boot "d5 and d6 not up; see $QEMU_LOG"; boot_stop; exit 1; }
sleep 2 # the shells print their prompts
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
# answered D N: domain D printed "A<N>-42" (the answer; the typed line
# shows "A<N>-$((6*7))").
answered() {
    tr -d '\r' < "$RAW" > "$QEMU_LOG"
    grep -q "^(d$1) .*A$2-42" "$QEMU_LOG"
}
# The commands: "echo A<n>-$((6*7))" into d5 and d6 in turn, each waited
# for (10 s) and typed once more (after CTRL-u) if it got no answer.
: > "$W/typed"
typed=0 retyped=0 alive_mark=
while ((SECONDS - start < SECS)); do
    for d in 5 6; do
        typed=$((typed + 1))
        echo "$d $typed" >> "$W/typed"
        focus_to $d || continue
        for try in 1 2; do
            printf '\025' >&5
            type_text "echo A$typed-\$((6*7))"
            printf '\r' >&5
            for _ in $(seq 1 20); do answered $d $typed && break 2; sleep 0.5; done
            [ $try = 1 ] && retyped=$((retyped + 1))
        done
    done
    if [ -z "$alive_mark" ] && ((SECONDS - start >= SECS - ALIVE_SECS)); then
        tr -d '\r' < "$RAW" > "$QEMU_LOG"
        alive_mark=$(wc -l < "$QEMU_LOG")
    fi
    sleep 2
done
tr -d '\r' < "$RAW" > "$QEMU_LOG"
[ -n "$alive_mark" ] || alive_mark=$(wc -l < "$QEMU_LOG")
# Everything down from the console: CTRL-a CTRL-a D to each domain in turn.
for _ in 1 2 3 4; do
    for i in 1 2 3 4 5 6 7 8; do
        grep -qxF "(XEN) d$i: destroyed from the console" "$QEMU_LOG" && continue
        focus_to $i && printf '\001\001D' >&5
        sleep 1
    done
    wait_lines 5 "(XEN) all domains have stopped" && break
done
wait_lines 20 "(XEN) Powering off (normal stop)"
boot_stop

# The figures and the checks: python prints the figures and one
# "CHECK PASS|FAIL NAME [-- WHY]" line per check, made pass/fail here.
python3 - "$QEMU_LOG" "$W/typed" "$retyped" "$alive_mark" > "$W/checks" <<'PY'
import re, sys
log, typedf, retyped, alive_mark = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lines = open(log, errors="replace").read().splitlines()
def check(name, why):
    # why: empty when the check holds, else what went wrong.
    print("CHECK %s %s%s" % ("FAIL" if why else "PASS", name, " -- " + why if why else ""))
BARE, LINUX = (1, 2, 3, 4), (5, 6, 7, 8)
def count(pat):
    return sum(1 for l in lines if re.match(pat, l))
# Sequences: a run starts at 0, each next line is one more.  A Linux
# line may follow what the shell had on the line (a prompt).
seqs, runs, gaps, nseq, last = {}, {}, {}, {}, {}
for i, l in enumerate(lines):
    m = re.match(r"\(d([1-4])\) lifecycle: seq (\d+)$", l) or \
        re.match(r"\(d([5-8])\) .*?linux: seq (\d+)$", l)
    if not m:
        continue
    d, n = int(m.group(1)), int(m.group(2))
    prev = seqs.get(d)
    if n == 0:
        runs[d] = runs.get(d, 0) + 1
    elif prev is None or n != prev + 1:
        gaps[d] = gaps.get(d, 0) + 1
    seqs[d] = n
    nseq[d] = nseq.get(d, 0) + 1
    last[d] = i
# restarts[d][event]: policy restarts; pending[d]: 1 when d's last run
# began (a restart) after its last sequence line, too late to print one
# before the end (a Linux boot takes seconds).
restarts, last_restart = {}, {}
for i, l in enumerate(lines):
    m = re.match(r"\(XEN\) d(\d): on (\w+): restart \(restart \d+\)$", l)
    if m:
        r = restarts.setdefault(int(m.group(1)), {})
        r[m.group(2)] = r.get(m.group(2), 0) + 1
        last_restart[int(m.group(1))] = i
pending = {d: int(last_restart.get(d, -1) > last.get(d, -1)) for d in BARE + LINUX}
for d in BARE + LINUX:
    nr = sum(restarts.get(d, {}).values())
    print("d%d: %d runs, %d sequence lines, restarts %s%s" % (
        d, runs.get(d, 0), nseq.get(d, 0), restarts.get(d, {}),
        ", the last still booting at the end" if pending[d] else ""))
    check("d%d-sequence-whole" % d, "%d gaps" % gaps[d] if gaps.get(d) else
          "" if nseq.get(d) else "no sequence line")
    check("d%d-runs-match-restarts" % d, "" if runs.get(d, 0) == 1 + nr - pending[d] else
          "%d runs printed, %d restarts" % (runs.get(d, 0), nr))
    check("d%d-alive-at-the-end" % d,
          "" if last.get(d, -1) >= alive_mark and
          "(XEN) d%d: destroyed from the console" % d in lines else
          "no sequence line in the last part of the run, or not destroyed from the console")
# The bare-metal runs: image as built, RAM scrubbed.
ups = count(r"\(d[1-4]\) LIFECYCLE-UP")
good = count(r"\(d[1-4]\) lifecycle: image as built$")
scrub = count(r"\(d[1-4]\) lifecycle: RAM scrubbed$")
print("bare-metal: %d boots, %d with the image as built, %d with scrubbed RAM" % (ups, good, scrub))
check("bare-metal-image-as-built-ram-scrubbed", "" if ups == good == scrub else
      "%d boots, %d as built, %d scrubbed" % (ups, good, scrub))
for d, ev in ((1, "reboot"), (2, "crash"), (3, "watchdog")):
    check("d%d-restarts-on-%s" % (d, ev), "" if restarts.get(d, {}).get(ev) and
          set(restarts[d]) == {ev} else "restarts %s" % restarts.get(d, {}))
# Linux: every boot up to its shell, d7's resets and d8's crashes
# restarted, d8's watchdog armed at each boot, d5 and d6 never restarted.
ready = {d: count(r"\(d%d\) DOMU-READY domU%d$" % (d, d)) for d in LINUX}
print("linux: boots up to the shell %s" % ready)
for d in LINUX:
    # The last run may have been destroyed before its shell came up
    # (late), or after the shell said DOMU-READY but before its first
    # sequence line, which is what 'runs' counts (early).
    last_ready = max([i for i, l in enumerate(lines)
                      if l == "(d%d) DOMU-READY domU%d" % (d, d)] or [-1])
    last_zero = max([i for i, l in enumerate(lines)
                     if re.match(r"\(d%d\) .*?linux: seq 0$" % d, l)] or [-1])
    late = int(last_zero > last_ready and last_zero >= alive_mark)
    early = int(last_ready > last_zero)
    check("d%d-every-boot-reaches-its-shell" % d,
          "" if ready[d] in (runs.get(d, 0) + early, runs.get(d, 0) - late) else
          "%d runs, %d reached the shell" % (runs.get(d, 0), ready[d]))
resets = count(r"\(d7\) .*linux: reboot -f$")
crashes = count(r"\(d8\) .*linux: crash$")
armed = count(r"\(d8\) .*linux: watchdog armed$")
r7, r8 = restarts.get(7, {}), restarts.get(8, {})
print("d7: %d 'reboot -f', restarts %s; d8: %d crashes, %d times armed, restarts %s" %
      (resets, r7, crashes, armed, r8))
check("d7-linux-reboot-restarts", "" if r7.get("reboot") in (resets, resets - 1) and
      resets and set(r7) == {"reboot"} else "%d resets asked, restarts %s" % (resets, r7))
check("d8-linux-crash-watchdog-restarts", "" if r8.get("watchdog") in (crashes, crashes - 1) and
      crashes and set(r8) == {"watchdog"} else "%d crashes, restarts %s" % (crashes, r8))
check("d8-linux-watchdog-armed-every-boot", "" if armed == runs.get(8, 0) else
      "armed %d times in %d runs" % (armed, runs.get(8, 0)))
check("d5-d6-never-restarted", "" if not restarts.get(5) and not restarts.get(6) else
      "restarts %s %s" % (restarts.get(5), restarts.get(6)))
# Every typed command answered by its domain.
typed = [tuple(map(int, l.split())) for l in open(typedf) if l.strip()]
answers = set()
for l in lines:
    answers.update((int(m.group(1)), int(n)) for m in [re.match(r"\(d([56])\) ", l)] if m
                   for n in re.findall(r"\bA(\d+)-42\b", l))
missing = [(d, n) for d, n in typed if (d, n) not in answers]
print("commands: %d typed into d5 and d6, %d answered, %d typed twice" %
      (len(typed), len(typed) - len(missing), retyped))
check("typed-commands-answered", "" if typed and not missing else
      "unanswered (domain, number): %s" % missing[:10])
# No Linux trouble (d8's own crash aside), no hypervisor error.
trouble = [l for l in lines
           if re.match(r"\(d[5-8]\) .*(Oops|BUG:|Unable to handle)", l) or
           re.match(r"\(d[5-7]\) .*Kernel panic", l) or
           (re.match(r"\(d8\) .*Kernel panic", l) and "sysrq triggered crash" not in l)]
check("no-linux-trouble", trouble[0] if trouble else "")
errors = [l for l in lines if l.startswith("(XEN)") and
          re.search(r"ERROR|EXCEPTION|Xen BUG|crash loop|restart failed|stays down|Unexpected", l)]
check("no-hypervisor-error", errors[0] if errors else "")
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
check("free-memory-back", "" if before and after and mods and after[0] == before[0] + sum(mods)
      else "before %s, after %s, modules %s" % (before, after, mods))
PY
rc=0
while read -r w v name rest; do
    if [ "$w $v" = "CHECK PASS" ]; then
        pass "soak/$name"
    elif [ "$w $v" = "CHECK FAIL" ]; then
        fail "soak/$name" "${rest#-- } (see $QEMU_LOG)"
        rc=1
    else
        echo "$w${v:+ $v}${name:+ $name}${rest:+ $rest}"
    fi
done < "$W/checks"
grep -q '^CHECK PASS' "$W/checks" || { fail soak/checks "no figures (see $W/checks)"; rc=1; }
echo "soak: ${SECS} s, $([ $rc = 0 ] && echo SOAK-OK || echo SOAK-FAILED)"
exit $rc
