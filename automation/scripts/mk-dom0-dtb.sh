#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a host DTB for QEMU's arm64 'virt' machine (GICv3, 2 CPUs, 2 GiB)
# that boots Debian's arm64 Linux as Dom0 (dom0less form: kernel and
# ramdisk modules directly under /chosen) beside N Linux domUs, domU1
# getting the PL031 RTC (0x9010000, SPI 2) through a partial device tree
# (automation/tests/parser/partial/rtc.dts); the host's pl031 node carries
# xen,passthrough.  The same DTB boots ours and Debian's Xen 4.17.
#   mk-dom0-dtb.sh OUT.dtb
# env: DOMUS=2          number of domUs (1..4)
#      DOM_MEM=128      MiB per domU
#      DOM0_MEM=256M    dom0_mem=
#      DOM0_VCPUS=      dom0_max_vcpus= (empty: none, the default applies)
#      DOM0_ARGS="console=hvc0 console=ttyAMA0 domname=dom0"
#                       xen,dom0-bootargs (hvc0 on Xen, the vPL011 on ours)
#      DOM0_INITRD      default build/cache/linux-arm64/initrd.cpio.gz
#      XEN_ARGS="console=dtuart dtuart=/pl011@9000000 bootscrub=0"
#                       (dom0_mem= and dom0_max_vcpus= are added)
# Writes OUT.dtb, OUT-partial.dtb and OUT.loaders (QEMU loader arguments,
# one per line: `mapfile -t LOADERS < OUT.loaders`).  Layout: the domUs as
# mk-linux-dtb.sh puts them (0x50000000 + 64 MiB each), the partial DT at
# 0x4f000000, Dom0's kernel at 0x60000000 and its ramdisk at 0x62000000.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?usage: mk-dom0-dtb.sh OUT.dtb}
DOMUS=${DOMUS:-2} DOM_MEM=${DOM_MEM:-128} DOM0_MEM=${DOM0_MEM:-256M}
DOM0_VCPUS=${DOM0_VCPUS:-}
DOM0_ARGS=${DOM0_ARGS:-console=hvc0 console=ttyAMA0 domname=dom0}
DOM0_INITRD=${DOM0_INITRD:-$ROOT/build/cache/linux-arm64/initrd.cpio.gz}
XEN_ARGS=${XEN_ARGS:-console=dtuart dtuart=/pl011@9000000 bootscrub=0}
IMAGE=$ROOT/build/cache/linux-arm64/Image
PT=0x4f000000 K0=0x60000000 R0=0x62000000

die() { echo "mk-dom0-dtb: $*" >&2; exit 2; }
[[ $DOMUS =~ ^[1-4]$ ]] || die "DOMUS must be 1..4 (got '$DOMUS')"
for f in "$IMAGE" "$DOM0_INITRD"; do
    [ -s "$f" ] || die "$f missing (automation/scripts/fetch-linux-guest.sh)"
done
KSIZE=$(stat -c %s "$IMAGE") RSIZE=$(stat -c %s "$DOM0_INITRD")
(( KSIZE <= R0 - K0 )) || die "the kernel does not fit below the ramdisk"
XEN_ARGS+=" dom0_mem=$DOM0_MEM${DOM0_VCPUS:+ dom0_max_vcpus=$DOM0_VCPUS}"

base=${OUT%.dtb}
XEN_ARGS=$XEN_ARGS DOM_MEM=$DOM_MEM "$ROOT/automation/scripts/mk-linux-dtb.sh" \
    "$OUT" "$DOMUS" > /dev/null
dtc -q -I dts -O dtb -o "$base-partial.dtb" "$ROOT/automation/tests/parser/partial/rtc.dts"
m=/chosen/domU1/module@${PT#0x} k=/chosen/module@${K0#0x} r=/chosen/module@${R0#0x}
fdtput -c "$OUT" "$m" "$k" "$r"
fdtput -t s "$OUT" "$m" compatible multiboot,device-tree multiboot,module
fdtput -t x "$OUT" "$m" reg "${PT#0x}" "$(printf %x "$(stat -c %s "$base-partial.dtb")")"
fdtput -t s "$OUT" "$k" compatible multiboot,kernel multiboot,module
fdtput -t x "$OUT" "$k" reg "${K0#0x}" "$(printf %x "$KSIZE")"
fdtput -t s "$OUT" "$r" compatible multiboot,ramdisk multiboot,module
fdtput -t x "$OUT" "$r" reg "${R0#0x}" "$(printf %x "$RSIZE")"
fdtput -t s "$OUT" /chosen xen,dom0-bootargs "$DOM0_ARGS"
fdtput "$OUT" /pl031@9010000 xen,passthrough
{
    printf -- '-device\nloader,file=%s,addr=%s,force-raw=on\n' "$base-partial.dtb" $PT
    printf -- '-device\nloader,file=%s,addr=%s,force-raw=on\n' "$IMAGE" $K0
    printf -- '-device\nloader,file=%s,addr=%s,force-raw=on\n' "$DOM0_INITRD" $R0
} >> "$base.loaders"
