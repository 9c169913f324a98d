#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian's amd64 Linux boot time on x86_64 under QEMU TCG: no hypervisor
# (the floor), Debian's Xen 4.17 with the kernel as Dom0 (the anchor), and
# our hypervisor with the kernel in N domains; same bzImage and initramfs
# (automation/scripts/fetch-linux-x86.sh) everywhere.
#
#   x86-linux-boot.sh [N...]        default N = 1 2 4
#
# Configurations (qemu-system-x86_64 -M pc -cpu CPU -m 2048, TCG):
#   floor  -smp 1 -kernel bzImage -initrd initrd.cpio.gz
#          -append "console=ttyS0 domname=floor"
#   xen    -cpu XEN_CPU -smp 2 -cdrom ISO: GRUB (grub-mkrescue) loads by multiboot2
#          Debian's xen-4.17-amd64.gz ("console=com1 com1=115200,8n1
#          dom0_mem=512M bootscrub=0 dom0_max_vcpus=1", plus "dom0=pvh" when
#          DOM0=pvh) with the bzImage as Dom0 ("console=hvc0 domname=dom0")
#          and the initramfs.  Dom0 is PV by default: Xen 4.17 refuses a PVH
#          Dom0 without an IOMMU ("Presently, iommu must be enabled for PVH
#          hardware domain") and QEMU's pc machine has none.  XEN_CPU is
#          max,-smap: with TCG's SMAP (QEMU 7.2) the PV Dom0 takes a #PF on
#          its own stack at its first instructions and Xen crashes it
#          ("d0v0 Unhandled: vec 14, #PF[0001]"); without SMAP it boots.
#   ours   -smp 2 -kernel XEN (multiboot1) -append ""
#          -initrd DTB,vmlinux,bzImage,initrd.cpio.gz: a hyperlaunch-form DT
#          with N domains, each 1 vCPU, 256 MiB, bootargs
#          "console=ttyS0 domname=domU<i>", for each MODE in MODES:
#          pvh (the ELF vmlinux-extract takes out of the bzImage, PVH entry)
#          or hvm (mode = <2>, the bzImage by the Linux boot protocol; "n/a"
#          when the hypervisor refuses HVM domains).
# Every console line is stamped with the seconds since QEMU was launched
# (stamp-lines.py: the time it arrived).  Time of a run: the userspace
# marker the initramfs's /init prints, "DOMU-READY <domname>" (floor: the
# line itself; Xen: Dom0's hvc0 as Xen relays it to com1, with or without a
# prefix; ours: "(d<i>) DOMU-READY domU<i>" of the last domain).  Also kept:
# "hyp", the time of the hypervisor's first console line (floor: Linux's
# first line), so the loader's share (BIOS, GRUB reading the CD) can be
# told from the rest.
#
# env: REPS=3, TIMEOUT=240 (seconds per boot), MODES="pvh hvm",
#      CPU=max (floor and ours), XEN_CPU=max,-smap (Xen 4.17),
#      XEN=build/x86_64/xen (ours), TOOLS=build/tools (vmlinux-extract),
#      XEN_IMAGE=path of a Xen 4.17 amd64 multiboot image (else the cached
#      Debian download), DOM0=pv|pvh, SKIP="floor xen ..." (configurations
#      not to run: floor, xen, pvh, hvm), OUT=build/bench/x86-linux-boot,
#      REPORT=1 (no runs: the table of the RESULT lines in $OUT/results.txt).
# Output: a table on stdout and the footprint of build/x86_64/xen (or
# XEN); RESULT lines in $OUT/results.txt; logs $OUT/<config>-r<rep>.log.
# Exit status is non-zero only when the set-up fails.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1 2 4)
REPS=${REPS:-3} TIMEOUT=${TIMEOUT:-240} MODES=${MODES:-pvh hvm}
DOM0=${DOM0:-pv} SKIP=${SKIP:-}
OUT=${OUT:-$ROOT/build/bench/x86-linux-boot}
OURS=${XEN:-$ROOT/build/x86_64/xen}
TOOLS=${TOOLS:-$ROOT/build/tools}
CACHE=$ROOT/build/cache/linux-x86_64
S=$ROOT/automation/scripts
source "$ROOT/automation/tests/x86-domain-lib.sh"
CPU=${CPU:-max} XEN_CPU=${XEN_CPU:-max,-smap}
QEMU=(qemu-system-x86_64 -M pc -m 2048 -display none -monitor none
    -serial stdio -nic none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)

