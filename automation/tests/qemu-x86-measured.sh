#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 measured launch: the three-domain demo from QEMU's multiboot
# loader, with -device tpm-tis (0xfed40000) backed by swtpm; the
# hypervisor's measurements and PCR read-back match hlcheck --measure
# --arch x86_64, and so does tpm2_pcrread against the swtpm's state saved
# after the run; one byte changed in one module changes exactly PCR 9
# (predicted and actual); without a TPM the boot says so once and the
# computed PCRs match the prediction, unless hyperlaunch,tpm-failure =
# "stop" (then nothing starts); a domain with hyperlaunch,event-log finds
# the log through the ACPI TPM2 table, in an e820-reserved range, and one
# without finds no TPM2 table.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/measured-lib.sh"
MGROUP=x86-measured
XEN=$ROOT/build/x86_64/xen
HLCHECK=$ROOT/build/tools/hlcheck
W=$TESTOUT/x86-measured
G=$ROOT/build/x86_64/guests
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -display none -serial stdio
      -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)
dtc -q -I dts -O dtb -o "$W/demo.dtb" "$ROOT/automation/configs/demo-x86.dts"
for k in k1 k2 k3; do
    cp "$G/hello.elf" "$W/$k.bin"
    truncate -s 8192 "$W/$k.bin"
done
cp "$W/k3.bin" "$W/k3-flipped.bin"
printf '\x5a' | dd of="$W/k3-flipped.bin" bs=1 seek=8000 conv=notrunc 2>/dev/null

# predict NAME K3: multiboot modules 0 (the DTB), 1, 2, 3.
predict() {
    mpredict "$1" --arch x86_64 "$W/demo.dtb" "$W/demo.dtb" "$W/k1.bin" \
        "$W/k2.bin" "$2"
}
boot() { # NAME DTB K1 K2 K3 [QEMU ARGS...]
    local name=$1 mods="$2,$3,$4,$5"
    shift 5
    qemu_run "x86-measured/$name" 60 "${QEMU[@]}" -kernel "$XEN" \
        -append "console=com1" "$@" -initrd "$mods"
}
demo_boot() { # NAME K3 [QEMU ARGS...]
    local name=$1 k3=$2
    shift 2
    boot "$name" "$W/demo.dtb" "$W/k1.bin" "$W/k2.bin" "$k3" "$@"
}

predict demo "$W/k3.bin"
predict flipped "$W/k3-flipped.bin"
mone_pcr_changed predict-one-byte-one-pcr "$W/demo.pred" "$W/flipped.pred"

# Every line as predicted: the multiboot loader does not edit the DTB.
demo_boot no-tpm "$W/k3.bin"
mcompare no-tpm-matches-prediction demo
if [ "$(grep -c 'measured: no TPM found' "$QEMU_LOG")" = 1 ] &&
   grep -qxF "(d3) HELLO-DONE" "$QEMU_LOG"; then
    pass x86-measured/no-tpm-said-once-and-boots
else
    fail x86-measured/no-tpm-said-once-and-boots "see $QEMU_LOG"
fi

# hyperlaunch,tpm-failure = "stop": no TPM, nothing starts.
cp "$W/demo.dtb" "$W/stop.dtb"
fdtput -t s "$W/stop.dtb" /chosen hyperlaunch,tpm-failure stop
boot no-tpm-stop "$W/stop.dtb" "$W/k1.bin" "$W/k2.bin" "$W/k3.bin"
expect_lines x86-measured/no-tpm-stop-stops \
    "(XEN) ERROR: measured: no TPM found; the boot will stop" \
    "(XEN) ERROR: /chosen: property 'hyperlaunch,tpm-failure': \"stop\": the TPM does not hold the measurements" \
    "(XEN) Hyperlaunch: the TPM failed and the policy is to stop; no domain was started"
if grep -q '^(d[0-9]' "$QEMU_LOG"; then
    fail x86-measured/no-tpm-stop-nothing-runs "a domain ran; see $QEMU_LOG"
else
    pass x86-measured/no-tpm-stop-nothing-runs
fi

# The event log: dom2 asks for it (hyperlaunch,event-log), dom1 does not;
# both run the tcglog guest.
sed 's/^\(\t*\)dom2 {$/&\n\1\thyperlaunch,event-log;/' \
    "$ROOT/automation/configs/demo-x86.dts" | dtc -q -I dts -O dtb -o "$W/log.dtb"
boot event-log "$W/log.dtb" "$G/tcglog.elf" "$G/tcglog.elf" "$W/k3.bin"
expect_lines x86-measured/event-log-in-acpi-tpm2 \
    "(d2) TCGLOG: header Spec ID Event03 algorithms 1" "(d2) TCGLOG-DONE" \
    "(d1) TCGLOG: no TPM2 table with an event log"
size=$(sed -n 's/^(XEN) measured: [0-9]* events, \([0-9]*\)-byte event log$/\1/p' "$QEMU_LOG")
if grep -qxF "(d2) TCGLOG: region e4000 $size bytes, e820 reserved" "$QEMU_LOG"; then
    pass x86-measured/event-log-e820-reserved
else
    fail x86-measured/event-log-e820-reserved "no region line for $size bytes; see $QEMU_LOG"
fi
mguest_log event-log-matches-console d2

if ! command -v swtpm > /dev/null || ! command -v tpm2_pcrread > /dev/null; then
    skip x86-measured/swtpm "swtpm or tpm2-tools is not installed (make deps installs them)"
    exit 0
fi
for run in demo flipped; do
    k3=$W/k3.bin
    [ $run = flipped ] && k3=$W/k3-flipped.bin
    swtpm_start
    # shellcheck disable=SC2046
    mqemu_run_tpm "x86-measured/tpm-$run" 60 "${QEMU[@]}" -kernel "$XEN" \
        -append "console=com1" $(swtpm_qemu_args tpm-tis) \
        -initrd "$W/demo.dtb,$W/k1.bin,$W/k2.bin,$k3"
    swtpm_save
    mcompare tpm-$run-matches-prediction $run
    mpcrread tpm-$run-pcrread-after-run $run
    if grep -q '^(XEN) measured: TPM TIS at 0xfed40000' "$QEMU_LOG" &&
       ! grep -q 'Warning: measured' "$QEMU_LOG" &&
       grep -qxF "(d3) HELLO-DONE" "$QEMU_LOG"; then
        pass x86-measured/tpm-$run-extended-and-boots
    else
        fail x86-measured/tpm-$run-extended-and-boots "see $QEMU_LOG"
    fi
    measured_lines | grep '^PCR' > "$W/$run.actual"
done
mone_pcr_changed tpm-one-byte-one-pcr "$W/demo.actual" "$W/flipped.actual"
