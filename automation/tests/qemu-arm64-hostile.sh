#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 isolation tests: registers one domain writes are not seen by
# another on the same host CPU; hostile guests abuse each interface the
# hypervisor gives them beside a well-behaved guest that must finish; the
# hostile one is contained (answered as the architecture says, or crashed
# with one line), and the hypervisor neither panics nor hangs.
source "$(dirname "$0")/lib.sh"
XEN=${XEN:-$ROOT/build/arm64/xen} # XEN=<older build> shows what it did
G=$ROOT/build/arm64/guests
W=$TESTOUT/arm64-hostile
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
LOGDIR=arm64-hostile
mkdir -p "$W"
source "$ROOT/automation/tests/arm64-domain-lib.sh"

STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

# Register leak: d1 writes a secret into its FP/SIMD, thread, debug and
# PMU registers; d2 looks for it meanwhile and d3 afterwards, all three on
# host CPU 0.
config leak-regs
domain leakcheck 1 65536 "write" 0:0 >> "$W/$NAME.dtsi"
domain leakcheck 1 65536 "read" 0:0 >> "$W/$NAME.dtsi"
domain leakcheck 1 65536 "read late" 0:0 >> "$W/$NAME.dtsi"
boot 3
expect_lines arm64/leak-registers "(d1) LEAKCHECK-WRITTEN" \
    "(d2) LEAKCHECK-CLEAN" "(d3) LEAKCHECK-CLEAN" "${STOP[@]}"

# The same on '-cpu max', with the registers its extensions add that a
# domain can reach (TPIDR2_EL0 of SME, DISR_EL1 of RAS).
config leak-regs-max
domain leakcheck 1 65536 "write max" 0:0 >> "$W/$NAME.dtsi"
domain leakcheck 1 65536 "read max" 0:0 >> "$W/$NAME.dtsi"
domain leakcheck 1 65536 "read late max" 0:0 >> "$W/$NAME.dtsi"
QEMU_CPU=max boot 3
expect_lines arm64/leak-registers-cpu-max "(d1) LEAKCHECK-WRITTEN" \
    "(d2) LEAKCHECK-CLEAN" "(d3) LEAKCHECK-CLEAN" "${STOP[@]}"

# hostile NAME MODE VCPUS GIC LINE...: the hostile guest in MODE (d2)
# beside hello (d1), both on host CPU 0: hello must finish, d2 must print
# each LINE, and the machine must stop by itself without a hypervisor trap.
hostile() {
    local name=$1 mode=$2 vcpus=$3 gic=$4
    shift 4
    config "$name"
    domain hello 1 65536 "hello 1" 0:0 >> "$W/$NAME.dtsi"
    domain hostile "$vcpus" 65536 "$mode" 0:0 >> "$W/$NAME.dtsi"
    boot "$gic"
    expect_lines "arm64/hostile-$name" "(d1) HELLO-DONE" \
        "(XEN) d1: powered off" "$@" "${STOP[@]}"
}

# done_lines MODE: the lines of a hostile guest that ran to its end.
done_lines() {
    DL=("(d2) HOSTILE-$(echo "$1" | tr a-z A-Z)-DONE" "(XEN) d2: powered off")
}

done_lines sysreg
hostile sysreg sysreg 1 3 "${DL[@]}" \
    "(d2) hostile: mrs hcr_el2: exception ESR=0x2000000" \
    "(d2) hostile: msr vbar_el2: exception ESR=0x2000000" \
    "(d2) hostile: mrs scr_el3: exception ESR=0x2000000" \
    "(d2) hostile: mdrar_el1 = 0x0" "(d2) hostile: oslsr_el1 = 0x8" \
    "(d2) hostile: msr osdlr_el1: ok ESR=0x0" \
    "(d2) hostile: mdscr_el1 = 0x0" "(d2) hostile: pmcr_el0 = 0x0" \
    "(d2) hostile: mrs pmccntr_el0: ok ESR=0x0" \
    "(d2) hostile: mrs icc_sgi1r_el1: exception ESR=0x2000000" \
    "(d2) hostile: mrs icc_sgi0r_el1: exception ESR=0x2000000" \
    "(d2) hostile: mrs erridr_el1: exception ESR=0x2000000" \
    "(d2) hostile: mrs actlr_el1: ok ESR=0x0" \
    "(d2) hostile: msr actlr_el1: ok ESR=0x0" \
    "(d2) hostile: ID space: 56 read, 0 faulted, 20 nonzero"

