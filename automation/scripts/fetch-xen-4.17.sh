#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian's Xen 4.17 hypervisor image, downloaded once with apt-get (never
# installed) into the cache xen-anchor-boot.sh and the benchmarks use.
#   fetch-xen-4.17.sh [ARCH]   ARCH arm64 (default) or amd64 (x86_64);
#                              prints the image path:
#     arm64  CACHE/xen-4.17-arm64     (the Image-format /boot/xen-4.17-arm64)
#     amd64  CACHE/xen-4.17-amd64.gz  (the gzip'd multiboot ELF GRUB loads)
# env: XEN_CACHE=build/cache/xen-4.17
# Exit: 0 ok, 2 not downloadable (no network, no lists for ARCH), 1 usage.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${XEN_CACHE:-$ROOT/build/cache/xen-4.17}
ARCH=${1:-arm64}
case $ARCH in
arm64) PKG=xen-hypervisor-4.17-arm64:arm64 SRC='boot/xen-4.17*-arm64'
    IMG=$CACHE/xen-4.17-arm64 ;;
amd64 | x86_64) ARCH=amd64 PKG=xen-hypervisor-4.17-amd64:amd64
    SRC='boot/xen-4.17*-amd64.gz' IMG=$CACHE/xen-4.17-amd64.gz ;;
*) echo "fetch-xen-4.17: unknown arch '$ARCH' (arm64 or amd64)" >&2; exit 1 ;;
esac
if [ ! -s "$IMG" ]; then
    mkdir -p "$CACHE/debs-$ARCH"
    (cd "$CACHE/debs-$ARCH" && rm -f ./*.deb && timeout 120 apt-get download -q "$PKG") \
        > "$CACHE/download-$ARCH.log" 2>&1 ||
        { cat "$CACHE/download-$ARCH.log" >&2; exit 2; }
    rm -rf "$CACHE/root-$ARCH"
    dpkg-deb -x "$CACHE"/debs-$ARCH/xen-hypervisor-4.17-*.deb "$CACHE/root-$ARCH" || exit 2
    src=$(ls "$CACHE"/root-$ARCH/$SRC 2>/dev/null | head -1 || true)
    [ -n "$src" ] || { echo "no /$SRC in $PKG" >&2; exit 2; }
    cp "$src" "$IMG.tmp" && mv "$IMG.tmp" "$IMG"
    rm -rf "$CACHE/root-$ARCH"
fi
echo "$IMG"
