#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 Xen PV interfaces (xen,enhanced): two bare-metal domains read their
# /hypervisor node, place shared_info and vcpu_info, ping-pong over an
# event channel and pass a page through a grant, and check every call's
# result; a domain without xen,enhanced gets -ENOSYS; a hostile domain's
# bad arguments and hypercall storm get errors while the others go on.
source "$(dirname "$0")/lib.sh"
XEN=$ROOT/build/arm64/xen
G=$ROOT/build/arm64/guests
W=$TESTOUT/arm64-pv
MK=$ROOT/automation/scripts/mk-arm64-dtb.sh
LOGDIR=arm64-pv
mkdir -p "$W"

source "$ROOT/automation/tests/arm64-domain-lib.sh"

STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

config pingpong
DOMAIN_EXTRA='xen,enhanced = "no-xenstore";' domain xenpv 1 65536 "role=1 peer=2" >> "$W/$NAME.dtsi"
DOMAIN_EXTRA='xen,enhanced = "no-xenstore";' domain xenpv 1 65536 "role=2 peer=1" >> "$W/$NAME.dtsi"
boot 3
expect_lines arm64/pv-pingpong-grant \
    "(d1) xenpv: /hypervisor reg=0x38000000+0x1000000 interrupts=<1 15 0xf08>" \
    "(d1) xenpv: xen_version 4.17.0-hyperlaunch features 0x24005" \
    "(d2) xenpv: mapped grant 8 of d1: \"data granted by the ping domain\"" \
    "(d1) xenpv: PINGPONG-DONE role 1 port 1" \
    "(d2) xenpv: PINGPONG-DONE role 2 port 1" \
    "(d1) xenpv: console_io write" "(d2) xenpv: console_io write" \
    "(d1) XENPV-DONE 0 failures" "(d2) XENPV-DONE 0 failures" "${STOP[@]}"
grep -h "ns each\|null hypercall" "$QEMU_LOG" | sed 's/^/    /'

# Exit accounting (printed as each domain ends): each domain made its
# 10000-call xen_version loop and more, so at least that many xen_version
# exits; every console line it printed went through the vpl011 data
# register, so at least that many data aborts there; the per-class counts
# add up to the total.
exit_count() { sed -n "s/^(XEN) $1: \([0-9]*\), [0-9]* us\$/\1/p" "$QEMU_LOG" | head -1; }
for d in 1 2; do
    hv=$(exit_count "d${d}v0 exit hvc-xen xen_version(17)")
    uart=$(exit_count "d${d}v0 exit dabt vpl011 0x22000000")
    lines=$(grep -c "^(d$d) " "$QEMU_LOG")
    sums=$(sed -n "s/^(XEN) d$d exits: \([0-9]*\), [0-9]* us:\(.*\)/\1 \2/p" "$QEMU_LOG" |
        head -1 | awk '{ t = $1; s = 0; for (i = 3; i <= NF; i += 2) { split($i, a, "/"); s += a[1] } print t, s }')
    if [ "${hv:-0}" -ge 10000 ] && [ "${uart:-0}" -ge "$lines" ] && [ "$lines" -gt 0 ] &&
        [ -n "$sums" ] && [ "${sums% *}" = "${sums#* }" ]; then
        pass arm64/pv-exit-counters-d$d
    else
        fail arm64/pv-exit-counters-d$d "xen_version ${hv:-none} (want >= 10000), vpl011 ${uart:-none} (want >= $lines lines), total and class sum '${sums:-none}' (see $QEMU_LOG)"
    fi
done
grep -h "^(XEN) d1 exits:" "$QEMU_LOG" | sed 's/^/    /'

# static_pair D2-ARGS: d1 and d2 joined by a static event channel (port
# 10 of d1, port 20 of d2) and a static shared-memory region (d1 owner);
# D2-ARGS go on d2's command line.
static_pair() {
    DOMAIN_EXTRA='xen,enhanced = "no-xenstore";
ec1: evtchn@10 { compatible = "xen,evtchn-v1"; xen,evtchn = <10 &ec2>; };
shm@50000000 { compatible = "xen,domain-shared-memory-v1";
    xen,shm-id = "pingpong"; xen,shared-mem = <0x50000000 0x10000>;
    role = "owner"; };' \
        domain xenpv 1 65536 "role=1 peer=2 static=10 shm=0x50000000" >> "$W/$NAME.dtsi"
    DOMAIN_EXTRA='xen,enhanced = "no-xenstore";
ec2: evtchn@20 { compatible = "xen,evtchn-v1"; xen,evtchn = <20 &ec1>; };
shm@60000000 { compatible = "xen,domain-shared-memory-v1";
    xen,shm-id = "pingpong"; xen,shared-mem = <0x60000000 0x10000>;
    role = "borrower"; };' \
        domain xenpv 1 65536 "role=2 peer=1 static=20 shm=0x60000000 $1" >> "$W/$NAME.dtsi"
}