# The same on '-cpu max' (every ID register it has, trapped by TID3 and
# read back by the hypervisor, must not fault at EL2; RAS error records
# read as none; QEMU 7.2 has no ERRSELR_EL1, UNDEFINED before any trap).
QEMU_CPU=max hostile sysreg-max sysreg 1 3 "${DL[@]}" \
    "(d2) hostile: mrs erridr_el1: ok ESR=0x0" \
    "(d2) hostile: msr errselr_el1: exception ESR=0x2000000" \
    "(d2) hostile: ID space: 56 read, 0 faulted, 30 nonzero"

# SVE, SME and pointer authentication exist only on '-cpu max': hidden from
# the ID registers, and UNDEFINED (CPTR_EL2.TZ/TSM and HCR_EL2.APK/API
# trap them, the hypervisor injects UNDEF).
done_lines sve
QEMU_CPU=max hostile sve sve 1 3 "${DL[@]}" \
    "(d2) hostile: guest sees SVE 0 SME 0" \
    "(d2) hostile: rdvl x0, #1: exception ESR=0x2000000" \
    "(d2) hostile: mrs zcr_el1: exception ESR=0x2000000" \
    "(d2) hostile: msr zcr_el1: exception ESR=0x2000000" \
    "(d2) hostile: rdsvl x0, #1: exception ESR=0x2000000" \
    "(d2) hostile: msr scxtnum_el0: exception ESR=0x2000000" \
    "(d2) hostile: msr scxtnum_el1: exception ESR=0x2000000" \
    "(d2) hostile: msr apiakeylo_el1: exception ESR=0x2000000" \
    "(d2) hostile: pacia x0, x1 (EnIA): exception ESR=0x2000000"

# Set/way maintenance runs untrapped (see docs/designs/isolation.md).
done_lines setway
hostile setway setway 1 3 "${DL[@]}"

done_lines gic
hostile gicv3-mmio gic 1 3 "${DL[@]}" \
    "(d2) hostile: GICR frame at +0x0: 0 faulted, TYPER 0x10" \
    "(d2) hostile: GICR frame at +0x20000: 0 faulted, TYPER 0x0" \
    "(d2) hostile: GICR frame at +0xa0000: 0 faulted, TYPER 0x0" \
    "(d2) hostile: GICR frame at +0xfe0000: 0 faulted, TYPER 0x0" \
    "(d2) hostile: GICR region end: 0 faulted" \
    "(d2) hostile: GICD all-ones spray done"

done_lines gicv2
hostile gicv2-mmio gicv2 1 2 "${DL[@]}" \
    "(d2) hostile: GICD all-ones spray done" \
    "(d2) hostile: GICC second page: 128 accesses, 0 faulted"

