#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetch the headers to build kernel modules for the arm64 Linux guests'
# kernel (the one fetch-linux-guest.sh fetched), with the cross compiler.
#   fetch-linux-headers.sh [CACHE]   default CACHE: build/cache/linux-arm64-headers
# Downloads with apt-get (never installs) and unpacks with dpkg-deb, once:
#   linux-headers-<release>:arm64    the kernel's .config, Module.symvers,
#                                    generated headers (release: e.g.
#                                    6.1.0-57-cloud-arm64)
#   linux-headers-<abi>-common       the kernel's headers and Makefile
#   linux-kbuild-<major.minor>:HOST  kbuild's scripts (fixdep, modpost, ...)
#                                    built for the build host: the arm64
#                                    package's scripts would be arm64 binaries
# all of the same package version as the kernel.  The release's Makefile
# includes the common Makefile by its absolute /usr/src path; the unpacked
# copy is pointed at CACHE's real path instead.  Prints the directory to build against
# (make -C DIR M=... ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-).
# Exit: 0 ok, 2 the packages cannot be found, downloaded or unpacked.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${1:-$ROOT/build/cache/linux-arm64-headers}
KCACHE=$(dirname "$CACHE")/linux-arm64      # fetch-linux-guest.sh's cache

die() { echo "fetch-linux-headers: $*" >&2; exit 2; }

"$ROOT/automation/scripts/fetch-linux-guest.sh" "$KCACHE" > /dev/null ||
    die "no arm64 kernel (fetch-linux-guest.sh failed)"
cfg=$(ls "$KCACHE"/root/boot/config-* 2>/dev/null | head -1 || true)
[ -n "$cfg" ] || die "no /boot/config-* in $KCACHE/root"
release=${cfg##*/config-}                   # 6.1.0-57-cloud-arm64
abi=${release%-*-*}                         # 6.1.0-57 (cloud-arm64 flavour)
major=$(echo "$release" | cut -d. -f1-2)    # 6.1
KDIR=$CACHE/root/usr/src/linux-headers-$release

if [ ! -e "$CACHE/.done-$release" ]; then
    kdeb=$(ls "$KCACHE"/debs/linux-image-"$release"*_arm64.deb 2>/dev/null | head -1 || true)
    if [ -n "$kdeb" ]; then
        ver=$(dpkg-deb -f "$kdeb" Version)
    else
        ver=$(apt-cache show "linux-image-$release:arm64" 2>/dev/null |
            awk '/^Version:/ { print $2; exit }')
    fi
    [ -n "$ver" ] || die "cannot tell the package version of $release"
    host=$(dpkg --print-architecture)
    rm -rf "$CACHE/debs" "$CACHE/root" "$CACHE"/.done-*
    mkdir -p "$CACHE/debs" "$CACHE/root"
    (cd "$CACHE/debs" && timeout 600 apt-get download -q \
        "linux-headers-$release:arm64=$ver" "linux-headers-$abi-common=$ver" \
        "linux-kbuild-$major:$host=$ver") > "$CACHE/download.log" 2>&1 ||
        { cat "$CACHE/download.log" >&2; die "apt-get download failed"; }
    for d in "$CACHE"/debs/*.deb; do
        dpkg-deb -x "$d" "$CACHE/root" || die "cannot unpack $d"
    done
    [ -f "$KDIR/Makefile" ] || die "no $KDIR/Makefile in linux-headers-$release"
    touch "$CACHE/.done-$release"
fi
# Every run (the cache may be reached through another path since): the
# include line names the common Makefile by its real path.
real=$(cd "$CACHE" && pwd -P)
sed -i "s|^include .*/usr/src/linux-headers-$abi-common/Makefile\$|include $real/root/usr/src/linux-headers-$abi-common/Makefile|" \
    "$KDIR/Makefile" || die "cannot edit $KDIR/Makefile"
grep -qx "include $real/root/usr/src/linux-headers-$abi-common/Makefile" "$KDIR/Makefile" ||
    die "$KDIR/Makefile does not include the common Makefile as expected"
echo "$real/root/usr/src/linux-headers-$release"
