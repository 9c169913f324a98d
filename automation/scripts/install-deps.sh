#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install everything the build and the tests need, from Debian's archive only.
# Idempotent: a second run with everything present does no network work.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${HL_CACHE:-$ROOT/build/cache}

HOST_PKGS="build-essential gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
 qemu-system-arm qemu-system-x86 device-tree-compiler libfdt-dev
 u-boot-qemu u-boot-tools grub-pc-bin grub-common xorriso mtools clang
 libclang-rt-14-dev llvm python3 clang-format cppcheck xz-utils zstd gzip
 bzip2 lz4 swtpm swtpm-tools tpm2-tools ovmf grub-efi-amd64-bin qemu-efi-aarch64"

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

missing=
for p in $HOST_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done

arm64_enabled() { dpkg --print-foreign-architectures | grep -qx arm64; }

if [ -n "$missing" ] || ! arm64_enabled; then
    arm64_enabled || $SUDO dpkg --add-architecture arm64
    echo "install-deps: installing:${missing:- (none, refreshing arm64 lists)}"
    $SUDO apt-get update -qq
    [ -z "$missing" ] ||
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
            --no-install-recommends $missing >/dev/null
fi

# Debian's arm64 libfdt static archive, unpacked into the build cache so the
# host's libfdt-dev:amd64 is not displaced (the two -dev packages conflict on
# shared headers in some releases).
FDT_ARM64=$CACHE/libfdt-arm64
if [ ! -e "$FDT_ARM64/.done" ]; then
    mkdir -p "$FDT_ARM64"
    (cd "$FDT_ARM64" && rm -f ./*.deb &&
        apt-get download -qq libfdt-dev:arm64 libfdt1:arm64 &&
        for d in ./*.deb; do dpkg-deb -x "$d" .; done)
    touch "$FDT_ARM64/.done"
fi
# Debian's arm64 GRUB EFI modules (build/cache/grub-efi-arm64), for the
# arm64 UEFI boot tests; without them those tests skip.
"$ROOT/automation/scripts/fetch-grub-efi-arm64.sh" "$CACHE/grub-efi-arm64" > /dev/null ||
    echo "install-deps: no arm64 GRUB EFI; the arm64 GRUB tests will skip" >&2
# Debian's arm64 Linux kernel and a busybox initramfs for the Linux guest
# tests (build/cache/linux-arm64); without them those tests skip.
"$ROOT/automation/scripts/fetch-linux-guest.sh" "$CACHE/linux-arm64" > /dev/null ||
    echo "install-deps: no Linux guest images; the Linux guest tests will skip" >&2
# Debian's linux-headers for that kernel, to build the test kernel modules
# (automation/guests/linux-modules) with the cross compiler; without them
# the static ping-pong between Linux domains skips.
"$ROOT/automation/scripts/fetch-linux-headers.sh" "$CACHE/linux-arm64-headers" > /dev/null ||
    echo "install-deps: no arm64 linux-headers; the Linux module tests will skip" >&2
# Debian's amd64 kernel (a bzImage, build/cache/linux-x86_64) for the x86
# Linux tests and the bzImage extraction test; without it they skip.
"$ROOT/automation/scripts/fetch-linux-x86.sh" "$CACHE/linux-x86_64" > /dev/null ||
    echo "install-deps: no x86 Linux kernel; the x86 Linux tests will skip" >&2
echo "install-deps: ok"
