#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Dom0 as the hardware domain under QEMU 'virt' (GICv3, TCG): Debian's
# arm64 Linux as Dom0 (dom0less form: kernel and ramdisk under /chosen,
# dom0_mem=256M), its RAM direct-mapped from free host RAM and its DT made
# from the host's, beside two Linux domUs; domU1 gets the PL031 through a
# partial device tree (parser/partial/rtc.dts).
#   - Dom0 is let go once the domUs ran, before its first trap; its
#     console lines are held back until each domU printed a line, so the
#     domUs' first lines come before Dom0's;
#   - Dom0 loads the virtio modules added to its initramfs and reads the
#     marker the test wrote to a virtio-blk disk (MMIO 1:1, SPI routed);
#   - Dom0 answers a typed command and has no RTC (domU1 has it);
#   - Dom0 memory beyond the host's RAM (check phase) or in no free piece
#     of it (build) stops the boot with an
#     error naming /chosen and the property, before any domain prints.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/console-lib.sh"
W=$TESTOUT/dom0
SCRIPTS=$ROOT/automation/scripts
OURS=${XEN:-$ROOT/build/arm64/xen}
PARTIAL=$ROOT/automation/tests/parser/partial
PT_ADDR=0x4f000000 K0=0x60000000 R0=0x62000000
MARKER=HL-DOM0-VIRTIO-MARKER-1147
mkdir -p "$W"

[ -s "$OURS" ] || { fail dom0/build "$OURS not built"; exit 0; }
if ! "$SCRIPTS/fetch-linux-guest.sh" > "$W/fetch.log" 2>&1; then
    skip dom0/guest-images "no Debian arm64 kernel or busybox (see $W/fetch.log)"
    exit 0
fi

