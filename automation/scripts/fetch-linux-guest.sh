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
# dpkg-deb; the cpio (newc) archive is written by python3, so cpio(1) is not
# needed. Exit: 0 ok, 2 the packages cannot be downloaded or unpacked.
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

# 3. The initramfs, rebuilt whenever this script changes.
BB=$CACHE/root/bin/busybox
[ -x "$BB" ] || die "no /bin/busybox in busybox-static"
if [ ! -s "$CACHE/initrd.cpio.gz" ] || [ "$SELF" -nt "$CACHE/initrd.cpio.gz" ]; then
    cat > "$CACHE/init" <<'INIT'
#!/bin/busybox sh
# /init of a Linux guest: a busybox userspace, a marker line, a shell.
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Kernel messages stay off the console from here on.
echo 1 > /proc/sys/kernel/printk
# Linux passes unknown name=value parameters to init's environment; read
# the command line as well in case it did not.
[ -n "${domname:-}" ] ||
    domname=$(sed -n 's/.*domname=\([^ ]*\).*/\1/p' /proc/cmdline)
echo "CPUS=$(grep -c '^processor' /proc/cpuinfo)"
echo "DOMU-READY ${domname:-unknown}"
export PS1="${domname:-guest}# " HOME=/root
# A shell with the console as its controlling tty, restarted on exit.
while :; do
    setsid cttyhack sh
    sleep 1
done
INIT
    python3 - "$CACHE/initrd.cpio.gz.tmp" "$BB" "$CACHE/init" <<'PY' ||
import gzip, os, sys

out, busybox, init = sys.argv[1:4]
ino = [300000]
data = []

def entry(name, mode, body=b"", rdev=(0, 0)):
    # One newc record: header, name, padding, body, padding.
    ino[0] += 1
    fields = [ino[0], mode, 0, 0, 1, 0, len(body), 0, 0,
              rdev[0], rdev[1], len(name) + 1, 0]
    hdr = b"070701" + b"".join(b"%08X" % f for f in fields)
    rec = hdr + name.encode() + b"\0"
    rec += b"\0" * (-len(rec) % 4) + body
    rec += b"\0" * (-len(rec) % 4)
    data.append(rec)

for d in ("bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "proc",
          "sys", "tmp", "root", "etc"):
    entry(d, 0o040755)
entry("dev/console", 0o020600, rdev=(5, 1))
entry("bin/busybox", 0o100755, open(busybox, "rb").read())
entry("bin/sh", 0o120777, b"busybox")
entry("init", 0o100755, open(init, "rb").read())
entry("TRAILER!!!", 0)
# mtime 0: the same inputs give the same archive, byte for byte.
with open(out, "wb") as raw, \
        gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as f:
    f.write(b"".join(data))
PY
        die "cannot write the initramfs"
    mv "$CACHE/initrd.cpio.gz.tmp" "$CACHE/initrd.cpio.gz"
fi
echo "fetch-linux-guest: $CACHE/Image $CACHE/initrd.cpio.gz"
