#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot time of our hypervisor with N tiny domains beside Debian's Xen 4.17
# (arm64, dom0less) on the same QEMU 'virt' machine, the same DTB and the
# same guest images, and how it grows with N.
#
#   boot-time.sh [REPS] [N...]        defaults: 3 reps, N = 1 16 30 64 128 256
#
# For each N: a Hyperlaunch DT with N domains (VCPUS vCPUs, DOM_MIB MiB,
# vpl011, the 'hello' test guest), merged into QEMU's virt tree by
# mk-arm64-dtb.sh; the modules are placed with '-device loader'.  Each rep
# boots ours, then Xen where N <= XEN_MAX_N (Debian's Xen 4.17 cannot boot
# more: its boot-module table is full at its 31st domain).  Every console
# line is stamped with the time since QEMU was launched (stamp-lines.py,
# the time the line arrived), and three times are taken:
#   start  "all domains started":
#            ours  "(XEN) Hyperlaunch: all domains started in <n> us"
#            Xen   "(XEN) Freed <n>kB init memory." (end of Xen's boot,
#                  after it unpaused the domUs)
#   first  every domain printed its first line:
#            ours  "(d<i>) ..."                 Xen  "(XEN) DOM<i>: ..."
#   done   every domain printed HELLO-DONE:
#            ours  "(d<i>) HELLO-DONE"          Xen  "(XEN) DOM<i>: HELLO-DONE"
#   own    the hypervisor's own part: from its first console line to
#            "start" (excludes QEMU's start and its loading of the images)
# and from ours: its own time from entry to "all domains started" (self,
# its counter) and the hypervisor memory the domains took (the free memory
# before and once they are built, less their RAM: bytes per domain).
# QEMU is killed once every marker is seen (Xen never powers off).
# Below the table: a least-squares line through the medians of each time
# against N (the slope is the cost of one more domain), with r^2.
#
# PAD_MIB=27 pads every kernel to 27 MiB (the size of Debian's arm64
# Image; DOM_MIB must hold it): with N = 4 this is the "own part with four
# 27 MiB images" case:  PAD_MIB=27 DOM_MIB=64 boot-time.sh 3 4
#
# MEASURE=off sets /chosen/hyperlaunch,measure = "off" (ours measures
# every boot by default; Xen 4.17 ignores the property).
#
# env: TIMEOUT=120 (seconds per boot), SMP=2, DOM_MIB=16, VCPUS=1, PAD_MIB,
#      MEASURE, OURS=path (else build/arm64/xen),
#      XEN_MAX_N=30, XEN_IMAGE=path (else build/cache/xen-4.17/xen-4.17-arm64,
#      downloaded with apt-get the first time), OUT=build/bench/boot-time.
#      Host RAM: N * DOM_MIB + 1024 MiB, at least 2048.
# Output: the table on stdout; per-run RESULT lines in $OUT/results.txt,
# console logs (every line time-stamped) in $OUT/n<N>-<hyp>-r<rep>.log.
# A run that misses a marker counts as FAIL; exit status is non-zero only
# when the set-up fails (nothing built, no QEMU or dtc, no Xen image).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${1:-3}
shift $(($# > 0 ? 1 : 0))
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1 16 30 64 128 256)
TIMEOUT=${TIMEOUT:-120} SMP=${SMP:-2} DOM_MIB=${DOM_MIB:-16} VCPUS=${VCPUS:-1}
XEN_MAX_N=${XEN_MAX_N:-30}
OUT=${OUT:-$ROOT/build/bench/boot-time}
OURS=${OURS:-$ROOT/build/arm64/xen}
GUEST=$ROOT/build/arm64/guests/hello.img
CACHE=$ROOT/build/cache/xen-4.17
XEN_GIVEN=${XEN_IMAGE:+yes}
XEN_IMAGE=${XEN_IMAGE:-$CACHE/xen-4.17-arm64}
XEN_ARGS="console=dtuart dtuart=/pl011@9000000 bootscrub=0"
MAX_N=256 # HL_MAX_DOMAINS
MOD_BASE=$((0x50000000)) MOD_STRIDE=$((0x00100000))

die() { echo "boot-time: $*" >&2; exit 2; }

# ---- set-up: everything must be there before anything is timed ----
[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive number (got '$REPS')"
for n in "${NS[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] && ((n <= MAX_N)) || die "N must be 1..$MAX_N (got '$n')"
done
[[ $DOM_MIB =~ ^[1-9][0-9]*$ ]] || die "DOM_MIB must be a positive number"
[[ $VCPUS =~ ^[1-9][0-9]*$ ]] || die "VCPUS must be a positive number"
for tool in qemu-system-aarch64 dtc timeout python3; do
    command -v $tool > /dev/null || die "$tool not found (automation/scripts/install-deps.sh)"
done
[ -s "$OURS" ] || die "$OURS not built (make build-all)"
# One QEMU at a time on this machine: hold the lock for the whole run.
source "$ROOT/automation/scripts/qemu-lock.sh"
source "$ROOT/automation/bench/bench-lib.sh"
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
    src=$(ls "$CACHE"/root/boot/xen-4.17*-arm64 2> /dev/null | head -1)
    [ -n "$src" ] || die "no /boot/xen-4.17*-arm64 in the Xen package"
    cp "$src" "$XEN_IMAGE"
fi
mkdir -p "$OUT" || die "cannot create $OUT"
: > "$OUT/results.txt"

if [ -n "${PAD_MIB:-}" ]; then
    [[ $PAD_MIB =~ ^[1-9][0-9]*$ ]] && ((PAD_MIB < DOM_MIB)) ||
        die "PAD_MIB must be a number below DOM_MIB ($DOM_MIB)"
    cp "$GUEST" "$OUT/guest-${PAD_MIB}m.img" && truncate -s "${PAD_MIB}M" "$OUT/guest-${PAD_MIB}m.img" ||
        die "cannot pad $GUEST"
    GUEST=$OUT/guest-${PAD_MIB}m.img
fi
GSIZE=$(stat -c %s "$GUEST")
# Modules 1 MiB apart, or for larger ones each on a 2 MiB boundary.
((GSIZE <= MOD_STRIDE)) || MOD_STRIDE=$(((GSIZE + 0x1fffff) & ~0x1fffff))

# host_mib N: QEMU's RAM for N domains.
host_mib() {
    local m=$(($1 * DOM_MIB + 1024))
    echo $((m < 2048 ? 2048 : m))
}

# mk_dtb N: $OUT/n<N>.dtb and the loader arguments in LOADERS.
mk_dtb() {
    local n=$1 i addr frag=$OUT/n$1.dtsi
    LOADERS=()
    {
        printf '/ {\n\tchosen {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n'
        printf '\t\txen,xen-bootargs = "%s";\n' "$XEN_ARGS"
        [ -z "${MEASURE:-}" ] || printf '\t\thyperlaunch,measure = "%s";\n' "$MEASURE"
        for i in $(seq 1 "$n"); do
            addr=$((MOD_BASE + (i - 1) * MOD_STRIDE))
            printf '\t\tdomU%d {\n\t\t\tcompatible = "xen,domain";\n' "$i"
            printf '\t\t\t#address-cells = <1>;\n\t\t\t#size-cells = <1>;\n'
            printf '\t\t\tmemory = <0 %d>;\n\t\t\tcpus = <%d>;\n\t\t\tvpl011;\n' \
                $((DOM_MIB * 1024)) "$VCPUS"
            printf '\t\t\tmodule@%x {\n' $addr
            printf '\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
            printf '\t\t\t\treg = <0x%x 0x%x>;\n' $addr "$GSIZE"
            printf '\t\t\t\tbootargs = "console=ttyAMA0 bench domU%d";\n' "$i"
            printf '\t\t\t};\n\t\t};\n'
            LOADERS+=(-device "loader,file=$GUEST,addr=$(printf 0x%x $addr),force-raw=on")
        done
        printf '\t};\n};\n'
    } > "$frag"
    "$ROOT/automation/scripts/mk-arm64-dtb.sh" "$OUT/n$n.dtb" "$frag" 3 "$SMP" "$(host_mib "$n")"
}

# hyp_bytes LOG N: bytes of hypervisor memory per domain in our log: the
# free memory before and once the N domains are built, less their RAM (of
# which the kernel pages handed over in place did not come from the
# page allocator).
hyp_bytes() {
    awk -v n="$2" -v ram=$((DOM_MIB * 1024)) '
        / Memory: [0-9]+ KiB free before the domains are built$/ { b = $4 }
        / Memory: [0-9]+ KiB free once the domains are built$/ { a = $4 }
        / Boot modules: [0-9]+ KiB handed to their domains in place,/ { m = $5 }
        END {
            if (b == "" || a == "" || m == "") print "FAIL"
            else printf "%d\n", ((b - a + m) / n - ram) * 1024
        }' "$1"
}

# boot HYP N REP: one QEMU run; sets T_START, T_FIRST and T_DONE (seconds,
# or FAIL) and appends a RESULT line to results.txt.
boot() {
    local hyp=$1 n=$2 rep=$3 img log fifo qpid t0 t ts line id did seen=0 firsts=0 self= mem= own
    local b0= b1=
    local -A done_at=() first_at=()
    [ "$hyp" = ours ] && img=$OURS || img=$XEN_IMAGE
    log=$OUT/n$n-$hyp-r$rep.log fifo=$OUT/.fifo
    T_START=FAIL T_FIRST=FAIL T_DONE=FAIL T_LINE1=
    stamp_start "$fifo"
    exec 4> "$log"
    t0=${EPOCHREALTIME/./}
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
        -cpu cortex-a57 -smp "$SMP" -m "$(host_mib "$n")" -nographic -monitor none \
        -serial stdio -nic none -kernel "$img" -dtb "$OUT/n$n.dtb" "${LOADERS[@]}" \
        < /dev/null > "$fifo" 2>&1 &
    qpid=$!
    while IFS= read -r -u 3 line; do
        t=$((${line%% *} - t0))
        line=${line#* }
        line=${line%$'\r'}
        secs ts $t
        [ -n "$T_LINE1" ] || T_LINE1=$t
        printf '%s %s\n' "$ts" "$line" >&4
        id= did=
        case $hyp:$line in
        "ours:(XEN) Hyperlaunch: all domains started in "*" us")
            [ "$T_START" = FAIL ] && T_START=$ts
            self=${line#*started in }
            self=${self% us}
            ;;
        "ours:(XEN) d1: "*" KiB free before it is built")
            [ -z "$b0" ] && b0=$t ;;
        "ours:(XEN) Memory: "*" KiB free once the domains are built")
            b1=$t ;;
        "xen:(XEN) Freed "*"init memory"*)
            [ "$T_START" = FAIL ] && T_START=$ts ;;
        "ours:(d"*") "*)
            id=${line#(d}
            id=${id%%)*}
            [ "${line#*) }" = HELLO-DONE ] && did=$id
            ;;
        "xen:(XEN) DOM"*": "*)
            id=${line#(XEN) DOM}
            id=${id%%:*}
            [ "${line#*: }" = HELLO-DONE ] && did=$id
            ;;
        esac
        if [ -n "$id" ] && [ -z "${first_at[$id]:-}" ]; then
            first_at[$id]=$t
            firsts=$((firsts + 1))
            ((firsts == n)) && T_FIRST=$ts
        fi
        if [ -n "$did" ] && [ -z "${done_at[$did]:-}" ]; then
            done_at[$did]=$t
            seen=$((seen + 1))
            ((seen == n)) && T_DONE=$ts
        fi
        [ "$T_START" != FAIL ] && [ "$T_DONE" != FAIL ] && [ "$T_FIRST" != FAIL ] && break
    done
    kill "$qpid" 2> /dev/null
    exec 3<&- 4>&-
    wait "$qpid" 2> /dev/null
    stamp_end "$fifo"
    [ "$hyp" = ours ] && mem=$(hyp_bytes "$log" "$n")
    own=FAIL
    [ "$T_START" = FAIL ] || own=$(calc 'printf "%.3f", a - b / 1000000' "$T_START" "$T_LINE1")
    echo "RESULT hyp=$hyp N=$n rep=$rep start=$T_START first=$T_FIRST done=$T_DONE own=$own" \
        "domains_done=$seen/$n${self:+ self_ms=$(calc 'printf "%.1f", a / 1000' "$self")}${mem:+ hyp_bytes=$mem}${b1:+ build_ms=$(calc 'printf "%.1f", (a - b) / 1000' "$b1" "$b0")}" |
        tee -a "$OUT/results.txt" >&2
}

