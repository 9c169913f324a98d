#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Add files to a gzipped newc initramfs by appending a second gzip member
# (Linux unpacks concatenated archives in turn, a later file replacing an
# earlier one of the same name).
#   initramfs-append.sh ARCHIVE NAME=FILE...
# NAME is the path in the archive ("modules/ib700wdt.ko"); its parent
# directories are created; FILE's mode is kept 0755 when it is executable,
# 0644 otherwise.  The same inputs give the same bytes.  Exit: 0 ok, 2 error.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: initramfs-append.sh ARCHIVE NAME=FILE..." >&2; exit 2; }
ARCHIVE=$1
shift
[ -f "$ARCHIVE" ] || { echo "initramfs-append: no $ARCHIVE" >&2; exit 2; }
for a in "$@"; do
    [ "${a#*=}" != "$a" ] && [ -f "${a#*=}" ] ||
        { echo "initramfs-append: not NAME=FILE: $a" >&2; exit 2; }
done
python3 - "$ARCHIVE" "$@" <<'PY' || { echo "initramfs-append: cannot write $ARCHIVE" >&2; exit 2; }
import gzip, os, sys

def rec(name, mode, body=b""):
    # One newc record: header, name, padding, body, padding.
    f = [1, mode, 0, 0, 1, 0, len(body), 0, 0, 0, 0, len(name) + 1, 0]
    r = b"070701" + b"".join(b"%08X" % x for x in f) + name.encode() + b"\0"
    r += b"\0" * (-len(r) % 4) + body
    return r + b"\0" * (-len(r) % 4)

data, dirs = b"", set()
for arg in sys.argv[2:]:
    name, path = arg.split("=", 1)
    parts = name.strip("/").split("/")
    for i in range(1, len(parts)):
        d = "/".join(parts[:i])
        if d not in dirs:
            dirs.add(d)
            data += rec(d, 0o040755)
    mode = 0o100755 if os.access(path, os.X_OK) else 0o100644
    data += rec("/".join(parts), mode, open(path, "rb").read())
data += rec("TRAILER!!!", 0)
with open(sys.argv[1], "ab") as f:
    f.write(gzip.compress(data, mtime=0))
PY