# The same over a static event channel (xen,evtchn-v1 nodes): port 10 of
# d1 bound to port 20 of d2 before either runs (closed at the end).  A
# static shared-memory region (xen,domain-shared-memory-v1, d1 the owner)
# at a different guest address in each carries a message each way.  d2
# takes its events as Linux does, through PPI 31 on its GIC.
config static
static_pair irq=1
boot 3
expect_lines arm64/pv-static-evtchn-shm \
    "(XEN) d1: static event channel: port 10 to d2 port 20" \
    "(d2) xenpv: mapped grant 8 of d1: \"data granted by the ping domain\"" \
    "(d2) xenpv: /reserved-memory/xen-shmem@60000000 xen,id \"pingpong\" reads \"written by the ping domain\"" \
    "(d1) xenpv: shared memory reads \"answered by the pong domain\"" \
    "(d2) xenpv: events came through PPI 31: yes" \
    "(d1) xenpv: PINGPONG-DONE role 1 port 10" \
    "(d2) xenpv: PINGPONG-DONE role 2 port 20" \
    "(d1) XENPV-DONE 0 failures" "(d2) XENPV-DONE 0 failures" \
    "${STOP[@]}"
grep -h "static shared memory" "$QEMU_LOG" | sed 's/^/    /'

# A restart keeps a domain's connections: d2 resets itself once before
# its first event (its default on-reboot policy restarts it); the static
# shared memory outlives it, and its static event channel is bound again
# to d1, which waited on its end throughout.
config restart
static_pair reboot-once
boot 3
expect_lines arm64/pv-restart-keeps-connections \
    "(d2) xenpv: first run: resetting" \
    "(XEN) d2: domU2 restarted" \
    "(d2) xenpv: second run after a reset" \
    "(d1) xenpv: PINGPONG-DONE role 1 port 10" \
    "(d2) xenpv: PINGPONG-DONE role 2 port 20" \
    "(d1) XENPV-DONE 0 failures" "(d2) XENPV-DONE 0 failures" \
    "${STOP[@]}"
if [ "$(grep -c '^(XEN) d1: static event channel: port 10 to d2 port 20' "$QEMU_LOG")" = 2 ]; then
    pass arm64/pv-restart-rebinds-static-evtchn
else
    fail arm64/pv-restart-rebinds-static-evtchn "expected the binding line twice (see $QEMU_LOG)"
fi

# A hostile xen,enhanced domain (2 vCPUs) beside a well-behaved one and a
# domain without xen,enhanced: every bad call gets Xen's error code, the
# log is rate-limited, its crash shutdown ends only it.
config hostile
DOMAIN_EXTRA='xen,enhanced = "no-xenstore";' domain xenpv 1 65536 "solo" >> "$W/$NAME.dtsi"
DOMAIN_EXTRA='xen,enhanced;' domain hostile-pv 2 65536 "peer=1 plain=3" >> "$W/$NAME.dtsi"
domain xenpv 1 65536 "plain" >> "$W/$NAME.dtsi"
boot 3
expect_lines arm64/pv-hostile \
    "(d1) XENPV-DONE 0 failures" \
    "(d3) xenpv: plain domain: /hypervisor absent, xen_version -38" \
    "(d3) XENPV-DONE 0 failures" \
    "(d2) hostile-pv: single calls done, 0 failures" \
    "(d2) hostile-pv: storm of 16000 calls on 2 vCPUs done" \
    "(d2) HOSTILE-PV-DONE 0 failures" \
    "(XEN) d2: shut down with reason crash; domain crashed" \
    "${STOP[@]}"
if grep -q "(no more such lines)" "$QEMU_LOG" &&
   [ "$(grep -c '^(XEN) d2: .*hypercall' "$QEMU_LOG")" -le 16 ]; then
    pass arm64/pv-hostile-log-rate-limited
else
    fail arm64/pv-hostile-log-rate-limited "see $QEMU_LOG"
fi
reject_text arm64/pv-hostile-no-fail "FAIL"

# Debian's arm64 Linux as two xen,enhanced = "no-xenstore" domUs: both
# reach userspace with their Xen drivers up (the hypervisor found, grant
# tables and 2-level event channels initialised on every vCPU).  They are
# joined as static_pair joins d1 and d2 (port 10 of d1 to port 20 of d2,
# 64 KiB "pingpong" owned by d1, at 0x60000000 in d1 and 0x70000000 in
# d2); each /init loads the xen-static-pingpong module
# (automation/guests/linux-modules/), built here against Debian's
# linux-headers for that kernel, which ping-pongs over the static port and
# the region and logs what it received.
if ! "$ROOT/automation/scripts/fetch-linux-guest.sh" > "$W/fetch-linux.log" 2>&1; then
    skip arm64/pv-linux "no Debian arm64 kernel or busybox (see $W/fetch-linux.log)"
    exit 0
