#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Device passthrough to dom0less domUs under QEMU 'virt' (GICv3, TCG).
#   (a) Debian's arm64 Linux in domU1 gets the PL031 RTC (0x9010000, SPI 2)
#       through a partial device tree (automation/tests/parser/partial/
#       rtc.dts, the file parser-tests.sh checks with hlcheck): its rtc
#       driver registers rtc0, reads a time within a day of the host's, and
#       an alarm fires its interrupt (a hardware SPI through the vGIC);
#       domU2, beside it, has no RTC at all.  Then the same on a GICv2
#       host (GICH list registers): the alarm's interrupt arrives.
#       Debian's Xen 4.17 boots the very same DTB, and its domU1's Linux
#       registers the RTC as well (skipped when Xen cannot be downloaded).
#       A bare-metal guest (automation/guests/arm64/ptirq.c) abuses the
#       virtual GIC state of the RTC's hardware interrupt; each next alarm
#       still arrives, and the hypervisor stays up.
#   (b) a Linux domU with xen,static-mem + direct-map (RAM at host
#       0x80000000, guest physical = host physical) gets QEMU's first
#       virtio-mmio slot (0xa003e00, SPI 47: the first -device lands in the
#       highest slot) with a virtio-blk disk through a partial device tree
#       (parser/partial/virtio.dts), loads the virtio modules the test adds
#       to its initramfs, and reads the marker the test wrote to the disk:
#       the device's DMA reaches the domain's RAM only because of the 1:1
#       map.
#   (c) bad partial device trees and static memory stop the boot with one
#       error naming the node and the property, and no domain prints.
# env: PASSTHROUGH_PARTS="rtc gicv2 xen ptirq virtio refused" (which to run).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/console-lib.sh"
W=$TESTOUT/passthrough
SCRIPTS=$ROOT/automation/scripts
OURS=${XEN:-$ROOT/build/arm64/xen}
PARTIAL=$ROOT/automation/tests/parser/partial
PT_ADDR=0x4f000000
mkdir -p "$W"
part() { [[ " ${PASSTHROUGH_PARTS:-rtc gicv2 xen ptirq virtio refused} " == *" $1 "* ]]; }

[ -s "$OURS" ] || { fail passthrough/build "$OURS not built"; exit 0; }
if ! "$SCRIPTS/fetch-linux-guest.sh" > "$W/fetch.log" 2>&1; then
    skip passthrough/guest-images "no Debian arm64 kernel or busybox (see $W/fetch.log)"
    exit 0
fi