die() { echo "x86-linux-boot: $*" >&2; exit 2; }
skipped() { [[ " $SKIP " == *" $1 "* ]]; }

# ---- set-up: everything must be there before anything is timed ----
[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive number (got '$REPS')"
for n in "${NS[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] && (( n <= 6 )) || die "N must be 1..6 (got '$n'; 256 MiB each in 2 GiB)"
done
for m in $MODES; do
    [ "$m" = pvh ] || [ "$m" = hvm ] || die "MODES: pvh or hvm (got '$m')"
done
[ "$DOM0" = pv ] || [ "$DOM0" = pvh ] || die "DOM0: pv or pvh (got '$DOM0')"
for tool in qemu-system-x86_64 dtc timeout python3 grub-mkrescue xorriso mformat; do
    command -v $tool > /dev/null || die "$tool not found (automation/scripts/install-deps.sh)"
done
[ -s "$OURS" ] || die "$OURS not built (make xen XEN_TARGET_ARCH=x86_64)"
[ -x "$TOOLS/vmlinux-extract" ] || die "$TOOLS/vmlinux-extract not built (make tools)"
if [ -n "${XEN_IMAGE:-}" ]; then
    [ -s "$XEN_IMAGE" ] || die "XEN_IMAGE=$XEN_IMAGE: no such image"
else
    XEN_IMAGE=$("$S/fetch-xen-4.17.sh" amd64) || die "cannot download Debian's Xen 4.17 (amd64)"
fi
"$S/fetch-linux-x86.sh" "$CACHE" > /dev/null || die "cannot get the amd64 kernel and initramfs"
mkdir -p "$OUT" || die "cannot create $OUT"
[ -n "${REPORT:-}" ] || : > "$OUT/results.txt"
"$TOOLS/vmlinux-extract" "$CACHE/bzImage" "$OUT/vmlinux" > "$OUT/extract.log" 2>&1 ||
    die "vmlinux-extract failed (see $OUT/extract.log)"

# The anchor's ISO: GRUB on com1, Xen by multiboot2, Dom0's kernel and
# initramfs as modules (--nounzip: GRUB would otherwise inflate the
# initramfs; Linux takes it compressed, as in the other configurations).
mk_iso() {
    local d=$OUT/iso dom0=
    [ "$DOM0" = pvh ] && dom0=" dom0=pvh"
    rm -rf "$d" && mkdir -p "$d/boot/grub" || return 1
    cp "$XEN_IMAGE" "$d/boot/xen.gz" && cp "$CACHE/bzImage" "$CACHE/initrd.cpio.gz" "$d/boot/" ||
        return 1
    cat > "$d/boot/grub/grub.cfg" << EOF
set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
menuentry "Xen 4.17, Debian's Linux as Dom0 ($DOM0)" {
    multiboot2 /boot/xen.gz console=com1 com1=115200,8n1 dom0_mem=512M bootscrub=0 dom0_max_vcpus=1$dom0
    module2 --nounzip /boot/bzImage console=hvc0 domname=dom0
    module2 --nounzip /boot/initrd.cpio.gz
}
EOF
    grub-mkrescue -o "$OUT/xen-4.17.iso" "$d" > "$OUT/grub-mkrescue.log" 2>&1
}

# mk_dtb N MODE: $OUT/<mode>-n<N>.dtb, N domains (hyperlaunch form); the
# modules are 0 the DTB, 1 vmlinux, 2 bzImage, 3 initrd.cpio.gz.
mk_dtb() {
    local n=$1 mode=$2 i kernel=1 dts=$OUT/$2-n$1.dts nodes=()
    [ "$mode" = hvm ] && kernel=2
    for i in $(seq 1 "$n"); do
        nodes+=("$(linux_dom "$i" "$mode" 1 "$kernel")")
    done
    hl_dts "${nodes[@]}" > "$dts"
    dtc -q -I dts -O dtb -o "${dts%.dts}.dtb" "$dts"
}

# One QEMU at a time on this machine: the lock is taken for each boot and
# given back after it (unless our caller holds it already).
source "$S/qemu-lock.sh"
source "$ROOT/automation/bench/bench-lib.sh"

# boot CONFIG N REP QEMU-ARGS...: one QEMU run, waiting for the markers of
# N domains (CONFIG floor/xen: the one marker); appends
#   RESULT cfg=C N=n rep=r all=<s|FAIL> ready=<k>/<n> hyp=<s> refused=<0|1>
# to results.txt.  refused=1: our hypervisor rejected the DT (HVM n/a).
boot() {
    local cfg=$1 n=$2 rep=$3 log fifo qpid t0 t ts line id seen=0 refused=0
    local all=FAIL hyp=FAIL kind=$1
    local -A at=()
    case $cfg in pvh | hvm) kind=ours ;; esac
    shift 3
    log=$OUT/$cfg-n$n-r$rep.log fifo=$OUT/.fifo
    [ "$n" = 0 ] && log=$OUT/$cfg-r$rep.log
    exec 4> "$log"
    qemu_lock
    stamp_start "$fifo"
    t0=${EPOCHREALTIME/./}
    timeout "$TIMEOUT" "${QEMU[@]}" "$@" < /dev/null > "$fifo" 2>&1 &
    qpid=$!
    while IFS= read -r -u 3 line; do
        t=$(( ${line%% *} - t0 ))
        line=${line#* }
        line=${line//$'\r'/}
        secs ts $t
        printf '%s %s\n' "$ts" "$line" >&4
        if [ "$hyp" = FAIL ]; then
            case $kind:$line in
            floor:*[![:space:]]* | xen:"(XEN)"* | ours:"(XEN)"*) hyp=$ts ;;
            esac
        fi
        case $kind:$line in
        floor:*"DOMU-READY floor" | xen:*"DOMU-READY dom0")
            all=$ts seen=1
            break ;;
        ours:"(d"*") DOMU-READY domU"*) ;;
        ours:"(XEN) "*mode*"not supported"*)
            refused=1
            break ;;
        *) continue ;;
        esac
        id=${line##* } id=${id#domU}
        [[ $id =~ ^[0-9]+$ ]] && (( id >= 1 && id <= n )) || continue
        [ -n "${at[$id]:-}" ] && continue
        at[$id]=$ts
        seen=$((seen + 1))
        if (( seen == n )); then all=$ts; break; fi
    done
    kill "$qpid" 2> /dev/null
    exec 3<&- 4>&-
    wait "$qpid" 2> /dev/null
    stamp_end "$fifo"
    qemu_unlock
    (( n > 0 )) || n=1
    echo "RESULT cfg=$cfg N=$n rep=$rep all=$all ready=$seen/$n hyp=$hyp refused=$refused" |
        tee -a "$OUT/results.txt" >&2
}

