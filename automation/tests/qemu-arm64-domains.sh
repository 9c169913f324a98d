#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 scheduling and domain-building tests on a 2-CPU QEMU 'virt': 1, 2
# and 4 domains; SMP guests whose vCPUs start through PSCI CPU_ON (more
# vCPUs than host CPUs); hard affinity honoured; RAM beyond 3 GiB in a
# second bank; boot modules given back once copied; the guest's TLB
# invalidations (trapped for a domain of one vCPU) take effect.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/arm64/xen
G=$ROOT/build/arm64/guests
W=$TESTOUT/arm64-domains
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
mkdir -p "$W"

source "$ROOT/automation/tests/arm64-domain-lib.sh"

STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

# hello_lines N...: what hello prints in each of the domains N.
hello_lines() {
    local n
    HL=()
    for n in "$@"; do
        HL+=("(d$n) hello: bootargs=\"hello $n\"" "(d$n) HELLO-DONE"
             "(XEN) d$n: powered off")
    done
}

# Domains that never restart are handed their kernels in place.
export DOMAIN_EXTRA='hyperlaunch,on-reboot = "destroy";'
for n in 1 2 4; do
    config "domains-$n"
    for i in $(seq 1 $n); do
        domain hello 1 65536 "hello $i" >> "$W/$NAME.dtsi"
    done
    boot 3
    hello_lines $(seq 1 $n)
    expect_lines "arm64/$n-domain(s)" "${HL[@]}" "(XEN) 2 host CPUs up" \
        "(XEN) Boot modules: $((n * 1024)) KiB handed to their domains in place, 0 KiB copied and given back, 0 KiB kept for restarts" \
        "${STOP[@]}"
done

# One kernel module shared by two domains cannot be handed over: both get
# a copy, and its pages are given back.
config shared-module
domain hello 1 65536 "hello 1" >> "$W/$NAME.dtsi"
domain hello 1 65536 "hello 2" >> "$W/$NAME.dtsi"
sed -i 's/module@50200000/module@50100000/; s/reg = <0x50200000 /reg = <0x50100000 /' \
    "$W/$NAME.dtsi"
boot 3
hello_lines 1 2
expect_lines arm64/shared-module-copied "${HL[@]}" \
    "(XEN) Boot modules: 0 KiB handed to their domains in place, 1024 KiB copied and given back, 0 KiB kept for restarts" \
    "${STOP[@]}"
unset DOMAIN_EXTRA

# SMP guests: 4 vCPUs on 2 host CPUs, and 2 beside a single-vCPU hello.
for gic in 3 2; do
    config "smp-gicv$gic"
    domain smp 4 65536 "smp 1" >> "$W/$NAME.dtsi"
    domain smp 2 65536 "smp 2" >> "$W/$NAME.dtsi"
    domain hello 1 65536 "hello 3" >> "$W/$NAME.dtsi"
    boot $gic
    hello_lines 3
    expect_lines "arm64/smp-guests-gicv$gic" \
        "(d1) smp: cpu 0 up" "(d1) smp: cpu 1 up" "(d1) smp: cpu 2 up" \
        "(d1) smp: cpu 3 up" "(d1) SMP-DONE 4" "(d2) smp: cpu 1 up" \
        "(d2) SMP-DONE 2" "${HL[@]}" "${STOP[@]}"
done

# Hard affinity: every vCPU of d1 pinned to CPU 1, d2's vCPU 0 to CPU 0;
# the log says where each pinned vCPU ran.
config affinity
domain smp 2 65536 "smp pinned" 0:1 1:1 >> "$W/$NAME.dtsi"
domain hello 1 65536 "hello 2" 0:0 >> "$W/$NAME.dtsi"
domain hello 1 65536 "hello 3" >> "$W/$NAME.dtsi"
boot 3
hello_lines 2 3
expect_lines arm64/hard-affinity-honoured \
    "(XEN) d1: vCPU 0 hard affinity: host CPUs 0x2" \
    "(XEN) d1: vCPU 0 ran on host CPUs 0x2" \
    "(XEN) d1: vCPU 1 ran on host CPUs 0x2" \
    "(XEN) d2: vCPU 0 ran on host CPUs 0x1" \
    "(d1) SMP-DONE 2" "${HL[@]}" "${STOP[@]}"

# An affinity naming no host CPU that is up is refused before anything runs.
config affinity-bad
domain hello 1 65536 "hello 1" >> "$W/$NAME.dtsi"
domain hello 1 65536 "hello 2" 0:5 >> "$W/$NAME.dtsi"
boot 3
if grep -qF "(XEN) ERROR: /chosen/domU2/vcpu0: property 'hard-affinity': d2 vCPU 0: names no host CPU that is up (mask 0x20, up 0x3)" "$QEMU_LOG" &&
   grep -qF "no domain was started" "$QEMU_LOG" && ! grep -q '^(d1)' "$QEMU_LOG"; then
    pass arm64/affinity-without-cpu-refused
else
    fail arm64/affinity-without-cpu-refused "see $QEMU_LOG"
fi

