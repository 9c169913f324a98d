#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetch Debian's arm64 cloud kernel and a busybox initramfs for Linux guests.
#   fetch-linux-guest.sh [CACHE]     default CACHE: build/cache/linux-arm64
# Produces, once (a second run does no network work):
#   CACHE/Image            raw arm64 Linux Image (linux-image-cloud-arm64)
#   CACHE/initrd.cpio.gz   busybox-static initramfs; its /init mounts proc,
#                          sys and devtmpfs, prints "CPUS=<n>" and
#                          "DOMU-READY <domname>" (domname= from the kernel
#                          command line), then runs a shell on the console.
# The .debs are downloaded with apt-get (never installed) and unpacked with
# dpkg-deb; mk-initramfs.sh writes the initramfs. Exit: 0 ok, 2 the packages cannot be downloaded or unpacked.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${1:-$ROOT/build/cache/linux-arm64}
SELF=$(readlink -f "$0")
mkdir -p "$CACHE"

die() { echo "fetch-linux-guest: $*" >&2; exit 2; }

# 1. The packages: the versioned kernel behind the cloud-arm64 metapackage,
# and busybox-static, both arm64, unpacked under CACHE/root.
if [ ! -e "$CACHE/root/.done" ]; then
    kpkg=$(apt-cache depends linux-image-cloud-arm64:arm64 2>/dev/null |
        awk '/Depends: linux-image-[0-9]/ { sub(/:arm64$/, "", $2); print $2; exit }')
    [ -n "$kpkg" ] || die "apt-cache knows no linux-image-cloud-arm64:arm64 (apt-get update, arm64 architecture enabled?)"
    rm -rf "$CACHE/debs" "$CACHE/root"
    mkdir -p "$CACHE/debs" "$CACHE/root"
    (cd "$CACHE/debs" &&
        timeout 600 apt-get download -q "$kpkg:arm64" busybox-static:arm64) \
        > "$CACHE/download.log" 2>&1 || { cat "$CACHE/download.log" >&2; die "apt-get download failed"; }
    for d in "$CACHE"/debs/*.deb; do
        dpkg-deb -x "$d" "$CACHE/root" || die "cannot unpack $d"
    done
    touch "$CACHE/root/.done"
fi

# 2. The kernel: bookworm ships vmlinuz as a raw Image; gunzip if it is not.
if [ ! -s "$CACHE/Image" ]; then
    src=$(ls "$CACHE"/root/boot/vmlinuz-* 2>/dev/null | head -1 || true)
    [ -n "$src" ] || die "no /boot/vmlinuz-* in the kernel package"
    if [ "$(od -An -tx1 -N2 "$src" | tr -d ' ')" = 1f8b ]; then
        gzip -dc "$src" > "$CACHE/Image.tmp"
    else
        cp "$src" "$CACHE/Image.tmp"
    fi
    mv "$CACHE/Image.tmp" "$CACHE/Image"
fi

# 3. The initramfs, rebuilt whenever it or its writer changes.
BB=$CACHE/root/bin/busybox
[ -x "$BB" ] || die "no /bin/busybox in busybox-static"
MK=$(dirname "$SELF")/mk-initramfs.sh
if [ ! -s "$CACHE/initrd.cpio.gz" ] || [ "$SELF" -nt "$CACHE/initrd.cpio.gz" ] ||
    [ "$MK" -nt "$CACHE/initrd.cpio.gz" ]; then
    "$MK" "$BB" "$CACHE/initrd.cpio.gz" || die "cannot write the initramfs"
fi
echo "fetch-linux-guest: $CACHE/Image $CACHE/initrd.cpio.gz"
