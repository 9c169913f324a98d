#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 hostile guests (issue 9): each abuses one interface beside
# well-behaved domains that must finish.  The hostile one is either
# answered as absent hardware (it catches the #GP or #UD and says so) or
# crashed with exactly one "(XEN) d2: ..." line; nothing panics or hangs.
# Then the leak test: a domain's secret in RAM, x87, XMM0-15, YMM and
# DR0-DR3 is not seen by another on the same host CPU, beside or after.
# XEN=... runs another hypervisor image (to show a test failing).
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/x86_64/xen}
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-hostile
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -smp 1 -display none
      -serial stdio -no-reboot -monitor none
      -device isa-debug-exit,iobase=0xf4,iosize=4)
STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

source "$ROOT/automation/tests/x86-domain-lib.sh"

# The good neighbours: d1 halts 1000 times with interrupts on (each HLT
# gives the CPU to the others), d3 prints its start info and ends.
GOOD_LINES=("(d1) halt: back from 1000 halts" "(XEN) d1: powered off"
            "(d3) HELLO-DONE" "(XEN) d3: powered off")

# hostile NAME BOOTARGS LINE...: d2 runs hostile.elf with BOOTARGS beside
# the good ones; it must print each LINE (exact) and "hostile: done", and
# nothing may crash.
hostile() {
    local name=$1 args=$2
    shift 2
    boot_args "$name" "$(dom 1 1 sti)$(dom 2 2 "$args")$(dom 3 3 good)" \
        "$G/halt.elf" "$G/hostile.elf" "$G/hello.elf" || return
    qemu_run "x86-hostile/$name" 90 "${QEMU[@]}" -kernel "$XEN" -initrd "$INITRD"
    expect_lines "x86-hostile/$name" "${GOOD_LINES[@]}" "$@" \
        "(d2) hostile: done" "(XEN) d2: powered off" "${STOP[@]}" &&
        reject_text "x86-hostile/$name-nothing-crashed" "domain crashed"
}

# crashes NAME BOOTARGS REGEX: d2 must be crashed with exactly one line,
# matching REGEX; the good ones finish.
crashes() {
    local name=$1 args=$2 re=$3
    boot_args "$name" "$(dom 1 1 sti)$(dom 2 2 "$args")$(dom 3 3 good)" \
        "$G/halt.elf" "$G/hostile.elf" "$G/hello.elf" || return
    qemu_run "x86-hostile/$name" 90 "${QEMU[@]}" -kernel "$XEN" -initrd "$INITRD"
    expect_lines "x86-hostile/$name" "${GOOD_LINES[@]}" "${STOP[@]}" || return
    if [ "$(grep -c '^(XEN) d[0-9]*: .*domain crashed$' "$QEMU_LOG")" != 1 ] ||
        ! grep -qE "$re" "$QEMU_LOG"; then
        fail "x86-hostile/$name-one-crash-line" "want one line matching $re (see $QEMU_LOG)"
        return
    fi
    pass "x86-hostile/$name-one-crash-line"
}

# EFER: long mode enabled with paging off (0x100, then LME|LMA) was the
# first step of every guest kernel and broke every domain after it.
hostile efer efer \
    "(d2) hostile: rdmsr c0000080: 0" "(d2) hostile: wrmsr c0000080 <- 100: ok" \
    "(d2) hostile: rdmsr c0000080: 100" "(d2) hostile: wrmsr c0000080 <- 500: ok" \
    "(d2) hostile: wrmsr c0000080 <- 1000: #GP" \
    "(d2) hostile: wrmsr c0000080 <- 1500: #GP" \
    "(d2) hostile: wrmsr c0000080 <- 100000: #GP" \
    "(d2) hostile: wrmsr c0000080 <- 10000000000: #GP" \
    "(d2) hostile: wrmsr c0000080 <- 0: ok" "(d2) hostile: efer done"

# Into long mode the architectural way: EFER.LME, then CR0.PG; the CPU
# sets LMA, which the guest then reads in its EFER.
hostile long-mode longmode "(d2) hostile: rdmsr c0000080: 500"

