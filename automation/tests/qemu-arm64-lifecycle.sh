#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 domain lifecycle on a 2-CPU QEMU 'virt': a domain that reboots
# (PSCI SYSTEM_RESET) or is crashed comes back by its policy, built as at
# boot (its kernel image unchanged although it wrote over it, its RAM
# scrubbed of what it wrote), until 5 restarts within 60 s stop it; the
# page allocator's free memory after each teardown is what it was before
# that domain was built; the defaults destroy on crash and power-off; the
# console keys restart and destroy the domain that has the input.
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/arm64/xen}
G=$ROOT/build/arm64/guests
W=$TESTOUT/arm64-lifecycle
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
LOGDIR=arm64-lifecycle
mkdir -p "$W"

source "$ROOT/automation/tests/arm64-domain-lib.sh"

STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")
LOOP="(XEN) d1: restarted 5 times within 60 s: crash loop; the domain stays down"

# count TEXT: exact lines TEXT in $QEMU_LOG.
count() { grep -cxF -- "$1" "$QEMU_LOG"; }
# wait_count SECS LINE N: until LINE was printed N times (it may have been
# printed before, by an earlier boot of the same domain).
wait_count() {
    local end=$((SECONDS + $1))
    while wait_lines 1 "$2" && [ "$(count "$2")" -lt "$3" ] && ((SECONDS < end)); do
        sleep 0.5
    done
    [ "$(count "$2")" = "$3" ]
}

# incarnations NAME MODE N: N boots of d1 in MODE, each seeing its image as
# built and its RAM scrubbed, none seeing anything else.
incarnations() {
    local name=$1 mode=$2 n=$3 up ok scrub
    up=$(count "(d1) LIFECYCLE-UP $mode")
    ok=$(count "(d1) lifecycle: image as built")
    scrub=$(count "(d1) lifecycle: RAM scrubbed")
    if [ "$up" = "$n" ] && [ "$ok" = "$n" ] && [ "$scrub" = "$n" ] &&
        ! grep -qE 'NOT SCRUBBED|image CHANGED' "$QEMU_LOG"; then
        pass "$name"
    else
        fail "$name" "$up boots ($n expected), $ok with the image as built, $scrub scrubbed; see $QEMU_LOG"
    fi
}

# memory_back NAME: each "d1: N KiB free after its teardown" equals the
# "before it is built" line of that incarnation.
memory_back() {
    local name=$1 before after
    before=$(sed -n 's/^(XEN) d1: \([0-9]*\) KiB free before it is built$/\1/p' "$QEMU_LOG" | tr '\n' ' ')
    after=$(sed -n 's/^(XEN) d1: \([0-9]*\) KiB free after its teardown$/\1/p' "$QEMU_LOG" | tr '\n' ' ')
    # Each rebuild's "before" follows the previous teardown: compare the
    # boot-time figure with every teardown.
    local first=${before%% *} n=0 a
    for a in $after; do
        n=$((n + 1))
        [ "$a" = "$first" ] || { fail "$name" "teardown $n: $a KiB free, $first before the build; see $QEMU_LOG"; return; }
    done
    if [ "$n" -ge 1 ]; then pass "$name"; else fail "$name" "no teardown line; see $QEMU_LOG"; fi
}

# Reboot by policy (the default): 6 boots, 5 restarts, then the loop limit.
config reboot
domain lifecycle 1 16384 reboot >> "$W/$NAME.dtsi"
boot
expect_lines arm64/lifecycle/reboot-restarts \
    "(XEN) d1: asked for a reset" "(XEN) d1: on reboot: restart (restart 1)" \
    "(XEN) d1: on reboot: restart (restart 5)" "(XEN) d1: domU1 restarted" \
    "(XEN) Boot modules: 0 KiB handed to their domains in place, 0 KiB copied and given back, 1024 KiB kept for restarts" \
    "(XEN) d1: kernel read from its module at first use, not copied at build" \
    "$LOOP" "${STOP[@]}"
incarnations arm64/lifecycle/reboot-image-as-built-ram-scrubbed reboot 6
memory_back arm64/lifecycle/reboot-memory-back

