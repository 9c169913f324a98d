#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The documents against the code, so that they cannot drift apart:
# - every Hyperlaunch DT example of docs/ (automation/scripts/
#   doc-dt-examples.py extracts and completes them) goes through hlcheck
#   --strict: valid, with no warning (an example marked
#   "/* hlcheck: invalid */" must be refused instead);
# - every SUPPORT.md row whose title names a property in backquotes and
#   whose status is "Not yet" on an architecture: hlcheck for that
#   architecture refuses a domain that has the property, naming it, with
#   "not supported".
source "$(dirname "$0")/lib.sh"
HLCHECK=$ROOT/build/tools/hlcheck
OUT=$TESTOUT/docs
GROUP=docs
rm -rf "$OUT"
mkdir -p "$OUT"

if [ ! -x "$HLCHECK" ]; then
    fail docs/build "$HLCHECK missing: run make tools"
    exit 0
fi

python3 "$ROOT/automation/scripts/doc-dt-examples.py" "$ROOT/docs" "$OUT/examples" \
    > "$OUT/extract.log" 2>&1 || { fail docs/extract "$(tail -1 "$OUT/extract.log")"; exit 0; }
n=$(ls "$OUT/examples" | wc -l)
[ "$n" -ge 10 ] && pass docs/examples-found ||
    fail docs/examples-found "only $n DT examples found in docs/"