done_lines psci
hostile psci psci 2 3 "${DL[@]}" \
    "(d2) hostile: CPU_ON mpidr 0xff -> -2" \
    "(d2) hostile: CPU_ON mpidr 0xff00000001 -> -2" \
    "(d2) hostile: CPU_ON self -> -4" \
    "(d2) hostile: CPU_ON entry outside RAM -> -9" \
    "(d2) hostile: CPU_ON entry 0 -> -9" \
    "(d2) hostile: CPU_ON entry past RAM -> -9" \
    "(d2) hostile: CPU_ON entry misaligned -> -9" \
    "(d2) hostile: AFFINITY_INFO mpidr 0x7f -> -2" \
    "(d2) hostile: CPU_SUSPEND standby -> 0" \
    "(d2) hostile: CPU_SUSPEND powerdown entry outside RAM -> -9" \
    "(d2) hostile: SYSTEM_SUSPEND -> -1" "(d2) hostile: MIGRATE -> -1" \
    "(d2) hostile: MIGRATE_INFO_UP_CPU -> -1" \
    "(d2) hostile: PSCI_FEATURES 0x84000001 -> 0" \
    "(d2) hostile: PSCI_FEATURES 0x84000005 -> -1" \
    "(d2) hostile: PSCI_FEATURES 0x8400000e -> -1" \
    "(d2) hostile: PSCI_FEATURES 0xc4000001 -> 0" \
    "(d2) hostile: CPU_SUSPEND powerdown resumed at its entry point, context 7"

# A vCPU started on an UNDEFINED instruction with no vector table cannot
# take the exception: its domain is crashed, with exactly one line.
hostile psci-no-vectors psci-crash 2 3 \
    "(d2) hostile: CPU_ON vCPU 1 at a UDF, no vectors" \
    "(XEN) d2: instruction abort (IPA 0x200, unmapped) at PC 0x200: no EL1 vector table; domain crashed"
if [ "$(grep -c '^(XEN) d2: .*domain crashed' "$QEMU_LOG")" = 1 ]; then
    pass arm64/hostile-psci-no-vectors-one-line
else
    fail arm64/hostile-psci-no-vectors-one-line "see $QEMU_LOG"
fi

# Faults injected from AArch64 EL0 (vector +0x400, slot 8) and from EL1 on
# SP_EL0 (+0x000, slot 0); EL0's PMU access traps to its EL1 (EC 0x18).
done_lines vectors
hostile vectors vectors 1 3 "${DL[@]}" \
    "(d2) hostile: back from A64 EL0, last ESR=0x56000000 in slot 8" \
    "(d2) hostile: back on SP_EL1, last ESR=0x96000010 in slot 0"
if grep -qE '^\(d2\) %hostile: data abort ESR=0x92000010 FAR=0x10000000 ' "$QEMU_LOG" &&
   grep -qE '^\(d2\) hostile: exception ESR=0x62' "$QEMU_LOG"; then
    pass arm64/hostile-vectors-el0
else
    fail arm64/hostile-vectors-el0 "see $QEMU_LOG"
fi

# Vectors in unmapped memory: fetching the vector faults inside the vector
# table, so the domain cannot take the exception: crashed, with one line.
hostile vbar-unmapped vbar-unmapped 1 3 \
    "(d2) hostile: VBAR_EL1 = 0x10000000, then udf" \
    "(XEN) d2: instruction abort (IPA 0x10000200, unmapped) at PC 0x10000200: in its own vector table; domain crashed"
if [ "$(grep -c '^(XEN) d2: .*domain crashed' "$QEMU_LOG")" = 1 ] &&
   ! grep -q '^(d2) hostile: still running' "$QEMU_LOG"; then
    pass arm64/hostile-vbar-unmapped-one-line
else
    fail arm64/hostile-vbar-unmapped-one-line "see $QEMU_LOG"
fi

done_lines sgi
hostile sgi-storm sgi 1 3 "${DL[@]}" \
    "(d2) hostile: SGI0R self SGI 3 -> pending 0x0" \
    "(d2) hostile: SGI1R self SGI 3 -> pending 0x8" \
    "(d2) hostile: ASGI1R self SGI 3 -> pending 0x0" \
    "(d2) hostile: SGI storm of 3000 writes done, pending 0x0"

# Three vCPUs (on two host CPUs) at once: distributor, every
# redistributor frame, SGIs of every group, undecodable accesses.
done_lines smp
hostile smp-storm smp 3 3 "${DL[@]}" \
    "(d2) hostile: 3 of 3 vCPUs stormed the GIC and SGIs at once"