# Crashed by the hypervisor, with on-crash = "restart", beside a domain
# that keeps running: restarts until the loop limit, the other goes on.
config crash
DOMAIN_EXTRA='hyperlaunch,on-crash = "restart";' domain lifecycle 1 16384 crash >> "$W/$NAME.dtsi"
domain echo 1 16384 d2 >> "$W/$NAME.dtsi"
finish
MARK=("$LOOP")
qemu_run_until arm64-lifecycle/crash 90 MARK qemu-system-aarch64 \
    -cpu cortex-a57 -smp 2 -m 1024 -nographic -monitor none -serial stdio \
    -nic none -M virt,virtualization=on,gic-version=3 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}"
QEMU_RC=0 expect_lines arm64/lifecycle/crash-restarts-to-the-loop-limit \
    "(XEN) d1: on crash: restart (restart 1)" \
    "(XEN) d1: on crash: restart (restart 5)" "$LOOP"
incarnations arm64/lifecycle/crash-image-as-built-ram-scrubbed crash 6
if [ "$(grep -c 'no EL1 vector table; domain crashed' "$QEMU_LOG")" = 6 ] &&
    ! grep -q "d2: .*\(crashed\|powered off\|stays down\)" "$QEMU_LOG"; then
    pass arm64/lifecycle/crash-loop-leaves-the-other-domain-running
else
    fail arm64/lifecycle/crash-loop-leaves-the-other-domain-running "see $QEMU_LOG"
fi

# fill_loop CONFIG POLICY IMAGE ARGS: boot CONFIG, d1 alone (64 MiB, with
# on-POLICY = "restart") and a 12 MiB ramdisk it never reads, which the
# other host CPU fills ahead while d1 runs.
head -c $((12 << 20)) /dev/urandom > "$W/fill-ramdisk.bin"
fill_loop() {
    config "$1"
    DOMAIN_EXTRA="hyperlaunch,on-$2 = \"restart\";
module@58000000 {
	compatible = \"multiboot,ramdisk\", \"multiboot,module\";
	reg = <0x58000000 0xc00000>;
};" domain "$3" 1 65536 "$4" >> "$W/$NAME.dtsi"
    LOADERS+=(-device "loader,file=$W/fill-ramdisk.bin,addr=0x58000000,force-raw=on")
    boot
}

# A crash loop while the other host CPU fills the domain's RAM ahead: the
# lifecycle guest touches all of its RAM (the scrub check, then its
# markers; the other CPU filling the same pieces meanwhile) and crashes.
# Every incarnation still sees its image as built and its RAM scrubbed,
# every teardown gives all memory back, and some of the pieces were
# filled ahead from the ramdisk.
fill_loop crashfill crash lifecycle crash
expect_lines arm64/lifecycle/crash-loop-while-filling-ahead \
    "(XEN) d1: on crash: restart (restart 5)" "$LOOP" "${STOP[@]}"
incarnations arm64/lifecycle/crash-loop-while-filling-ahead-image-and-scrub crash 6
memory_back arm64/lifecycle/crash-loop-while-filling-ahead-memory-back
ahead=$(sed -n 's/^(XEN) d1 RAM first use: .* ahead on an idle CPU (\([0-9]*\) from boot modules).*/\1/p' \
    "$QEMU_LOG" | awk '{ s += $1; n++ } END { print n + 0, s + 0 }')
if [ "${ahead%% *}" = 6 ] && [ "${ahead#* }" -ge 1 ]; then
    pass arm64/lifecycle/crash-loop-while-filling-ahead-fills-happened
else
    fail arm64/lifecycle/crash-loop-while-filling-ahead-fills-happened \
        "incarnations and ramdisk pieces filled ahead: $ahead (6 and at least 1 wanted); see $QEMU_LOG"
fi

# The same with a domain that powers off at once (hello, on-poweroff =
# "restart"): it ends while the other CPU is still filling its ramdisk's
# pieces ahead (3 of 6 or so done), so a teardown may meet a fill in
# progress, which holds the domain until that piece is done.
fill_loop offfill poweroff hello offfill
expect_lines arm64/lifecycle/poweroff-loop-while-filling-ahead \
    "(XEN) d1: on poweroff: restart (restart 5)" "$LOOP" "${STOP[@]}"