for f in "$OUT/examples"/*.dts; do
    from=$(sed -n 's|^// from: ||p' "$f")
    from=${from#"$ROOT"/}
    args=$(sed -n 's|^// args: ||p' "$f")
    expect=$(sed -n 's|^// expect: ||p' "$f")
    [ "$(sed -n 's|^// strict: ||p' "$f")" = yes ] && args="--strict $args"
    # shellcheck disable=SC2086
    "$HLCHECK" $args "$f" > "$f.out" 2> "$f.err"
    rc=$?
    if [ "$expect" = valid ] && [ $rc = 0 ]; then
        pass "docs/example $from"
    elif [ "$expect" = invalid ] && [ $rc = 1 ]; then
        pass "docs/example $from (refused, as it says)"
    else
        fail "docs/example $from" "hlcheck $args: exit $rc: $(head -2 "$f.err" | tr '\n' ' ') ($f)"
    fi
done

# SUPPORT.md: "### Title (`prop`...)" ... "Status, ARCH...: Not yet".
python3 - "$ROOT/SUPPORT.md" > "$OUT/support-rows" <<'PY'
import re, sys
title = None
for line in open(sys.argv[1]):
    m = re.match(r'^### (.*)', line)
    if m:
        title = m.group(1)
        continue
    m = re.match(r'^\s+Status, (arm64|x86_64)\b[^:]*: Not yet\s*$', line)
    if m and title:
        p = re.search(r'`([\w,#-]+)(?: = "([^"]*)")?`', title)
        if p:
            print(m.group(1), p.group(1), p.group(2) or '', sep='\t')
PY
[ -s "$OUT/support-rows" ] && pass docs/support-not-yet-rows-found ||
    fail docs/support-not-yet-rows-found "no Not yet row names a property"

# A sample value for each property a "Not yet" row may name.
sample() {
    case $1 in
    xen,uefi-binary) echo 'MODULE xen,uefi-binary = "domU1.efi";' ;;
    mode) echo 'mode = <1>;' ;;
    capabilities) echo 'capabilities = <1>;' ;;
    domain-cpupool) echo 'domain-cpupool = <1>;' ;;
    llc-colors) echo 'llc-colors = <0 1>;' ;;
    xen,static-mem) echo 'xen,static-mem = <0x60000000 0x4000000>;' ;;
    direct-map) echo 'direct-map;' ;;
    xen,enhanced) echo 'xen,enhanced = "no-xenstore";' ;;
    passthrough) echo "passthrough = \"${2:-enabled}\";" ;;
    trap-unmapped-accesses) echo 'trap-unmapped-accesses = <0>;' ;;
    *) return 1 ;;
    esac
}

support_dts() {
    local arch=$1 prop=$2 mod=
    [ "${prop#MODULE }" != "$prop" ] && { mod=${prop#MODULE }; prop=; }
    if [ "$arch" = x86_64 ]; then
        cat <<DTS
/dts-v1/;
/ { chosen { #address-cells = <1>; #size-cells = <1>;
  hypervisor { compatible = "hypervisor,xen";
    #address-cells = <1>; #size-cells = <1>;
    dom1 { compatible = "xen,domain"; memory = <0 0x10000>; cpus = <1>;
      #address-cells = <1>; #size-cells = <1>;
      $prop
      kernel { compatible = "multiboot,kernel", "multiboot,module";
               module-index = <1>; $mod }; }; }; }; };
DTS
    else
        cat <<DTS
/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>;
  memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>; };
  chosen { #address-cells = <1>; #size-cells = <1>;
    domU1 { compatible = "xen,domain"; memory = <0 0x10000>; cpus = <1>;
      #address-cells = <1>; #size-cells = <1>;
      $prop
      module@50000000 { compatible = "multiboot,kernel", "multiboot,module";
                        reg = <0x50000000 0x100000>; $mod }; }; }; };
DTS
    fi
}

while IFS=$'\t' read -r arch prop value; do
    name="docs/SUPPORT.md $prop${value:+ = \"$value\"} on $arch: Not yet"
    if ! s=$(sample "$prop" "$value"); then
        fail "$name" "no sample value for '$prop' in docs-tests.sh: add one"
        continue
    fi
    f=$OUT/support-$arch-${prop//[^a-z0-9-]/_}.dts
    support_dts "$arch" "$s" > "$f"
    args="--arch $arch"
    [ "$arch" = x86_64 ] && args="$args --loader-modules 2"
    # shellcheck disable=SC2086
    "$HLCHECK" $args "$f" > "$f.out" 2> "$f.err"
    rc=$?
    if [ $rc = 1 ] && grep -q "^error: .*property '$prop': .*not supported" "$f.err"; then
        pass "$name"
    else
        fail "$name" "hlcheck exit $rc: $(head -2 "$f.err" | tr '\n' ' ') -- fix SUPPORT.md or the code"
    fi
done < "$OUT/support-rows"

# Every file of the tree the documents name (in backquotes) exists.
missing=$(cd "$ROOT" && grep -ohE '`(docs|automation|tools|xen/(arch|common|include|drivers))/[A-Za-z0-9_./-]*[A-Za-z0-9_/]`' \
        README.md SUPPORT.md $(find docs -type f) | tr -d '`' | sort -u |
    while read -r p; do [ -e "$p" ] || echo "$p"; done)
[ -z "$missing" ] && pass docs/named-files-exist ||
    fail docs/named-files-exist "named but missing: $(echo $missing)"

# The manual pages: every option --help lists is in the page; make
# install puts tools and pages under DESTDIR/PREFIX; they render cleanly.
for tool in hlcheck hlimage; do
    page=$ROOT/docs/man/$tool.1
    missing=$("$ROOT/build/tools/$tool" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u |
        while read -r opt; do grep -qF -- "$(sed 's/-/\\-/g' <<< "$opt")" "$page" || echo "$opt"; done)
    [ -z "$missing" ] && pass "docs/man-$tool-options" ||
        fail "docs/man-$tool-options" "not in $page: $(echo $missing)"
done
rm -rf "$OUT/install"
if make -s -C "$ROOT" install DESTDIR="$OUT/install" PREFIX=/usr > "$OUT/install.log" 2>&1 &&
   [ -x "$OUT/install/usr/bin/hlcheck" ] && [ -x "$OUT/install/usr/bin/hlimage" ] &&
   [ -f "$OUT/install/usr/share/man/man1/hlcheck.1" ] &&
   [ -f "$OUT/install/usr/share/man/man1/hlimage.1" ] &&
   "$OUT/install/usr/bin/hlcheck" --version > /dev/null; then
    pass docs/make-install-destdir-prefix
else
    fail docs/make-install-destdir-prefix "$(tail -2 "$OUT/install.log")"
fi
if command -v man > /dev/null; then
    for tool in hlcheck hlimage; do
        w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$OUT/install/usr/share/man/man1/$tool.1" 2>&1 > "$OUT/$tool.txt")
        [ -z "$w" ] && grep -q "^NAME" "$OUT/$tool.txt" && pass "docs/man-$tool-renders" ||
            fail "docs/man-$tool-renders" "$(head -2 <<< "$w")"
    done
else
    skip docs/man-renders "man is not installed"
fi

# MAINTAINERS names no placeholder address.
grep -nE '@[^ ]*\.(invalid|example|test|localhost)\b|@example\.' "$ROOT/MAINTAINERS" > "$OUT/maintainers" &&
    fail docs/maintainers-no-placeholder "$(head -1 "$OUT/maintainers")" ||
    pass docs/maintainers-no-placeholder