# RAM beyond 3 GiB: 3.5 GiB in two banks, as Xen lays them out.
config ram1
domain hello 1 $((3584 * 1024)) "hello 1" >> "$W/$NAME.dtsi"
boot 3 4608
expect_lines arm64/ram-above-3gib \
    "(XEN) d1: RAM 0x40000000-0x100000000 (3145728 KiB), VMID 1" \
    "(XEN) d1: RAM 0x200000000-0x220000000 (524288 KiB)" \
    "(d1) hello: ram=3584 MiB" \
    "(d1) hello: last word of RAM (0x21ffffff8) kept" \
    "(d1) HELLO-DONE" "${STOP[@]}"

# TLB invalidations take effect: every EL1 TLBI form, in a domain of one
# vCPU (on QEMU virt trapped and done by the hypervisor on its host CPU)
# and in one of two vCPUs (not trapped), with the MMU on.
config tlbi
domain tlbi 1 65536 "1" >> "$W/$NAME.dtsi"
domain tlbi 2 65536 "2" >> "$W/$NAME.dtsi"
boot 3
expect_lines arm64/tlbi-forms-take-effect \
    "(XEN) p2m: QEMU virt: a domain of one vCPU invalidates its TLB entries on its host CPU only (a broadcast one stops every emulated CPU)" \
    "(d1) tlbi: vae1is ok" "(d1) tlbi: vale1is ok" "(d1) tlbi: vaae1is ok" \
    "(d1) tlbi: vaale1is ok" "(d1) tlbi: aside1is ok" "(d1) tlbi: vmalle1is ok" \
    "(d1) tlbi: vae1 ok" "(d1) tlbi: vmalle1 ok" \
    "(d1) tlbi: 24000 invalidations with random operands, then 12 of 12 forms took effect" \
    "(d1) TLBI-DONE 0" \
    "(d2) tlbi: vae1is ok" "(d2) tlbi: aside1is ok" "(d2) TLBI-DONE 0" "${STOP[@]}"

# FP/SIMD state follows each vCPU: two checkers share CPU 0 for a second.
config fpsimd
domain fpcheck 1 65536 "1" 0:0 >> "$W/$NAME.dtsi"
domain fpcheck 1 65536 "2" 0:0 >> "$W/$NAME.dtsi"
boot 3
expect_lines arm64/fpsimd-preserved "(d1) FP-OK" "(d2) FP-OK" "${STOP[@]}"

# Console input: typed lines reach the domain that has the input; CTRL-a
# three times moves it on (d1 -> d2 -> hypervisor -> d1).
config console-input
domain echo 1 65536 "echo 1" >> "$W/$NAME.dtsi"
domain echo 1 65536 "echo 2" >> "$W/$NAME.dtsi"
printf '\t};\n};\n' >> "$W/$NAME.dtsi"
"$MK" "$W/$NAME.dtb" "$W/$NAME.dtsi" 3
boot_typed "$W/console-input.log" 60 1024 \
    $'one\r\001\001\001two\roff\r\001\001\001q\001\001\001off\r'
expect_lines arm64/console-input-switch \
    "(XEN) *** Serial input to d1 (type 'CTRL-a' three times to switch input)" \
    "(d1) echo: one" \
    "(XEN) *** Serial input to d2 (type 'CTRL-a' three times to switch input)" \
    "(d2) echo: two" "(d2) echo: off" "(XEN) d2: powered off" \
    "(XEN) *** Serial input to the hypervisor (type 'CTRL-a' three times to switch input; 'h' for help)" \
    "(XEN) d1 (domU1): running, 1 of 1 vCPUs online" \
    "(d1) echo: off" "${STOP[@]}" &&
    if grep -qE '^\(XEN\) d2 \(domU2\): (running|powered off)' "$QEMU_LOG"; then
        pass arm64/console-hypervisor-lists-domains
    else
        fail arm64/console-hypervisor-lists-domains "no d2 line; see $QEMU_LOG"
    fi

# QEMU's guest-loader device: no -dtb; QEMU writes the Dom0 module node
# into its own DT and -append becomes /chosen/bootargs, which is the
# hypervisor's command line here (dom0_mem=), as Xen reads it.
qemu_run arm64-domains/guest-loader 60 qemu-system-aarch64 -cpu cortex-a57 \
    -smp 2 -m 1024 -nographic -monitor none -serial stdio -nic none \
    -M virt,virtualization=on,gic-version=3 -kernel "$XEN" \
    -append "dom0_mem=128M" \
    -device "guest-loader,addr=0x50000000,kernel=$G/hello.img,bootargs=hello dom0"
# Dom0 is the hardware domain: its RAM is direct-mapped, wherever free.
grep -qE '^\(XEN\) d0: RAM 0x[0-9a-f]+-0x[0-9a-f]+ \(131072 KiB\), VMID 1$' \
    "$TESTOUT/arm64-domains/guest-loader.log" &&
    pass arm64/qemu-guest-loader-dom0-ram ||
    fail arm64/qemu-guest-loader-dom0-ram "no 128 MiB RAM line for d0"
expect_lines arm64/qemu-guest-loader-dom0 \
    "(d0) hello: bootargs=\"hello dom0\"" "(d0) hello: ram=128 MiB" \
    "(d0) HELLO-DONE" "${STOP[@]}"
