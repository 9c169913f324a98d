#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's amd64 kernel and a busybox initramfs for x86 Linux domains.
#   fetch-linux-x86.sh [CACHE]     default CACHE: build/cache/linux-x86_64
# Produces, once (a second run does no network work):
#   CACHE/bzImage          /boot/vmlinuz-* of the kernel behind linux-image-amd64
#   CACHE/initrd.cpio.gz   busybox-static (amd64) initramfs, the same /init
#                          as the arm64 guests' (mk-initramfs.sh)
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

# download PKG PATTERN OUT: unpack PATTERN (a path in the .deb) to OUT.
download() {
    local pkg=$1 pattern=$2 out=$3 d src
    rm -rf "$CACHE/debs" "$CACHE/root"
    mkdir -p "$CACHE/debs" "$CACHE/root"
    (cd "$CACHE/debs" && timeout 600 apt-get download -q "$pkg:amd64") \
        > "$CACHE/download.log" 2>&1 ||
        { cat "$CACHE/download.log" >&2; die "apt-get download $pkg failed"; }
    for d in "$CACHE"/debs/*.deb; do
        dpkg-deb --fsys-tarfile "$d" | tar -x -C "$CACHE/root" --wildcards \
            "$pattern" || die "cannot unpack $d"
    done
    src=$(ls "$CACHE"/root/$pattern 2>/dev/null | head -1 || true)
    [ -n "$src" ] || die "no $pattern in $pkg"
    cp "$src" "$out.tmp"
    mv "$out.tmp" "$out"
    rm -rf "$CACHE/debs" "$CACHE/root"
}

if [ ! -s "$CACHE/bzImage" ]; then
    kpkg=$(apt-cache depends linux-image-amd64:amd64 2>/dev/null |
        awk '/Depends: linux-image-[0-9]/ { sub(/:amd64$/, "", $2); print $2; exit }')
    [ -n "$kpkg" ] || die "apt-cache knows no linux-image-amd64 (apt-get update?)"
    download "$kpkg" './boot/vmlinuz-*' "$CACHE/bzImage"
fi
if [ ! -x "$CACHE/busybox" ]; then
    download busybox-static ./bin/busybox "$CACHE/busybox"
    chmod +x "$CACHE/busybox"
fi
if [ ! -s "$CACHE/initrd.cpio.gz" ] || [ "$MK" -nt "$CACHE/initrd.cpio.gz" ]; then
    "$MK" "$CACHE/busybox" "$CACHE/initrd.cpio.gz" || die "cannot write the initramfs"
fi
echo "fetch-linux-x86: $CACHE/bzImage $CACHE/initrd.cpio.gz"