# ---- runs: one QEMU at a time, ours then Xen in each rep ----
for n in "${NS[@]}"; do
    mk_dtb "$n" || die "cannot build the DTB for N=$n"
    for rep in $(seq 1 "$REPS"); do
        boot ours "$n" "$rep"
        ((n <= XEN_MAX_N)) && boot xen "$n" "$rep"
    done
done

# ---- tables ----
STATS_DIGITS=3
xcell() { (($2 <= XEN_MAX_N)) && cell "$1" || echo "n/a (N > $XEN_MAX_N)"; }
xratio() { (($3 <= XEN_MAX_N)) && ratio "$(med "$1")" "$(med "$2")" || echo -; }
echo
echo "Boot time, seconds from QEMU launch (median (min-max) of $REPS; QEMU TCG, -smp $SMP, GICv3;"
echo "$DOM_MIB MiB, $VCPUS vCPU(s) and the hello guest per domain; Xen 4.17 up to N = $XEN_MAX_N)"
echo "start = 'all domains started' (Xen: 'Freed ... init memory'); first = every domain printed"
echo "its first line; done = every domain printed HELLO-DONE"
printf '%-4s | %-23s | %-23s | %-5s | %-23s | %-23s | %-23s | %-5s\n' N "start ours" \
    "start Xen 4.17" "o/X" "first ours" "done ours" "done Xen 4.17" "o/X"
