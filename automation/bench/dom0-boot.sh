#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Dom0 boot time beside two domUs: our hypervisor against Debian's Xen 4.17,
# same QEMU 'virt' machine, same DTB, same images, same run.
#
#   dom0-boot.sh
#
# automation/scripts/mk-dom0-dtb.sh writes one DTB: Debian's arm64 Linux
# (linux-image-cloud-arm64, busybox initramfs of fetch-linux-guest.sh) as
# Dom0 in the dom0less form (dom0_mem=DOM0_MEM, bootargs "console=hvc0
# console=ttyAMA0 domname=dom0") beside DOMUS Linux domUs (1 vCPU, DOM_MEM
# MiB, vpl011), domU1 with the PL031 passed through by a partial DT.  Each
# rep boots ours (-kernel build/arm64/xen), then Xen 4.17 (-kernel
# xen-4.17-arm64) on it.  Every console line is stamped with the time since
# QEMU was launched (stamp-lines.py: the time it arrived); kept are the
# times of Dom0's and each domU's userspace marker:
#   ours  "(d0) DOMU-READY dom0"   "(d<i>) DOMU-READY domU<i>"
#   Xen   "DOMU-READY dom0" (Dom0's hvc0 is relayed to Xen's UART without
#         a prefix)                "(XEN) DOM<i>: DOMU-READY domU<i>"
# QEMU is stopped once all are in.  A run in which a marker does not come
# within TIMEOUT is a FAIL and the table says so.
#
# env: REPS=3, TIMEOUT=120 (seconds per boot), DOMUS=2, DOM_MEM=128,
#      DOM0_MEM=256M, DOM0_VCPUS= (dom0_max_vcpus=; empty: the default,
#      every host CPU on both), XEN_IMAGE=path (else the cached Debian
#      download), OURS=path (else build/arm64/xen), OUT=build/bench/dom0-boot.
# Output: a table on stdout, then our arm64 image size (footprint.sh);
# RESULT lines in $OUT/results.txt; time-stamped console logs
# $OUT/<ours|xen>-r<rep>.log.  Exit status is non-zero only when the
# set-up fails.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${REPS:-3} TIMEOUT=${TIMEOUT:-120} DOMUS=${DOMUS:-2}
OUT=${OUT:-$ROOT/build/bench/dom0-boot}
OURS=${OURS:-$ROOT/build/arm64/xen}
S=$ROOT/automation/scripts

die() { echo "dom0-boot: $*" >&2; exit 2; }

