#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian's Xen 4.17 arm64 hypervisor image, downloaded once with apt-get
# (never installed) into the cache xen-anchor-boot.sh and boot-time.sh use.
#   fetch-xen-4.17.sh        prints the image path
# env: XEN_CACHE=build/cache/xen-4.17
# Exit: 0 ok, 2 not downloadable (no network, no arm64 lists).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${XEN_CACHE:-$ROOT/build/cache/xen-4.17}
IMG=$CACHE/xen-4.17-arm64
if [ ! -s "$IMG" ]; then
    mkdir -p "$CACHE/debs"
    (cd "$CACHE/debs" &&
        timeout 120 apt-get download -q xen-hypervisor-4.17-arm64:arm64) \
        > "$CACHE/download.log" 2>&1 || { cat "$CACHE/download.log" >&2; exit 2; }
    rm -rf "$CACHE/root"
    dpkg-deb -x "$CACHE"/debs/xen-hypervisor-4.17-arm64_*.deb "$CACHE/root" || exit 2
    src=$(ls "$CACHE"/root/boot/xen-4.17*-arm64 2>/dev/null | head -1 || true)
    [ -n "$src" ] || { echo "no /boot/xen-4.17*-arm64 in the package" >&2; exit 2; }
    cp "$src" "$IMG.tmp" && mv "$IMG.tmp" "$IMG"
fi
echo "$IMG"
