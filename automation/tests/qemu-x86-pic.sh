#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 legacy interrupts (docs/misc/x86/platform.md): the 8259 pair
# delivering through vCPU0's LINT0 in ExtINT mode.  (a) PIT channel 0
# raises IRQ 0 in modes 2, 3 and 0 at the programmed rate while the vCPU
# halts between ticks; IMR, a missing EOI, LINT0's mask, TPR, the order
# against a fixed vector, auto-EOI, the ELCR.  (b) the 16550 raises IRQ 4
# for THR empty (edge, and level as the ELCR selects) and, while its vCPU
# halts, for console input fed to QEMU.
# Each beside a neighbour that must finish, on one host CPU and on two.
# XEN=... runs another hypervisor image (to show a test failing).
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-pic
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -display none
      -serial stdio -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=4)
STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")
HELLO=("(d2) HELLO-DONE" "(XEN) d2: powered off")

source "$ROOT/automation/tests/x86-domain-lib.sh"

PIT=("(d1) pic: pit mode 2: 100 Hz 1, halted 1" "(d1) pic: pit mode 3: 100 Hz 1"
     "(d1) pic: IMR: 0 ticks masked, IRR 1; unmasked: ticking 1"
     "(d1) pic: LINT0 masked: 0 ticks; unmasked: ticking 1"
     "(d1) pic: no EOI: 1 tick, ISR 1; specific EOI: ISR 0, ticking 1"
     "(d1) pic: TPR f0: ticking 1" "(d1) pic: ExtINT then fixed: 20 50"
     "(d1) pic: pit mode 0: 1 tick in 100 ms, 1 after a new count"
     "(d1) pic: auto-EOI: ticking 1, ISR 0" "(d1) pic: ELCR 20 e"
     "(d1) pic: done" "(XEN) d1: powered off")
for smp in 1 2; do
    if boot_args "pit-smp$smp" "$(dom 1 1 pit)$(dom 2 2 good)" \
        "$G/pic.elf" "$G/hello.elf"; then
        qemu_run "x86-pic/pit-smp$smp" 90 "${QEMU[@]}" -smp $smp \
            -kernel "$XEN" -initrd "$INITRD"
        expect_lines "x86-pic/pit-irq0-smp$smp" "${PIT[@]}" "${HELLO[@]}" \
            "${STOP[@]}" &&
            reject_text "x86-pic/pit-nothing-crashed-smp$smp" "domain crashed"
    fi
done

# qemu_run_input NAME TIMEOUT MARKER INPUT CMD...: qemu_run, with INPUT
# typed on QEMU's serial (its stdin, a FIFO) once MARKER is a line of the log.
qemu_run_input() {
    local name=$1 secs=$2 marker=$3 input=$4 qpid i
    shift 4
    QEMU_LOG=$TESTOUT/$name.log
    rm -f "$W/stdin"
    mkfifo "$W/stdin" || return 1
    qemu_lock
    exec 8<> "$W/stdin"
    : > "$QEMU_LOG" # before the first look for the marker
    timeout "$secs" "$@" <&8 > "$QEMU_LOG" 2>&1 &
    qpid=$!
    for ((i = 0; i < secs * 5; i++)); do
        sed 's/\r$//' "$QEMU_LOG" | grep -qxF -- "$marker" && break
        kill -0 $qpid 2>/dev/null || break
        sleep 0.2
    done
    sleep 0.5 # the vCPU is halted by now: the input must wake it
    printf '%s' "$input" >&8
    wait $qpid
    QEMU_RC=$?
    exec 8>&-
    rm -f "$W/stdin"
    sed -i 's/\r$//' "$QEMU_LOG"
}

UART=("(d1) pic: uart: THRE irq on IER write 1, IIR 2 then 1, irqs after a THR write 2; THRE test IIR 2 2"
      "(d1) pic: uart: poll 84, IRR after it: edge 0, level 10 (poll 84)"
      "(d1) pic: uart: input irq 1, IIR 4, read 'xyz'"
      "(d1) pic: done" "(XEN) d1: powered off")
for smp in 1 2; do
    if boot_args "uart-smp$smp" "$(dom 1 1 uart)$(dom 2 2 good)" \
        "$G/pic.elf" "$G/hello.elf"; then
        qemu_run_input "x86-pic/uart-smp$smp" 60 \
            "(d1) pic: uart: waiting for input" xyz "${QEMU[@]}" -smp $smp \
            -kernel "$XEN" -initrd "$INITRD"
        expect_lines "x86-pic/uart-irq4-smp$smp" "(XEN) *** Serial input to d1 (type 'CTRL-a' three times to switch input)" \
            "${UART[@]}" "${HELLO[@]}" "${STOP[@]}" &&
            reject_text "x86-pic/uart-nothing-crashed-smp$smp" "domain crashed"
    fi
done
