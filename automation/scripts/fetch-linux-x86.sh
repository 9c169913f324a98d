#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's amd64 kernel (a bzImage) for x86 Linux domains.
#   fetch-linux-x86.sh [CACHE]     default CACHE: build/cache/linux-x86_64
# Produces, once (a second run does no network work):
#   CACHE/bzImage   /boot/vmlinuz-* of the kernel behind linux-image-amd64
# The .deb is downloaded with apt-get (never installed) and unpacked with
# dpkg-deb. The ELF inside (for PVH domains) is taken out after the build
# by build/tools/vmlinux-extract (tools/vmlinux-extract).
# Exit: 0 ok, 2 the package cannot be downloaded or unpacked.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${1:-$ROOT/build/cache/linux-x86_64}
mkdir -p "$CACHE"

die() { echo "fetch-linux-x86: $*" >&2; exit 2; }

[ -s "$CACHE/bzImage" ] && exit 0
kpkg=$(apt-cache depends linux-image-amd64:amd64 2>/dev/null |
    awk '/Depends: linux-image-[0-9]/ { sub(/:amd64$/, "", $2); print $2; exit }')
[ -n "$kpkg" ] || die "apt-cache knows no linux-image-amd64 (apt-get update?)"
rm -rf "$CACHE/debs" "$CACHE/root"
mkdir -p "$CACHE/debs" "$CACHE/root"
(cd "$CACHE/debs" && timeout 600 apt-get download -q "$kpkg:amd64") \
    > "$CACHE/download.log" 2>&1 ||
    { cat "$CACHE/download.log" >&2; die "apt-get download failed"; }
for d in "$CACHE"/debs/*.deb; do
    dpkg-deb --fsys-tarfile "$d" | tar -x -C "$CACHE/root" --wildcards \
        './boot/vmlinuz-*' || die "cannot unpack $d"
done
src=$(ls "$CACHE"/root/boot/vmlinuz-* 2>/dev/null | head -1 || true)
[ -n "$src" ] || die "no /boot/vmlinuz-* in $kpkg"
cp "$src" "$CACHE/bzImage.tmp"
mv "$CACHE/bzImage.tmp" "$CACHE/bzImage"
rm -rf "$CACHE/debs" "$CACHE/root"
echo "fetch-linux-x86: $CACHE/bzImage from $kpkg"
