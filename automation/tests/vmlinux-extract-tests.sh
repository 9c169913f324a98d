#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tools/vmlinux-extract: the ELF inside a bzImage.  Small bzImages made
# here (a setup header, boot protocol 2.15, around a test guest's ELF
# compressed with gzip, xz and zstd, the uncompressed size appended as the
# kernel's build does), refusals, then Debian's amd64 kernel when
# install-deps.sh fetched it: its vmlinux must carry the PVH entry note.
source "$(dirname "$0")/lib.sh"
X=$ROOT/build/tools/vmlinux-extract
W=$TESTOUT/vmlinux-extract
mkdir -p "$W"
[ -x "$X" ] || { fail vmlinux-extract/built "no $X (make build-all)"; exit 0; }

# mkbz OUT CMD ELF: a bzImage whose payload is ELF through CMD.
mkbz() {
    $2 < "$3" > "$W/payload" || return 1
    python3 - "$1" "$W/payload" "$3" <<'PY'
import os, struct, sys
out, payload, elf = sys.argv[1:4]
p = open(payload, "rb").read() + struct.pack("<I", os.path.getsize(elf))
setup = bytearray(2 * 512)            # boot sector + setup_sects = 1
setup[0x1f1] = 1                      # setup_sects
setup[0x1fe:0x200] = b"\x55\xaa"
setup[0x202:0x206] = b"HdrS"
setup[0x206:0x208] = struct.pack("<H", 0x20f)
prefix = b"\0" * 64                   # the decompressor would be here
setup[0x248:0x250] = struct.pack("<II", len(prefix), len(p))
open(out, "wb").write(bytes(setup) + prefix + p + b"\0" * 100)
PY
}

ELF=$ROOT/build/x86_64/guests/hello.elf
for z in "gzip -9c" "xz -c --check=crc32" "zstd -19 -qc"; do
    name=${z%% *}
    if mkbz "$W/$name.bz" "$z" "$ELF" &&
        "$X" "$W/$name.bz" "$W/$name.elf" > "$W/$name.log" 2>&1 &&
        cmp -s "$ELF" "$W/$name.elf" &&
        readelf -nW "$W/$name.elf" | grep -q 'Xen.*0x00000012'; then
        pass "vmlinux-extract/$name"
    else
        fail "vmlinux-extract/$name" "$(cat "$W/$name.log")"
    fi
done

# Refused with exit 2 and one line: not a bzImage; an ELF with no PVH note.
"$X" "$ELF" "$W/no.elf" > "$W/not-bz.log" 2>&1
rc=$?
if [ $rc = 2 ] && grep -qx 'vmlinux-extract: not a bzImage (no HdrS)' "$W/not-bz.log"; then
    pass vmlinux-extract/refuses-not-bzimage
else
    fail vmlinux-extract/refuses-not-bzimage "exit $rc: $(cat "$W/not-bz.log")"
fi
mkbz "$W/nonote.bz" "gzip -c" /bin/true
"$X" "$W/nonote.bz" "$W/nonote.elf" > "$W/nonote.log" 2>&1
rc=$?
if [ $rc = 2 ] && grep -q 'not an ELF with a XEN_ELFNOTE_PHYS32_ENTRY note' "$W/nonote.log"; then
    pass vmlinux-extract/refuses-no-pvh-note
else
    fail vmlinux-extract/refuses-no-pvh-note "exit $rc: $(cat "$W/nonote.log")"
fi

BZ=$ROOT/build/cache/linux-x86_64/bzImage
if [ ! -s "$BZ" ]; then
    skip vmlinux-extract/debian-kernel "no $BZ (automation/scripts/fetch-linux-x86.sh)"
elif "$X" "$BZ" "$W/vmlinux" > "$W/debian.log" 2>&1 &&
    readelf -hW "$W/vmlinux" | grep -q 'Class: *ELF64' &&
    readelf -nW "$W/vmlinux" | grep -q 'Xen.*0x00000012'; then
    pass vmlinux-extract/debian-kernel
else
    fail vmlinux-extract/debian-kernel "$(cat "$W/debian.log")"
fi
rm -f "$W/vmlinux" "$W/payload"
