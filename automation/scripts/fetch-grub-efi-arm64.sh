#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's arm64 GRUB EFI modules (grub-efi-arm64-bin:arm64) into a
# cache, for grub-mkstandalone/grub-mkimage -O arm64-efi on this host.
#   fetch-grub-efi-arm64.sh [CACHE]  default CACHE: build/cache/grub-efi-arm64
# Downloads with apt-get (never installs) and unpacks with dpkg-deb, once:
# the package holds only data (modules, lst files), usable from any host.
# Prints the module directory (CACHE/root/usr/lib/grub/arm64-efi).
# Exit: 0 ok, 2 the package cannot be downloaded or unpacked.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${1:-$ROOT/build/cache/grub-efi-arm64}
MODDIR=$CACHE/root/usr/lib/grub/arm64-efi

die() { echo "fetch-grub-efi-arm64: $*" >&2; exit 2; }

if [ ! -e "$CACHE/.done" ]; then
    rm -rf "$CACHE/debs" "$CACHE/root"
    mkdir -p "$CACHE/debs" "$CACHE/root"
    (cd "$CACHE/debs" && timeout 600 apt-get download -q grub-efi-arm64-bin:arm64) \
        > "$CACHE/download.log" 2>&1 ||
        { cat "$CACHE/download.log" >&2; die "apt-get download failed"; }
    for d in "$CACHE"/debs/*.deb; do
        dpkg-deb -x "$d" "$CACHE/root" || die "cannot unpack $d"
    done
    [ -e "$MODDIR/moddep.lst" ] || die "no $MODDIR/moddep.lst in the package"
    touch "$CACHE/.done"
fi
echo "$MODDIR"
