#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 domain isolation in time and memory, on a 2-CPU QEMU 'virt':
# a vCPU woken by its timer runs within a slice however many vCPUs spin
# elsewhere; a domain whose every vCPU called PSCI CPU_OFF is powered off;
# guest RAM holds nothing the loader or the hypervisor left there, is
# mapped at first use and comes back whole at teardown; console input and
# 'q' keep working while domains end under them; a host GIC guests cannot
# use, or a module outside RAM, starts nothing.
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/arm64/xen}
G=$ROOT/build/arm64/guests
W=$TESTOUT/arm64-isolation
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
mkdir -p "$W"

source "$ROOT/automation/tests/arm64-domain-lib.sh"

QEMU=(qemu-system-aarch64 -cpu cortex-a57 -smp 2 -nographic -monitor none
      -serial stdio -nic none -M virt,virtualization=on,gic-version=3)
STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

# A ticker waking every 20 ms beside 8 vCPUs that never stop spinning:
# each wake-up must find a host CPU within one 10 ms slice.  Some may be
# later when the host itself deschedules QEMU (a shared machine: 6 in 100
# with a busy loop on one of two host cores); the round-robin this
# replaced was a slice late 75 times in 100, 40 ms at worst, so 20 are
# allowed.
config ticker
{ domain ticker 1 65536 d1; domain spinall 8 65536 d2; } >> "$W/$NAME.dtsi"
finish
MARK=("(d1) TICKER-DONE")
qemu_run_until arm64-isolation/ticker 120 MARK "${QEMU[@]}" -m 1024 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}"
late=$(sed -n 's/^(d1) ticker: 100 ticks, the latest \([0-9]*\) ms late$/\1/p' "$QEMU_LOG")
slices=$(sed -n 's/^(d1) ticker: late by 2 ms or more [0-9]* times, 5 ms [0-9]*, 10 ms \([0-9]*\)$/\1/p' "$QEMU_LOG")
if [ "$QEMU_RC" != 0 ] || [ -z "$late" ] || [ -z "$slices" ]; then
    fail arm64/woken-vcpu-runs-within-a-slice "no ticker result; see $QEMU_LOG"
elif grep -q "SPINALL 8" "$QEMU_LOG" && [ "$slices" -le 20 ]; then
    pass arm64/woken-vcpu-runs-within-a-slice
    echo "    ($slices of 100 timer wake-ups a slice late, the latest ${late} ms)"
else
    fail arm64/woken-vcpu-runs-within-a-slice \
        "$slices of 100 wake-ups 10 ms or more late (20 allowed), the latest $late ms; see $QEMU_LOG"
fi

# Every vCPU off through PSCI CPU_OFF: the domain is powered off, the host
# stops once the other domain is done.
config cpuoff
{ domain cpuoff 4 65536 d1; domain hello 1 65536 d2; } >> "$W/$NAME.dtsi"
finish
qemu_run arm64-isolation/cpuoff 60 "${QEMU[@]}" -m 1024 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}"
expect_lines arm64/all-vcpus-off-is-power-off \
    "(d1) cpuoff: 3 other vCPUs off, the last one goes" \
    "(XEN) d1: every vCPU is off: powered off" "(d2) HELLO-DONE" "${STOP[@]}" &&
    reject_text arm64/cpu-off-really-stops "still running after CPU_OFF"

# A marker the loader left in free RAM (not a boot module) and a domain
# given most of the host's RAM: it must find only zeros there.
config ramscan
domain ramscan 1 $((640 * 1024)) d1 >> "$W/$NAME.dtsi"
finish
python3 -c "import sys; sys.stdout.buffer.write(b'HL-SECRET-LEAK!!' * 4096)" \
    > "$W/secret.bin"
SECRETS=()
for a in 0x44000000 0x4c000000 0x56000000 0x5e000000 0x66000000 0x6e000000; do
    SECRETS+=(-device "loader,file=$W/secret.bin,addr=$a,force-raw=on")
done
qemu_run arm64-isolation/ramscan 120 "${QEMU[@]}" -m 1024 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}" "${SECRETS[@]}"
expect_lines arm64/guest-ram-scrubbed "(d1) RAMSCAN-CLEAN" "${STOP[@]}"

# Console input and the 'q' listing while domains end one after another:
# the domain being typed to goes away under the input (the lifetime rule).
config input-race
for i in 1 2 3 4 5 6; do domain hello 1 32768 "d$i"; done >> "$W/$NAME.dtsi"
finish
{
    for i in $(seq 1 400); do
        printf 'typed\r'
        [ $((i % 25)) = 0 ] && printf '\001\001\001q'
    done
} > "$W/input.txt"
qemu_lock
timeout 60 "${QEMU[@]}" -m 1024 -kernel "$XEN" -dtb "$W/$NAME.dtb" \
    "${LOADERS[@]}" < "$W/input.txt" > "$W/input-race.log" 2>&1
