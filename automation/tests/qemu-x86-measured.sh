#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 measured launch: the three-domain demo from QEMU's multiboot
# loader, with -device tpm-tis (0xfed40000) backed by swtpm; the
# hypervisor's measurements and PCR read-back match hlcheck --measure
# --arch x86_64; one byte changed in one module changes exactly PCR 9
# (predicted and actual); without a TPM the boot says so once and the
# computed PCRs match the prediction.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/x86_64/xen
HLCHECK=$ROOT/build/tools/hlcheck
W=$TESTOUT/x86-measured
mkdir -p "$W"

QEMU=(qemu-system-x86_64 -M pc -cpu max -m 512 -display none -serial stdio
      -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)
dtc -q -I dts -O dtb -o "$W/demo.dtb" "$ROOT/automation/configs/demo-x86.dts"
for k in k1 k2 k3; do
    cp "$ROOT/build/x86_64/guests/hello.elf" "$W/$k.bin"
    truncate -s 8192 "$W/$k.bin"
done
cp "$W/k3.bin" "$W/k3-flipped.bin"
printf '\x5a' | dd of="$W/k3-flipped.bin" bs=1 seek=8000 conv=notrunc 2>/dev/null

# predict NAME K3: multiboot modules 0 (the DTB), 1, 2, 3.
predict() {
    if "$HLCHECK" --measure --arch x86_64 "$W/demo.dtb" "$W/demo.dtb" \
            "$W/k1.bin" "$W/k2.bin" "$2" > "$W/$1.pred" 2> "$W/$1.err"; then
        pass "x86-measured/predict-$1"
    else
        fail "x86-measured/predict-$1" "$(head -3 "$W/$1.err")"
    fi
}
measured_lines() {
    sed -n 's/^(XEN) \(measured: pcr=[0-9]* .*\)$/\1/p; s/^(XEN) \(PCR[0-9]* sha256=[0-9a-f]*\).*$/\1/p' "$QEMU_LOG"
}
# Every line as predicted: the multiboot loader does not edit the DTB.
compare() {
    if diff "$W/$2.pred" <(measured_lines) > "$W/$1.diff"; then
        pass "x86-measured/$1"
    else
        fail "x86-measured/$1" "see $W/$1.diff"
    fi
}
boot() { # NAME K3 [QEMU ARGS...]
    local name=$1 k3=$2
    shift 2
    qemu_run "x86-measured/$name" 60 "${QEMU[@]}" -kernel "$XEN" \
        -append "console=com1" "$@" \
        -initrd "$W/demo.dtb,$W/k1.bin,$W/k2.bin,$k3"
}

predict demo "$W/k3.bin"
predict flipped "$W/k3-flipped.bin"

boot no-tpm "$W/k3.bin"
compare no-tpm-matches-prediction demo
if [ "$(grep -c 'measured: no TPM found' "$QEMU_LOG")" = 1 ] &&
   grep -qxF "(d3) HELLO-DONE" "$QEMU_LOG"; then
    pass x86-measured/no-tpm-said-once-and-boots
else
    fail x86-measured/no-tpm-said-once-and-boots "see $QEMU_LOG"
fi

if ! command -v swtpm > /dev/null; then
    skip x86-measured/swtpm "swtpm is not installed (make deps installs it)"
    exit 0
fi
for run in demo flipped; do
    k3=$W/k3.bin
    [ $run = flipped ] && k3=$W/k3-flipped.bin
    rm -rf "$W/tpm" && mkdir -p "$W/tpm"
    swtpm socket --tpm2 --tpmstate dir="$W/tpm" --terminate \
        --ctrl type=unixio,path="$W/tpm/sock" --log file="$W/tpm/log" &
    pid=$!
    for _ in $(seq 50); do [ -S "$W/tpm/sock" ] && break; sleep 0.1; done
    boot tpm-$run "$k3" -chardev "socket,id=chrtpm,path=$W/tpm/sock" \
        -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis,tpmdev=tpm0
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    compare tpm-$run-matches-prediction $run
    if grep -q '^(XEN) measured: TPM TIS at 0xfed40000' "$QEMU_LOG" &&
       ! grep -q 'Warning: measured' "$QEMU_LOG" &&
       grep -qxF "(d3) HELLO-DONE" "$QEMU_LOG"; then
        pass x86-measured/tpm-$run-extended-and-boots
    else
        fail x86-measured/tpm-$run-extended-and-boots "see $QEMU_LOG"
    fi
    measured_lines | grep '^PCR' > "$W/$run.actual"
done
if [ "$(diff "$W/demo.actual" "$W/flipped.actual" | grep -c '^>')" = 1 ] &&
   ! diff -q <(grep '^PCR9' "$W/demo.actual") <(grep '^PCR9' "$W/flipped.actual") > /dev/null; then
    pass x86-measured/tpm-one-byte-one-pcr
else
    fail x86-measured/tpm-one-byte-one-pcr "see $W/demo.actual $W/flipped.actual"
fi
