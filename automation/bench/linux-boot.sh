#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Linux boot time in N dom0less domUs: our hypervisor beside Debian's
# Xen 4.17, same QEMU 'virt' machine, same DTB, same images, same run.
#
#   linux-boot.sh [N...]            default N = 1 2 4 8
#
# For each N, automation/scripts/mk-linux-dtb.sh writes one DTB with N
# domains (1 vCPU, DOM_MEM MiB, vpl011, Debian's linux-image-cloud-arm64
# with the busybox initramfs of fetch-linux-guest.sh, bootargs
# "console=ttyAMA0 domname=domU<i>"); each rep boots ours (-kernel
# build/arm64/xen) and Xen 4.17 (-kernel xen-4.17-arm64) on it, in an
# order that turns from rep to rep, after one untimed boot of each.  Every
# console line is stamped with the time since QEMU was launched
# (stamp-lines.py: the time it arrived) and the time of each domain's
# userspace marker "DOMU-READY domU<i>" is kept:
#   ours  "(d<i>) DOMU-READY domU<i>"   Xen  "(XEN) DOM<i>: DOMU-READY domU<i>"
# "all ready" is the last of them; QEMU is stopped once all are in.  A run
# in which a domain never prints its marker within TIMEOUT is FAIL (and says
# how many domains made it); the table never hides it.
#
# env: REPS=3, TIMEOUT=180 (seconds per boot), SMP=2 (host CPUs),
#      DOM_MEM=256 (MiB per domain; host RAM is 1 GiB more than all the
#      domains' RAM, at least 2 GiB), GIC=3, KARGS= (extra guest args),
#      XEN_IMAGE=path (else the cached Debian download), OURS=path (else
#      build/arm64/xen), OUT=build/bench/linux-boot, MEASURE=off (sets
#      /chosen/hyperlaunch,measure = "off": ours then hashes nothing before
#      the domains start; Xen 4.17 ignores it), FLOOR=off (no floor runs),
#      XEN=off (no Xen runs: to compare two builds of ours, OURS=...).
# The floor, in each rep of N=1: the same Image and initramfs booted by
# QEMU with no hypervisor (-M virt without EL2, -smp 1, DOM_MEM MiB,
# -kernel/-initrd, bootargs "console=ttyAMA0 domname=domU1"), its marker
# the bare "DOMU-READY domU1" line.  WARMUP=off: no untimed first boot of
# each configuration (see "runs" below).
# Output: two tables on stdout; RESULT lines in $OUT/results.txt;
# time-stamped console logs $OUT/n<N>-<ours|xen>-r<rep>.log.  Once every
# domain is ready, ours is asked for each domain's exit counters (console
# keys CTRL-a CTRL-a e, then CTRL-a three times to the next domain), kept
# in $OUT/exits-n<N>-r<rep>.txt (after the time was taken).
# Exit status is non-zero only when the set-up fails.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1 2 4 8)
REPS=${REPS:-3} TIMEOUT=${TIMEOUT:-180} SMP=${SMP:-2} DOM_MEM=${DOM_MEM:-256}
GIC=${GIC:-3}
OUT=${OUT:-$ROOT/build/bench/linux-boot}
OURS=${OURS:-$ROOT/build/arm64/xen}
S=$ROOT/automation/scripts

die() { echo "linux-boot: $*" >&2; exit 2; }

