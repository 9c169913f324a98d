#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The arm64 test guests against the anchor: bare on QEMU 'virt' (no
# hypervisor), then unchanged as dom0less domUs of Debian's Xen 4.17.  What
# they print comes from their own DT, so this pins the guest-visible
# interface (memory map, generated DT, PSCI, vpl011) to Xen's.
# Xen 4.17 prints a domU's console lines as "(XEN) DOM<domid>: <line>".
source "$(dirname "$0")/lib.sh"
G=$ROOT/build/arm64/guests
W=$TESTOUT/xen-anchor
BOOT=$ROOT/automation/scripts/xen-anchor-boot.sh
mkdir -p "$W"

for g in hello smp spin hostile-unmapped hostile-hvc dtdump; do
    [ -s "$G/$g.img" ] || { fail guests/built "no $G/$g.img (make guests)"; exit 0; }
done

# 1. Bare: QEMU's own DT (pl011 via stdout-path, PSCI over hvc); SYSTEM_OFF
# ends QEMU.  QEMU loads the Image 2 MiB into RAM: position independence.
BARE=(qemu-system-aarch64 -M virt -cpu cortex-a57 -smp 2 -m 256 -nographic
      -monitor none -serial stdio -nic none)
qemu_run xen-anchor/bare-hello 20 "${BARE[@]}" -kernel "$G/hello.img" \
    -append "console=ttyAMA0 bare"
expect_lines guests/bare-hello 'hello: bootargs="console=ttyAMA0 bare"' \
    "hello: ram=256 MiB" "hello: vcpus=2" "HELLO-DONE"
qemu_run xen-anchor/bare-smp 20 "${BARE[@]}" -kernel "$G/smp.img"
expect_lines guests/bare-smp "smp: cpu 0 up" "smp: cpu 1 up" "SMP-DONE 2"

# xen_boot NAME LINE... -- DOMAIN...: boot Xen 4.17, expect the lines.
xen_boot() {
    local name=$1 want=() rc
    shift
    while [ "$1" != -- ]; do want+=("$1"); shift; done
    shift
    local IFS='|'
    TIMEOUT=30 "$BOOT" "$W/$name.log" "${want[*]}" "$@"
    rc=$?
    unset IFS
    case $rc in
    0) pass "xen-4.17/$name" ;;
    2) skip "xen-4.17/$name" "Debian's xen-hypervisor-4.17-arm64 not downloadable" ;;
    *) fail "xen-4.17/$name" "missing lines; see $W/$name.log" ;;
    esac
    return $rc
}

# 2. hello (1 vCPU, 96 MiB) and smp (2 vCPUs) side by side, host SMP 2,
# on a GICv3 host and on a GICv2 host (another guest DT, same output).
for gic in 3 2; do
    GIC=$gic xen_boot hello-smp-gicv$gic \
        '(XEN) DOM1: hello: bootargs="console=ttyAMA0 hello from domU1"' \
        "(XEN) DOM1: hello: ram=96 MiB" "(XEN) DOM1: hello: vcpus=1" \
        "(XEN) DOM1: HELLO-DONE" \
        "(XEN) DOM2: smp: cpu 0 up" "(XEN) DOM2: smp: cpu 1 up" \
        "(XEN) DOM2: SMP-DONE 2" -- \
        "$G/hello.img:1:96:console=ttyAMA0 hello from domU1" \
        "$G/smp.img:2:64:console=ttyAMA0"
    [ $? = 2 ] && exit 0
done

# 3. The whole DT Xen generates for a domU (2 vCPUs, 128 MiB, vpl011, GICv3
# host), as dtdump prints it, against the copy kept beside the guests.
REF=$ROOT/automation/guests/arm64/xen-4.17-domU-gicv3.dt
xen_boot dtdump "(XEN) DOM1: DTDUMP-DONE" -- \
    "$G/dtdump.img:2:128:console=ttyAMA0 dtdump" &&
    if sed -n 's/^(XEN) DOM1: //p' "$W/dtdump.log" | grep -v '^dtdump: DTB at' |
        diff -u "$REF" - > "$W/dtdump.diff"; then
        pass xen-4.17/domU-dt-as-recorded
    else
        fail xen-4.17/domU-dt-as-recorded "see $W/dtdump.diff"
    fi

# 4. The misbehaving guests beside a good one: Xen injects a data abort for
# the unmapped access and answers -1 (NOT_SUPPORTED) to the unknown calls.
xen_boot hostile \
    "(XEN) DOM1: HELLO-DONE" "(XEN) DOM2: SPIN-START" \
    "(XEN) DOM3: hostile-unmapped: reading 0x10000000" \
    "(XEN) DOM3: HOSTILE-UNMAPPED-DONE" \
    "(XEN) DOM4: hostile-hvc: hvc returned -1" \
    "(XEN) DOM4: hostile-hvc: smc returned -1" \
    "(XEN) DOM4: HOSTILE-HVC-DONE" -- \
    "$G/hello.img:1:64:console=ttyAMA0" "$G/spin.img:1:64:" \
    "$G/hostile-unmapped.img:1:64:" "$G/hostile-hvc.img:1:64:" &&
    if [ "$(grep -c '^(XEN) DOM3: hostile-unmapped: data abort ESR=0x96000000 FAR=0x10000000 ' \
            "$W/hostile.log")" = 2 ]; then
        pass xen-4.17/hostile-unmapped-gets-data-aborts
    else
        fail xen-4.17/hostile-unmapped-gets-data-aborts "see $W/hostile.log"
    fi
exit 0
