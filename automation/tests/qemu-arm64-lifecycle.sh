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