# ---- set-up: everything must be there before anything is timed ----
[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive number (got '$REPS')"
for n in "${NS[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] && (( n <= 16 )) || die "N must be 1..16 (got '$n')"
done
for tool in qemu-system-aarch64 dtc timeout python3; do
    command -v $tool > /dev/null || die "$tool not found (automation/scripts/install-deps.sh)"
done
[ -s "$OURS" ] || die "$OURS not built (make xen XEN_TARGET_ARCH=arm64)"
if [ -n "${XEN_IMAGE:-}" ]; then
    [ -s "$XEN_IMAGE" ] || die "XEN_IMAGE=$XEN_IMAGE: no such image"
else
    XEN_IMAGE=$("$S/fetch-xen-4.17.sh") || die "cannot download Debian's Xen 4.17"
fi
read -r _ IMAGE INITRD < <("$S/fetch-linux-guest.sh" | tail -1)
[ -s "${IMAGE:-}" ] && [ -s "${INITRD:-}" ] || die "cannot get the Linux guest images"
mkdir -p "$OUT" || die "cannot create $OUT"
: > "$OUT/results.txt"
# One QEMU at a time on this machine: the lock is taken for each boot and
# given back after it, so a test suite waiting for QEMU is not held up for
# the whole benchmark (unless our caller holds it already).
source "$S/qemu-lock.sh"
source "$ROOT/automation/bench/bench-lib.sh"

# mk_dtb N: $OUT/n<N>.dtb, its loader arguments in LOADERS, RAM in HOST_MEM.
mk_dtb() {
    HOST_MEM=$(( $1 * DOM_MEM + 1024 ))
    (( HOST_MEM >= 2048 )) || HOST_MEM=2048
    HOST_MEM=$HOST_MEM DOM_MEM=$DOM_MEM GIC=$GIC SMP=$SMP VCPUS=1 \
        "$S/mk-linux-dtb.sh" "$OUT/n$1.dtb" "$1" > /dev/null || return 1
    mapfile -t LOADERS < "$OUT/n$1.loaders"
    [ -z "${MEASURE:-}" ] || fdtput -t s "$OUT/n$1.dtb" /chosen hyperlaunch,measure "$MEASURE"
}

# exit_counters N REP: during a run of ours, the exit counters of each of
# the N domains (the console input goes to d1 first), read until the
# console has been quiet for 2 s, into $OUT/exits-n<N>-r<REP>.txt.
exit_counters() {
    local i line
    for i in $(seq 1 "$1"); do
        printf '\001\001e\001\001\001' >&5
        sleep 0.2
    done
    while IFS= read -r -t 2 -u 3 line; do
        line=${line#* }
        printf '%s\n' "${line//$'\r'/}" >&4
    done
    grep -h ' exits: \| exit \| RAM first use: ' "$log" | sed 's/^\([0-9.]* \)\{0,1\}(XEN) //' \
        > "$OUT/exits-n$1-r$2.txt"
}

# qemu_cpu PID: the CPU time (user and system, s) QEMU, the child of PID
# (timeout), has used so far: all its threads, time the host stole from
# them not included.
qemu_cpu() {
    local q f
    q=$(pgrep -P "$1" | head -1)
    [ -n "$q" ] && read -ra f < "/proc/$q/stat" 2> /dev/null || { echo FAIL; return; }
    # Fields 14 and 15: utime, stime (QEMU's command name has no blank).
    calc 'printf "%.2f\n", (a + b) / c' "${f[13]}" "${f[14]}" "$(getconf CLK_TCK)"
}

# boot HYP N REP: one QEMU run; appends its RESULT line to results.txt:
#   RESULT hyp=H N=n rep=r all=<s|FAIL> ready=<k>/<n> first=<s> cpu=<s> d1=<s> ...
# cpu: QEMU's CPU time until all were ready (qemu_cpu), a second view less
# moved than 'all' by what else the host runs.
boot() {
    local hyp=$1 n=$2 rep=$3 img log fifo qpid t0 t ts line name id seen=0
    local first=FAIL all=FAIL per= cpu=FAIL
    local -A at=()
    local -a machine
    case $hyp in
    ours) machine=(-M "virt,virtualization=on,gic-version=$GIC" -smp "$SMP"
                   -m "$HOST_MEM" -kernel "$OURS" -dtb "$OUT/n$n.dtb" "${LOADERS[@]}") ;;
    xen) machine=(-M "virt,virtualization=on,gic-version=$GIC" -smp "$SMP"
                  -m "$HOST_MEM" -kernel "$XEN_IMAGE" -dtb "$OUT/n$n.dtb" "${LOADERS[@]}") ;;
    floor) machine=(-M "virt,gic-version=$GIC" -smp 1 -m "$DOM_MEM" -kernel "$IMAGE"
                    -initrd "$INITRD" -append "console=ttyAMA0 domname=domU1") ;;
    esac
    log=$OUT/n$n-$hyp-r$rep.log fifo=$OUT/.fifo
    rm -f "$fifo.in" && mkfifo "$fifo.in" || die "cannot make $fifo.in"
    exec 4> "$log" 5<> "$fifo.in"
    qemu_lock
    stamp_start "$fifo"
    t0=${EPOCHREALTIME/./}
    timeout "$TIMEOUT" qemu-system-aarch64 -cpu cortex-a57 "${machine[@]}" \
        -nographic -monitor none -serial stdio -nic none \
        <&5 > "$fifo" 2>&1 &
    qpid=$!
    while IFS= read -r -u 3 line; do
        t=$(( ${line%% *} - t0 ))
        line=${line#* }
        line=${line//$'\r'/}
        secs ts $t
        printf '%s %s\n' "$ts" "$line" >&4
        case $hyp:$line in
        "ours:(d"*") DOMU-READY domU"* | "xen:(XEN) DOM"*": DOMU-READY domU"*) ;;
        "floor:DOMU-READY domU1") ;;
        *) continue ;;
        esac
        name=${line##* } id=${name#domU}
        [[ $id =~ ^[0-9]+$ ]] && (( id >= 1 && id <= n )) || continue
        [ -n "${at[$id]:-}" ] && continue
        at[$id]=$ts
        seen=$((seen + 1))
        [ "$first" = FAIL ] && first=$ts
        if (( seen == n )); then all=$ts; break; fi
    done
    [ "$all" != FAIL ] && cpu=$(qemu_cpu "$qpid")
    [ "$hyp" = ours ] && [ "$all" != FAIL ] && [ "$rep" != warm-up ] &&
        exit_counters "$n" "$rep"
    kill "$qpid" 2> /dev/null
    exec 3<&- 4>&- 5>&-
    wait "$qpid" 2> /dev/null
    stamp_end "$fifo"
    qemu_unlock
    rm -f "$fifo.in"
    for id in $(seq 1 "$n"); do per+=" d$id=${at[$id]:-FAIL}"; done
    if [ "$rep" = warm-up ]; then
        echo "warm-up: hyp=$hyp N=$n all=$all ready=$seen/$n (not counted)" >&2
        return
    fi
    echo "RESULT hyp=$hyp N=$n rep=$rep all=$all ready=$seen/$n first=$first cpu=$cpu$per" |
        tee -a "$OUT/results.txt" >&2
}

