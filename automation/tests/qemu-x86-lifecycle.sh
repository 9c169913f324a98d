#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 domain lifecycle: a PVH domain that resets itself through the
# reset control register (port 0xcf9, the FADT's reset register) or
# triple-faults comes back by its policy, its image as built and its RAM
# scrubbed of what it wrote, until 5 restarts within 60 s stop it; free
# memory after each teardown is what it was before the build; a domain
# whose IB700 watchdog expires is restarted.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/x86-domain-lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-lifecycle
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -smp 2 -display none
      -serial stdio -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=4)
STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")
LOOP="(XEN) d1: restarted 5 times within 60 s: crash loop; the domain stays down"

count() { grep -cxF -- "$1" "$QEMU_LOG"; }

# run NAME MODE EXTRA: d1 is the lifecycle guest in MODE with the
# properties EXTRA, d2 a hello that powers off.
run() {
    hl_dts "$(dom 1 1 "$2" 1 "$3")" > "$W/$1.dts"
    dtc -q -I dts -O dtb -o "$W/$1.dtb" "$W/$1.dts" || return 1
    qemu_run "x86-lifecycle/$1" 120 "${QEMU[@]}" -kernel "$XEN" \
        -initrd "$W/$1.dtb,$G/lifecycle.elf"
}

# incarnations NAME MODE N: N boots, each with its image as built and its
# RAM scrubbed; the free memory after each teardown is the boot-time one.
incarnations() {
    local up ok scrub before bad=
    up=$(count "(d1) LIFECYCLE-UP $2")
    ok=$(count "(d1) lifecycle: image as built")
    scrub=$(count "(d1) lifecycle: RAM scrubbed")
    before=$(sed -n 's/^(XEN) d1: \([0-9]*\) KiB free before it is built$/\1/p' "$QEMU_LOG" | head -1)
    sed -n 's/^(XEN) d1: \([0-9]*\) KiB free after its teardown$/\1/p' "$QEMU_LOG" |
        grep -qvx -- "${before:-none}" && bad=1
    if [ "$up" = "$3" ] && [ "$ok" = "$3" ] && [ "$scrub" = "$3" ] &&
        [ -n "$before" ] && [ -z "$bad" ] &&
        ! grep -qE 'NOT SCRUBBED|image CHANGED' "$QEMU_LOG"; then
        pass "$1"
    else
        fail "$1" "$up boots ($3 expected), $ok as built, $scrub scrubbed, memory ${bad:+not }back; see $QEMU_LOG"
    fi
}

run reboot reboot ""
expect_lines x86-lifecycle/reset-register-restarts \
    "(XEN) d1: asked for a reset" "(XEN) d1: on reboot: restart (restart 5)" \
    "(XEN) d1: dom1 restarted" "$LOOP" "${STOP[@]}"
incarnations x86-lifecycle/reboot-image-as-built-ram-scrubbed-memory-back reboot 6

run crash crash 'hyperlaunch,on-crash = "restart";'
expect_lines x86-lifecycle/triple-fault-restarts \
    "(XEN) d1: on crash: restart (restart 5)" "$LOOP" "${STOP[@]}"
incarnations x86-lifecycle/crash-image-as-built-ram-scrubbed-memory-back crash 6

run crash-default crash ""
expect_lines x86-lifecycle/crash-destroys-by-default \
    "(XEN) d1: on crash: destroy; the domain stays down" "${STOP[@]}"

# The IB700 watchdog (hyperlaunch,watchdog): armed for 2 s and left to
# expire, the domain is restarted by its default on-watchdog policy.
hl_dts "$(dom 1 1 hang 1 hyperlaunch,watchdog\;)" > "$W/watchdog.dts"
dtc -q -I dts -O dtb -o "$W/watchdog.dtb" "$W/watchdog.dts"
MARK=("(XEN) d1: on watchdog: restart (restart 2)")
qemu_run_until x86-lifecycle/watchdog 60 MARK "${QEMU[@]}" -kernel "$XEN" \
    -initrd "$W/watchdog.dtb,$G/lifecycle.elf"
QEMU_RC=0 expect_lines x86-lifecycle/ib700-watchdog-restarts \
    "(d1) lifecycle: watchdog armed for 2 s; hanging" \
    "(XEN) d1: watchdog expired" "(XEN) d1: on watchdog: restart (restart 1)" \
    "(XEN) d1: dom1 restarted" "${MARK[@]}"

# Its ports: 16- and 32-bit writes ignored, reads all ones, a stop holds;
# the reset control register takes byte writes only;
# a domain without hyperlaunch,watchdog has no such ports at all.
sed -e 's/bootargs = "hang"/bootargs = "wdt-probe"/' "$W/watchdog.dts" > "$W/wdt-probe.dts"
sed -i 's/^\t\tdom1 {/\t\tdom2 {\n\t\t\tcompatible = "xen,domain";\n\t\t\tdomid = <2>;\n\t\t\tmemory = <0 0x4000>;\n\t\t\tkernel {\n\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n\t\t\t\tmodule-index = <1>;\n\t\t\t\tbootargs = "wdt-probe";\n\t\t\t};\n\t\t};\n&/' "$W/wdt-probe.dts"
dtc -q -I dts -O dtb -o "$W/wdt-probe.dtb" "$W/wdt-probe.dts"
MARK=("never")
qemu_run_until x86-lifecycle/wdt-probe 12 MARK "${QEMU[@]}" -kernel "$XEN" \
    -initrd "$W/wdt-probe.dtb,$G/lifecycle.elf"
QEMU_RC=0 expect_lines x86-lifecycle/ib700-ports \
    "(d1) wdt: reads 0xff 0xffff 0xffffffff" "(d1) wdt: armed and stopped; spinning" \
    "(d1) wdt: reset control 0xa 0xffff 0xffffffff" \
    "(d2) wdt: reads 0xff 0xffff 0xffffffff" "(d2) wdt: armed and stopped; spinning"
reject_text x86-lifecycle/ib700-stopped-or-absent-never-expires "watchdog expired" &&
    reject_text x86-lifecycle/reset-control-wide-writes-ignored "asked for a reset"