skipped xen || mk_iso || die "cannot build the Xen 4.17 ISO (see $OUT/grub-mkrescue.log)"
for m in $MODES; do
    skipped "$m" && continue
    for n in "${NS[@]}"; do
        mk_dtb "$n" "$m" || die "cannot build the DT for $m N=$n"
    done
done

# ---- runs: one QEMU at a time; each rep runs every configuration ----
[ -z "${REPORT:-}" ] || REPS=0
for rep in $(seq 1 "$REPS"); do
    skipped floor ||
        boot floor 0 "$rep" -cpu "$CPU" -smp 1 -kernel "$CACHE/bzImage" \
            -initrd "$CACHE/initrd.cpio.gz" -append "console=ttyS0 domname=floor"
    skipped xen || boot xen 0 "$rep" -cpu "$XEN_CPU" -smp 2 -cdrom "$OUT/xen-4.17.iso"
    for m in $MODES; do
        skipped "$m" && continue
        for n in "${NS[@]}"; do
            # HVM refused on the first try: not again.
            grep -q "^RESULT cfg=$m N=$n rep=1 .* refused=1" "$OUT/results.txt" && continue
            boot "$m" "$n" "$rep" -cpu "$CPU" -smp 2 -kernel "$OURS" -append "" \
                -initrd "$OUT/$m-n$n.dtb,$OUT/vmlinux,$CACHE/bzImage,$CACHE/initrd.cpio.gz"
        done
    done