# ---- runs: one QEMU at a time ----
# Each N starts with one untimed boot of each configuration (WARMUP=off
# skips it): the first QEMU after a while finds the host's file cache and
# its free pages cold (on a virtual host, memory it has not touched yet
# costs a fault in the outer hypervisor), and that first boot would be
# charged to whichever configuration came first.  The order then turns
# by one each rep (ours, Xen, floor; Xen, floor, ours; ...), so that no
# configuration always follows the same one (a boot after one that used
# much RAM finds more of it warm).
for n in "${NS[@]}"; do
    mk_dtb "$n" || die "cannot build the DTB for N=$n"
    hyps=(ours)
    [ "${XEN:-on}" != off ] && hyps+=(xen)
    [ "$n" = 1 ] && [ "${FLOOR:-on}" != off ] && hyps+=(floor)
    if [ "${WARMUP:-on}" != off ]; then
        for h in "${hyps[@]}"; do boot "$h" "$n" warm-up; done
    fi
    for rep in $(seq 1 "$REPS"); do
        for i in "${!hyps[@]}"; do
            boot "${hyps[(i + rep - 1) % ${#hyps[@]}]}" "$n" "$rep"
        done
    done
done

# table FIELD WHAT: ours and Xen's FIELD per N, and their ratio.
table() {
    local n o x
    printf '%-3s | %-26s | %-26s | %-8s\n' N "$2, ours" "$2, Xen 4.17" "ours/Xen"
    printf -- '----|----------------------------|----------------------------|---------\n'
    for n in "${NS[@]}"; do
        o=$(stats "$1" hyp=ours N="$n") x=$(stats "$1" hyp=xen N="$n")
        printf '%-3s | %-26s | %-26s | %-8s\n' "$n" "$(cell "$o")" "$(cell "$x")" \
            "$(ratio "$(med "$o")" "$(med "$x")")"
    done
}