QEMU_RC=$? QEMU_LOG=$W/input-race.log
sed -i 's/\r$//' "$QEMU_LOG"
expect_lines arm64/input-while-domains-end "(d6) HELLO-DONE" "${STOP[@]}"

# A host GIC guests cannot use: one line naming the node and property,
# nothing started (before, the first guest entry faulted at EL2).
gic_refused() {
    local name=$1 gic=$2 want=$3
    shift 3
    config "$name"
    domain hello 1 32768 d1 >> "$W/$NAME.dtsi"
    finish "$gic"
    fdtput -t x "$W/$NAME.dtb" /intc@8000000 reg "$@" ||
        { fail "arm64/$name" "fdtput failed"; return; }
    qemu_run "arm64-isolation/$name" 60 qemu-system-aarch64 -cpu cortex-a57 \
        -smp 2 -m 1024 -nographic -monitor none -serial stdio -nic none \
        -M "virt,virtualization=on,gic-version=$gic" -kernel "$XEN" \
        -dtb "$W/$NAME.dtb" "${LOADERS[@]}"
    expect_lines "arm64/$name" "$want" \
        "(XEN) Hyperlaunch: no usable interrupt controller; no domain was started" \
        "(XEN) Powering off (boot failed)" &&
        reject_text "arm64/$name-runs-nothing" "(d1) "
}
gic_refused gicv2-without-gich-gicv 2 \
    "(XEN) ERROR: /intc@8000000: property 'reg': no GICH and GICV frames (entries 2 and 3), no virtualisation extensions; guests need a virtual GIC" \
    0 0x8000000 0 0x10000 0 0x8010000 0 0x10000
gic_refused gicv2-small-gicv 2 \
    "(XEN) ERROR: /intc@8000000: property 'reg': GICH under 4 KiB or GICV under the 8 KiB of a guest's GICC; guests need a virtual GIC" \
    0 0x8000000 0 0x10000 0 0x8010000 0 0x10000 \
    0 0x8030000 0 0x10000 0 0x8040000 0 0x1000
gic_refused gicv3-no-redistributor 3 \
    "(XEN) ERROR: /intc@8000000: GICv3 at 0x8000000 unusable (-19); guests need a virtual GIC" \
    0 0x8000000 0 0x10000 0 0x80a0000 0 0x1000

# A module 'reg' over the GIC (not RAM): refused in the check phase, so it
# is never mapped into the guest as normal memory.
config module-over-gic
domain hello 1 32768 d1 >> "$W/$NAME.dtsi"
sed -i 's/reg = <0x50100000 0x100000>/reg = <0x8000000 0x10000>/' "$W/$NAME.dtsi"
finish
qemu_run arm64-isolation/module-over-gic 60 "${QEMU[@]}" -m 1024 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb"
expect_lines arm64/module-not-in-ram-refused \
    "(XEN) ERROR: /chosen/domU1/module@50100000: property 'reg': [0x8000000, 0x8010000) is not in RAM (the host's memory map holds no such range)" \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" &&
    reject_text arm64/module-not-in-ram-runs-nothing "(d1) "

# RAM mapped at first use: four vCPUs touch the same fresh 2 MiB pieces at
# once; afterwards every page is back (what was free before the build,
# plus the boot modules the domains were given).
config lazy-ram
{ domain lazytouch 4 131072 d1; domain hello 1 65536 d2; } >> "$W/$NAME.dtsi"
finish
qemu_run arm64-isolation/lazy-ram 60 "${QEMU[@]}" -m 1024 \
    -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}"
expect_lines arm64/first-touch-from-four-vcpus \
    "(d1) lazytouch: 4 vCPUs wrote into 8 fresh pieces, 0 words wrong" \
    "(d1) LAZYTOUCH-OK" "(d2) HELLO-DONE" "${STOP[@]}"
before=$(sed -n 's/^(XEN) Memory: \([0-9]*\) KiB free before the domains are built$/\1/p' "$QEMU_LOG")
after=$(sed -n 's/^(XEN) Memory: \([0-9]*\) KiB free after every domain was torn down$/\1/p' "$QEMU_LOG")
mods=$(sed -n 's/^(XEN) Boot modules: \([0-9]*\) KiB handed to their domains in place, \([0-9]*\) KiB copied and given back, [0-9]* KiB kept for restarts$/\1 + \2/p' "$QEMU_LOG")
if [ -n "$before" ] && [ -n "$after" ] && [ -n "$mods" ] &&
   [ "$after" = $((before + mods)) ]; then
    pass arm64/teardown-returns-every-page
else
    fail arm64/teardown-returns-every-page \
        "free before ${before:-?} KiB + modules ${mods:-?} != after ${after:-?} KiB; see $QEMU_LOG"
fi
