#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hlimage: the layout it writes (aligned, no overlaps, cells honoured, checked
# again by hlcheck), the U-Boot script, its errors and exit statuses, and one
# QEMU boot through U-Boot of what it wrote; for x86_64 the GRUB grub.cfg,
# module-index numbering and an ISO that boots.
source "$(dirname "$0")/lib.sh"
HLIMAGE=$ROOT/build/tools/hlimage
HLCHECK=$ROOT/build/tools/hlcheck
FIXP=$ROOT/automation/tests/parser/partial
XEN=$ROOT/build/arm64/xen
OUT=$TESTOUT/hlimage
GROUP=hlimage
rm -rf "$OUT"
mkdir -p "$OUT"

if [ ! -x "$HLIMAGE" ] || [ ! -x "$HLCHECK" ] || [ ! -f "$XEN" ]; then
    fail hlimage/build "hlimage, hlcheck or build/arm64/xen missing: make build-all"
    exit 0
fi

# The demo: QEMU's virt tree plus three domains naming their images.  The
# images are large enough to need several 2 MiB slots each.
W=$OUT/demo
mkdir -p "$W"
"$ROOT/automation/scripts/mk-arm64-dtb.sh" "$W/demo.dtb" \
    "$ROOT/automation/configs/demo-arm64-hlimage.dtsi" 3
# The kernels are the hello test guest, padded: the boot below runs them.
G=$ROOT/build/arm64/guests
cp "$G/hello.img" "$W/domU1.img" && truncate -s 3000000 "$W/domU1.img"
cp "$G/hello.img" "$W/domU2.img" && truncate -s 65536 "$W/domU2.img"
head -c 4194305 /dev/urandom > "$W/domU2.cpio"
cp "$G/hello.img" "$W/domU3.img"
expect_exit demo 0 "$HLIMAGE" -q --uboot-config --xen "$XEN" -o "$W/out" \
    "$W/demo.dtb"

# The layout, read back by the other tool: 2 MiB aligned, above the load
# base, the files' sizes, no overlap with each other, the DTB or Xen.
dtb_addr=$(awk '$3 == "hl.dtb" { print $1 }' "$OUT/demo.out")
xen_size=$(awk '$3 == "xen" { print $2 }' "$OUT/demo.out")
if "$HLCHECK" -q --json --dtb-at "$dtb_addr" --xen "0x40400000,$xen_size" \
        "$W/out/hl.dtb" > "$OUT/layout.json" 2> "$OUT/layout.err" &&
   python3 - "$OUT/layout.json" "$W" "$dtb_addr" "$xen_size" \
        > "$OUT/layout.py.err" 2>&1 <<'PY'
import json, os, sys
plan = json.load(open(sys.argv[1]))
w, dtb, xen_size = sys.argv[2], int(sys.argv[3], 0), int(sys.argv[4], 0)
files = {"domU1": ["domU1.img", None], "domU2": ["domU2.img", "domU2.cpio"],
         "domU3": ["domU3.img", None]}
ranges = [(0x40400000, xen_size, "xen"), (dtb, 0x1000, "dtb")]
assert dtb >= 0x50000000, hex(dtb)
for d in plan["domains"]:
    for m, f in zip((d["kernel"], d["ramdisk"]), files[d["name"]]):
        if f is None:
            assert m is None, (d["name"], m)
            continue
        assert m["addr"] % (2 << 20) == 0, (f, hex(m["addr"]))
        assert m["addr"] >= 0x50000000, (f, hex(m["addr"]))
        assert m["size"] == os.path.getsize(os.path.join(w, f)), f
        ranges.append((m["addr"], m["size"], f))
for i, (a, s, n) in enumerate(ranges):
    for b, t, o in ranges[:i]:
        assert a + s <= b or b + t <= a, ("overlap", n, o)
assert len(ranges) == 6, ranges
PY
then
    pass hlimage/layout-aligned-no-overlap
else
    fail hlimage/layout-aligned-no-overlap \
        "$(cat "$OUT/layout.err" "$OUT/layout.py.err" | tail -2)"
fi

# Cells of each parent: domU2 uses <2 2>, domU1 <1 1>; no hlimage,file left.
r1=$(fdtget -t x "$W/out/hl.dtb" /chosen/domU1/module@0 reg 2>&1)
r2=$(fdtget -t x "$W/out/hl.dtb" /chosen/domU2/module@1 reg 2>&1)
if [ "$(wc -w <<< "$r1")" = 2 ] && [ "$(wc -w <<< "$r2")" = 4 ] &&
   ! dtc -q -I dtb -O dts "$W/out/hl.dtb" | grep -q 'hlimage,file'; then
    pass hlimage/reg-cells-and-no-file-props
else
    fail hlimage/reg-cells-and-no-file-props "domU1 reg '$r1', domU2 reg '$r2'"
fi

# The U-Boot script: mkimage reads boot.scr back; boot.cmd ends with booti.
if mkimage -l "$W/out/boot.scr" > "$OUT/mkimage-l.out" 2>&1 &&
   grep -q 'Script' "$OUT/mkimage-l.out"; then
    pass hlimage/boot-scr-mkimage
else
    fail hlimage/boot-scr-mkimage "$(head -2 "$OUT/mkimage-l.out")"
fi
if has_line "booti 0x40400000 - $dtb_addr" "$W/out/boot.cmd" &&
   has_line "load virtio 0 0x40400000 xen" "$W/out/boot.cmd" &&
   [ "$(grep -c '^load virtio 0 ' "$W/out/boot.cmd")" = 6 ]; then
    pass hlimage/boot-cmd-loads-and-boots
else
    fail hlimage/boot-cmd-loads-and-boots "$(tail -3 "$W/out/boot.cmd")"