echo
echo "Linux in N domUs: seconds from QEMU launch until every domain printed"
echo "DOMU-READY (median (min-max) of $REPS; QEMU TCG -smp $SMP, GICv$GIC, $DOM_MEM MiB and 1 vCPU per domain)"
table all "all ready"
echo
echo "QEMU's CPU time until every domain was ready (s, median (min-max); both"
echo "threads of -smp 2, time the host stole not counted)"
table cpu CPU

# The floor: the same kernel and initramfs on QEMU with no hypervisor (EL1,
# -smp 1, one domain's RAM); each hypervisor's overhead over it at N=1.
fl=$(med "$(stats all hyp=floor N=1)")
if [[ $fl =~ ^[0-9.]+$ ]]; then
    o1=$(med "$(stats all hyp=ours N=1)") x1=$(med "$(stats all hyp=xen N=1)")
    oo=$(calc 'printf "%.2f\n", a - b' "$o1" "$fl")
    xo=$(calc 'printf "%.2f\n", a - b' "$x1" "$fl")
    echo
    echo "The floor (no hypervisor: -M virt -smp 1 -m $DOM_MEM, -kernel -initrd): $(cell "$(stats all hyp=floor N=1)") s"
    echo "(its QEMU's CPU time: $(cell "$(stats cpu hyp=floor N=1)") s)"
    # Ours can beat the floor: its idle second CPU fills RAM ahead of use.
    orx=$(ratio "$oo" "$xo")
    [[ $oo == -* || $oo == 0.00 ]] && orx="- (ours at or below the floor)"
    echo "Overhead over the floor at N=1 (medians): ours $oo s, Xen 4.17 $xo s, ours/Xen $orx"
    # Paired: each rep's three boots ran back to back, so comparing them
    # rep by rep cancels most of the host's drift over the run.
    python3 - "$OUT/results.txt" << 'PY'
import re, statistics, sys
reps = {}
for line in open(sys.argv[1]):
    m = re.search(r"hyp=(\w+) N=1 rep=(\d+) all=([0-9.]+)", line)
    if m:
        reps.setdefault(m.group(2), {})[m.group(1)] = float(m.group(3))
whole = [r for r in reps.values() if len(r) == 3]
if whole:
    med = lambda xs: statistics.median(xs)
    o = med([r["ours"] - r["floor"] for r in whole])
    x = med([r["xen"] - r["floor"] for r in whole])
    print("Paired, rep by rep (medians of %d): overhead ours %.2f s, Xen 4.17 %.2f s, "
          "ours/Xen %s; ours/Xen of the times %.2f" %
          (len(whole), o, x,
           "- (ours at or below the floor)" if o <= 0 else "%.2f" % (o / x) if x > 0 else "-",
           med([r["ours"] / r["xen"] for r in whole])))
PY
fi

# Alone vs in the crowd: the N=1 run is a domain alone; in the crowd, the
# first and the last domain to be ready, as multiples of the time alone.
alone_o=FAIL alone_x=FAIL
for n in "${NS[@]}"; do
    [ "$n" = 1 ] && alone_o=$(med "$(stats all hyp=ours N=1)") alone_x=$(med "$(stats all hyp=xen N=1)")
done
if [ "$alone_o" != FAIL ] || [ "$alone_x" != FAIL ]; then
    echo
    echo "Each domain alone (N=1) vs in the crowd: first / last domain ready (medians, s),"
    echo "and the last as a multiple of the time alone (ours alone $alone_o s, Xen alone $alone_x s)"
    printf '%-3s | %-15s | %-8s | %-15s | %-8s\n' N "ours first/last" "x alone" "Xen first/last" "x alone"
    printf -- '----|-----------------|----------|-----------------|---------\n'
    for n in "${NS[@]}"; do
        [ "$n" = 1 ] && continue
        fo=$(med "$(stats first hyp=ours N="$n")") lo=$(med "$(stats all hyp=ours N="$n")")
        fx=$(med "$(stats first hyp=xen N="$n")") lx=$(med "$(stats all hyp=xen N="$n")")
        printf '%-3s | %-15s | %-8s | %-15s | %-8s\n' "$n" "$fo / $lo" \
            "$(ratio "$lo" "$alone_o")" "$fx / $lx" "$(ratio "$lx" "$alone_x")"
    done
fi
echo "(raw results: $OUT/results.txt; logs: $OUT/n<N>-<ours|xen>-r<rep>.log)"
exit 0
