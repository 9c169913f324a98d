#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's amd64 kernel and a busybox initramfs for x86 Linux domains.
#   fetch-linux-x86.sh [CACHE]     default CACHE: build/cache/linux-x86_64
# Produces, once (a second run does no network work):
#   CACHE/bzImage          /boot/vmlinuz-* of the kernel behind linux-image-amd64
#   CACHE/initrd.cpio.gz   busybox-static (amd64) initramfs, the same /init
#                          as the arm64 guests' (mk-initramfs.sh)
#   CACHE/modules/{watchdog,ib700wdt}.ko  the IB700 watchdog driver of that
#                          kernel (a module in Debian) and the watchdog core
#                          it needs, for the tests that append them
# The .debs are downloaded with apt-get (never installed) and unpacked with
# dpkg-deb. The ELF inside the bzImage (for PVH domains) is taken out after
# the build by build/tools/vmlinux-extract (tools/vmlinux-extract).
# Exit: 0 ok, 2 the packages cannot be downloaded or unpacked.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${1:-$ROOT/build/cache/linux-x86_64}
SELF=$(readlink -f "$0")
MK=$(dirname "$SELF")/mk-initramfs.sh
mkdir -p "$CACHE"

die() { echo "fetch-linux-x86: $*" >&2; exit 2; }

# download PKG PATTERN OUT [PATTERN OUT]...: unpack each PATTERN (a path
# in the .deb) to its OUT.
download() {
    local pkg=$1 d src
    shift
    rm -rf "$CACHE/debs" "$CACHE/root"
    mkdir -p "$CACHE/debs" "$CACHE/root"
    (cd "$CACHE/debs" && timeout 600 apt-get download -q "$pkg:amd64") \
        > "$CACHE/download.log" 2>&1 ||
        { cat "$CACHE/download.log" >&2; die "apt-get download $pkg failed"; }
    while [ $# -ge 2 ]; do
        for d in "$CACHE"/debs/*.deb; do
            dpkg-deb --fsys-tarfile "$d" | tar -x -C "$CACHE/root" --wildcards \
                "$1" || die "cannot unpack $1 from $d"
        done
        src=$(ls "$CACHE"/root/$1 2>/dev/null | head -1 || true)
        [ -n "$src" ] || die "no $1 in $pkg"
        mkdir -p "$(dirname "$2")"
        cp "$src" "$2.tmp"
        mv "$2.tmp" "$2"
        shift 2
    done
    rm -rf "$CACHE/debs" "$CACHE/root"
}

if [ ! -s "$CACHE/bzImage" ]; then
    kpkg=$(apt-cache depends linux-image-amd64:amd64 2>/dev/null |
        awk '/Depends: linux-image-[0-9]/ { sub(/:amd64$/, "", $2); print $2; exit }')
    [ -n "$kpkg" ] || die "apt-cache knows no linux-image-amd64 (apt-get update?)"
    download "$kpkg" './boot/vmlinuz-*' "$CACHE/bzImage"
fi
# The watchdog modules must come from the very kernel of the bzImage: the
# version string its setup header points to (offset 0x20e) names it.
if [ ! -s "$CACHE/modules/ib700wdt.ko" ] || [ ! -s "$CACHE/modules/watchdog.ko" ]; then
    kver=$(python3 -c '
import struct, sys
b = open(sys.argv[1], "rb").read(65536)
off = struct.unpack_from("<H", b, 0x20e)[0] + 0x200
print(b[off:b.index(b" ", off)].decode())' "$CACHE/bzImage") ||
        die "no kernel version in $CACHE/bzImage"
    wd=./lib/modules/$kver/kernel/drivers/watchdog
    download "linux-image-$kver" "$wd/ib700wdt.ko" "$CACHE/modules/ib700wdt.ko" \
        "$wd/watchdog.ko" "$CACHE/modules/watchdog.ko"
fi
if [ ! -x "$CACHE/busybox" ]; then
    download busybox-static ./bin/busybox "$CACHE/busybox"
    chmod +x "$CACHE/busybox"
fi
if [ ! -s "$CACHE/initrd.cpio.gz" ] || [ "$MK" -nt "$CACHE/initrd.cpio.gz" ]; then
    "$MK" "$CACHE/busybox" "$CACHE/initrd.cpio.gz" || die "cannot write the initramfs"
fi
echo "fetch-linux-x86: $CACHE/bzImage $CACHE/initrd.cpio.gz"