printf -- '-----|-------------------------|-------------------------|-------|-------------------------|-------------------------|-------------------------|------\n'
for n in "${NS[@]}"; do
    so=$(stats start hyp=ours N="$n") sx=$(stats start hyp=xen N="$n")
    fo=$(stats first hyp=ours N="$n")
    do_=$(stats "done" hyp=ours N="$n") dx=$(stats "done" hyp=xen N="$n")
    printf '%-4s | %-23s | %-23s | %-5s | %-23s | %-23s | %-23s | %-5s\n' "$n" \
        "$(cell "$so")" "$(xcell "$sx" "$n")" "$(xratio "$so" "$sx" "$n")" \
        "$(cell "$fo")" "$(cell "$do_")" "$(xcell "$dx" "$n")" \
        "$(xratio "$do_" "$dx" "$n")"
done
echo
echo "The hypervisor's own part, seconds from its first console line to 'start'"
echo "(QEMU's start and its loading of the images left out)${PAD_MIB:+; kernels padded to $PAD_MIB MiB}"
printf '%-4s | %-23s | %-23s | %-5s\n' N "own ours" "own Xen 4.17" "o/X"
printf -- '-----|-------------------------|-------------------------|------\n'
for n in "${NS[@]}"; do
    oo=$(stats own hyp=ours N="$n") ox=$(stats own hyp=xen N="$n")
    printf '%-4s | %-23s | %-23s | %-5s\n' "$n" "$(cell "$oo")" "$(xcell "$ox" "$n")" \
        "$(xratio "$oo" "$ox" "$n")"