fi
# GRUB on UEFI: grub.cfg beside boot.cmd, one xen_module per image in
# the order of the module-index values hl-grub.dtb gives the domains, and
# (with Debian's arm64 GRUB EFI modules) a FAT disk image holding GRUB as
# EFI/BOOT/BOOTAA64.EFI, grub.cfg and the files (booted in
# qemu-arm64-uefi.sh).
mods=$(grep -o 'xen_module --nounzip /[^ ]*' "$W/out/grub.cfg" 2>/dev/null |
       sed 's|.* /||' | tr '\n' ' ')
if [ "$mods" = "domU1.img domU2.img domU2.cpio domU3.img " ] &&
   grep -q '^    xen_hypervisor /xen ' "$W/out/grub.cfg" &&
   grep -q '^    devicetree /hl-grub.dtb$' "$W/out/grub.cfg" &&
   [ "$(fdtget "$W/out/hl-grub.dtb" /chosen/domU2/module@1 module-index)" = 2 ] &&
   [ "$(fdtget "$W/out/hl-grub.dtb" /chosen/domU3/module@0 module-index)" = 3 ] &&
   ! fdtget "$W/out/hl-grub.dtb" /chosen/domU1/module@0 reg > /dev/null 2>&1 &&
   "$HLCHECK" -q "$W/out/hl-grub.dtb" > /dev/null 2>&1; then
    pass hlimage/arm64-grub-cfg-and-dtb
else
    fail hlimage/arm64-grub-cfg-and-dtb "modules '$mods'; see $W/out/grub.cfg"
fi
GRUBMODS=$("$ROOT/automation/scripts/fetch-grub-efi-arm64.sh" 2>/dev/null) || GRUBMODS=
if [ -z "$GRUBMODS" ]; then
    skip hlimage/arm64-grub-disk "no arm64 GRUB EFI modules (install-deps.sh)"
elif "$HLIMAGE" -q --grub-efi "$GRUBMODS" --xen "$XEN" -o "$OUT/grub" \
        "$W/demo.dtb" > "$OUT/grub.out" 2>&1 &&
     mdir -b -i "$OUT/grub/hyperlaunch-efi.img" ::/EFI/BOOT > "$OUT/grub-esp.ls" 2>&1 &&
     mdir -b -i "$OUT/grub/hyperlaunch-efi.img" ::/ >> "$OUT/grub-esp.ls" 2>&1 &&
     grep -qx '::/EFI/BOOT/BOOTAA64.EFI' "$OUT/grub-esp.ls" &&
     grep -qx '::/EFI/BOOT/grub.cfg' "$OUT/grub-esp.ls" &&
     grep -qx '::/hl-grub.dtb' "$OUT/grub-esp.ls" &&
     grep -qx '::/domU2.cpio' "$OUT/grub-esp.ls" &&
     grep -q 'if=virtio,format=raw,file=.*hyperlaunch-efi.img' "$OUT/grub.out"; then
    pass hlimage/arm64-grub-disk
else
    fail hlimage/arm64-grub-disk "see $OUT/grub.out, $OUT/grub-esp.ls"
fi
"$HLIMAGE" -q --load-cmd none --xen "$XEN" -o "$OUT/noload" "$W/demo.dtb" \
    > "$OUT/noload.out" 2>&1
[ "$(grep -c '^load' "$OUT/noload/boot.cmd" 2>/dev/null)" = 0 ] &&
    grep -q '^booti ' "$OUT/noload/boot.cmd" &&
    pass hlimage/load-cmd-none || fail hlimage/load-cmd-none "see $OUT/noload"

# Output into the images' own directory: they are not clobbered.
cp "$W/domU1.img" "$OUT/domU1.orig"
"$HLIMAGE" -q --xen "$XEN" -o "$W" "$W/demo.dtb" > /dev/null 2>&1 &&
    cmp -s "$W/domU1.img" "$OUT/domU1.orig" && pass hlimage/output-in-input-dir ||
    fail hlimage/output-in-input-dir "domU1.img changed or hlimage failed"

# Errors: one line naming node and property, exit 1, nothing written.
E=$OUT/err
mkdir -p "$E"
head -c 4096 /dev/zero > "$E/k.img"
cat > "$E/base.dtsi" <<'DTS'
/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>;
    memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>; };
    chosen { #address-cells = <1>; #size-cells = <1>;
      domU1 { compatible = "xen,domain"; memory = <0 0x10000>; cpus = <1>;
        #address-cells = <1>; #size-cells = <1>;
        module@0 { compatible = "multiboot,kernel", "multiboot,module"; @MOD@ }; };
      domU2 { compatible = "xen,domain"; memory = <0 0x10000>; cpus = <1>;
        #address-cells = <1>; #size-cells = <1>;
        module@0 { compatible = "multiboot,kernel", "multiboot,module";
                   reg = <0x50200000 0x400000>; }; }; }; };
DTS
mkdts() { sed "s|@MOD@|$2|" "$E/base.dtsi" > "$E/$1.dts"; }

mkdts missing 'hlimage,file = "missing.img";'
expect_exit missing-file 1 "$HLIMAGE" --xen "$XEN" -o "$E/out-missing" "$E/missing.dts"
if [ "$(cat "$OUT/missing-file.err")" = "error: /chosen/domU1/module@0: property 'hlimage,file': cannot read 'missing.img' ($E/missing.img: No such file or directory)" ] &&
   [ ! -e "$E/out-missing" ]; then
    pass hlimage/missing-file-message
else
    fail hlimage/missing-file-message "$(head -2 "$OUT/missing-file.err")"
fi

mkdts both 'hlimage,file = "k.img"; reg = <0x60000000 0x1000>;'
expect_exit reg-and-file 1 "$HLIMAGE" --xen "$XEN" -o "$E/out-both" "$E/both.dts"
grep -qF "/chosen/domU1/module@0: property 'hlimage,file': 'reg' and 'hlimage,file' exclude each other" \
    "$OUT/reg-and-file.err" && pass hlimage/reg-and-file-message ||
    fail hlimage/reg-and-file-message "$(head -1 "$OUT/reg-and-file.err")"