if [ "$(count "(d1) HELLO-DONE")" = 6 ]; then
    pass arm64/lifecycle/poweroff-loop-while-filling-ahead-six-boots
else
    fail arm64/lifecycle/poweroff-loop-while-filling-ahead-six-boots \
        "$(count "(d1) HELLO-DONE") boots to HELLO-DONE, 6 wanted; see $QEMU_LOG"
fi
memory_back arm64/lifecycle/poweroff-loop-while-filling-ahead-memory-back

# The defaults: a crash destroys (one boot), and so does a power-off.
config defaults
{ domain lifecycle 1 16384 crash; domain lifecycle 1 16384 off; } >> "$W/$NAME.dtsi"
boot
expect_lines arm64/lifecycle/default-crash-and-poweroff-destroy \
    "(XEN) d1: on crash: destroy; the domain stays down" \
    "(XEN) d2: powered off" "(XEN) d2: on poweroff: destroy; the domain stays down" \
    "${STOP[@]}"
reject_text arm64/lifecycle/default-no-restart "restart (restart"

# on-poweroff = "restart": a domain that powers off comes back too.
config poweroff
DOMAIN_EXTRA='hyperlaunch,on-poweroff = "restart";' domain lifecycle 1 16384 off >> "$W/$NAME.dtsi"
boot
expect_lines arm64/lifecycle/poweroff-restart-policy \
    "(XEN) d1: on poweroff: restart (restart 5)" "$LOOP" "${STOP[@]}"
incarnations arm64/lifecycle/poweroff-image-as-built-ram-scrubbed off 6
memory_back arm64/lifecycle/poweroff-memory-back

# The virtual SBSA watchdog: a guest that arms it, kicks it, then hangs
# is restarted by the default on-watchdog policy, until the loop limit;
# every register answers right and wrong accesses as documented.
config watchdog
DOMAIN_EXTRA='hyperlaunch,watchdog;' domain lifecycle 1 16384 hang >> "$W/$NAME.dtsi"
boot
expect_lines arm64/lifecycle/watchdog-restarts \
    "(d1) lifecycle: watchdog at 0x22010000 and 0x22020000" \
    "(d1) lifecycle: watchdog kicked 5 times, WCS=0x1; hanging" \
    "(XEN) d1: watchdog expired" "(XEN) d1: on watchdog: restart (restart 5)" \
    "$LOOP" "${STOP[@]}"
incarnations arm64/lifecycle/watchdog-image-as-built-ram-scrubbed hang 6
memory_back arm64/lifecycle/watchdog-memory-back

config wdt-probe
{ DOMAIN_EXTRA='hyperlaunch,watchdog;' domain lifecycle 2 16384 wdt-probe; domain lifecycle 1 16384 wdt-probe; } >> "$W/$NAME.dtsi"
boot
expect_lines arm64/lifecycle/watchdog-registers \
    "(d1) wdt: W_IIDR 0x0 0x0, WCS 0x0" "(d1) wdt: WOR kept, WCS 0x1" \
    "(d1) wdt: after one period WCS 0x3" "(d1) wdt: after a refresh WCS 0x1" \
    "(d1) wdt: byte and halfword writes ignored: WCS 0x1, reads 0x0 0x0" \
    "(d1) wdt: WCV as one 64-bit read matches the two halves" \
    "(d1) wdt: reserved 0x0, W_IIDR 0x0, last word 0x0, WOR kept" \
    "(d1) wdt: 2 vCPUs at it together, then WCS 0x1, WOR kept" \
    "(d1) wdt: disabled, two periods later WCS 0x0" "(d1) WDT-PROBE-DONE" \
    "(XEN) d1: powered off" "${STOP[@]}"
reject_text arm64/lifecycle/no-watchdog-unless-asked "(d2) lifecycle: watchdog at"