fi
LCACHE=$ROOT/build/cache/linux-arm64
KO=$ROOT/build/arm64/linux-modules/xen-static-pingpong
PINGPONG= rc=0
"$ROOT/automation/scripts/build-linux-module.sh" \
    "$ROOT/automation/guests/linux-modules/xen-static-pingpong" "$KO" \
    > "$W/module.log" 2>&1 || rc=$?
if [ $rc = 0 ] && "$ROOT/automation/scripts/mk-initramfs.sh" \
    "$LCACHE/root/bin/busybox" "$W/initrd-pingpong.cpio.gz" \
    "$KO/xen-static-pingpong.ko" >> "$W/module.log" 2>&1; then
    PINGPONG=1
    pass arm64/pv-linux-module-built
elif [ $rc = 2 ]; then
    skip arm64/pv-linux-static-pingpong "no linux-headers or cross compiler (see $W/module.log)"
else
    fail arm64/pv-linux-module-built "see $W/module.log"
fi
# linux_shm ROLE ADDR: a domU's static shared-memory node.
linux_shm() {
    printf '\t\t\tshm@%x {\n\t\t\t\tcompatible = "xen,domain-shared-memory-v1";\n' "$2"
    printf '\t\t\t\txen,shm-id = "pingpong";\n\t\t\t\txen,shared-mem = <0x%x 0x10000>;\n' "$2"
    printf '\t\t\t\trole = "%s";\n\t\t\t};' "$1"
}
if [ -n "$PINGPONG" ]; then
    INITRD=$W/initrd-pingpong.cpio.gz
    DOM_EXTRA_1="			ec1: evtchn@10 { compatible = \"xen,evtchn-v1\"; xen,evtchn = <10 &ec2>; };
$(linux_shm owner 0x60000000)"
    DOM_EXTRA_2="			ec2: evtchn@20 { compatible = \"xen,evtchn-v1\"; xen,evtchn = <20 &ec1>; };
$(linux_shm borrower 0x70000000)"
    KARGS_1=insmod=xen-static-pingpong,role=ping,port=10
    KARGS_2=insmod=xen-static-pingpong,role=pong,port=20
    export INITRD DOM_EXTRA_1 DOM_EXTRA_2 KARGS_1 KARGS_2
fi
ENHANCED=no-xenstore VCPUS=1,2 GIC=3 "$ROOT/automation/scripts/mk-linux-dtb.sh" \
    "$W/linux.dtb" 2 > /dev/null || { fail arm64/pv-linux "mk-linux-dtb.sh failed"; exit 0; }
mapfile -t LOADERS < "$W/linux.loaders"
# shellcheck disable=SC2034 # read by qemu_run_until
READY=("(d1) DOMU-READY domU1" "(d2) DOMU-READY domU2")
qemu_run_until arm64-pv/linux 150 READY qemu-system-aarch64 -cpu cortex-a57 \
    -M virt,virtualization=on,gic-version=3 -smp 2 -m 2048 -nographic \
    -monitor none -serial stdio -nic none -kernel "$XEN" -dtb "$W/linux.dtb" \
    "${LOADERS[@]}"
if expect_lines arm64/pv-linux-two-domains-ready "${READY[@]}"; then
    for d in 1 2; do
        for re in "Xen 4\.17 support found" \
                  "xen:grant_table: Grant tables using version 1 layout" \
                  "Grant table initialized" "xen:events: Using 2-level ABI" \
                  "Xen: initializing cpu0"; do
            grep -qE "^\(d$d\) \[ *[0-9.]+\] $re\$" "$QEMU_LOG" ||
                { fail "arm64/pv-linux-d$d-xen-drivers" "missing: $re (see $QEMU_LOG)"; continue 2; }
        done
        pass "arm64/pv-linux-d$d-xen-drivers"
    done
    grep -qE "^\(d2\) \[ *[0-9.]+\] Xen: initializing cpu1$" "$QEMU_LOG" &&
        pass arm64/pv-linux-d2-vcpu1-events || fail arm64/pv-linux-d2-vcpu1-events "see $QEMU_LOG"
fi
if [ -n "$PINGPONG" ]; then
    expect_lines arm64/pv-linux-static-pingpong \
        "(XEN) d1: static event channel: port 10 to d2 port 20" \
        "(d1) xenpp: /reserved-memory/xen-shmem@60000000 xen,id \"pingpong\" mapped, 64 KiB" \
        "(d2) xenpp: /reserved-memory/xen-shmem@70000000 xen,id \"pingpong\" mapped, 64 KiB" \
        "(d2) xenpp: received \"ping through shared memory, from port 10\" on port 20" \
        "(d1) xenpp: received \"pong through shared memory, from port 20\" on port 10" \
        "(d1) insmod xen-static-pingpong: ok" "(d2) insmod xen-static-pingpong: ok"
    grep -h "xenpp: received" "$QEMU_LOG" | sed 's/^/    /'
fi
reject_text arm64/pv-linux-no-panic "Kernel panic"