done_lines wfi
hostile wfi-storm wfi 1 3 "${DL[@]}" "(d2) hostile: 20000 WFIs done" \
    "(d2) hostile: 20000 WFEs done"

done_lines flood
hostile console-flood flood 1 3 "${DL[@]}" \
    "(d2) hostile: flood line 1499 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

# Instruction fetch from nothing, from a device, past RAM: instruction
# aborts (EC 0x21) the guest handles.
done_lines ifetch
hostile ifetch ifetch 1 3 "${DL[@]}" \
    "(d2) hostile: jump to 0x10000000 (nothing): exception ESR=0x86000010" \
    "(d2) hostile: jump to the GIC distributor: exception ESR=0x86000010" \
    "(d2) hostile: jump past RAM: exception ESR=0x86000010"

# Accesses to emulated devices without a syndrome to emulate them from:
# synchronous external aborts (EC 0x25, DFSC 0x10).  Loads from the UART
# are answered by its read page (as the device would answer them) while no
# input waits; stores that cannot be decoded abort.
done_lines mmio
hostile mmio-undecodable mmio 1 3 "${DL[@]}" \
    "(d2) hostile: ldxr from the UART: ok ESR=0x0" \
    "(d2) hostile: ldp from the UART: ok ESR=0x0" \
    "(d2) hostile: ldr post-index from the UART: ok ESR=0x0" \
    "(d2) hostile: str post-index to the UART: exception ESR=0x96000050" \
    "(d2) hostile: dc zva on the GIC distributor: exception ESR=0x96000050" \
    "(d2) hostile: dc civac on the UART: ok ESR=0x0" \
    "(d2) hostile: dc civac on nothing: ok ESR=0x0" \
    "(d2) hostile: ldr q0 from the GIC distributor: exception ESR=0x96000010"

# The emulated UART (vpl011): each register read, the mask written, a
# read-only register written, every size at every alignment at three
# places (QEMU does not fault misaligned device accesses; the 11 reads
# that cross the end of the UART's page into nothing get an external
# abort, stores there are ignored), an undecodable store (an external
# abort), 64-bit and byte stores to the data register.
done_lines uart
hostile uart uart 1 3 "${DL[@]}" \
    "(d2) hostile: uart FR 0x90 IMSC 0x0 RIS 0x20 MIS 0x0 CR 0x0" \
    "(d2) hostile: uart all masked in: IMSC 0x7ff MIS 0x20" \
    "(d2) hostile: uart FR written: 0x90, as 64 bits 0x90, byte 0x90, halfword at 0x1a 0x0" \
    "(d2) hostile: uart every size at every alignment: 11 faults" \
    "(d2) hostile: stp to the UART: exception ESR=0x96000050" \
    "(d2) Z" "(d2) hostile: uart IMSC 0x0 after it all"

# AArch32 EL0, A32 then T32: emulated UART stores (T32: 16-bit ones),
# a CP14 debug read (RAZ: '0'), WFI (T32: in an IT block whose condition
# fails), host interrupts while it spins, an external abort (EC 0x24),
# SVC back to EL1.
done_lines aarch32
hostile aarch32-el0 aarch32 1 3 "${DL[@]}" \
    "(d2) hostile: back from A32 EL0, last ESR=0x46000000" \
    "(d2) hostile: back from T32 EL0, last ESR=0x44000000"
if grep -qE '^\(d2\) \*0\*0\*0hostile: data abort ESR=0x92000010 FAR=0x10000000 ' "$QEMU_LOG" &&
   grep -qE '^\(d2\) ##hostile: data abort ESR=0x92000010 FAR=0x10000000 ' "$QEMU_LOG"; then
    pass arm64/hostile-aarch32-el0-exits
else
    fail arm64/hostile-aarch32-el0-exits "see $QEMU_LOG"
fi