# A module already placed with 'reg' at the load base is stepped over.
mkdts fixed 'hlimage,file = "k.img";'
expect_exit fixed-module-avoided 0 "$HLIMAGE" -q --xen "$XEN" -o "$E/out-fixed" \
    --load-base 0x50000000 "$E/fixed.dts"
[ "$(fdtget -t x "$E/out-fixed/hl.dtb" /chosen/domU1/module@0 reg 2>&1)" = "50600000 1000" ] &&
    pass hlimage/fixed-module-layout ||
    fail hlimage/fixed-module-layout "$(fdtget -t x "$E/out-fixed/hl.dtb" /chosen/domU1/module@0 reg 2>&1)"

# Low in RAM: the range booti moves the hypervisor to is stepped over too.
expect_exit xen-moved-avoided 0 "$HLIMAGE" -q --xen "$XEN" -o "$E/out-low" \
    --load-base 0x40000000 "$E/fixed.dts"
moved=$(grep -o 'booti moves it: [^ ]*' "$OUT/xen-moved-avoided.out")
moved=${moved#booti moves it: }
low=$(fdtget -t x "$E/out-low/hl.dtb" /chosen/domU1/module@0 reg 2>&1)
if [ -n "$moved" ] &&
   (( 0x${low%% *} >= ${moved#*-} && 0x${low%% *} % 0x200000 == 0 )) &&
   "$HLCHECK" -q --xen "${moved%-*},$(( ${moved#*-} - ${moved%-*} ))" \
       "$E/out-low/hl.dtb" > /dev/null 2>&1; then
    pass hlimage/xen-moved-layout
else
    fail hlimage/xen-moved-layout "moved '$moved', module reg '$low'"
fi

# Addresses that do not fit the parent's cells, images beyond RAM.
mkdts high 'hlimage,file = "k.img";'
expect_exit address-too-wide 1 "$HLIMAGE" --xen "$XEN" -o "$E/out-high" \
    --load-base 0x100000000 "$E/high.dts"
grep -qF "does not fit in <1 1> cells" "$OUT/address-too-wide.err" &&
    pass hlimage/address-too-wide-message ||
    fail hlimage/address-too-wide-message "$(head -1 "$OUT/address-too-wide.err")"
expect_exit beyond-ram 1 "$HLIMAGE" --xen "$XEN" -o "$E/out-ram" \
    --load-base 0x7f000000 "$E/high.dts"
grep -qF "/memory@40000000: property 'reg': the images span" "$OUT/beyond-ram.err" &&
    pass hlimage/beyond-ram-message ||
    fail hlimage/beyond-ram-message "$(head -1 "$OUT/beyond-ram.err")"

# The common checks run on the result: a domain error stops it too.
mkdts nomem 'hlimage,file = "k.img";'
sed -i '0,/memory = <0 0x10000>; /s///' "$E/nomem.dts"
expect_exit parser-error 1 "$HLIMAGE" --xen "$XEN" -o "$E/out-nomem" "$E/nomem.dts"
grep -qF "error: /chosen/domU1: property 'memory': required property missing" \
    "$OUT/parser-error.err" && [ ! -e "$E/out-nomem" ] &&
    pass hlimage/parser-error-nothing-written ||
    fail hlimage/parser-error-nothing-written "$(head -1 "$OUT/parser-error.err")"

# Cells as the parser reads them: a domain without its own under a <2 2>
# /chosen gets a 4-cell 'reg' (the DT default 2/1 would be refused).
cat > "$E/inherit.dts" <<'DTS'
/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>;
    memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>; };
    chosen { #address-cells = <2>; #size-cells = <2>;
      domU1 { compatible = "xen,domain"; memory = <0 0x10000>; cpus = <1>;
        module@0 { compatible = "multiboot,kernel", "multiboot,module";
                   hlimage,file = "k.img"; }; }; }; };
DTS
expect_exit inherited-cells 0 "$HLIMAGE" -q --xen "$XEN" -o "$E/out-inherit" "$E/inherit.dts"
r=$(fdtget -t x "$E/out-inherit/hl.dtb" /chosen/domU1/module@0 reg 2>&1)
[ "$(wc -w <<< "$r")" = 4 ] && "$HLCHECK" -q "$E/out-inherit/hl.dtb" > /dev/null &&
    pass hlimage/inherited-cells-reg || fail hlimage/inherited-cells-reg "reg '$r'"

# What cannot boot is refused, naming the file as resolved; nothing written.
refused() { # NAME WANT-TEXT HLIMAGE-ARGS...
    local name=$1 want=$2
    shift 2
    expect_exit "$name" 1 "$HLIMAGE" -q -o "$E/out-$name" "$@"
    if grep -qF -- "$want" "$OUT/$name.err" && [ ! -e "$E/out-$name" ]; then
        pass "hlimage/$name-message"
    else
        fail "hlimage/$name-message" "$(head -2 "$OUT/$name.err")"
    fi
}
grep -v 'memory@40000000' "$E/fixed.dts" > "$E/nomemory.dts"
refused no-memory-node "error: /: no memory node (device_type = \"memory\" with a 'reg'): images are laid out in the board's RAM" \
    --xen "$XEN" "$E/nomemory.dts"
XEN86=$ROOT/build/x86_64/xen
refused xen-wrong-arch "hlimage: $XEN86: the hypervisor ($XEN86) is an x86_64 ELF: for x86_64, give --arch x86_64" \
    --xen "$XEN86" "$E/fixed.dts"
refused xen-not-an-image "is a text file: the arm64 hypervisor is an arm64 Image" \
    --xen "$E/base.dtsi" "$E/fixed.dts"
cp "$XEN86" "$E/x86.elf"; gzip -c "$ROOT/build/arm64/guests/hello.img" > "$E/Image.gz"
echo "console=ttyAMA0 and nothing else" > "$E/notes.txt"
dtc -q -I dts -O dtb -o "$E/some.dtb" "$E/fixed.dts"
mkdts xkernel 'hlimage,file = "x86.elf";'
refused kernel-x86-on-arm64 "property 'hlimage,file': 'x86.elf' ($E/x86.elf) is an x86_64 ELF: an x86 kernel; arm64 domains boot an arm64 Image" \
    --xen "$XEN" "$E/xkernel.dts"
mkdts gzkernel 'hlimage,file = "Image.gz";'
refused kernel-compressed "'Image.gz' ($E/Image.gz) is a compressed file (gzip, xz, zstd, bzip2 or lz4): the hypervisor does not decompress kernels" \
    --xen "$XEN" "$E/gzkernel.dts"
mkdts txtkernel 'hlimage,file = "notes.txt";'
refused kernel-text "'notes.txt' ($E/notes.txt) is a text file: arm64 domains boot an arm64 Image (or a raw binary)" \
    --xen "$XEN" "$E/txtkernel.dts"
mkdts dtbkernel 'hlimage,file = "some.dtb";'
refused kernel-dtb "'some.dtb' ($E/some.dtb) is a device tree blob: arm64 domains boot an arm64 Image" \
    --xen "$XEN" "$E/dtbkernel.dts"
sed 's|"multiboot,kernel", "multiboot,module"; @MOD@|"multiboot,kernel", "multiboot,module"; hlimage,file = "k.img"; };\n        pt { compatible = "multiboot,device-tree", "multiboot,module"; hlimage,file = "notes.txt";|' \
    "$E/base.dtsi" > "$E/ptnotdtb.dts"
refused partial-dt-not-a-blob "'notes.txt' ($E/notes.txt) is a text file: a partial device tree module takes a device tree blob" \
    --xen "$XEN" "$E/ptnotdtb.dts"

# --xen-cmd: the hypervisor's command line in the DT (arm64).
expect_exit xen-cmd 0 "$HLIMAGE" -q --xen "$XEN" --xen-cmd "console=dtuart sched=x" \
    -o "$E/out-cmd" "$E/fixed.dts"
[ "$(fdtget "$E/out-cmd/hl.dtb" /chosen xen,xen-bootargs 2>&1)" = "console=dtuart sched=x" ] &&
    pass hlimage/xen-cmd-bootargs ||
    fail hlimage/xen-cmd-bootargs "$(fdtget "$E/out-cmd/hl.dtb" /chosen xen,xen-bootargs 2>&1)"
expect_exit version 0 "$HLIMAGE" --version
grep -q '^hlimage (Hyperlaunch DT tools) ' "$OUT/version.out" ||
    fail hlimage/version-text "$(head -1 "$OUT/version.out")"

# -c CONFIG, ImageBuilder's variables: the same DT and boot script as the
# device tree that says the same, from another directory (paths are
# relative to the configuration).
C=$OUT/config
mkdir -p "$C/imgs"
: > "$C/empty.dtsi"
"$ROOT/automation/scripts/mk-arm64-dtb.sh" "$C/board.dtb" "$C/empty.dtsi" 3 2 1024
cp "$G/hello.img" "$C/imgs/k0.img"; cp "$G/hello.img" "$C/imgs/k1.img"
echo "initrd of domU0" > "$C/imgs/rd0.cpio"
cat > "$C/config" <<'CFG'
# An ImageBuilder configuration
MEMORY_START="0x50000000"
MEMORY_END="0x80000000"
DEVICE_TREE="board.dtb"
XEN_CMD="console=dtuart dtuart=/pl011@9000000"
NUM_DOMUS=2
DOMU_KERNEL[0]="imgs/k0.img"
DOMU_RAMDISK[0]="imgs/rd0.cpio"
DOMU_MEM[0]=128
DOMU_VCPUS[0]=2
DOMU_CMD[0]="console=ttyAMA0 hello from domU0"
DOMU_KERNEL[1]=imgs/k1.img   # a bare word
DOMU_MEM[1]=64
LOAD_CMD="load mmc 0:1"
UBOOT_SOURCE="boot.source"
UBOOT_SCRIPT="boot.scr"
CFG
dtc -q -I dtb -O dts -o "$C/board.dts" "$C/board.dtb"
cat "$C/board.dts" - > "$C/same.dts" <<'DTS'
/ { chosen { xen,xen-bootargs = "console=dtuart dtuart=/pl011@9000000";
  domU0 { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;
    memory = <0 0x20000>; cpus = <2>; vpl011;
    kernel { compatible = "multiboot,kernel", "multiboot,module";
             hlimage,file = "imgs/k0.img"; bootargs = "console=ttyAMA0 hello from domU0"; };
    ramdisk { compatible = "multiboot,ramdisk", "multiboot,module";
              hlimage,file = "imgs/rd0.cpio"; }; };
  domU1 { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;
    memory = <0 0x10000>; cpus = <1>; vpl011;
    kernel { compatible = "multiboot,kernel", "multiboot,module";
             hlimage,file = "imgs/k1.img"; bootargs = "console=ttyAMA0"; }; }; }; };
DTS
(cd / && "$HLIMAGE" -q --xen "$XEN" -c "$C/config" -o "$C/out-cfg" > "$OUT/config.out" 2> "$OUT/config.err")
rc=$?
"$HLIMAGE" -q --xen "$XEN" --load-cmd "load mmc 0:1" -o "$C/out-dts" "$C/same.dts" > /dev/null 2>&1
if [ $rc = 0 ] &&
   cmp -s <(dtc -s -q -I dtb -O dts "$C/out-cfg/hl.dtb") <(dtc -s -q -I dtb -O dts "$C/out-dts/hl.dtb") &&
   cmp -s <(grep -v '^#' "$C/out-cfg/boot.source") <(grep -v '^#' "$C/out-dts/boot.cmd") &&
   [ -s "$C/out-cfg/boot.scr" ] && has_line "load mmc 0:1 0x40400000 xen" "$C/out-cfg/boot.source"; then
    pass hlimage/config-same-dt-and-script
else
    fail hlimage/config-same-dt-and-script "exit $rc: $(head -2 "$OUT/config.err"); see $C"
fi
# XEN in the configuration; MEMORY_END enforced; errors name the line.
printf 'XEN="%s"\n' "$XEN" | cat - "$C/config" > "$C/config-xen"
expect_exit config-xen-in-file 0 "$HLIMAGE" -q -c "$C/config-xen" -o "$C/out-xen"
sed 's/^MEMORY_END=.*/MEMORY_END="0x50400000"/' "$C/config" > "$C/config-end"
refused config-memory-end "MEMORY_END: the images end at" --xen "$XEN" -c "$C/config-end"
sed 's/^DOMU_CMD\[0\]=.*/DOMU_CMD[0]="console=$CONSOLE"/' "$C/config" > "$C/config-shell"
refused config-shell-expansion "hlimage: $C/config-shell: line 11: shell expansion" --xen "$XEN" -c "$C/config-shell"
grep -v '^NUM_DOMUS' "$C/config" > "$C/config-nonum"
refused config-no-num-domus "NUM_DOMUS: expected 1 to 256" --xen "$XEN" -c "$C/config-nonum"
sed 's|^DOMU_KERNEL\[1\]=.*|DOMU_KERNEL[1]="imgs/none.img"|' "$C/config" > "$C/config-missing"
refused config-missing-kernel "/chosen/domU1/kernel: property 'hlimage,file': cannot read 'imgs/none.img' ($C/imgs/none.img: No such file or directory)" \
    --xen "$XEN" -c "$C/config-missing"
printf 'DOMU_COLORS[0]="0-3"\n' | cat "$C/config" - > "$C/config-unknown"
"$HLIMAGE" --xen "$XEN" -c "$C/config-unknown" -o "$C/out-unknown" > /dev/null 2> "$OUT/config-unknown.err"
grep -qF "warning: $C/config-unknown:17: DOMU_COLORS: not used by hlimage, ignored" "$OUT/config-unknown.err" &&
    pass hlimage/config-unknown-variable-warns ||
    fail hlimage/config-unknown-variable-warns "$(head -1 "$OUT/config-unknown.err")"

# DOMU_PASSTHROUGH_DTB: the partial device tree goes with its domain, and
# the parser reads it as the hypervisor will: a device without
# xen,force-assign-without-iommu is refused on the host.
dtc -q -I dts -O dtb -o "$C/imgs/rtc.dtb" "$FIXP/rtc.dts"
dtc -q -I dts -O dtb -o "$C/imgs/rtc-no-force.dtb" "$FIXP/rtc-no-force.dts"
printf 'DOMU_PASSTHROUGH_DTB[1]="imgs/rtc.dtb"\n' | cat "$C/config" - > "$C/config-pt"
expect_exit config-passthrough 0 "$HLIMAGE" -q --xen "$XEN" -c "$C/config-pt" -o "$C/out-pt"
[ "$(fdtget "$C/out-pt/hl.dtb" /chosen/domU1/device-tree compatible 2>&1 | xargs)" = "multiboot,device-tree multiboot,module" ] &&
    "$HLCHECK" -q --module "$(fdtget -t x "$C/out-pt/hl.dtb" /chosen/domU1/device-tree reg | awk '{print "0x"$2}')=$C/imgs/rtc.dtb" \
        "$C/out-pt/hl.dtb" > /dev/null && pass hlimage/config-passthrough-module ||
    fail hlimage/config-passthrough-module "see $C/out-pt"
printf 'DOMU_PASSTHROUGH_DTB[1]="imgs/rtc-no-force.dtb"\n' | cat "$C/config" - > "$C/config-pt-bad"
refused config-passthrough-checked "/chosen/domU1/device-tree at /passthrough/pl031@9010000" \
    --xen "$XEN" -c "$C/config-pt-bad"

# Usage: exit 2.
expect_exit no-arguments 2 "$HLIMAGE"
expect_exit no-output-dir 2 "$HLIMAGE" --xen "$XEN" "$E/fixed.dts"
expect_exit no-hypervisor 2 "$HLIMAGE" -o "$E/x" "$E/fixed.dts"
expect_exit unknown-arch 2 "$HLIMAGE" --arch mips --xen "$XEN" -o "$E/x" "$E/fixed.dts"
expect_exit bad-load-base 2 "$HLIMAGE" --load-base lots --xen "$XEN" -o "$E/x" "$E/fixed.dts"
expect_exit help 0 "$HLIMAGE" --help

# x86_64: GRUB.  Two domains, dom2 with a ramdisk; the images become
# module-index 1.. in first-use order (the DTB is module 0), grub.cfg loads
# them in that order, the ISO boots.
X=$OUT/x86
mkdir -p "$X"
XEN86=$ROOT/build/x86_64/xen
cp "$ROOT/build/x86_64/guests/hello.elf" "$X/k1.elf"
cp "$ROOT/build/x86_64/guests/hello.elf" "$X/k2.elf"
echo "rd for dom2" > "$X/rd2.txt"
x86_dom() {
    printf '\t\t\tdom%s {\n\t\t\t\tcompatible = "xen,domain";\n' "$1"
    printf '\t\t\t\tdomid = <%s>;\n\t\t\t\tmemory = <0 %s>;\n\t\t\t\tcpus = <1>;\n' "$1" "$2"
    printf '\t\t\t\tkernel {\n\t\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
    printf '\t\t\t\t\t%s;\n\t\t\t\t\tbootargs = "%s";\n\t\t\t\t};\n' "$3" "$4"
    [ -n "${5:-}" ] && printf '\t\t\t\tramdisk {\n\t\t\t\t\tcompatible = "multiboot,ramdisk", "multiboot,module";\n\t\t\t\t\t%s;\n\t\t\t\t};\n' "$5"
    printf '\t\t\t};\n'
}
x86_dts() {
    printf '/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n'
    printf '\tchosen {\n\t\thypervisor {\n\t\t\tcompatible = "hypervisor,xen";\n'
    printf '%s' "$@"
    printf '\t\t};\n\t};\n};\n'
}
x86_dts "$(x86_dom 1 0x8000 'hlimage,file = "k1.elf"' 'grub one')" \
    "$(x86_dom 2 0x10000 'hlimage,file = "k2.elf"' 'grub two' 'hlimage,file = "rd2.txt"')" \
    > "$X/x86.dts"
expect_exit x86-grub 0 "$HLIMAGE" -q --arch x86_64 --xen "$XEN86" -o "$X/out" "$X/x86.dts"
want=$(printf '%s\n' "multiboot2 /boot/xen console=com1" \
    "module2 /boot/hl.dtb hyperlaunch-dt" "module2 /boot/k1.elf k1.elf" \
    "module2 /boot/k2.elf k2.elf" "module2 /boot/rd2.txt rd2.txt")
got=$(grep -E '^ *(multiboot2|module2) ' "$X/out/iso/boot/grub/grub.cfg" | sed 's/^ *//')
if [ "$got" = "$want" ] &&
   cmp -s "$X/k2.elf" "$X/out/iso/boot/k2.elf" && cmp -s "$XEN86" "$X/out/iso/boot/xen" &&
   [ -s "$X/out/hyperlaunch.iso" ]; then
    pass hlimage/x86-grub-cfg-dtb-first-then-index-order
else
    fail hlimage/x86-grub-cfg-dtb-first-then-index-order "grub.cfg: $got"
fi
idx=$(for n in dom1/kernel dom2/kernel dom2/ramdisk; do
          fdtget "$X/out/iso/boot/hl.dtb" /chosen/hypervisor/$n module-index; done | xargs)
if [ "$idx" = "1 2 3" ] &&
   ! dtc -q -I dtb -O dts "$X/out/iso/boot/hl.dtb" | grep -q 'hlimage,file\|reg = ' &&
   "$HLCHECK" -q --arch x86_64 --loader-modules 4 "$X/out/iso/boot/hl.dtb" > /dev/null &&
   ! "$HLCHECK" -q --arch x86_64 --loader-modules 3 "$X/out/iso/boot/hl.dtb" > /dev/null 2>&1; then
    pass hlimage/x86-module-index-no-reg
else
    fail hlimage/x86-module-index-no-reg "module-index: '$idx'"
fi
# --measure: the measured launch of what was laid out, the very lines and
# event log hlcheck --measure predicts from the written files (arm64: one
# file per module node in DT order; x86_64: the multiboot modules, DTB
# first).  A module that differs from its hyperlaunch,sha256: exit 1 with
# the error naming node and property, nothing written.
measure_same() { # NAME OUT-DIR HLCHECK-ARGS...
    local name=$1 dir=$2
    shift 2
    grep -E '^(measured: |PCR[0-9]+ )' "$OUT/$name.out" > "$OUT/$name.lines"
    if "$HLCHECK" --measure --log "$OUT/$name.hlcheck.log" "$@" \
            > "$OUT/$name.hlcheck" 2> "$OUT/$name.hlcheck.err" &&
       [ "$(grep -c '^PCR9 ' "$OUT/$name.lines")" = 1 ] &&
       diff "$OUT/$name.lines" "$OUT/$name.hlcheck" > "$OUT/$name.diff" &&
       cmp -s "$OUT/$name.hlcheck.log" "$dir/measure.tcglog"; then
        pass "hlimage/$name-same-as-hlcheck"
    else
        fail "hlimage/$name-same-as-hlcheck" "see $OUT/$name.diff $OUT/$name.hlcheck.err"
    fi
}
expect_exit measure-arm64 0 "$HLIMAGE" -q --measure --xen "$XEN" \
    -o "$W/out-measure" "$W/demo.dtb"
M=$W/out-measure
measure_same measure-arm64 "$M" "$M/hl.dtb" "$M/domU1.img" "$M/domU2.img" \
    "$M/domU2.cpio" "$M/domU3.img"
expect_exit measure-x86 0 "$HLIMAGE" -q --measure --no-iso --arch x86_64 \
    --xen "$XEN86" -o "$X/out-measure" "$X/x86.dts"
M=$X/out-measure
measure_same measure-x86 "$M" --arch x86_64 "$M/iso/boot/hl.dtb" \
    "$M/iso/boot/hl.dtb" "$M/iso/boot/k1.elf" "$M/iso/boot/k2.elf" \
    "$M/iso/boot/rd2.txt"
x86_dts "$(x86_dom 1 0x8000 'hlimage,file = "k1.elf"; hyperlaunch,sha256 = "'"$(printf '%064d' 0)"'"' 'a')" \
    > "$X/measure-bad.dts"
expect_exit measure-x86-expected-digest 1 "$HLIMAGE" -q --measure --no-iso \
    --arch x86_64 --xen "$XEN86" -o "$X/out-measure-bad" "$X/measure-bad.dts"
grep -q "^error: /chosen/hypervisor/dom1/kernel: property 'hyperlaunch,sha256': d1 kernel: the image's SHA-256 is $(sha256sum "$X/k1.elf" | cut -d' ' -f1), not the expected one$" \
    "$OUT/measure-x86-expected-digest.err" && [ ! -e "$X/out-measure-bad" ] &&
    pass hlimage/measure-x86-expected-digest-nothing-written ||
    fail hlimage/measure-x86-expected-digest-nothing-written "$(head -2 "$OUT/measure-x86-expected-digest.err")"

# Explicit module-index beside hlimage,file: refused, nothing written.
x86_dts "$(x86_dom 1 0x8000 'hlimage,file = "k1.elf"' 'a')" \
    "$(x86_dom 2 0x8000 'module-index = <2>' 'b')" > "$X/own-index.dts"
expect_exit x86-own-module-index 1 "$HLIMAGE" -q --arch x86_64 --xen "$XEN86" \
    -o "$X/out-own" "$X/own-index.dts"
grep -qF "error: /chosen/hypervisor/dom2/kernel: property 'module-index': hlimage numbers the boot loader modules itself" \
    "$OUT/x86-own-module-index.err" && [ ! -e "$X/out-own" ] &&
    pass hlimage/x86-own-module-index-nothing-written ||
    fail hlimage/x86-own-module-index-nothing-written "$(head -1 "$OUT/x86-own-module-index.err")"
# --no-iso: grub.cfg, no ISO.
expect_exit x86-no-iso 0 "$HLIMAGE" -q --arch x86_64 --no-iso --xen "$XEN86" -o "$X/out-noiso" "$X/x86.dts"
[ -s "$X/out-noiso/iso/boot/grub/grub.cfg" ] && [ ! -e "$X/out-noiso/hyperlaunch.iso" ] &&
    pass hlimage/x86-no-iso-cfg-only || fail hlimage/x86-no-iso-cfg-only "see $X/out-noiso"
# A PVH domain's kernel given as a bzImage: the ELF inside goes in the
# image (the hello guest, gzip'd in a boot protocol 2.15 header); one
# whose payload holds no PVH ELF is refused with nothing written.
mkbz() {
    python3 - "$1" "$2" <<'PY'
import gzip, os, struct, sys
out, elf = sys.argv[1:3]
raw = open(elf, "rb").read()
p = gzip.compress(raw) + struct.pack("<I", len(raw))
setup = bytearray(2 * 512)
setup[0x1f1] = 1
setup[0x202:0x206] = b"HdrS"
setup[0x206:0x208] = struct.pack("<H", 0x20f)
setup[0x248:0x250] = struct.pack("<II", 0, len(p))
open(out, "wb").write(bytes(setup) + p)
PY
}
mkbz "$X/k1.bz" "$X/k1.elf"
x86_dts "$(x86_dom 1 0x8000 'hlimage,file = "k1.bz"' 'from bz')" > "$X/bz.dts"
expect_exit x86-bzimage 0 "$HLIMAGE" --arch x86_64 --no-iso --xen "$XEN86" -o "$X/out-bz" "$X/bz.dts"
if grep -qx 'hlimage: k1.bz is a bzImage: its ELF k1.bz.elf goes in the image' "$OUT/x86-bzimage.out" &&
    cmp -s "$X/k1.elf" "$X/out-bz/iso/boot/k1.bz.elf" &&
    grep -q 'module2 /boot/k1.bz.elf k1.bz.elf' "$X/out-bz/iso/boot/grub/grub.cfg" &&
    [ ! -e "$X/out-bz/iso/boot/k1.bz" ]; then
    pass hlimage/x86-bzimage-pvh-gets-its-elf
else
    fail hlimage/x86-bzimage-pvh-gets-its-elf "see $OUT/x86-bzimage.out, $X/out-bz"
fi
mkbz "$X/bad.bz" /bin/true
x86_dts "$(x86_dom 1 0x8000 'hlimage,file = "bad.bz"' 'bad')" > "$X/bad-bz.dts"
expect_exit x86-bzimage-no-pvh 1 "$HLIMAGE" -q --arch x86_64 --no-iso --xen "$XEN86" \
    -o "$X/out-bad-bz" "$X/bad-bz.dts"
grep -qF "error: /chosen/hypervisor/dom1/kernel: property 'hlimage,file': 'bad.bz' is a bzImage without a usable PVH ELF inside" \
    "$OUT/x86-bzimage-no-pvh.err" && [ ! -e "$X/out-bad-bz" ] &&
    pass hlimage/x86-bzimage-no-pvh-refused ||
    fail hlimage/x86-bzimage-no-pvh-refused "$(cat "$OUT/x86-bzimage-no-pvh.err")"
# The parser looks inside the images as the hypervisor does: an ELF for
# an HVM domain is refused on the host; an arm64 Image for any x86 domain.
x86_dts "$(x86_dom 1 0x8000 'hlimage,file = "k1.elf"' 'hvm' | sed 's/cpus = <1>;/cpus = <1>;\n\t\t\t\tmode = <2>;/')" \
    > "$X/hvm-elf.dts"
expect_exit x86-hvm-elf 1 "$HLIMAGE" -q --arch x86_64 --no-iso --xen "$XEN86" -o "$X/out-hvm-elf" "$X/hvm-elf.dts"
grep -qF "error: /chosen/hypervisor/dom1/kernel: property 'module-index': an ELF; HVM domains take a bzImage" \
    "$OUT/x86-hvm-elf.err" && [ ! -e "$X/out-hvm-elf" ] && pass hlimage/x86-hvm-elf-refused ||
    fail hlimage/x86-hvm-elf-refused "$(head -1 "$OUT/x86-hvm-elf.err")"
cp "$G/hello.img" "$X/arm.img"
x86_dts "$(x86_dom 1 0x8000 'hlimage,file = "arm.img"' 'arm')" > "$X/arm-kernel.dts"
expect_exit x86-arm64-kernel 1 "$HLIMAGE" -q --arch x86_64 --no-iso --xen "$XEN86" -o "$X/out-arm" "$X/arm-kernel.dts"
grep -qF "'arm.img' ($X/arm.img) is an arm64 Image: an arm64 kernel; x86_64 domains boot an ELF (PVH) or a bzImage (HVM)" \
    "$OUT/x86-arm64-kernel.err" && pass hlimage/x86-arm64-kernel-refused ||
    fail hlimage/x86-arm64-kernel-refused "$(head -1 "$OUT/x86-arm64-kernel.err")"
expect_exit x86-arm64-xen 1 "$HLIMAGE" -q --arch x86_64 --no-iso --xen "$XEN" -o "$X/out-axen" "$X/x86.dts"
grep -qF "is an arm64 Image: for arm64, leave out --arch x86_64" "$OUT/x86-arm64-xen.err" &&
    pass hlimage/x86-arm64-xen-refused || fail hlimage/x86-arm64-xen-refused "$(head -1 "$OUT/x86-arm64-xen.err")"
# --xen-cmd: the multiboot2 line; -c works for x86_64 too (hyperlaunch form).
expect_exit x86-xen-cmd 0 "$HLIMAGE" -q --arch x86_64 --no-iso --xen "$XEN86" \
    --xen-cmd "console=com1 loglvl=all" -o "$X/out-cmd" "$X/x86.dts"
grep -qx '    multiboot2 /boot/xen console=com1 loglvl=all' "$X/out-cmd/iso/boot/grub/grub.cfg" &&
    pass hlimage/x86-xen-cmd-multiboot2 || fail hlimage/x86-xen-cmd-multiboot2 "$(grep multiboot2 "$X/out-cmd/iso/boot/grub/grub.cfg")"
printf 'NUM_DOMUS=2\nDOMU_KERNEL[0]=k1.elf\nDOMU_CMD[0]="grub one"\nDOMU_MEM[0]=32\nDOMU_KERNEL[1]=k2.elf\nDOMU_RAMDISK[1]=rd2.txt\nDOMU_CMD[1]="grub two"\nDOMU_MEM[1]=64\n' \
    > "$X/config"
expect_exit x86-config 0 "$HLIMAGE" -q --arch x86_64 --no-iso --xen "$XEN86" -c "$X/config" -o "$X/out-cfg"
"$HLCHECK" -q --json --arch x86_64 --loader-modules 4 "$X/out-cfg/iso/boot/hl.dtb" > "$OUT/x86-config.json" 2>&1
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); d=j["domains"]; sys.exit(not (j["form"] == "hyperlaunch" and [x["memory_kib"] for x in d] == [32768, 65536] and d[1]["ramdisk"]["module_index"] == 3))' \
    "$OUT/x86-config.json" && pass hlimage/x86-config-hyperlaunch-form ||
    fail hlimage/x86-config-hyperlaunch-form "$(head -c 300 "$OUT/x86-config.json")"

# The ISO boots through the printed QEMU command.
cmd=$(grep '^qemu-system-x86_64 ' "$OUT/x86-grub.out")
if [ -n "$cmd" ]; then
    eval "QCMD=($cmd)"
    qemu_run hlimage/x86-grub-boot 90 "${QCMD[@]}" "${QEMU_X86_TCG[@]}"
    expect_lines hlimage/x86-grub-boot \
        "(d1) hello: cmdline=\"grub one\"" "(d2) hello: cmdline=\"grub two\"" \
        "(d2) hello: module 0: 12 bytes \"rd for dom2\" cmdline=\"\"" \
        "(d1) HELLO-DONE" "(d2) HELLO-DONE" "(XEN) Powering off (normal stop)"
else
    fail hlimage/x86-grub-boot "no QEMU command printed"
fi

# Boot what it wrote: the printed QEMU command, U-Boot, /config bootcmd.
cmd=$(grep '^qemu-system-aarch64 ' "$OUT/demo.out")
if [ -z "$cmd" ]; then
    fail hlimage/uboot-boot "no QEMU command printed"
    exit 0
fi
eval "QCMD=($cmd)"
# As printed: serial on stdio, no monitor there, no network.
case " ${QCMD[*]} " in
*" -display none -monitor none -serial stdio -nic none "*) pass hlimage/qemu-command-serial-stdio ;;
*) fail hlimage/qemu-command-serial-stdio "printed: $cmd" ;;
esac
qemu_run hlimage/uboot-boot 90 "${QCMD[@]}"
expect_lines hlimage/uboot-boot \
    "(XEN) Hyperlaunch DT (dom0less form): 3 domains" \
    "(d1) HELLO-DONE" "(d2) HELLO-DONE" "(d3) HELLO-DONE" \
    "(XEN) Powering off (normal stop)"