# SVM state and the TSC: as on a CPU without SVM; the APIC base reads as
# the x2APIC's (enabled, x2APIC mode, BSP) and takes no other value.
hostile svm-msrs "hsave apic tsc" \
    "(d2) hostile: wrmsr c0010117 <- 100000: #GP" \
    "(d2) hostile: rdmsr c0010117: #GP" "(d2) hostile: rdmsr c0010114: #GP" \
    "(d2) hostile: wrmsr c0010114 <- 10: #GP" "(d2) hostile: rdmsr 1b: fee00d00" \
    "(d2) hostile: wrmsr 1b <- fed00900: #GP" \
    "(d2) hostile: wrmsr 10 <- 100000000: ok"

# 600 random MSRs read and written, 100 random PATs: values or #GP only.
hostile msrs msrs "(d2) hostile: msrs done, 0 other faults"
if grep -qE '^\(d2\) hostile: msrs: [0-9]+ read, [0-9]+ #GP, [0-9]+ written, 0 other faults$' "$QEMU_LOG"; then
    pass x86-hostile/msrs-read-or-gp
else
    fail x86-hostile/msrs-read-or-gp "see $QEMU_LOG"
fi

# Random ports of every size: reads all ones, writes dropped, each logged once.
hostile ports ports
if grep -qE '^\(d2\) hostile: ports: [0-9]+ reads all ones, 0 not$' "$QEMU_LOG" &&
    grep -qE '^\(XEN\) d2: (read|write) of [124] bytes? on I/O port 0x[0-9a-f]+: no device' "$QEMU_LOG" &&
    [ -z "$(sed -n 's/^(XEN) d2: .* on I\/O port \(0x[0-9a-f]*\): no device.*/\1/p' "$QEMU_LOG" | sort | uniq -d)" ]; then
    pass x86-hostile/ports-all-ones-logged-once
else
    fail x86-hostile/ports-all-ones-logged-once "see $QEMU_LOG"
fi

# Random values and sizes at every emulated device's ports (8259s, ELCR,
# PIT, port 0x61, RTC, 16550, ACPI PM) and just below them, from the two
# vCPUs of d2 at once, on two host CPUs; in a second round with the 8259
# delivering (ExtINT) and interrupt windows open.  Nothing may crash, the
# neighbours finish.
QEMU2=() prev=
for a in "${QEMU[@]}"; do
    [ "$prev" = -smp ] && a=2
    QEMU2+=("$a")
    prev=$a
done
if boot_args devices "$(dom 1 1 sti)$(dom 2 2 devices 2)$(dom 3 3 good)" \
    "$G/halt.elf" "$G/hostile.elf" "$G/hello.elf"; then
    qemu_run x86-hostile/devices 120 "${QEMU2[@]}" -kernel "$XEN" -initrd "$INITRD"
    expect_lines x86-hostile/devices "${GOOD_LINES[@]}" \
        "(XEN) d2: vCPU 1 started at 0x800:0000 (SIPI)" \
        "(d2) hostile: devices: 6000 accesses on each of 2 vCPUs" \
        "(d2) hostile: done" "(XEN) d2: powered off" "${STOP[@]}" &&
        reject_text x86-hostile/devices-nothing-crashed "domain crashed"
fi

# INVD, WBINVD, MONITOR, MWAIT, RDTSCP (with its own TSC_AUX).
hostile insns insns "(d2) hostile: cpuid monitor 0" \
    "(d2) hostile: invd: ok" "(d2) hostile: wbinvd: ok" \
    "(d2) hostile: monitor: #UD" "(d2) hostile: mwait: #UD" \
    "(d2) hostile: wrmsr c0000103 <- 1234: ok" "(d2) hostile: rdmsr c0000103: 1234" \
    "(d2) hostile: rdtscp: ok, aux 1234"

