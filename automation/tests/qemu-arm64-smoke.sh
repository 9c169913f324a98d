#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 QEMU smoke tests: the hypervisor parses the DT it boots with, prints
# the plan of the three-domain demo, builds and runs the domains with the
# test guests (automation/guests/arm64), and stops when all have stopped;
# a hostile guest is contained; a spinning guest is time-sliced with the
# others; a malformed DT is refused.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/arm64/xen
W=$TESTOUT/arm64
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
mkdir -p "$W"

QEMU=(qemu-system-aarch64 -cpu cortex-a57 -smp 2 -m 1024 -nographic
      -monitor none -serial stdio -nic none)
G=$ROOT/build/arm64/guests
head -c 65536 /dev/zero > "$W/ramdisk.bin"
# loaders D3_IMAGE [D2_IMAGE]: d1 hello, d2 hello (or D2_IMAGE) with a
# ramdisk, d3 the image given.
loaders() {
    LOADERS=()
    local a f
    for a in 50000000:$G/hello.img 51000000:${2:-$G/hello.img} \
             52000000:$W/ramdisk.bin 53000000:$1; do
        f=${a#*:}
        LOADERS+=(-device "loader,file=$f,addr=0x${a%%:*},force-raw=on")
    done
}

PLAN=(
  "(XEN) Hyperlaunch DT (dom0less form): 3 domains"
  "(XEN)   d1 domU1: vcpus=1 memory=131072KiB caps=none vpl011 kernel=0x50000000+0x10000 ramdisk=none bootargs=\"console=ttyAMA0 hello from domU1\""
  "(XEN)   d2 domU2: vcpus=2 memory=262144KiB caps=none vpl011 kernel=0x51000000+0x10000 ramdisk=0x52000000+0x10000 bootargs=\"console=ttyAMA0 hello from domU2\""
  "(XEN)   d3 domU3: vcpus=1 memory=65536KiB caps=none vpl011 kernel=0x53000000+0x10000 ramdisk=none bootargs=\"console=ttyAMA0 hello from domU3\""
)
HELLO=(
  "(d1) hello: bootargs=\"console=ttyAMA0 hello from domU1\""
  "(d1) hello: ram=128 MiB"
  "(d1) hello: vcpus=1"
  "(d1) HELLO-DONE"
  "(XEN) d1: powered off"
  "(d2) hello: bootargs=\"console=ttyAMA0 hello from domU2\""
  "(d2) hello: ram=256 MiB"
  "(d2) hello: vcpus=2"
  "(d2) HELLO-DONE"
  "(XEN) d2: powered off"
)
STOP=(
  "(XEN) all domains have stopped"
  "(XEN) Powering off (normal stop)"
)

# The boot log says where each domain's pieces went, and when all started.
expect_layout() {
    if grep -qE '^\(XEN\) d2: kernel at 0x40000000-0x[0-9a-f]+, ramdisk at 0x48200000-0x48210000, DTB at 0x48000000-' "$QEMU_LOG" &&
       grep -qE '^\(XEN\) Hyperlaunch: all domains started in [0-9]+ us$' "$QEMU_LOG"; then
        pass "$1"
    else
        fail "$1" "no layout or start time line; see $QEMU_LOG"
    fi
}

# GICv3: d3 touches unmapped memory and takes the external aborts.  GICv2: d3 calls an unknown HVC/SMC.
for gic in 3 2; do
    if [ $gic = 3 ]; then
        loaders "$G/hostile-unmapped.img"
        HOSTILE=("(d3) hostile-unmapped: reading 0x10000000"
                 "(d3) hostile-unmapped: writing 0x10000000"
                 "(d3) HOSTILE-UNMAPPED-DONE" "(XEN) d3: powered off")
    else
        loaders "$G/hostile-hvc.img"
        HOSTILE=("(XEN) d3: unknown HVC/SMC function 0x8700dead"
                 "(d3) hostile-hvc: hvc returned -1"
                 "(d3) hostile-hvc: smc returned -1"
                 "(d3) HOSTILE-HVC-DONE" "(XEN) d3: powered off")
    fi
    "$MK" "$W/demo-gic$gic.dtb" "$ROOT/automation/configs/demo-arm64.dtsi" $gic
    qemu_run arm64/direct-gicv$gic 60 "${QEMU[@]}" \
        -M virt,virtualization=on,gic-version=$gic \
        -kernel "$XEN" -dtb "$W/demo-gic$gic.dtb" "${LOADERS[@]}"
    expect_lines arm64/direct-boot-plan-gicv$gic "${PLAN[@]}" "${STOP[@]}"
    expect_lines arm64/direct-hello-runs-gicv$gic "${HELLO[@]}"
    expect_lines arm64/direct-hostile-contained-gicv$gic "${HOSTILE[@]}"
    if [ $gic = 3 ]; then
        # A synchronous external abort, read (WnR 0) then write (WnR 1).
        if [ "$(grep -cE '^\(d3\) hostile-unmapped: data abort ESR=0x960000(10|50) FAR=0x10000000 ' "$QEMU_LOG")" = 2 ]; then
            pass arm64/direct-hostile-gets-external-aborts
        else
            fail arm64/direct-hostile-gets-external-aborts "see $QEMU_LOG"
        fi
    fi
    expect_layout arm64/direct-layout-gicv$gic
done

# U-Boot: the DT's /config bootcmd runs booti on the image it finds loaded.
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
cat "$ROOT/automation/configs/demo-arm64.dtsi" - > "$W/uboot.dtsi" <<'CFG'
/ {
	config {
		bootdelay = <0>;
		bootcmd = "booti 0x40400000 - ${fdtcontroladdr}";
	};
};
CFG
"$MK" "$W/uboot.dtb" "$W/uboot.dtsi" 3
loaders "$G/hello.img" "$G/dtdump.img"
qemu_run arm64/uboot 60 "${QEMU[@]}" -M virt,virtualization=on,gic-version=3 \
    -bios "$UBOOT" -dtb "$W/uboot.dtb" \
    -device "loader,file=$XEN,addr=0x40400000,force-raw=on" "${LOADERS[@]}"
expect_lines arm64/uboot-boot-plan "${PLAN[@]}" "${HELLO[@]:0:5}" \
    "(d3) HELLO-DONE" "${STOP[@]}"
# d2 prints the DT it was given (dtdump): what guest-dt.c generated.
expect_lines arm64/guest-dt \
    "(d2) dt:   bootargs = \"console=ttyAMA0 hello from domU2\"" \
    "(d2) dt:   linux,initrd-start = <0x0 0x48200000>" \
    "(d2) dt:   linux,initrd-end = <0x0 0x48210000>" \
    "(d2) dt:   stdout-path = \"/sbsa-uart@22000000\"" \
    "(d2) dt:   compatible = \"arm,psci-1.0\", \"arm,psci-0.2\", \"arm,psci\"" \
    "(d2) dt:   method = \"hvc\"" \
    "(d2) dt: /cpus/cpu@1" \
    "(d2) dt:   enable-method = \"psci\"" \
    "(d2) dt:   reg = <0x0 0x40000000 0x0 0x10000000>" \
    "(d2) dt:   compatible = \"arm,gic-v3\"" \
    "(d2) dt:   reg = <0x0 0x3001000 0x0 0x10000 0x0 0x3020000 0x0 0x1000000>" \
    "(d2) dt:   phandle = <0xfde8>" \
    "(d2) dt:   interrupts = <0x1 0xd 0xf08 0x1 0xe 0xf08 0x1 0xb 0xf08>" \
    "(d2) dt: /sbsa-uart@22000000" \
    "(d2) dt:   interrupts = <0x0 0x0 0x4>" \
    "(d2) DTDUMP-DONE" "(XEN) d2: powered off"

# Eight domains on the 2-CPU machine, each running hello in 64 MiB.
{
    echo '/ { chosen { #address-cells = <1>; #size-cells = <1>;'
    for i in 1 2 3 4 5 6 7 8; do
        a=$(printf '%x' $(( 0x50000000 + i * 0x100000 )))
        echo "  dom$i { compatible = \"xen,domain\"; #address-cells = <1>;"
        echo "    #size-cells = <1>; memory = <0 0x10000>; cpus = <1>; vpl011;"
        echo "    module@$a { compatible = \"multiboot,kernel\", \"multiboot,module\";"
        echo "      reg = <0x$a 0x10000>; bootargs = \"dom$i\"; }; };"
    done
    echo '}; };'
} > "$W/eight.dtsi"
"$MK" "$W/eight.dtb" "$W/eight.dtsi" 3
LOADERS=()
for i in 1 2 3 4 5 6 7 8; do
    LOADERS+=(-device "loader,file=$G/hello.img,addr=$(( 0x50000000 + i * 0x100000 )),force-raw=on")
done
qemu_run arm64/eight-domains 60 "${QEMU[@]}" \
    -M virt,virtualization=on,gic-version=3 \
    -kernel "$XEN" -dtb "$W/eight.dtb" "${LOADERS[@]}"
EIGHT=()
for i in 1 2 3 4 5 6 7 8; do
    EIGHT+=("(d$i) hello: bootargs=\"dom$i\"" "(d$i) HELLO-DONE")
done
expect_lines arm64/eight-domains "${EIGHT[@]}" "${STOP[@]}"

# Time slicing: d1 spins forever, d2 and d3 (hello) must still finish.
# The run cannot end by itself: stop QEMU once the markers are in, or
# after 60 s (then it counts as timed out).
SPIN=("(d1) SPIN-START" "(d2) HELLO-DONE" "(XEN) d2: powered off"
      "(d3) HELLO-DONE" "(XEN) d3: powered off")
for gic in 3 2; do
    "$MK" "$W/spin-gic$gic.dtb" "$ROOT/automation/configs/spin-arm64.dtsi" $gic
    qemu_run_until arm64/spin-gicv$gic 60 SPIN "${QEMU[@]}" \
        -M virt,virtualization=on,gic-version=$gic \
        -kernel "$XEN" -dtb "$W/spin-gic$gic.dtb" \
        -device "loader,file=$G/spin.img,addr=0x50000000,force-raw=on" \
        -device "loader,file=$G/hello.img,addr=0x51000000,force-raw=on" \
        -device "loader,file=$G/hello.img,addr=0x52000000,force-raw=on"
    if [ $gic = 3 ]; then
        GICLINE="(XEN) GIC: GICv3, distributor at 0x8000000, redistributors at 0x80a0000"
    else
        GICLINE="(XEN) GIC: GICv2, distributor at 0x8000000, CPU interface at 0x8010000"
    fi
    expect_lines arm64/spin-time-sliced-gicv$gic "$GICLINE" "${SPIN[@]}" &&
        reject_text arm64/spin-not-crashed-gicv$gic "domain crashed"
done

# WFI blocks until the virtual timer: d1, a raw binary assembled here,
# arms its virtual timer 1 ms ahead and waits in WFI, 300 times, then
# prints W and powers off.  A blocked vCPU only runs again once its timer
# has expired, so this ends only if timer wake-ups work.
cat > "$W/wfi.S" <<'ASM'
	.text
	.global _start
_start:
	mov	x1, #0x22000000
	mov	x2, #300
	mrs	x4, cntfrq_el0
	mov	x5, #1000
	udiv	x4, x4, x5
1:	msr	cntv_tval_el0, x4
	mov	x3, #1
	msr	cntv_ctl_el0, x3
	isb
	wfi
	subs	x2, x2, #1
	b.ne	1b
	msr	cntv_ctl_el0, xzr
	mov	w3, #'W'
	str	w3, [x1]
	mov	w3, #'\n'
	str	w3, [x1]
	ldr	x0, =0x84000008
	hvc	#0
2:	b	2b
	.ltorg
ASM
if aarch64-linux-gnu-as "$W/wfi.S" -o "$W/wfi.o" &&
   aarch64-linux-gnu-ld -Ttext=0x40000000 "$W/wfi.o" -o "$W/wfi.elf" &&
   aarch64-linux-gnu-objcopy -O binary "$W/wfi.elf" "$W/wfi.bin"; then
    qemu_run arm64/wfi-blocks-until-vtimer 20 "${QEMU[@]}" \
        -M virt,virtualization=on,gic-version=3 \
        -kernel "$XEN" -dtb "$W/spin-gic3.dtb" \
        -device "loader,file=$W/wfi.bin,addr=0x50000000,force-raw=on" \
        -device "loader,file=$G/hello.img,addr=0x51000000,force-raw=on" \
        -device "loader,file=$G/hello.img,addr=0x52000000,force-raw=on"
    expect_lines arm64/wfi-blocks-until-vtimer "(d1) W" "(XEN) d1: powered off" \
        "(d2) HELLO-DONE" "(d3) HELLO-DONE" "${STOP[@]}"
else
    fail arm64/wfi-blocks-until-vtimer "cannot assemble $W/wfi.S"
fi

# A malformed DT: one clear error, nothing started, clean stop.
"$MK" "$W/bad.dtb" "$ROOT/automation/configs/bad-arm64.dtsi" 3
qemu_run arm64/bad-dt 60 "${QEMU[@]}" -M virt,virtualization=on,gic-version=3 \
    -kernel "$XEN" -dtb "$W/bad.dtb" "${LOADERS[@]}"
expect_lines arm64/malformed-dt-rejected \
    "(XEN) ERROR: /chosen/domU2: property 'memory': required property missing" \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" &&
    reject_text arm64/malformed-dt-prints-no-plan "Hyperlaunch DT (dom0less form)" &&
    reject_text arm64/malformed-dt-runs-nothing "(d1) "
