#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 local APIC in xAPIC mode (the MMIO page at 0xfee00000, each access
# a nested page fault whose MOV the hypervisor decodes): the IA32_APIC_BASE
# transitions, the registers, the timer, IPIs and INIT-SIPI between two
# vCPUs, the MOV encodings of 32-bit, PAE and 64-bit code; then what cannot
# be emulated, each crashing only its own domain with one line, and random
# registers and values from two vCPUs at once.  The xapic guest is
# automation/guests/x86_64/xapic.c.  XEN=... runs another image.
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-xapic
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -display none
      -serial stdio -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=4)
STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

source "$ROOT/automation/tests/x86-domain-lib.sh"

# (a) d1: modes, registers, encodings, timer, paging, odd offsets, back to
# x2APIC; d2: INIT-SIPI and IPIs from xAPIC mode; d3 (x2APIC) beside them.
MODES=()
for w in "fee00900: #GP" "fee00500: #GP" "fed00d00: #GP" "fee00c00: #GP" \
    "fee00100: ok" "fee00d00: #GP" "fee00500: #GP" "fee00900: ok" \
    "fec00900: #GP" "fee00900: ok"; do
    MODES+=("(d1) xapic: wrmsr 1b <- $w")
done
MODES+=("(d1) xapic: base fee00d00" "(d1) xapic: base fee00100"
        "(d1) xapic: base fee00900" "(d1) xapic: rdmsr 803: #GP")
REGS=("(d1) xapic: id 0 version 50014 ldr 0 dfr ffffffff svr 1ff"
      "(d1) xapic: svr 1ff tpr 20 ppr 20"
      "(d1) xapic: ldr 1000000 dfr fffffff"
      "(d1) xapic: ldr ff000000 dfr ffffffff"
      "(d1) xapic: esr after vector 5: 20" "(d1) xapic: esr 0"
      "(d1) xapic: self ipi pending 1 icr 40050"
      "(d1) xapic: icr2 0 pending 1" "(d1) xapic: taken 1 1, isr 0, ppr 0"
      "(d1) xapic: tpr 60 holds 53: taken 0 ppr 60"
      "(d1) xapic: tpr 0: taken 1 isr 0"
      "(d1) xapic: one-shot armed 200000, counting 1"
      "(d1) xapic: one-shot fired 1, halted 1, count 0"
      "(d1) xapic: periodic 5 ticks 1, lvt 30041")
for m in flat pse pae; do
    REGS+=("(d1) xapic: $m reads 50014 50014 50014 50014 50014, imm32 tpr 40"
           "(d1) xapic: $m writes: tpr 10" "(d1) xapic: $m self ipi taken 1")
done
REGS+=("(d1) xapic: long rip 50014, rip imm32 tpr 30, sib r15 30, r12 50014, r13 r10 tpr 50, r8 r11 r14 ldr 4000000, moffs64 50014, gs 50014"
       "(d1) xapic: odd reads 0 0 0 0, tpr 20 svr 1ff"
       "(d1) xapic: wrmsr 1b <- fee00d00: ok" "(d1) xapic: rdmsr 803: 50014"
       "(d1) xapic: rdmsr 802: 0" "(d1) xapic: wrmsr 1b <- fee00100: ok"
       "(d1) xapic: rdmsr 803: #GP" "(d1) xapic: wrmsr 1b <- fee00900: ok"
       "(d1) xapic: back in xapic: version 50014 svr ff"
       "(d1) xapic: done" "(XEN) d1: powered off")
SMP=("(XEN) d2: vCPU 1 started at 0x800:0000 (SIPI)"
     "(d2) xapic: vCPU1 base fee00c00" "(d2) xapic: vCPU1 id 1000000 ldr 2000000"
     "(d2) xapic: vCPU0 got physical 1, all-but-self 1"
     "(d2) xapic: vCPU1 got physical 1 flat 1, not 0"
     "(d2) xapic: vCPU1 got cluster 1, not 0" "(d2) xapic: vCPU0 cluster self 1"
     "(d2) xapic: done" "(XEN) d2: powered off")
NEIGHBOUR=("(d3) lapic: periodic: 5 ticks 1, halted 1" "(d3) lapic: done"
           "(XEN) d3: powered off")
for smp in 1 2; do
    if boot_args "xapic-smp$smp" \
        "$(dom 1 1 'modes regs enc timer paging odd back')$(dom 2 1 smp 2)$(dom 3 2 timer)" \
        "$G/xapic.elf" "$G/lapic.elf"; then
        qemu_run "x86-xapic/xapic-smp$smp" 60 "${QEMU[@]}" -smp $smp \
            -kernel "$XEN" -initrd "$INITRD"
        expect_lines "x86-xapic/modes-smp$smp" "${MODES[@]}"
        expect_lines "x86-xapic/regs-timer-encodings-smp$smp" "${REGS[@]}"
        expect_lines "x86-xapic/init-sipi-ipis-smp$smp" "${SMP[@]}"
        expect_lines "x86-xapic/x2apic-neighbour-smp$smp" "${NEIGHBOUR[@]}" "${STOP[@]}" &&
            reject_text "x86-xapic/nothing-crashed-smp$smp" "domain crashed"
    fi