# ---- set-up: everything must be there before anything is timed ----
[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive number (got '$REPS')"
[[ $DOMUS =~ ^[1-4]$ ]] || die "DOMUS must be 1..4 (got '$DOMUS')"
for tool in qemu-system-aarch64 dtc fdtput timeout python3; do
    command -v $tool > /dev/null || die "$tool not found (automation/scripts/install-deps.sh)"
done
[ -s "$OURS" ] || die "$OURS not built (make xen XEN_TARGET_ARCH=arm64)"
if [ -n "${XEN_IMAGE:-}" ]; then
    [ -s "$XEN_IMAGE" ] || die "XEN_IMAGE=$XEN_IMAGE: no such image"
else
    XEN_IMAGE=$("$S/fetch-xen-4.17.sh") || die "cannot download Debian's Xen 4.17"
fi
"$S/fetch-linux-guest.sh" > /dev/null || die "cannot get the Linux guest images"
mkdir -p "$OUT" || die "cannot create $OUT"
DOMUS=$DOMUS "$S/mk-dom0-dtb.sh" "$OUT/dom0.dtb" > "$OUT/mk-dtb.log" 2>&1 ||
    die "cannot build the DTB (see $OUT/mk-dtb.log)"
mapfile -t LOADERS < "$OUT/dom0.loaders"
: > "$OUT/results.txt"
# One QEMU at a time: the lock is taken for each boot and given back after
# it (unless our caller holds it already).
source "$S/qemu-lock.sh"
source "$ROOT/automation/bench/bench-lib.sh"

# boot HYP REP: one QEMU run; appends its RESULT line to results.txt:
#   RESULT hyp=H rep=r dom0=<s|FAIL> all=<s|FAIL> ready=<k>/<n> d1=<s> ...
boot() {
    local hyp=$1 rep=$2 img log fifo qpid t0 t ts line id seen=0 want=$((DOMUS + 1))
    local all=FAIL per=
    local -A at=()
    [ "$hyp" = ours ] && img=$OURS || img=$XEN_IMAGE
    log=$OUT/$hyp-r$rep.log fifo=$OUT/.fifo
    exec 4> "$log"
    qemu_lock
    stamp_start "$fifo"
    t0=${EPOCHREALTIME/./}
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
        -cpu cortex-a57 -smp 2 -m 2048 -nographic -monitor none \
        -serial stdio -nic none -kernel "$img" -dtb "$OUT/dom0.dtb" "${LOADERS[@]}" \
        < /dev/null > "$fifo" 2>&1 &
    qpid=$!
    while IFS= read -r -u 3 line; do
        t=$(( ${line%% *} - t0 ))
        line=${line#* }
        line=${line//$'\r'/}
        secs ts $t
        printf '%s %s\n' "$ts" "$line" >&4
        # Xen relays Dom0's output as it comes: a domU's line may follow
        # a piece of Dom0's on the same console line.
        case $hyp:$line in
        "ours:(d0) DOMU-READY dom0" | "xen:"*"DOMU-READY dom0") id=0 ;;
        "ours:(d"*") DOMU-READY domU"* | "xen:"*"(XEN) DOM"*": DOMU-READY domU"*)
            id=${line##*DOMU-READY domU}
            [[ $id =~ ^[0-9]+$ ]] && (( id >= 1 && id <= DOMUS )) || continue ;;
        *) continue ;;
        esac
        [ -n "${at[$id]:-}" ] && continue
        at[$id]=$ts
        seen=$((seen + 1))
        if (( seen == want )); then all=$ts; break; fi
    done
    kill "$qpid" 2> /dev/null
    exec 3<&- 4>&-
    wait "$qpid" 2> /dev/null
    stamp_end "$fifo"
    qemu_unlock
    for id in $(seq 1 "$DOMUS"); do per+=" d$id=${at[$id]:-FAIL}"; done
    echo "RESULT hyp=$hyp rep=$rep dom0=${at[0]:-FAIL} all=$all ready=$seen/$want$per" |
        tee -a "$OUT/results.txt" >&2
}

for rep in $(seq 1 "$REPS"); do
    boot ours "$rep"
    boot xen "$rep"
done

echo
echo "Dom0 (Linux, busybox) beside $DOMUS Linux domUs: seconds from QEMU launch"
echo "(median (min-max) of $REPS; QEMU TCG -smp 2 -m 2048, GICv3)"
printf '%-22s | %-20s | %-20s | %-8s\n' marker ours "Xen 4.17" "ours/Xen"
printf -- '-----------------------|----------------------|----------------------|---------\n'
row() {
    local o x
    o=$(stats "$1" hyp=ours) x=$(stats "$1" hyp=xen)
    printf '%-22s | %-20s | %-20s | %-8s\n' "$2" "$(cell "$o")" "$(cell "$x")" \
        "$(ratio "$(med "$o")" "$(med "$x")")"
}
row dom0 "Dom0 userspace"
for id in $(seq 1 "$DOMUS"); do row "d$id" "domU$id userspace"; done
row all "all in userspace"
echo
"$ROOT/automation/bench/footprint.sh" | awk 'NR == 1 || $1 == "arm64"'
echo "(raw results: $OUT/results.txt; logs: $OUT/<ours|xen>-r<rep>.log)"
exit 0
