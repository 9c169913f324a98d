#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 interrupt delivery (issue 10): the x2APIC each vCPU sees, its
# timer in the three modes with HLT blocking between interrupts, self
# IPIs, TPR, INIT-SIPI-SIPI starting vCPU1 in real mode and IPIs between
# two vCPUs; a guest spinning with interrupts masked beside them; and a
# hostile one abusing the APIC MSRs.  Every line asserted is exact.
# XEN=... runs another hypervisor image (to show a test failing).
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-platform-irq
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -display none
      -serial stdio -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=4)
STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

source "$ROOT/automation/tests/x86-domain-lib.sh"

REGS=("(d1) lapic: id 0, version 50014, ldr 1, base fee00d00"
      "(d1) lapic: cpuid x2apic 1 tsc-deadline 1 apic 1 arat 1 initial-id 0 x2apic-id 0"
      "(d1) lapic: self-ipi pending 1" "(d1) lapic: self-ipis taken 1 1 1"
      "(d1) lapic: tpr 60 holds 53: taken 0, ppr 60" "(d1) lapic: tpr 0: taken 1"
      "(d1) lapic: order 70 58" "(d1) lapic: done" "(XEN) d1: powered off")
TIMER=("(d2) lapic: one-shot armed, counting 1"
       "(d2) lapic: one-shot fired 1, halted 1, count 0"
       "(d2) lapic: periodic: 5 ticks 1, halted 1" "(d2) lapic: done"
       "(XEN) d2: powered off")
TSC=("(d3) lapic: tsc-deadline armed 1, initial count 0"
     "(d3) lapic: tsc-deadline fired 1, not early 1, halted 1, msr 0"
     "(d3) lapic: done" "(XEN) d3: powered off")

# (a), (b), (c): registers and self IPIs, the timer, the TSC deadline:
# three one-vCPU domains on one host CPU, then on two.
for smp in 1 2; do
    if boot_args "lapic-smp$smp" "$(dom 1 1 regs)$(dom 2 1 timer)$(dom 3 1 tsc)" \
        "$G/lapic.elf"; then
        qemu_run "x86-platform-irq/lapic-smp$smp" 60 "${QEMU[@]}" -smp $smp \
            -kernel "$XEN" -initrd "$INITRD"
        expect_lines "x86-platform-irq/regs-smp$smp" "${REGS[@]}"
        expect_lines "x86-platform-irq/timer-smp$smp" "${TIMER[@]}"
        expect_lines "x86-platform-irq/tsc-deadline-smp$smp" "${TSC[@]}" "${STOP[@]}"
    fi
done

# (c), (d): INIT-SIPI-SIPI starts vCPU1 at a real-mode trampoline that
# reaches protected mode; an IPI each way.  Both vCPUs on one host CPU,
# then on two.
SMP=("(XEN) d1: vCPU 1 started at 0x800:0000 (SIPI)"
     "(d1) lapic: vCPU1 up in protected mode, APIC ID 1"
     "(d1) lapic: vCPU0 got IPI 60 from vCPU1" "(d1) lapic: vCPU1 got IPI 61"
     "(d1) lapic: smp done" "(d1) lapic: done" "(XEN) d1: powered off")
for smp in 1 2; do
    if boot_args "sipi-smp$smp" "$(dom 1 1 smp 2)" "$G/lapic.elf"; then
        qemu_run "x86-platform-irq/sipi-smp$smp" 60 "${QEMU[@]}" -smp $smp \
            -kernel "$XEN" -initrd "$INITRD"
        expect_lines "x86-platform-irq/init-sipi-ipis-smp$smp" "${SMP[@]}" "${STOP[@]}"
    fi
done

