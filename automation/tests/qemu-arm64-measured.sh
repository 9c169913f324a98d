#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 measured launch: the three-domain demo booted with QEMU's TIS TPM
# backed by swtpm.  The hypervisor's measurements and its read-back of the
# PCRs match hlcheck --measure's prediction, and so does tpm2_pcrread
# against the swtpm's state saved after the run; one byte changed in one
# module changes exactly one predicted and one actual PCR; without a TPM,
# or with a TIS node where none answers, the boot is measured all the
# same, unless hyperlaunch,tpm-failure = "stop" (then nothing starts); a
# module that differs from its hyperlaunch,sha256 stops the boot before
# any domain runs; a domain with hyperlaunch,event-log, the hardware
# domain and a Linux domain each read the event log; with
# hyperlaunch,measure = "off" nothing is measured (an expected digest is
# still checked).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/measured-lib.sh"
MGROUP=arm64-measured
XEN=$ROOT/build/arm64/xen
HLCHECK=$ROOT/build/tools/hlcheck
W=$TESTOUT/arm64-measured
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
G=$ROOT/build/arm64/guests
mkdir -p "$W"

# The module files padded to the size their reg gives (64 KiB): the
# hypervisor measures reg's bytes, the host the file's.
for f in hello dtdump; do
    cp "$G/$f.img" "$W/$f.img"
    truncate -s 65536 "$W/$f.img"
done
head -c 65536 /dev/zero > "$W/ramdisk.bin"
cp "$W/hello.img" "$W/d3.img"
cp "$W/hello.img" "$W/d3-flipped.img"
printf '\x5a' | dd of="$W/d3-flipped.img" bs=1 seek=4000 conv=notrunc 2>/dev/null

# The demo DT with the TIS where QEMU's platform bus puts tpm-tis-device.
tpm_node='/ { tpm@c000000 { compatible = "tcg,tpm-tis-mmio";
	reg = <0x0 0x0c000000 0x0 0x5000>; }; };'
{ cat "$ROOT/automation/configs/demo-arm64.dtsi"; echo "$tpm_node"; } > "$W/demo.dtsi"
"$MK" "$W/demo.dtb" "$W/demo.dtsi" 3
"$MK" "$W/notpm.dtb" "$ROOT/automation/configs/demo-arm64.dtsi" 3
# QEMU re-randomises the seeds a DTB carries on every boot: none, so that
# the DTB's PCR is reproducible here.
for dtb in "$W/demo.dtb" "$W/notpm.dtb"; do
    fdtput -d "$dtb" /chosen rng-seed kaslr-seed 2>/dev/null || true
done

QEMU=(qemu-system-aarch64 -cpu cortex-a57 -smp 2 -m 1024 -nographic
      -monitor none -serial stdio -nic none
      -M virt,virtualization=on,gic-version=3,dtb-randomness=off
      -kernel "$XEN")
# loaders D3_IMAGE: the demo's modules.
loaders() {
    LOADERS=()
    local a
    for a in 50000000:$W/hello.img 51000000:$W/hello.img \
             52000000:$W/ramdisk.bin 53000000:$1; do
        LOADERS+=(-device "loader,file=${a#*:},addr=0x${a%%:*},force-raw=on")
    done
}

# predict NAME DTB D3_IMAGE: hlcheck's lines into $W/NAME.pred.
predict() {
    mpredict "$1" "$2" "$W/hello.img" "$W/hello.img" "$W/ramdisk.bin" "$3"
}
# Every module, configuration and PCR9 line as predicted (the DTB's digest
# is the loader's business: QEMU edits /chosen).
compare_pcr9() { mcompare "$1" "$2" 'pcr=9|^PCR9'; }

predict demo "$W/demo.dtb" "$W/d3.img"
predict flipped "$W/demo.dtb" "$W/d3-flipped.img"
mone_pcr_changed predict-one-byte-one-pcr "$W/demo.pred" "$W/flipped.pred"
if command -v tpm2_eventlog > /dev/null; then
    if [ "$(tpm2_eventlog "$W/demo.tcglog" 2>/dev/null | sed -n 's/^ *9 *: 0x//p')" = \
         "$(sed -n 's/^PCR9 sha256=//p' "$W/demo.pred")" ]; then
        pass arm64-measured/tcg-log-replays
    else
        fail arm64-measured/tcg-log-replays "tpm2_eventlog replays another PCR9"
    fi
fi