done
echo
echo "Ours, from its own counter and memory lines (median (min-max)):"
printf '%-4s | %-26s | %-26s | %-26s\n' N "entry to all started, ms" "building them, ms" \
    "hypervisor bytes/domain"
printf -- '-----|----------------------------|----------------------------|---------------------------\n'
for n in "${NS[@]}"; do
    STATS_DIGITS=1
    s=$(stats self_ms hyp=ours N="$n") b=$(stats build_ms hyp=ours N="$n")
    STATS_DIGITS=0
    printf '%-4s | %-26s | %-26s | %-26s\n' "$n" "$(cell "$s")" "$(cell "$b")" \
        "$(cell "$(stats hyp_bytes hyp=ours N="$n")")"
done
STATS_DIGITS=3

# fit FIELD HYP SCALE [min]: least squares of the medians (or the minima)
# of FIELD against N: "slope (per domain, times SCALE) intercept r^2", or
# "-" (fewer than 2 N).
fit() {
    local n m pts=
    for n in "${NS[@]}"; do
        m=$(stats "$1" hyp="$2" N="$n")
        [ "${4:-}" = min ] && m=$(awk '{ print $2 }' <<< "$m") || m=$(med "$m")
        [[ $m =~ ^[0-9.]+$ ]] && pts+="$n $m"$'\n'
    done
    awk -v k="$3" 'NF == 2 { x[++c] = $1; y[c] = $2; sx += $1; sy += $2 }
        END {
            if (c < 2) { print "-"; exit }
            mx = sx / c; my = sy / c
            for (i = 1; i <= c; i++) { sxx += (x[i] - mx) ^ 2; sxy += (x[i] - mx) * (y[i] - my); syy += (y[i] - my) ^ 2 }
            if (sxx == 0) { print "-"; exit }
            b = sxy / sxx; a = my - b * mx
            r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 1
            printf "%.3f per domain, %.1f at N = 0, r^2 = %.4f\n", b * k, a * k, r2
        }' <<< "$pts"
}
echo
echo "Growth with N: least-squares line through the medians (r^2 near 1: linear)"
echo "  ours, entry to all started (ms): $(fit self_ms ours 1)"
echo "  ours, the same, minima (ms):     $(fit self_ms ours 1 min)"
echo "  ours, building them (ms):        $(fit build_ms ours 1)"
echo "  ours, the same, minima (ms):     $(fit build_ms ours 1 min)"
echo "  ours, start from launch (ms):    $(fit start ours 1000)"
echo "  ours, first lines (ms):          $(fit first ours 1000)"
echo "  ours, done (ms):                 $(fit "done" ours 1000)"
echo "  Xen 4.17, start (ms, N <= $XEN_MAX_N): $(fit start xen 1000)"
echo "  Xen 4.17, done (ms, N <= $XEN_MAX_N):  $(fit "done" xen 1000)"
echo "(raw results: $OUT/results.txt; logs: $OUT/n<N>-<ours|xen>-r<rep>.log)"
echo
"$ROOT/automation/bench/footprint.sh"
exit 0