# Console keys, from the input of d1 (which it has at start): CTRL-a
# CTRL-a 'q' lists the domains marking it, 'e' prints its exits by cause
# (it printed through its vpl011), 'R' restarts it although its policy
# would destroy it, 'D' destroys it although it would restart.
source "$ROOT/automation/tests/console-lib.sh"
# d2 also gets a 6 MiB ramdisk it never reads: a host CPU with nothing
# to run fills the ramdisk's pieces ahead (p2m_lazy_prefill()).
config keys
DOMAIN_EXTRA='hyperlaunch,on-poweroff = "restart";' domain lifecycle 1 16384 wait >> "$W/$NAME.dtsi"
head -c $((6 << 20)) /dev/urandom > "$W/keys-ramdisk.bin"
DOMAIN_EXTRA='module@58000000 {
	compatible = "multiboot,ramdisk", "multiboot,module";
	reg = <0x58000000 0x600000>;
};' domain echo 1 16384 d2 >> "$W/$NAME.dtsi"
LOADERS+=(-device "loader,file=$W/keys-ramdisk.bin,addr=0x58000000,force-raw=on")
finish
console_start "$TESTOUT/arm64-lifecycle/keys.log" "$W/keys.raw"
timeout 90 qemu-system-aarch64 -cpu cortex-a57 -smp 2 -m 1024 -nographic \
    -monitor none -serial stdio -nic none \
    -M virt,virtualization=on,gic-version=3 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}" <&5 > "$RAW" 2>&1 &
QPID=$!
wait_lines 30 "(d1) LIFECYCLE-UP wait" "(d2) echo: ready"
printf '\001\001q' >&5
check arm64/lifecycle/key-q-marks-the-input 10 \
    "(XEN) d1 (domU1): running, 1 of 1 vCPUs online (has the input)" \
    "(XEN) d2 (domU2): running, 1 of 1 vCPUs online"
printf '\001\001e' >&5
check arm64/lifecycle/key-e-prints-exits 10 "~(XEN) d1 exits: " \
    "~(XEN) d1v0 exit dabt vpl011 0x22000000: " "~(XEN) d1 RAM first use: "
printf '\001\001R' >&5
check arm64/lifecycle/key-restart 20 "(XEN) d1: restarted from the console" \
    "(XEN) d1: domU1 restarted" &&
    wait_count 20 "(d1) LIFECYCLE-UP wait" 2 ||
    fail arm64/lifecycle/key-restart-boots-again "$(count "(d1) LIFECYCLE-UP wait") boots; see $QEMU_LOG"
printf '\001\001D' >&5
check arm64/lifecycle/key-destroy 20 "(XEN) d1: destroyed from the console"
printf '\001\001R' >&5
check arm64/lifecycle/key-on-a-dead-domain 10 "(XEN) *** d1 is not running"
printf '\001\001\001off\r' >&5 # to d2, the next running domain: power it off
check arm64/lifecycle/keys-then-all-stop 20 "(d2) echo: off" "${STOP[@]}"
# The ramdisk's pieces (3, or 4 when it straddles a 2 MiB boundary) were
# filled ahead, none on the vCPU's way; and pieces no module covers too.
line=$(grep -m1 -E '^\(XEN\) d2 RAM first use: ' "$QEMU_LOG")
re='filled \(([0-9]+) from boot modules\), ([0-9]+) ahead on an idle CPU \(([0-9]+) from boot modules\)'
if [[ $line =~ $re ]] && ((BASH_REMATCH[3] >= 3)); then
    pass arm64/lifecycle/idle-cpu-fills-ramdisk-ahead
else
    fail arm64/lifecycle/idle-cpu-fills-ramdisk-ahead "'$line': 3 pieces from boot modules ahead wanted (see $QEMU_LOG)"
fi
if [[ $line =~ $re ]] && ((BASH_REMATCH[2] > BASH_REMATCH[3])); then
    pass arm64/lifecycle/idle-cpu-zeroes-ram-ahead
else
    fail arm64/lifecycle/idle-cpu-zeroes-ram-ahead "'$line': pieces no module covers filled ahead wanted (see $QEMU_LOG)"
fi
boot_stop
no_trouble arm64/lifecycle/keys-no-trouble
reject_text arm64/lifecycle/keys-no-restart-after-destroy "(XEN) d1: on poweroff"
