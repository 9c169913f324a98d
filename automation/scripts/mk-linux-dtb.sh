#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a host DTB for QEMU's arm64 'virt' machine that boots N Linux domUs
# (dom0less form, no Dom0), and the QEMU '-device loader' arguments that
# place their images.  The same DTB boots our hypervisor and Debian's
# Xen 4.17 (/chosen xen,xen-bootargs selects Xen's DT console).
#   mk-linux-dtb.sh OUT.dtb [N]                   N: 1..16, default 2
# env: VCPUS="1"     vCPUs per domain: one number for all, or one per
#                    domain separated by commas or spaces ("1,2")
#      DOM_MEM=256   MiB per domain
#      GIC=3         host GIC version, 3 or 2
#      SMP=2         host CPUs;  HOST_MEM=2048  host RAM in MiB
#      KARGS=        extra kernel arguments, after "console=ttyAMA0
#                    domname=domU<i>" (e.g. "quiet")
#      XEN_ARGS="console=dtuart dtuart=/pl011@9000000 bootscrub=0"
#      IMAGE, INITRD default build/cache/linux-arm64/{Image,initrd.cpio.gz}
#                    (automation/scripts/fetch-linux-guest.sh)
#      KARGS_<i>=    extra kernel arguments of domU<i> only, after KARGS
#      DOM_EXTRA_<i>= device-tree text put into domU<i>'s node (properties,
#                    xen,evtchn-v1 and xen,domain-shared-memory-v1 nodes)
#      ENHANCED=     xen,enhanced value for every domain ("no-xenstore",
#                    "enabled"); empty: no property (no PV interfaces)
#      UBOOT=ADDR    also write /config for U-Boot (qemu_arm64): boot at
#                    once with "booti ADDR - ${fdtcontroladdr}", ADDR being
#                    where the caller loads the hypervisor (0x40400000)
# Writes OUT.dtb, the fragment OUT.dtsi, and OUT.loaders (the QEMU loader
# arguments, one per line: `mapfile -t LOADERS < OUT.loaders`); prints the
# loader arguments on stdout.  Layout: domU<i>'s kernel at
# 0x50000000 + (i-1) * 64 MiB, its ramdisk 32 MiB above the kernel.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?usage: mk-linux-dtb.sh OUT.dtb [N]}
N=${2:-2}
VCPUS=${VCPUS:-1} DOM_MEM=${DOM_MEM:-256} GIC=${GIC:-3} SMP=${SMP:-2}
HOST_MEM=${HOST_MEM:-2048} KARGS=${KARGS:-} UBOOT=${UBOOT:-}
ENHANCED=${ENHANCED:-}
XEN_ARGS=${XEN_ARGS:-console=dtuart dtuart=/pl011@9000000 bootscrub=0}
IMAGE=${IMAGE:-$ROOT/build/cache/linux-arm64/Image}
INITRD=${INITRD:-$ROOT/build/cache/linux-arm64/initrd.cpio.gz}
BASE=$((0x50000000)) STRIDE=$((0x04000000)) RD_OFF=$((0x02000000))

die() { echo "mk-linux-dtb: $*" >&2; exit 2; }
[[ $N =~ ^[0-9]+$ ]] && (( N >= 1 && N <= 16 )) || die "N must be 1..16 (got '$N')"
[ "$GIC" = 3 ] || [ "$GIC" = 2 ] || die "GIC must be 3 or 2 (got '$GIC')"
[[ $DOM_MEM =~ ^[0-9]+$ ]] || die "DOM_MEM must be MiB (got '$DOM_MEM')"
for f in "$IMAGE" "$INITRD"; do
    [ -s "$f" ] || die "$f missing (automation/scripts/fetch-linux-guest.sh)"
done
KSIZE=$(stat -c %s "$IMAGE") RSIZE=$(stat -c %s "$INITRD")
(( KSIZE <= RD_OFF && RSIZE <= STRIDE - RD_OFF )) ||
    die "images too large for the 32 MiB slots"
(( BASE + N * STRIDE <= 0x40000000 + HOST_MEM * 0x100000 )) ||
    die "HOST_MEM=$HOST_MEM MiB does not reach the modules of $N domains"
read -r -a VLIST <<< "${VCPUS//,/ }"
(( ${#VLIST[@]} == 1 || ${#VLIST[@]} == N )) ||
    die "VCPUS needs 1 or $N values (got '$VCPUS')"

base=${OUT%.dtb}
mkdir -p "$(dirname "$OUT")"
: > "$base.loaders"
{
    printf '/ {\n\tchosen {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n'
    printf '\t\txen,xen-bootargs = "%s";\n' "$XEN_ARGS"
    for i in $(seq 1 "$N"); do
        k=$(( BASE + (i - 1) * STRIDE )) r=$(( BASE + (i - 1) * STRIDE + RD_OFF ))
        v=${VLIST[$(( ${#VLIST[@]} == 1 ? 0 : i - 1 ))]}
        printf '\t\tdomU%d {\n\t\t\tcompatible = "xen,domain";\n' "$i"
        printf '\t\t\t#address-cells = <1>;\n\t\t\t#size-cells = <1>;\n'
        printf '\t\t\tmemory = <0 0x%x>;\n' $(( DOM_MEM * 1024 ))
        printf '\t\t\tcpus = <%d>;\n\t\t\tvpl011;\n' "$v"
        [ -z "$ENHANCED" ] || printf '\t\t\txen,enhanced = "%s";\n' "$ENHANCED"
        extra=DOM_EXTRA_$i kextra=KARGS_$i
        [ -z "${!extra:-}" ] || printf '%s\n' "${!extra}"
        kargs="$KARGS${!kextra:+ ${!kextra}}"
        printf '\t\t\tmodule@%x {\n' $k
        printf '\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
        printf '\t\t\t\treg = <0x%x 0x%x>;\n' $k "$KSIZE"
        printf '\t\t\t\tbootargs = "console=ttyAMA0 domname=domU%d%s";\n' "$i" "${kargs:+ ${kargs# }}"
        printf '\t\t\t};\n\t\t\tmodule@%x {\n' $r
        printf '\t\t\t\tcompatible = "multiboot,ramdisk", "multiboot,module";\n'
        printf '\t\t\t\treg = <0x%x 0x%x>;\n\t\t\t};\n\t\t};\n' $r "$RSIZE"
        printf -- '-device\nloader,file=%s,addr=0x%x,force-raw=on\n' "$IMAGE" $k >> "$base.loaders"
        printf -- '-device\nloader,file=%s,addr=0x%x,force-raw=on\n' "$INITRD" $r >> "$base.loaders"
    done
    printf '\t};\n'
    if [ -n "$UBOOT" ]; then
        printf '\tconfig {\n\t\tbootdelay = <0>;\n'
        printf '\t\tbootcmd = "booti %s - ${fdtcontroladdr}";\n\t};\n' "$UBOOT"
    fi
    printf '};\n'
} > "$base.dtsi"
"$ROOT/automation/scripts/mk-arm64-dtb.sh" "$OUT" "$base.dtsi" "$GIC" "$SMP" "$HOST_MEM"
mapfile -t args < "$base.loaders"
echo "${args[*]}"