# Without a TPM (none in the DT): measured all the same, said once.
loaders "$W/d3.img"
qemu_run arm64-measured/no-tpm 60 "${QEMU[@]}" -dtb "$W/notpm.dtb" "${LOADERS[@]}"
compare_pcr9 no-tpm-matches-prediction demo
if [ "$(grep -c 'measured: no TPM found' "$QEMU_LOG")" = 1 ] &&
   grep -qxF "(d1) HELLO-DONE" "$QEMU_LOG"; then
    pass arm64-measured/no-tpm-said-once-and-boots
else
    fail arm64-measured/no-tpm-said-once-and-boots "see $QEMU_LOG"
fi

if ! command -v swtpm > /dev/null; then
    skip arm64-measured/swtpm "swtpm is not installed (make deps installs it)"
else
    for run in demo flipped; do
        img=$W/d3.img
        [ $run = flipped ] && img=$W/d3-flipped.img
        loaders "$img"
        swtpm_start
        # shellcheck disable=SC2046
        mqemu_run_tpm arm64-measured/tpm-$run 60 "${QEMU[@]}" -dtb "$W/demo.dtb" \
            $(swtpm_qemu_args tpm-tis-device) "${LOADERS[@]}"
        swtpm_save
        compare_pcr9 tpm-$run-matches-prediction $run
        mpcrread tpm-$run-pcrread-after-run $run
        if grep -q '^(XEN) measured: TPM TIS at 0xc000000$' "$QEMU_LOG" &&
           ! grep -q 'Warning: measured' "$QEMU_LOG" &&
           grep -qxF "(d1) HELLO-DONE" "$QEMU_LOG"; then
            pass arm64-measured/tpm-$run-extended-and-boots
        else
            fail arm64-measured/tpm-$run-extended-and-boots "see $QEMU_LOG"
        fi
        measured_lines | grep '^PCR' > "$W/$run.actual"
    done
    mone_pcr_changed tpm-one-byte-one-pcr "$W/demo.actual" "$W/flipped.actual"
fi

# tis_case NAME ADDR WARNING [POLICY]: a TIS node at ADDR where no TPM
# answers: WARNING (the start of a hypervisor line after "(XEN) Warning: ")
# once, and the boot goes on measured but unattested.  POLICY "stop"
# (hyperlaunch,tpm-failure): the same failure stops the boot, nothing runs.
tis_case() {
    local name=$1 addr=$2 warning=$3 policy=${4:-}
    { cat "$ROOT/automation/configs/demo-arm64.dtsi"
      echo "/ { tpm@$addr { compatible = \"tcg,tpm-tis-mmio\"; reg = <0x0 0x$addr 0x0 0x5000>; }; };"
      [ -z "$policy" ] || echo "/ { chosen { hyperlaunch,tpm-failure = \"$policy\"; }; };"
    } > "$W/$name.dtsi"
    "$MK" "$W/$name.dtb" "$W/$name.dtsi" 3
    fdtput -d "$W/$name.dtb" /chosen rng-seed kaslr-seed 2>/dev/null || true
    loaders "$W/d3.img"
    qemu_run arm64-measured/$name 60 "${QEMU[@]}" -dtb "$W/$name.dtb" "${LOADERS[@]}"
    if [ "$policy" = stop ]; then
        expect_lines arm64-measured/$name-stops "(XEN) Warning: $warning" \
            "(XEN) ERROR: measured: no TPM found; the boot will stop" \
            "(XEN) ERROR: /chosen: property 'hyperlaunch,tpm-failure': \"stop\": the TPM does not hold the measurements" \
            "(XEN) Hyperlaunch: the TPM failed and the policy is to stop; no domain was started"
        if grep -q '^(d[0-9]' "$QEMU_LOG"; then
            fail arm64-measured/$name-nothing-runs "a domain ran; see $QEMU_LOG"
        else
            pass arm64-measured/$name-nothing-runs
        fi
        return
    fi
    compare_pcr9 $name-matches-prediction demo
    if [ "$(grep -cF "(XEN) Warning: $warning" "$QEMU_LOG")" = 1 ] &&
       grep -q '^(XEN) PCR9 sha256=[0-9a-f]* (computed; no TPM)$' "$QEMU_LOG" &&
       ! grep -q 'Unexpected hypervisor exception' "$QEMU_LOG" &&
       grep -qxF "(d1) HELLO-DONE" "$QEMU_LOG"; then
        pass arm64-measured/$name-warns-and-boots
    else
        fail arm64-measured/$name-warns-and-boots "see $QEMU_LOG"
    fi
}
# Over a device that is no TPM (the PL061 GPIO: its ID reads 0).
tis_case not-a-tpm 9030000 "measured: the TPM failed to start"
# Where nothing answers (0xb000000 is a hole in virt's map): the probe's
# abort is caught.
absent="measured: tpm@b000000: reg: nothing answers at 0xb000000; measuring without a TPM"
tis_case absent-tpm b000000 "$absent"
tis_case absent-tpm-stop b000000 "$absent" stop

