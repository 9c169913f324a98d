#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Write the busybox initramfs of the Linux guests (any architecture).
#   mk-initramfs.sh BUSYBOX OUT [MODULE.ko...]
# BUSYBOX is a static busybox (busybox-static, unpacked with dpkg-deb); OUT
# is the gzipped newc cpio written; each MODULE.ko goes to /lib/modules/.
# Its /init mounts proc, sys and devtmpfs; given "insmod=NAME,ARG,..." on
# the kernel command line it loads /lib/modules/NAME.ko with the ARGs
# (e.g. insmod=xen-static-pingpong,role=ping,port=10) and prints the kernel
# messages logged meanwhile, then "insmod NAME: <status>"; it prints
# "CPUS=<n>" and "DOMU-READY <domname>" (domname= from the kernel command
# line), then runs a shell on the console.  python3 writes
# the archive, so cpio(1) is not needed; the same inputs give the same
# archive, byte for byte.  Exit: 0 ok, 2 error.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: mk-initramfs.sh BUSYBOX OUT [MODULE.ko...]" >&2; exit 2; }
BB=$1 OUT=$2
shift 2
[ -x "$BB" ] || { echo "mk-initramfs: no busybox at $BB" >&2; exit 2; }
for m in "$@"; do
    [ -f "$m" ] && [ "${m%.ko}" != "$m" ] ||
        { echo "mk-initramfs: not a module: $m" >&2; exit 2; }
done
INIT=$(mktemp)
trap 'rm -f "$INIT" "$OUT.tmp"' EXIT
cat > "$INIT" <<'INIT'
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
# insmod=NAME,ARG,...: load a module, show what it logged.
insmod=${insmod:-$(sed -n 's/.*insmod=\([^ ]*\).*/\1/p' /proc/cmdline)}
if [ -n "$insmod" ]; then
    set -- $(echo "$insmod" | tr , ' ')
    mod=$1
    shift
    dmesg -c > /dev/null
    if insmod "/lib/modules/$mod.ko" "$@"; then rc=ok; else rc="failed ($?)"; fi
    dmesg | sed 's/^\[[^]]*\] //'
    echo "insmod $mod: $rc"
fi
echo "CPUS=$(grep -c '^processor' /proc/cpuinfo)"
echo "DOMU-READY ${domname:-unknown}"
export PS1="${domname:-guest}# " HOME=/root
# A shell with the console as its controlling tty, restarted on exit.
while :; do
    setsid cttyhack sh
    sleep 1
done
INIT
python3 - "$OUT.tmp" "$BB" "$INIT" "$@" <<'PY' ||
import gzip, os, sys

out, busybox, init = sys.argv[1:4]
modules = sys.argv[4:]
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
if modules:
    entry("lib", 0o040755)
    entry("lib/modules", 0o040755)
for m in modules:
    entry("lib/modules/" + os.path.basename(m), 0o100644, open(m, "rb").read())
entry("TRAILER!!!", 0)
# mtime 0: the same inputs give the same archive, byte for byte.
with open(out, "wb") as raw, \
        gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as f:
    f.write(b"".join(data))
PY
    { echo "mk-initramfs: cannot write $OUT" >&2; exit 2; }
mv "$OUT.tmp" "$OUT"