# XSETBV with values the SDM and APM refuse.
hostile xsetbv xsetbv "(d2) hostile: xsetbv 0: #GP" "(d2) hostile: xsetbv 2: #GP" \
    "(d2) hostile: xsetbv 4: #GP" "(d2) hostile: xsetbv 5: #GP" \
    "(d2) hostile: xsetbv e7: #GP" "(d2) hostile: xsetbv 8000000000000000: #GP" \
    "(d2) hostile: xsetbv xcr1: #GP" "(d2) hostile: xsetbv 3: ok" "(d2) hostile: xcr0 3" \
    "(d2) hostile: osxsave 1, xcr0 offered 7, xsave size 576"

# The SVM instructions: #UD, as without SVM.
hostile svm-insns svm "(d2) hostile: vmrun: #UD" "(d2) hostile: vmload: #UD" \
    "(d2) hostile: vmsave: #UD" "(d2) hostile: stgi: #UD" "(d2) hostile: clgi: #UD" \
    "(d2) hostile: skinit: #UD" "(d2) hostile: invlpga: #UD"

# No IDT: int3 and ud2 are triple faults, one crash line each.
crashes int3 int3 '^\(XEN\) d2: triple fault \(shutdown\) at rip 0x10[0-9a-f]{4}; domain crashed$'
crashes ud2 ud2 '^\(XEN\) d2: triple fault \(shutdown\) at rip 0x10[0-9a-f]{4}; domain crashed$'

# cli; jmp . for ever: the good ones still finish (stopped once they have).
CLI=("(d2) hostile: cli; jmp ." "${GOOD_LINES[@]}")
if boot_args cli "$(dom 1 1 sti)$(dom 2 2 cli)$(dom 3 3 good)" \
    "$G/halt.elf" "$G/hostile.elf" "$G/hello.elf"; then
    qemu_run_until x86-hostile/cli 90 CLI "${QEMU[@]}" -kernel "$XEN" -initrd "$INITRD"
    expect_lines x86-hostile/cli-jmp-self "${CLI[@]}" &&
        reject_text x86-hostile/cli-not-crashed "domain crashed"
fi

# Leak: d1 writes the secret and gives the CPU away 50 times before it
# checks its own registers kept it and ends; d2 looks beside it, d3 after
# it.  leak NAME QEMU-OPTIONS NODE-SUFFIX: all on one host CPU, either a
# one-CPU machine or (NODE-SUFFIX) pinned to CPU 1 of two.
leak() {
    local name=$1 opts=$2 pin=$3 d nodes=
    for d in "1 write" "2 read" "3 read late"; do
        nodes+="$(dom "${d%% *}" 1 "${d#* }" | sed '$d')$pin"$'\n\t\t};\n'
    done
    boot_args "$name" "$nodes" "$G/leak.elf" || return
    # shellcheck disable=SC2086
    qemu_run "x86-hostile/$name" 90 "${QEMU[@]}" $opts -kernel "$XEN" -initrd "$INITRD"
    expect_lines "x86-hostile/$name-ran" "(d1) leak: secret written (AVX 1)" \
        "(d1) leak: writer done, state kept" "(XEN) d1: powered off" \
        "${STOP[@]}" || return
    for d in 2 3; do
        if has_line "(d$d) leak: clean" "$QEMU_LOG"; then
            pass "x86-hostile/$name-d$d-clean"
        else
            fail "x86-hostile/$name-d$d-clean" "$(grep "^(d$d) leak: secret found" "$QEMU_LOG" | sed 's/.*found in //' | tr '\n' ',')"
        fi
    done
}
leak leak "" ""
PIN=$(printf '\n\t\t\tvcpu0 {\n\t\t\t\tcompatible = "xen,vcpu";\n\t\t\t\tid = <0>;\n\t\t\t\thard-affinity = "1";\n\t\t\t};')
leak leak-pinned "-smp 2" "$PIN"
if grep -q "^(XEN) d[123]: vCPU 0 ran on host CPUs 0x2$" "$QEMU_LOG" &&
    [ "$(grep -c "^(XEN) d[123]: vCPU 0 ran on host CPUs 0x2$" "$QEMU_LOG")" = 3 ]; then
    pass x86-hostile/leak-pinned-one-cpu
else
    fail x86-hostile/leak-pinned-one-cpu "not all on host CPU 1 (see $QEMU_LOG)"
fi