done

# (b) d1-d10: one access each that cannot be emulated; d11 (x2APIC timer)
# and d12 (xAPIC, two vCPUs) beside them finish.  The crash line names
# the address; the RIP varies with the build.
BAD=(bad-byte bad-movs bad-add bad-push bad-0x22 bad-mov64 bad-walk bad-fetch
     mmio-x2apic mmio-off)
WHY=("local APIC access at 0xfee00030 by an instruction not emulated"
     "local APIC access at 0xfee00000 by an instruction not emulated"
     "local APIC access at 0xfee00080 by an instruction not emulated"
     "local APIC access at 0xfee00030 by an instruction not emulated"
     "local APIC access at 0xfee00022 not 4-byte aligned"
     "local APIC access at 0xfee00030 by an instruction not emulated"
     "write at guest physical 0xfee00030 outside its RAM"
     "(instruction fetch at guest physical|local APIC access at) 0xfee00000 (outside its RAM|by an instruction not emulated)"
     "read at guest physical 0xfee00030 outside its RAM"
     "read at guest physical 0xfee00030 outside its RAM")
nodes=
for i in "${!BAD[@]}"; do
    nodes+=$(dom $((i + 1)) 1 "odd ${BAD[$i]}")
done
OTHERS=("(d11) lapic: periodic: 5 ticks 1, halted 1" "(d11) lapic: done"
        "(XEN) d11: powered off" "(d12) xapic: vCPU0 cluster self 1"
        "(d12) xapic: tpr 0: taken 1 isr 0" "(d12) xapic: done"
        "(XEN) d12: powered off")
if boot_args hostile "$nodes$(dom 11 2 timer)$(dom 12 1 'regs smp' 2)" \
    "$G/xapic.elf" "$G/lapic.elf"; then
    qemu_run x86-xapic/hostile 60 "${QEMU[@]}" -smp 2 -kernel "$XEN" -initrd "$INITRD"
    expect_lines x86-xapic/hostile-neighbours-finish "${OTHERS[@]}" "${STOP[@]}"
    for i in "${!BAD[@]}"; do
        d=$((i + 1)) name=x86-xapic/hostile-${BAD[$i]}
        n=$(grep -c "^(XEN) d$d: .*domain crashed$" "$QEMU_LOG")
        if ! has_line "(d$d) xapic: ${BAD[$i]} next" "$QEMU_LOG"; then
            fail "$name" "did not get to it (see $QEMU_LOG)"
        elif grep -q "^(d$d) xapic: ${BAD[$i]} survived" "$QEMU_LOG"; then
            fail "$name" "emulated: $(grep "^(d$d) xapic: ${BAD[$i]} survived" "$QEMU_LOG")"
        elif [ "$n" != 1 ] || ! grep -qE "^\(XEN\) d$d: ${WHY[$i]} \(rip 0x[0-9a-f]+\); domain crashed$" "$QEMU_LOG"; then
            fail "$name" "no or not one crash line: $(grep "^(XEN) d$d: " "$QEMU_LOG" | tail -2 | tr '\n' ' ')"
        else
            pass "$name"
        fi
    done
fi

# (c) two vCPUs each hit random 4-byte aligned registers with random values
# (interrupts off), in two domains beside an x2APIC one; then d3 goes back
# to x2APIC mode.  No hypervisor trap, nothing crashed.
RAND_LINES=("(d1) xapic: random: 100000 accesses on each vCPU, vCPU1 done 1"
        "(d1) xapic: after random: version 50014" "(XEN) d1: powered off"
        "(d3) xapic: random: 100000 accesses on each vCPU, vCPU1 done 1"
        "(d3) xapic: back in xapic: version 50014 svr ff" "(XEN) d3: powered off"
        "(d2) lapic: done" "(XEN) d2: powered off")
if boot_args random "$(dom 1 1 random 2)$(dom 2 2 timer)$(dom 3 1 'random back' 2)" \
    "$G/xapic.elf" "$G/lapic.elf"; then
    qemu_run x86-xapic/random 60 "${QEMU[@]}" -smp 2 -kernel "$XEN" -initrd "$INITRD"
    expect_lines x86-xapic/random-two-vcpus "${RAND_LINES[@]}" "${STOP[@]}" &&
        reject_text x86-xapic/random-nothing-crashed "domain crashed"
fi
