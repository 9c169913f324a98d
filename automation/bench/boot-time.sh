#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot time of our hypervisor beside Debian's Xen 4.17 (arm64, dom0less) on
# the same QEMU 'virt' machine, the same DTB and the same guest images.
#
#   boot-time.sh [REPS] [N...]        defaults: 3 reps, N = 1 4 16
#
# For each N: a Hyperlaunch DT with N domains (1 vCPU, 64 MiB, vpl011, the
# 'hello' test guest), merged into QEMU's virt tree by mk-arm64-dtb.sh; the
# modules are placed with '-device loader'. Each rep boots ours, then Xen.
# Every console line is stamped with the time since QEMU was launched
# ($EPOCHREALTIME), and two times are taken:
#   start  "all domains started":
#            ours  "(XEN) Hyperlaunch: all domains started in <n> us"
#            Xen   "(XEN) Freed <n>kB init memory." (end of Xen's boot,
#                  after it unpaused the domUs)
#   done   every domain printed HELLO-DONE:
#            ours  "(d<i>) HELLO-DONE"      Xen  "(XEN) DOM<i>: HELLO-DONE"
# QEMU is killed once every marker is seen (Xen never powers off).
#
# env: TIMEOUT=60 (seconds per boot), SMP=2, MEM=2048 (MiB),
#      XEN_IMAGE=path (else build/cache/xen-4.17/xen-4.17-arm64, downloaded
#      with apt-get the first time), OUT=build/bench/boot-time.
# Output: the table on stdout; per-run RESULT lines in $OUT/results.txt,
# console logs (every line time-stamped) in $OUT/n<N>-<hyp>-r<rep>.log.
# A run that misses a marker counts as FAIL; exit status is non-zero only
# when the set-up fails (nothing built, no QEMU or dtc, no Xen image).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${1:-3}
shift $(( $# > 0 ? 1 : 0 ))
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1 4 16)
TIMEOUT=${TIMEOUT:-60} SMP=${SMP:-2} MEM=${MEM:-2048}
OUT=${OUT:-$ROOT/build/bench/boot-time}
OURS=$ROOT/build/arm64/xen
GUEST=$ROOT/build/arm64/guests/hello.img
CACHE=$ROOT/build/cache/xen-4.17
XEN_GIVEN=${XEN_IMAGE:+yes}
XEN_IMAGE=${XEN_IMAGE:-$CACHE/xen-4.17-arm64}
XEN_ARGS="console=dtuart dtuart=/pl011@9000000 bootscrub=0"
DOM_MEM_KIB=65536
MOD_BASE=$((0x50000000)) MOD_STRIDE=$((0x00100000))

die() { echo "boot-time: $*" >&2; exit 2; }

# ---- set-up: everything must be there before anything is timed ----
[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive number (got '$REPS')"
for n in "${NS[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] && (( n <= 64 )) || die "N must be 1..64 (got '$n')"
done
for tool in qemu-system-aarch64 dtc timeout; do
    command -v $tool > /dev/null || die "$tool not found (automation/scripts/install-deps.sh)"
done
[ -s "$OURS" ] || die "$OURS not built (make build-all)"
# One QEMU at a time on this machine: hold the lock for the whole run.
source "$ROOT/automation/scripts/qemu-lock.sh"
qemu_lock
[ -s "$GUEST" ] || die "$GUEST not built (make guests)"
[ -z "$XEN_GIVEN" ] || [ -s "$XEN_IMAGE" ] || die "XEN_IMAGE=$XEN_IMAGE: no such image"
if [ ! -s "$XEN_IMAGE" ]; then
    # Debian's hypervisor package, downloaded once and unpacked, never installed.
    mkdir -p "$CACHE/debs"
    (cd "$CACHE/debs" && timeout 120 apt-get download -q xen-hypervisor-4.17-arm64:arm64) \
        > "$CACHE/download.log" 2>&1 || die "cannot download Xen 4.17 (see $CACHE/download.log)"
    rm -rf "$CACHE/root"
    dpkg-deb -x "$CACHE"/debs/xen-hypervisor-4.17-arm64_*.deb "$CACHE/root" ||
        die "cannot unpack the Xen 4.17 package"
    src=$(ls "$CACHE"/root/boot/xen-4.17*-arm64 2>/dev/null | head -1)
    [ -n "$src" ] || die "no /boot/xen-4.17*-arm64 in the Xen package"
    cp "$src" "$XEN_IMAGE"
fi
mkdir -p "$OUT" || die "cannot create $OUT"
: > "$OUT/results.txt"

GSIZE=$(stat -c %s "$GUEST")
(( GSIZE <= MOD_STRIDE )) || die "$GUEST is larger than the module stride"

# mk_dtb N: $OUT/n<N>.dtb and the loader arguments in LOADERS.
mk_dtb() {
    local n=$1 i addr frag=$OUT/n$1.dtsi
    LOADERS=()
    {
        printf '/ {\n\tchosen {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n'
        printf '\t\txen,xen-bootargs = "%s";\n' "$XEN_ARGS"
        for i in $(seq 1 "$n"); do
            addr=$(( MOD_BASE + (i - 1) * MOD_STRIDE ))
            printf '\t\tdomU%d {\n\t\t\tcompatible = "xen,domain";\n' "$i"
            printf '\t\t\t#address-cells = <1>;\n\t\t\t#size-cells = <1>;\n'
            printf '\t\t\tmemory = <0 %d>;\n\t\t\tcpus = <1>;\n\t\t\tvpl011;\n' $DOM_MEM_KIB
            printf '\t\t\tmodule@%x {\n' $addr
            printf '\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
            printf '\t\t\t\treg = <0x%x 0x%x>;\n' $addr "$GSIZE"
            printf '\t\t\t\tbootargs = "console=ttyAMA0 bench domU%d";\n' "$i"
            printf '\t\t\t};\n\t\t};\n'
            LOADERS+=(-device "loader,file=$GUEST,addr=$(printf 0x%x $addr),force-raw=on")
        done
        printf '\t};\n};\n'
    } > "$frag"
    "$ROOT/automation/scripts/mk-arm64-dtb.sh" "$OUT/n$n.dtb" "$frag" 3 "$SMP" "$MEM"
}

# No forks in the console loop: a subshell per line would make the reader
# lag behind a burst of output and stamp lines late.
secs() { printf -v "$1" '%d.%03d' $(( $2 / 1000000 )) $(( ($2 % 1000000) / 1000 )); }

# boot HYP N REP: one QEMU run; sets T_START and T_DONE (seconds, or FAIL)
# and appends a RESULT line to results.txt.
boot() {
    local hyp=$1 n=$2 rep=$3 img log fifo qpid t0 t ts line id seen=0 self=
    local -A done_at=()
    [ "$hyp" = ours ] && img=$OURS || img=$XEN_IMAGE
    log=$OUT/n$n-$hyp-r$rep.log fifo=$OUT/.fifo
    T_START=FAIL T_DONE=FAIL
    rm -f "$fifo" && mkfifo "$fifo" || die "cannot make $fifo"
    exec 4> "$log"
    t0=${EPOCHREALTIME/./}
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
        -cpu cortex-a57 -smp "$SMP" -m "$MEM" -nographic -monitor none \
        -serial stdio -nic none -kernel "$img" -dtb "$OUT/n$n.dtb" "${LOADERS[@]}" \
        < /dev/null > "$fifo" 2>&1 &
    qpid=$!
    exec 3< "$fifo"
    while IFS= read -r -u 3 line || [ -n "$line" ]; do
        t=$(( ${EPOCHREALTIME/./} - t0 ))
        line=${line%$'\r'}
        secs ts $t
        printf '%s %s\n' "$ts" "$line" >&4
        id=
        case $hyp:$line in
        "ours:(XEN) Hyperlaunch: all domains started in "*" us")
            [ "$T_START" = FAIL ] && T_START=$ts
            self=${line#*started in }; self=${self% us} ;;
        "xen:(XEN) Freed "*"init memory"*)
            [ "$T_START" = FAIL ] && T_START=$ts ;;
        "ours:(d"*") HELLO-DONE")
            id=${line#(d}; id=${id%%)*} ;;
        "xen:(XEN) DOM"*": HELLO-DONE")
            id=${line#(XEN) DOM}; id=${id%%:*} ;;
        esac
        if [ -n "$id" ] && [ -z "${done_at[$id]:-}" ]; then
            done_at[$id]=$t
            seen=$((seen + 1))
            (( seen == n )) && T_DONE=$ts
        fi
        [ "$T_START" != FAIL ] && [ "$T_DONE" != FAIL ] && break
    done
    kill "$qpid" 2> /dev/null
    exec 3<&- 4>&-
    wait "$qpid" 2> /dev/null
    rm -f "$fifo"
    echo "RESULT hyp=$hyp N=$n rep=$rep start=$T_START done=$T_DONE domains_done=$seen/$n${self:+ self_us=$self}" |
        tee -a "$OUT/results.txt" >&2
}

# stats FIELD HYP N: "median min" over the runs that saw the marker, or FAIL.
stats() {
    local vals nfail
    vals=$(awk -v f="$1=" -v h="hyp=$2" -v n="N=$3" '
        $2 == h && $3 == n { for (i = 4; i <= NF; i++) if (index($i, f) == 1) print substr($i, length(f) + 1) }' \
        "$OUT/results.txt")
    nfail=$(grep -c FAIL <<< "$vals")
    grep -v FAIL <<< "$vals" | grep . | sort -n | awk -v nf="$nfail" '
        { a[NR] = $1 }
        END {
            if (NR == 0) { print "FAIL"; exit }
            m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
            printf "%.3f %.3f%s\n", m, a[1], nf ? " (" nf " FAIL)" : ""
        }'
}

# ---- runs: one QEMU at a time, ours then Xen in each rep ----
for n in "${NS[@]}"; do
    mk_dtb "$n" || die "cannot build the DTB for N=$n"
    for rep in $(seq 1 "$REPS"); do
        boot ours "$n" "$rep"
        boot xen "$n" "$rep"
    done
done

# ---- table ----
ratio() {  # ratio of two "median min" cells (medians)
    [ "${1%% *}" = FAIL ] || [ "${2%% *}" = FAIL ] && { echo FAIL; return; }
    awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN { if (b > 0) printf "%.3f\n", a / b; else print "FAIL" }'
}
cell() { [ "$1" = FAIL ] && echo FAIL || awk '{ printf "%s / %s%s", $1, $2, ($3 ? " " $3 " " $4 : "") }' <<< "$1"; }
echo
echo "Boot time, seconds from QEMU launch (median / min of $REPS; QEMU TCG, -smp $SMP -m $MEM, GICv3)"
echo "start = 'all domains started' (Xen: 'Freed ... init memory'); done = every domain printed HELLO-DONE"
printf '%-4s | %-17s | %-17s | %-8s | %-17s | %-17s | %-8s\n' \
    N "start ours" "start Xen 4.17" "ours/Xen" "done ours" "done Xen 4.17" "ours/Xen"
printf -- '-----|-------------------|-------------------|----------|-------------------|-------------------|---------\n'
for n in "${NS[@]}"; do
    so=$(stats start ours "$n") sx=$(stats start xen "$n")
    do_=$(stats "done" ours "$n") dx=$(stats "done" xen "$n")
    printf '%-4s | %-17s | %-17s | %-8s | %-17s | %-17s | %-8s\n' "$n" \
        "$(cell "$so")" "$(cell "$sx")" "$(ratio "$so" "$sx")" \
        "$(cell "$do_")" "$(cell "$dx")" "$(ratio "$do_" "$dx")"
done
printf 'ours, hypervisor entry to "all domains started" as it reports it (median ms):'
for n in "${NS[@]}"; do
    v=$(stats self_us ours "$n")
    [ "${v%% *}" = FAIL ] && printf ' N=%s FAIL' "$n" ||
        awk -v n="$n" -v u="${v%% *}" 'BEGIN { printf " N=%s %.1f", n, u / 1000 }'
done
echo
echo "(raw results: $OUT/results.txt; logs: $OUT/n<N>-<ours|xen>-r<rep>.log)"
echo
"$ROOT/automation/bench/footprint.sh"
exit 0