# (e) d2 spins with interrupts masked (cli; jmp .) beside a timer domain
# and a two-vCPU one: the host timer still preempts it and they finish
# (stopped once they have).  One host CPU, then two.
CLI=("(d2) hostile: cli; jmp ."
     "(d1) lapic: one-shot fired 1, halted 1, count 0"
     "(d1) lapic: periodic: 5 ticks 1, halted 1"
     "(d1) lapic: tsc-deadline fired 1, not early 1, halted 1, msr 0"
     "(d1) lapic: done" "(XEN) d1: powered off"
     "(d3) lapic: vCPU1 up in protected mode, APIC ID 1"
     "(d3) lapic: vCPU0 got IPI 60 from vCPU1" "(d3) lapic: vCPU1 got IPI 61"
     "(d3) lapic: smp done" "(XEN) d3: powered off")
for smp in 1 2; do
    if boot_args "cli-smp$smp" "$(dom 1 1 'timer tsc')$(dom 2 2 cli)$(dom 3 1 smp 2)" \
        "$G/lapic.elf" "$G/hostile.elf"; then
        qemu_run_until "x86-platform-irq/cli-smp$smp" 90 CLI "${QEMU[@]}" -smp $smp \
            -kernel "$XEN" -initrd "$INITRD"
        if [ "$QEMU_RC" = 0 ]; then
            pass "x86-platform-irq/masked-spinner-preempted-smp$smp"
            reject_text "x86-platform-irq/masked-spinner-not-crashed-smp$smp" "domain crashed"
        else
            fail "x86-platform-irq/masked-spinner-preempted-smp$smp" \
                "not every line came (see $QEMU_LOG)"
        fi
    fi
done

# (f) hostile: the x2APIC registers that are read-only, write-only or
# reserved, values with reserved bits (#GP each, caught and printed);
# IPIs to nobody and in modes not offered (dropped, the unsupported ones
# logged once each); the errors the ESR latched; IPI storms.  The halt
# and hello domains beside it finish.
HOSTILE=()
for r in 802 803 80a 80d 810 818 820 839; do
    HOSTILE+=("(d2) hostile: wrmsr $r <- 0: #GP")
done
for r in 80b 83f 831 80e; do
    HOSTILE+=("(d2) hostile: rdmsr $r: #GP")
done
for w in "8ff <- 0: #GP" "80b <- 1: #GP" "828 <- 1: #GP" "808 <- 100: #GP" \
    "80f <- 11ff: #GP" "832 <- 60040: #GP" "838 <- 100000000: #GP" \
    "83f <- 140: #GP" "830 <- 1040: #GP" "1b <- fee00d00: ok" \
    "1b <- fee00900: #GP" "1b <- fee00500: #GP" "830 <- 6300000040: ok" \
    "830 <- 8000000840: ok" "830 <- 240: ok" "830 <- 340: ok" "830 <- 440: ok" \
    "830 <- 740: ok" "830 <- 140: ok" "830 <- 5: ok" "830 <- 4500: ok" \
    "830 <- 700004608: ok" "828 <- 0: ok"; do
    HOSTILE+=("(d2) hostile: wrmsr $w")
done
for m in 2 3 4 7; do
    HOSTILE+=("(XEN) d2: IPI with delivery mode $m (ICR 0x${m}40): dropped")
done
HOSTILE+=("(d2) hostile: rdmsr 828: 30"
          "(d2) hostile: ipi storm with interrupts off: taken 1"
          "(d2) hostile: ipi storm with interrupts on: taken 1"
          "(d2) hostile: done" "(XEN) d2: powered off"
          "(d1) halt: back from 1000 halts" "(XEN) d1: powered off"
          "(d3) HELLO-DONE" "(XEN) d3: powered off")
if boot_args hostile "$(dom 1 1 sti)$(dom 2 2 ipi)$(dom 3 3 good)" \
    "$G/halt.elf" "$G/hostile.elf" "$G/hello.elf"; then
    qemu_run x86-platform-irq/hostile 90 "${QEMU[@]}" -smp 2 -kernel "$XEN" -initrd "$INITRD"
    expect_lines x86-platform-irq/hostile-apic "${HOSTILE[@]}" "${STOP[@]}" &&
        reject_text x86-platform-irq/hostile-apic-nothing-crashed "domain crashed"
fi