# The initramfs plus the virtio modules of the same kernel, under /virtio.
mk_virtio_initrd() {
    local mods=$ROOT/build/cache/linux-arm64/root/lib/modules t=$W/virtio-rd m f
    rm -rf "$t" && mkdir -p "$t/virtio" || return 1
    for m in virtio virtio_ring virtio_mmio virtio_blk; do
        f=$(find "$mods" -name "$m.ko*" | head -1)
        [ -n "$f" ] || return 1
        cp "$f" "$t/virtio/$m.ko" || return 1
    done
    python3 - "$t" "$W/virtio-extra.cpio.gz" <<'PY' || return 1
import gzip, os, sys
src, out = sys.argv[1:3]
recs = []
def entry(name, mode, body=b""):
    f = [len(recs) + 500000, mode, 0, 0, 1, 0, len(body), 0, 0, 0, 0,
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
    cat "$ROOT/build/cache/linux-arm64/initrd.cpio.gz" "$W/virtio-extra.cpio.gz" > "$W/dom0-initrd.cpio.gz"
}

# mk_dtb OUT DOM0_MEM: two Linux domUs (domU1 with the RTC), and Dom0.
mk_dtb() {
    local out=$1 m=/chosen/domU1/module@${PT_ADDR#0x}
    local img=$ROOT/build/cache/linux-arm64/Image rd=$W/dom0-initrd.cpio.gz
    XEN_ARGS="console=dtuart dtuart=/pl011@9000000 bootscrub=0 dom0_mem=$2" \
        DOM_MEM=128 "$SCRIPTS/mk-linux-dtb.sh" "$out" 2 > /dev/null || return 1
    dtc -q -I dts -O dtb -o "${out%.dtb}-partial.dtb" "$PARTIAL/rtc.dts" || return 1
    mapfile -t LOADERS < "${out%.dtb}.loaders"
    LOADERS+=(-device "loader,file=${out%.dtb}-partial.dtb,addr=$PT_ADDR,force-raw=on"
        -device "loader,file=$img,addr=$K0,force-raw=on"
        -device "loader,file=$rd,addr=$R0,force-raw=on")
    fdtput -c "$out" "$m" /chosen/module@${K0#0x} /chosen/module@${R0#0x} &&
        fdtput -t s "$out" "$m" compatible multiboot,device-tree multiboot,module &&
        fdtput -t x "$out" "$m" reg "${PT_ADDR#0x}" 1000 &&
        fdtput -t s "$out" /chosen/module@${K0#0x} compatible multiboot,kernel multiboot,module &&
        fdtput -t x "$out" /chosen/module@${K0#0x} reg "${K0#0x}" "$(printf %x "$(stat -c %s "$img")")" &&
        fdtput -t s "$out" /chosen/module@${R0#0x} compatible multiboot,ramdisk multiboot,module &&
        fdtput -t x "$out" /chosen/module@${R0#0x} reg "${R0#0x}" "$(printf %x "$(stat -c %s "$rd")")" &&
        fdtput -t s "$out" /chosen xen,dom0-bootargs "console=ttyAMA0 domname=dom0" &&
        fdtput "$out" /pl031@9010000 xen,passthrough
}

boot_start() {
    console_start "$W/$1.log" "$W/$1.raw"
    timeout "${2:-200}" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
        -cpu cortex-a57 -smp 2 -m 2048 -nographic -monitor none \
        -serial stdio -nic none -kernel "$OURS" -dtb "$W/$1.dtb" "${LOADERS[@]}" \
        -drive "if=none,file=$W/disk.img,format=raw,id=d0" -device virtio-blk-device,drive=d0 \
        <&5 > "$RAW" 2>&1 &
    QPID=$!
}

# first_line DOMID: the line number of the domain's first console line.
first_line() { grep -n -m1 "^($1) " "$QEMU_LOG" | cut -d: -f1; }

if ! mk_virtio_initrd || ! { printf '%s\n' "$MARKER"; head -c 1048576 /dev/zero; } > "$W/disk.img"; then
    fail dom0/setup "could not build the initramfs or the disk"
    exit 0
fi

# ---- Dom0 with the board's devices, two domUs started before it ----
if mk_dtb "$W/dom0.dtb" 256M; then
    boot_start dom0
    if check dom0/domains-ready 150 '(d0) DOMU-READY dom0' '(d1) DOMU-READY domU1' '(d2) DOMU-READY domU2'; then
        grep -qE '^\(XEN\) d0: RAM 0x[0-9a-f]+-0x[0-9a-f]+ \(262144 KiB\)' "$QEMU_LOG" &&
            grep -q '^(XEN) d0: hardware domain: [1-9][0-9]* host device nodes' "$QEMU_LOG" &&
            pass dom0/hardware-domain-built || fail dom0/hardware-domain-built "no direct-mapped RAM or device line (see $QEMU_LOG)"
        a=$(first_line d0) b=$(first_line d1) c=$(first_line d2)
        h=$(grep -n -m1 '^(XEN) Hyperlaunch: d0 (hardware domain) starts: every other domain is under way$' "$QEMU_LOG" | cut -d: -f1)
        k=$(grep -n -m1 -E "^\(XEN\) Hyperlaunch: d0's console: [0-9]+ lines? held back until every other domain printed or ended\$" "$QEMU_LOG" | cut -d: -f1)
        t=$(grep -n -m1 '^(XEN) d0: unknown HVC' "$QEMU_LOG" | cut -d: -f1)
        if [ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ -n "$h" ] && [ -n "$k" ] && [ -n "$t" ] &&
            ((h < t && b < k && c < k && k < a)); then
            pass dom0/domus-before-dom0
        else
            fail dom0/domus-before-dom0 "first lines: d0 at $a, d1 at $b, d2 at $c; d0 released at $h, its first trap at $t, its console at $k (see $QEMU_LOG)"
        fi
        grep -qE '^\(d0\) .*Booting Linux on physical CPU' "$QEMU_LOG" &&
            pass dom0/linux-booted || fail dom0/linux-booted "no Linux banner from d0"
        sleep 2
        ask dom0/shell-answers 'echo ANSWER-$((6*7)) $domname' '^\(d0\) ANSWER-42 dom0$' 20 &&
            pass dom0/shell-answers
        ask dom0/virtio-marker \
            'for m in virtio_ring virtio virtio_mmio virtio_blk; do insmod /virtio/$m.ko; done; sleep 2; echo MARK=$(head -c 27 /dev/vda)' \
            '^\(d0\) MARK=' 40 &&
            { grep -qx "(d0) MARK=$MARKER" "$QEMU_LOG" && pass dom0/virtio-marker ||
                fail dom0/virtio-marker "$(grep '^(d0) MARK=' "$QEMU_LOG" | tail -1)"; }
        # As on Xen, the node stays in Dom0's DT with status "disabled".
        ask dom0/no-rtc 'echo NRTC=$(ls /sys/class/rtc | wc -l) PL031=$(tr -d "\0" < /proc/device-tree/pl031@9010000/status || echo none)' '^\(d0\) NRTC=' &&
            { grep -qx '(d0) NRTC=0 PL031=disabled' "$QEMU_LOG" && pass dom0/no-rtc ||
                fail dom0/no-rtc "$(grep '^(d0) NRTC=' "$QEMU_LOG"): Dom0 sees the RTC"; }
        grep -qE '^\(d1\) .*rtc-pl031 9010000\.pl031: registered as rtc0' "$QEMU_LOG" &&
            pass dom0/domu1-rtc || fail dom0/domu1-rtc "domU1 did not register the PL031 (see $QEMU_LOG)"
    fi
    boot_stop
    no_trouble dom0/no-panic
else
    fail dom0/dtb "could not build the DTB"
fi

# ---- Dom0 memory that does not fit: refused, nothing starts ----
# refused NAME DOM0_MEM FINAL-LINE ERROR-LINE
refused() {
    if ! mk_dtb "$W/$1.dtb" "$2"; then
        fail "dom0/$1" "could not build the DTB"
        return
    fi
    boot_start "$1" 60
    if wait_lines 40 "$3"; then
        sleep 1
        boot_stop
        if ! has_line "$4" "$QEMU_LOG"; then
            fail "dom0/$1" "no line '$4' (see $QEMU_LOG)"
        elif grep -q '^(d[0-9]*)' "$QEMU_LOG"; then
            fail "dom0/$1" "a domain printed (see $QEMU_LOG)"
        else
            pass "dom0/$1"
        fi
    else
        boot_stop
        fail "dom0/$1" "not refused (see $QEMU_LOG)"
    fi
}
# More than the host's RAM: the check phase (hlcheck says the same).
refused memory-beyond-host-ram 3G \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" \
    "(XEN) ERROR: /chosen: property 'xen,xen-bootargs': dom0_mem=: 3145728 KiB for the hardware domain, but the host has 2097152 KiB of RAM"
# Less than the host's RAM, but no free piece that large: the build.
refused memory-not-in-one-piece 1536M \
    "(XEN) Hyperlaunch: building d0 failed (-12); no domain was started" \
    "(XEN) ERROR: d0: /chosen: property 'xen,xen-bootargs': dom0_mem=: no free host RAM holds 1572864 KiB in one piece for the direct-mapped hardware domain"