done

floor=$(med "$(stats all cfg=floor N=1)") xen=$(med "$(stats all cfg=xen N=1)")
OF=$REPS
[ -z "${REPORT:-}" ] || OF="the runs in results.txt"
echo
echo "Debian's amd64 Linux (same bzImage and busybox initramfs): seconds from QEMU"
echo "launch to the userspace marker (median (min-max) of $OF; QEMU $(qemu-system-x86_64 --version |
    awk 'NR == 1 { print $4 }') TCG, -M pc -m 2048,"
echo "-cpu $CPU (floor, ours) / $XEN_CPU (Xen 4.17)"
echo "floor: QEMU -kernel bzImage, -smp 1, no hypervisor; Xen 4.17: GRUB ISO, $DOM0 Dom0"
echo "(512 MiB, 1 vCPU), -smp 2; ours: -kernel (multiboot1), N domains of 256 MiB and"
echo "1 vCPU, -smp 2, time to the last domain's marker."
printf '%-12s | %-22s | %-10s | %-10s | %-8s | %-s\n' config "ready" "hyp line" "ours/Xen" \
    "overhead" "ours-floor / Xen-floor"
printf -- '-------------|------------------------|------------|------------|----------|------------------------\n'
row() {
    local label=$1 s=$2 h=$3 r=$4 o=$5 ov=$6
    printf '%-12s | %-22s | %-10s | %-10s | %-8s | %-s\n' "$label" "$(cell "$s")" "$h" "$r" "$o" "$ov"
}
row floor "$(stats all cfg=floor N=1)" "$(med "$(stats hyp cfg=floor N=1)")" - - -
row "Xen 4.17" "$(stats all cfg=xen N=1)" "$(med "$(stats hyp cfg=xen N=1)")" "$(calc 'print "1.00"' "$xen")" \
    "$(calc 'printf "%.2f", a - b' "$xen" "$floor")" -
for m in $MODES; do
    for n in "${NS[@]}"; do
        s=$(stats all cfg="$m" N="$n")
        [ "$s" = - ] && continue
        o=$(med "$s")
        row "ours $m N=$n" "$s" "$(med "$(stats hyp cfg="$m" N="$n")")" \
            "$(calc 'if (b > 0) printf "%.2f", a / b; else print "-"' "$o" "$xen")" \
            "$(calc 'printf "%.2f", a - b' "$o" "$floor")" \
            "$(calc 'if (b > c) printf "%.2f", (a - c) / (b - c); else print "-"' "$o" "$xen" "$floor")"
    done
done
echo "ready: the last marker; hyp line: the hypervisor's first console line (floor:"
echo "Linux's); overhead: ready minus the floor's ready (medians)."
echo
echo "Footprint of our x86_64 image ($OURS, budget < 256 KiB):"
size=$(stat -c %s "$OURS")
awk -v s="$size" 'BEGIN { printf "  image %d bytes (%.1f KiB)%s\n", s, s / 1024,
    (s < 262144 ? "" : "  OVER BUDGET") }'
syms=${OURS%/xen}/xen-syms
if [ -e "$syms" ]; then
    start=$(nm "$syms" | awk '$3 == "_start" { print $1 }')
    end=$(nm "$syms" | awk '$3 == "_end" { print $1 }')
    [ -n "$start" ] && [ -n "$end" ] &&
        awk -v r=$(( 0x$end - 0x$start )) 'BEGIN { printf "  resident (_start.._end) %.1f KiB\n", r / 1024 }'
fi
echo "(raw results: $OUT/results.txt; logs: $OUT/<config>[-n<N>]-r<rep>.log)"
exit 0