# mk_dtb OUT PARTIAL.dts [fdtput commands...]: two Linux domUs, domU1 with
# the partial device tree PARTIAL at PT_ADDR; the host's PL031 marked.
mk_dtb() {
    local out=$1 partial=$2 m=/chosen/domU1/module@${PT_ADDR#0x}
    shift 2
    VCPUS=${PT_VCPUS:-1} GIC=${GICV:-3} DOM_MEM=128 "$SCRIPTS/mk-linux-dtb.sh" "$out" "${PT_N:-2}" > /dev/null || return 1
    dtc -q -I dts -O dtb -o "${out%.dtb}-partial.dtb" "$partial" || return 1
    mapfile -t LOADERS < "${out%.dtb}.loaders"
    LOADERS+=(-device "loader,file=${out%.dtb}-partial.dtb,addr=$PT_ADDR,force-raw=on")
    fdtput -c "$out" "$m" &&
        fdtput -t s "$out" "$m" compatible multiboot,device-tree multiboot,module &&
        fdtput -t x "$out" "$m" reg "${PT_ADDR#0x}" 1000 &&
        fdtput "$out" /pl031@9010000 xen,passthrough || return 1
    while [ $# -gt 0 ]; do
        eval "fdtput \"$out\" $1" || return 1
        shift
    done
}

boot_start() {
    local extra=()
    [ "$1" = virtio ] && extra=(-drive "if=none,file=$W/disk.img,format=raw,id=d0"
        -device virtio-blk-device,drive=d0)
    console_start "$W/$1.log" "$W/$1.raw"
    timeout "${2:-200}" qemu-system-aarch64 -M "virt,virtualization=on,gic-version=${GICV:-3}" \
        -cpu cortex-a57 -smp 2 -m 2048 -nographic -monitor none \
        -serial stdio -nic none -kernel "${HYP_IMG:-$OURS}" -dtb "$W/$1.dtb" "${LOADERS[@]}" "${extra[@]}" \
        <&5 > "$RAW" 2>&1 &
    QPID=$!
}

# ---- (a) the PL031 in a Linux domU ----
if ! part rtc; then
    :
elif mk_dtb "$W/rtc.dtb" "$PARTIAL/rtc.dts"; then
    boot_start rtc
    if check passthrough/rtc-domains-ready 120 '(d1) DOMU-READY domU1' '(d2) DOMU-READY domU2'; then
        grep -qE '^\(d1\) .*rtc-pl031 9010000\.pl031: registered as rtc0' "$QEMU_LOG" &&
            pass passthrough/rtc-d1-probe || fail passthrough/rtc-d1-probe "no rtc0 probe line (see $QEMU_LOG)"
        sleep 2
        if ask passthrough/rtc-d1-time 'echo RTC=$(cat /sys/class/rtc/rtc0/since_epoch)' '^\(d1\) RTC='; then
            t=$(sed -n 's/^(d1) RTC=\([0-9]*\)$/\1/p' "$QEMU_LOG" | tail -1)
            now=$(date +%s)
            if [ -n "$t" ] && ((t > now - 86400 && t < now + 86400)); then
                pass passthrough/rtc-d1-time
            else
                fail passthrough/rtc-d1-time "RTC says '$t', host $now"
            fi
        fi
        ask passthrough/rtc-d1-alarm-irq \
            'echo +1 > /sys/class/rtc/rtc0/wakealarm; sleep 3; echo RTCIRQ=$(awk "/pl031/{print \$2}" /proc/interrupts)' \
            '^\(d1\) RTCIRQ=' 20 &&
            { grep -qE '^\(d1\) RTCIRQ=[1-9]' "$QEMU_LOG" && pass passthrough/rtc-d1-alarm-irq ||
                fail passthrough/rtc-d1-alarm-irq "$(grep '^(d1) RTCIRQ=' "$QEMU_LOG" | tail -1): the alarm's SPI never came"; }
        switch_input
        if ask passthrough/rtc-d2-none 'echo NRTC=$(ls /sys/class/rtc | wc -l)' '^\(d2\) NRTC='; then
            grep -q '^(d2) NRTC=0$' "$QEMU_LOG" && pass passthrough/rtc-d2-none ||
                fail passthrough/rtc-d2-none "$(grep '^(d2) NRTC=' "$QEMU_LOG"): domU2 sees an RTC"
        fi
    fi
    boot_stop
    no_trouble passthrough/rtc-no-panic
else
    fail passthrough/rtc-dtb "could not build the DTB"
fi

# The same on GICv2: the hardware interrupt through GICH_LR.
if ! part gicv2; then
    :
elif GICV=2 mk_dtb "$W/rtc-gicv2.dtb" "$PARTIAL/rtc.dts"; then
    GICV=2 boot_start rtc-gicv2
    if check passthrough/rtc-gicv2-ready 120 '(d1) DOMU-READY domU1'; then
        sleep 2
        ask passthrough/rtc-gicv2-alarm-irq \
            'echo +1 > /sys/class/rtc/rtc0/wakealarm; sleep 3; echo RTCIRQ=$(awk "/pl031/{print \$2}" /proc/interrupts)' \
            '^\(d1\) RTCIRQ=' 20 &&
            { grep -qE '^\(d1\) RTCIRQ=[1-9]' "$QEMU_LOG" && pass passthrough/rtc-gicv2-alarm-irq ||
                fail passthrough/rtc-gicv2-alarm-irq "$(grep '^(d1) RTCIRQ=' "$QEMU_LOG" | tail -1)"; }
    fi
    boot_stop
    no_trouble passthrough/rtc-gicv2-no-panic
else
    fail passthrough/rtc-gicv2-dtb "could not build the DTB"
fi

# The same DTB on Debian's Xen 4.17: its DOM1 gets the RTC too.
XEN417=
part xen && XEN417=$("$SCRIPTS/fetch-xen-4.17.sh" 2> "$W/fetch-xen.log")
if ! part xen; then
    :
elif [ -z "$XEN417" ]; then
    skip passthrough/xen-4.17-rtc "Debian's Xen 4.17 not downloadable (see $W/fetch-xen.log)"
elif mk_dtb "$W/rtc-xen.dtb" "$PARTIAL/rtc.dts"; then
    HYP_IMG=$XEN417 boot_start rtc-xen 120
    if check passthrough/xen-4.17-rtc-ready 60 '(XEN) DOM1: DOMU-READY domU1'; then
        grep -qE '^\(XEN\) DOM1: .*rtc-pl031 9010000\.pl031: registered as rtc0' "$QEMU_LOG" &&
            pass passthrough/xen-4.17-rtc-probe ||
            fail passthrough/xen-4.17-rtc-probe "no rtc0 probe line (see $QEMU_LOG)"
    fi
    boot_stop
else
    fail passthrough/xen-4.17-dtb "could not build the DTB"
fi

# A bare-metal guest with the PL031 abuses the vGIC state of its hardware
# interrupt; after each abuse the next alarm must still come through.
if ! part ptirq; then
    :
elif [ ! -s "$ROOT/build/arm64/guests/ptirq.img" ]; then
    fail passthrough/ptirq "build/arm64/guests/ptirq.img missing: run make guests"
elif printf 'x' > "$W/empty.rd" &&
    IMAGE=$ROOT/build/arm64/guests/ptirq.img INITRD=$W/empty.rd PT_N=1 PT_VCPUS=2 \
        mk_dtb "$W/ptirq.dtb" "$PARTIAL/rtc.dts"; then
    boot_start ptirq 120
    if check passthrough/ptirq-done 90 '(d1) PTIRQ-DONE 0'; then
        n=$(grep -c '^(d1) ptirq: abuse [0-9] ok$' "$QEMU_LOG")
        [ "$n" = 7 ] && pass passthrough/ptirq-every-abuse ||
            fail passthrough/ptirq-every-abuse "$n of 7 abuses reported ok"
    fi
    boot_stop
    no_trouble passthrough/ptirq-no-panic
else
    fail passthrough/ptirq-dtb "could not build the DTB"
fi

# ---- (b) virtio-blk in a direct-mapped static-memory domU ----
# The initramfs plus the virtio modules of the same kernel, under /virtio.
mk_virtio_initrd() {
    local mods=$ROOT/build/cache/linux-arm64/root/lib/modules t=$W/virtio-rd m f
    rm -rf "$t" && mkdir -p "$t/virtio" || return 1
    for m in virtio virtio_ring virtio_mmio virtio_blk; do
        f=$(find "$mods" -name "$m.ko*" | head -1)
        [ -n "$f" ] || return 1
        cp "$f" "$t/virtio/$m.ko" || return 1
    done
    # A second gzipped newc archive (python3: no cpio(1) needed).
    python3 - "$t" "$W/virtio-extra.cpio.gz" <<'PY' || return 1
import gzip, os, sys
src, out = sys.argv[1:3]
recs = []
def entry(name, mode, body=b""):
    f = [len(recs) + 400000, mode, 0, 0, 1, 0, len(body), 0, 0, 0, 0,
         len(name) + 1, 0]
    r = b"070701" + b"".join(b"%08X" % x for x in f) + name.encode() + b"\0"
    r += b"\0" * (-len(r) % 4) + body
    recs.append(r + b"\0" * (-len(r) % 4))
entry("virtio", 0o040755)
for n in sorted(os.listdir(os.path.join(src, "virtio"))):
    entry("virtio/" + n, 0o100644, open(os.path.join(src, "virtio", n), "rb").read())
entry("TRAILER!!!", 0)
open(out, "wb").write(gzip.compress(b"".join(recs), mtime=0))
PY
    cat "$ROOT/build/cache/linux-arm64/initrd.cpio.gz" "$W/virtio-extra.cpio.gz" > "$W/virtio-initrd.cpio.gz"
}
MARKER=HLPT-VIRTIO-DISK-MARKER-4711
if ! part virtio; then
    :
elif mk_virtio_initrd && { printf '%s\n' "$MARKER"; head -c 1048576 /dev/zero; } > "$W/disk.img" &&
    INITRD=$W/virtio-initrd.cpio.gz mk_dtb "$W/virtio.dtb" "$PARTIAL/virtio.dts" \
        "-t x /chosen/domU1 xen,static-mem 80000000 8000000" "/chosen/domU1 direct-map" \
        "/virtio_mmio@a003e00 xen,passthrough"; then
    # Only domU1 has the partial DT: domU2 stays as it is.
    boot_start virtio
    if check passthrough/virtio-domains-ready 120 '(d1) DOMU-READY domU1' '(d2) DOMU-READY domU2'; then
        grep -q '^(XEN) d1: RAM 0x80000000-0x88000000 (131072 KiB), VMID 1, static, direct-mapped$' "$QEMU_LOG" &&
            pass passthrough/virtio-d1-direct-mapped ||
            fail passthrough/virtio-d1-direct-mapped "no direct-mapped RAM line (see $QEMU_LOG)"
        sleep 2
        ask passthrough/virtio-d1-marker \
            'for m in virtio_ring virtio virtio_mmio virtio_blk; do insmod /virtio/$m.ko; done; sleep 2; echo MARK=$(head -c 28 /dev/vda)' \
            '^\(d1\) MARK=' 30 &&
            { grep -qx "(d1) MARK=$MARKER" "$QEMU_LOG" && pass passthrough/virtio-d1-marker ||
                fail passthrough/virtio-d1-marker "$(grep '^(d1) MARK=' "$QEMU_LOG" | tail -1)"; }
    fi
    boot_stop
    no_trouble passthrough/virtio-no-panic
else
    fail passthrough/virtio-setup "could not build the initramfs, disk or DTB"
fi

# ---- (c) configurations refused before anything starts ----
# refused NAME PARTIAL "fdtput args"... -- EXPECTED-ERROR-LINE
refused() {
    local name=$1 partial=$2 args=() want
    shift 2
    while [ "$1" != -- ]; do args+=("$1"); shift; done
    want=$2
    if ! mk_dtb "$W/$name.dtb" "$partial" "${args[@]}"; then
        fail "passthrough/$name" "could not build the DTB"
        return
    fi
    boot_start "$name" 60
    if wait_lines 30 "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started"; then
        boot_stop
        if ! has_line "$want" "$QEMU_LOG"; then
            fail "passthrough/$name" "no line '$want' (see $QEMU_LOG)"
        elif grep -q '^(d[0-9]*)' "$QEMU_LOG"; then
            fail "passthrough/$name" "a domain printed (see $QEMU_LOG)"
        else
            pass "passthrough/$name"
        fi
    else
        boot_stop
        fail "passthrough/$name" "not refused (see $QEMU_LOG)"
    fi
}
part refused || exit 0
refused no-force-assign "$PARTIAL/rtc-no-force.dts" -- \
    "(XEN) ERROR: /chosen/domU1/module@4f000000 at /passthrough/pl031@9010000: property 'xen,force-assign-without-iommu': missing: there is no IOMMU, so the device is given only when forced (it can DMA anywhere)"
refused reg-outside-host "$PARTIAL/rtc-reg-outside-host.dts" -- \
    "(XEN) ERROR: /chosen/domU1/module@4f000000 at /passthrough/pl031@9010000: property 'xen,reg': [0x9010000, 0x9012000) is not within the 'reg' of host node /pl031@9010000"
refused direct-map-alone "$PARTIAL/rtc.dts" "/chosen/domU2 direct-map ''" -- \
    "(XEN) ERROR: /chosen/domU2: property 'direct-map': needs xen,static-mem: a direct-mapped domain's RAM is given host RAM"