# The event log handed to d2 (hyperlaunch,event-log), which prints its DT.
sed 's/domU2 {/domU2 { hyperlaunch,event-log;/' \
    "$ROOT/automation/configs/demo-arm64.dtsi" > "$W/log.dtsi"
"$MK" "$W/log.dtb" "$W/log.dtsi" 3
loaders "$W/d3.img"
LOADERS[3]="loader,file=$W/dtdump.img,addr=0x51000000,force-raw=on"
qemu_run arm64-measured/event-log 60 "${QEMU[@]}" -dtb "$W/log.dtb" "${LOADERS[@]}"
size=$(sed -n 's/^(XEN) measured: [0-9]* events, \([0-9]*\)-byte event log$/\1/p' "$QEMU_LOG")
expect_lines arm64-measured/event-log-in-guest-dt \
    "(d2) dt: /reserved-memory/tcg-event-log@48100000" \
    "(d2) dt:   compatible = \"hyperlaunch,tcg-event-log\"" \
    "(d2) dt:   reg = <0x0 0x48100000 0x0 $(printf '%#x' "${size:-0}")>" \
    "(d2) DTDUMP-DONE"
if grep -q '^(d1) dt:\|tcg-event-log' <(grep -v '^(d2)' "$QEMU_LOG"); then
    fail arm64-measured/event-log-only-where-asked "another domain got it"
else
    pass arm64-measured/event-log-only-where-asked
fi

# The hardware domain (Dom0, dom0less form) gets the log too, as a child
# of the host's /reserved-memory it keeps; the tcglog guest walks it.
cp "$G/tcglog.img" "$W/tcglog.img"
cat > "$W/hwdom.dtsi" <<EOF
/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		scratch@7f000000 { reg = <0x0 0x7f000000 0x0 0x100000>; no-map; };
	};
	chosen {
		#address-cells = <1>;
		#size-cells = <1>;
		xen,xen-bootargs = "console=dtuart dtuart=/pl011@9000000 dom0_mem=128M";
		module@50000000 {
			compatible = "multiboot,kernel", "multiboot,module";
			reg = <0x50000000 $(printf '%#x' "$(stat -c %s "$W/tcglog.img")")>;
		};
	};
};
EOF
"$MK" "$W/hwdom.dtb" "$W/hwdom.dtsi" 3
qemu_run arm64-measured/hwdom-log 60 "${QEMU[@]}" -dtb "$W/hwdom.dtb" \
    -device "loader,file=$W/tcglog.img,addr=0x50000000,force-raw=on"
expect_lines arm64-measured/hwdom-log-in-host-reserved-memory \
    "(d0) TCGLOG: header Spec ID Event03 algorithms 1" "(d0) TCGLOG-DONE"
mguest_log hwdom-log-matches-console d0

# hyperlaunch,sha256: d1's kernel must be hello.img; d2's is not d3-flipped.
good=$(sha256sum "$W/hello.img" | cut -d' ' -f1)
bad=$(sha256sum "$W/d3-flipped.img" | cut -d' ' -f1)
sed -e "0,/module@50000000 {/s//module@50000000 { hyperlaunch,sha256 = \"$good\";/" \
    -e "0,/module@51000000 {/s//module@51000000 { hyperlaunch,sha256 = \"$bad\";/" \
    "$ROOT/automation/configs/demo-arm64.dtsi" > "$W/expect.dtsi"
"$MK" "$W/expect.dtb" "$W/expect.dtsi" 3
loaders "$W/d3.img"
qemu_run arm64-measured/expected-digest 60 "${QEMU[@]}" -dtb "$W/expect.dtb" "${LOADERS[@]}"
expect_lines arm64-measured/expected-digest-mismatch-stops \
    "(XEN) ERROR: /chosen/domU2/module@51000000: property 'hyperlaunch,sha256': d2 kernel: the image's SHA-256 is $good, not the expected one" \
    "(XEN) Hyperlaunch: a boot module differs from its expected digest; no domain was started"
if grep -q '^(d[0-9])' "$QEMU_LOG" || grep -q 'ERROR: /chosen/domU1' "$QEMU_LOG"; then
    fail arm64-measured/expected-digest-nothing-runs "a domain ran or d1 was refused"
else
    pass arm64-measured/expected-digest-nothing-runs