# boot.scr itself under U-Boot: QEMU places the files and the script, and
# a /config bootcmd added to a copy of the DTB given to U-Boot sources it.
N=$OUT/noload
cp "$N/hl.dtb" "$OUT/script.dtb"
fdtput -c "$OUT/script.dtb" /config &&
    fdtput -t i "$OUT/script.dtb" /config bootdelay 0 &&
    fdtput -t s "$OUT/script.dtb" /config bootcmd "source 0x4fe00000"
cmd=$(grep '^qemu-system-aarch64 ' "$OUT/noload.out")
eval "QCMD=($cmd)"
ARGS=()
prev=
for a in "${QCMD[@]}"; do
    [ "$prev" = -dtb ] && a=$OUT/script.dtb
    ARGS+=("$a")
    prev=$a
done
qemu_run hlimage/uboot-script-boot 90 "${ARGS[@]}" \
    -device "loader,file=$N/boot.scr,addr=0x4fe00000,force-raw=on"
grep -q '^## Executing script at 4fe00000' "$QEMU_LOG" &&
    expect_lines hlimage/uboot-script-boot \
        "(XEN) Hyperlaunch DT (dom0less form): 3 domains" \
        "(XEN) Powering off (normal stop)" ||
    fail hlimage/uboot-script-boot "U-Boot did not run boot.scr; see $QEMU_LOG"