fi
if "$HLCHECK" --measure "$W/expect.dtb" "$W/hello.img" "$W/hello.img" \
        "$W/ramdisk.bin" "$W/d3.img" > /dev/null 2> "$W/expect.err"; then
    fail arm64-measured/hlcheck-expected-digest-mismatch "hlcheck accepted it"
else
    grep -q "module@51000000: property 'hyperlaunch,sha256'" "$W/expect.err" &&
        pass arm64-measured/hlcheck-expected-digest-mismatch ||
        fail arm64-measured/hlcheck-expected-digest-mismatch "$(cat "$W/expect.err")"
fi

# hyperlaunch,measure = "off": nothing measured, no event log, the domains
# start, and with nothing to hash no SHA-256 engine is chosen; a module's
# expected digest is checked all the same (with the SHA2 instructions).
OFF_LINE='measured launch off (/chosen/hyperlaunch,measure = "off"): nothing measured, no event log'
cp "$W/notpm.dtb" "$W/off.dtb"
cp "$W/expect.dtb" "$W/expect-off.dtb"
fdtput -t s "$W/off.dtb" /chosen hyperlaunch,measure off
fdtput -t s "$W/expect-off.dtb" /chosen hyperlaunch,measure off
qemu_run arm64-measured/measure-off 60 "${QEMU[@]}" -dtb "$W/off.dtb" "${LOADERS[@]}"
if has_line "(XEN) $OFF_LINE" "$QEMU_LOG" && ! grep -q '^(XEN) measured: pcr=' "$QEMU_LOG" &&
   ! grep -q '^(XEN) PCR' "$QEMU_LOG" && ! grep -q '^(XEN) measured: SHA-256' "$QEMU_LOG" &&
   grep -qxF "(d1) HELLO-DONE" "$QEMU_LOG"; then
    pass arm64-measured/measure-off-boots-unmeasured
else
    fail arm64-measured/measure-off-boots-unmeasured "see $QEMU_LOG"
fi
qemu_run arm64-measured/measure-off-expected 60 "${QEMU[@]}" -dtb "$W/expect-off.dtb" "${LOADERS[@]}"
expect_lines arm64-measured/measure-off-expected-digest-still-checked \
    "(XEN) measured: SHA-256 with the Armv8 SHA2 instructions" \
    "(XEN) ERROR: /chosen/domU2/module@51000000: property 'hyperlaunch,sha256': d2 kernel: the image's SHA-256 is $good, not the expected one" \
    "(XEN) Hyperlaunch: a boot module differs from its expected digest; no domain was started"
"$HLCHECK" --measure "$W/off.dtb" "$W/hello.img" "$W/hello.img" "$W/ramdisk.bin" \
    "$W/d3.img" > "$W/off.pred" 2> "$W/off.err"
if has_line "$OFF_LINE" "$W/off.pred" && ! grep -qE '^(measured: |PCR)' "$W/off.pred"; then
    pass arm64-measured/hlcheck-measure-off
else
    fail arm64-measured/hlcheck-measure-off "$(head -3 "$W/off.pred" "$W/off.err")"
fi

# A Linux domain (hyperlaunch,event-log) reads the log from its reserved
# region (automation/guests/measured/tcglog) and finds every event the
# hypervisor printed.
if [ ! -s "$ROOT/build/cache/linux-arm64/Image" ]; then
    skip arm64-measured/linux-reads-log "no Debian arm64 kernel (make deps)"
    exit 0
fi
cp "$ROOT/build/cache/linux-arm64/initrd.cpio.gz" "$W/initrd.cpio.gz"
"$ROOT/automation/scripts/initramfs-append.sh" "$W/initrd.cpio.gz" \
    init="$ROOT/automation/guests/measured/init" \
    bin/tcglog="$ROOT/automation/guests/measured/tcglog"
INITRD=$W/initrd.cpio.gz DOM_EXTRA_1="hyperlaunch,event-log;" \
    "$ROOT/automation/scripts/mk-linux-dtb.sh" "$W/linux.dtb" 1 > /dev/null
mapfile -t LOADERS < "$W/linux.loaders"
qemu_run arm64-measured/linux 240 qemu-system-aarch64 -cpu cortex-a57 -smp 2 \
    -m 2048 -nographic -monitor none -serial stdio -nic none \
    -M virt,virtualization=on,gic-version=3 -kernel "$XEN" \
    -dtb "$W/linux.dtb" "${LOADERS[@]}"
expect_lines arm64-measured/linux-reads-log \
    "(d1) TCGLOG: header Spec ID Event03 algorithms 1" "(d1) TCGLOG-DONE"
mguest_log linux-log-matches-console d1
