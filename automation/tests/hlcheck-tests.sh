#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hlcheck behaviour that parser/*.dts fixtures cannot express: exit status 2
# for unusable input and bad usage, the --json schema, the "one error" rule,
# and robustness against randomly corrupted blobs.
source "$(dirname "$0")/lib.sh"
HLCHECK=$ROOT/build/tools/hlcheck
FIX=$ROOT/automation/tests/parser
OUT=$TESTOUT/hlcheck
GROUP=hlcheck
mkdir -p "$OUT"

if [ ! -x "$HLCHECK" ]; then
    fail hlcheck/build "$HLCHECK missing: run make tools"
    exit 0
fi

# Input that cannot be used at all: exit 2, with a message.
expect_exit missing-file 2 "$HLCHECK" "$OUT/no-such-file.dtb"
grep -q "cannot read" "$OUT/missing-file.err" ||
    fail hlcheck/missing-file-message "no 'cannot read' message"

printf 'this is not a device tree\n%.0s' {1..20} > "$OUT/text.dtb"
expect_exit not-a-dtb 2 "$HLCHECK" "$OUT/text.dtb"
grep -q "not a device tree blob" "$OUT/not-a-dtb.err" ||
    fail hlcheck/not-a-dtb-message "no 'not a device tree blob' message"

expect_exit empty-file 2 "$HLCHECK" /dev/null

dtc -q -I dts -O dtb -o "$OUT/basic.dtb" "$FIX/dom0less-basic.dts"
head -c 100 "$OUT/basic.dtb" > "$OUT/truncated.dtb"
expect_exit truncated-dtb 2 "$HLCHECK" "$OUT/truncated.dtb"

printf '/dts-v1/;\n/ { chosen { ' > "$OUT/broken.dts"
expect_exit dts-syntax-error 2 "$HLCHECK" "$OUT/broken.dts"

# A compiled blob is accepted as well as a .dts.
expect_exit dtb-input 0 "$HLCHECK" "$OUT/basic.dtb"

# The domain limit on x86_64, hyperlaunch form: 256 domains sharing one
# kernel module are a valid plan; a 257th node is the one error, naming it.
hl_tree() {  # hl_tree N: N hyperlaunch-form domains, module 1 their kernel
    local i
    printf '/dts-v1/;\n/ {\n\tchosen {\n\t\thypervisor {\n'
    printf '\t\t\tcompatible = "hypervisor,xen";\n'
    for i in $(seq 1 "$1"); do
        printf '\t\t\tdom%d {\n\t\t\t\tcompatible = "xen,domain";\n' "$i"
        printf '\t\t\t\tdomid = <%d>;\n\t\t\t\tmemory = <0 0x4000>;\n' "$i"
        printf '\t\t\t\tcpus = <1>;\n\t\t\t\tkernel {\n'
        printf '\t\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
        printf '\t\t\t\t\tmodule-index = <1>;\n\t\t\t\t};\n\t\t\t};\n'
    done
    printf '\t\t};\n\t};\n};\n'
}
hl_tree 256 > "$OUT/x86-256.dts"
expect_exit x86-256-domains 0 "$HLCHECK" --arch x86_64 --loader-modules 2 "$OUT/x86-256.dts"
grep -qxF "Hyperlaunch DT, hyperlaunch form: 256 domains will be built" "$OUT/x86-256-domains.out" &&
    grep -qE '^256 +dom256 ' "$OUT/x86-256-domains.out" &&
    pass hlcheck/x86-256-domains-table ||
    fail hlcheck/x86-256-domains-table "no 256-domain table in $OUT/x86-256-domains.out"
hl_tree 257 > "$OUT/x86-257.dts"
expect_exit x86-257-domains 1 "$HLCHECK" --arch x86_64 --loader-modules 2 "$OUT/x86-257.dts"
[ "$(grep -v '^hlcheck:' "$OUT/x86-257-domains.err")" = "error: /chosen/hypervisor/dom257: property 'compatible': domain 257 of 257: more than the maximum of 256 domains" ] &&
    pass hlcheck/x86-257-domains-one-error ||
    fail hlcheck/x86-257-domains-one-error "$(head -3 "$OUT/x86-257-domains.err")"

# Usage.
expect_exit no-arguments 2 "$HLCHECK"
expect_exit unknown-option 2 "$HLCHECK" --frobnicate "$OUT/basic.dtb"
expect_exit two-files 2 "$HLCHECK" "$OUT/basic.dtb" "$OUT/basic.dtb"
expect_exit unknown-arch 2 "$HLCHECK" --arch mips "$OUT/basic.dtb"
expect_exit bad-loader-modules 2 "$HLCHECK" --loader-modules many "$OUT/basic.dtb"
expect_exit bad-xen-range 2 "$HLCHECK" --xen 0x40000000 "$OUT/basic.dtb"
expect_exit bad-module-arg 2 "$HLCHECK" --module 0x50000000 "$OUT/basic.dtb"
expect_exit module-file-missing 2 "$HLCHECK" --module "0x50000000=$OUT/none.dtb" "$OUT/basic.dtb"
expect_exit help 0 "$HLCHECK" --help
grep -q "^usage: hlcheck" "$OUT/help.out" ||
    fail hlcheck/help-on-stdout "--help printed no usage on stdout"

# --json: valid JSON with the documented keys and types.
check_json() {
    local name=$1
    shift
    if "$HLCHECK" --json -q "$@" > "$OUT/$name.json" 2> "$OUT/$name.err" &&
       python3 - "$OUT/$name.json" > "$OUT/$name.py.err" 2>&1 <<'EOF'
import json, sys
plan = json.load(open(sys.argv[1]))
assert isinstance(plan["domains"], list) and plan["domains"], "no domains"
for d in plan["domains"]:
    for key, typ in (("name", str), ("domid", int), ("memory_kib", int),
                     ("vcpus", int), ("capabilities", int), ("vpl011", bool)):
        assert isinstance(d[key], typ), (key, d.get(key))
    k = d["kernel"]
    assert isinstance(k["addr"], int) and isinstance(k["size"], int), k
    assert k["bootargs"] is None or isinstance(k["bootargs"], str), k
    r = d["ramdisk"]
    assert r is None or (isinstance(r["addr"], int) and
                         isinstance(r["size"], int)), r
EOF
    then
        pass "hlcheck/json-$name"
    else
        fail "hlcheck/json-$name" "$(cat "$OUT/$name.err" "$OUT/$name.py.err" | tail -2)"
    fi
}
check_json dom0less "$FIX/dom0less-basic.dts"
check_json dom0 "$FIX/dom0-and-domus.dts"
check_json hyperlaunch --arch x86_64 --loader-modules 5 "$FIX/hyperlaunch-x86-module-index.dts"
# A bootargs string with quotes and control characters stays valid JSON.
cat > "$OUT/escapes.dts" <<'EOF'
/dts-v1/;
/ { chosen { d { compatible = "xen,domain"; memory = <0 0x10000>; cpus = <1>;
    k { compatible = "multiboot,kernel", "multiboot,module";
        reg = <0 0x50000000 0x100000>; bootargs = "a=\"b\" c\\d\te"; }; }; }; };
EOF
check_json escapes "$OUT/escapes.dts"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["domains"][0]["kernel"]["bootargs"] != "a=\"b\" c\\d\te")' \
    "$OUT/escapes.json" 2>/dev/null && pass hlcheck/json-escapes-roundtrip ||
    fail hlcheck/json-escapes-roundtrip "bootargs did not survive JSON encoding"

# An invalid DT prints no plan; with --json, "valid": false and an
# "errors" array naming node, property and message.
"$HLCHECK" "$FIX/memory-missing.dts" > "$OUT/invalid.txt" 2>/dev/null
[ -s "$OUT/invalid.txt" ] && fail hlcheck/invalid-no-plan "plan printed for an invalid DT" ||
    pass hlcheck/invalid-no-plan
"$HLCHECK" --json "$FIX/memory-missing.dts" > "$OUT/invalid.json" 2>/dev/null
rc=$?
python3 - "$OUT/invalid.json" > "$OUT/invalid.py.err" 2>&1 <<'EOF2'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["valid"] is False and j["domains"] == [], j
assert {"node": "/chosen/domU1", "property": "memory",
        "message": "required property missing"} in j["errors"], j["errors"]
EOF2
[ $? = 0 ] && [ $rc = 1 ] && pass hlcheck/json-invalid-errors-array ||
    fail hlcheck/json-invalid-errors-array "exit $rc; $(tail -1 "$OUT/invalid.py.err")"
# Not a device tree at all: still JSON, exit 2.
"$HLCHECK" --json "$OUT/text.dtb" > "$OUT/notdtb.json" 2>/dev/null
rc=$?
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not (j["valid"] is False and j["errors"]))' \
    "$OUT/notdtb.json" 2>/dev/null && [ $rc = 2 ] && pass hlcheck/json-not-a-dtb ||
    fail hlcheck/json-not-a-dtb "exit $rc: $(head -c 200 "$OUT/notdtb.json")"
# A valid tree's JSON says so, and carries its warnings' text.
"$HLCHECK" --json "$FIX/dom0-default-memory-warns.dts" > "$OUT/warns.json" 2>/dev/null
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(not (j["valid"] and j["errors"] == [] and j["warnings"] == len(j["warning_messages"]) > 0))' \
    "$OUT/warns.json" 2>/dev/null && pass hlcheck/json-valid-warnings ||
    fail hlcheck/json-valid-warnings "$(head -c 300 "$OUT/warns.json")"

# --strict: a warning fails the check, a clean tree passes.
expect_exit strict-warning 1 "$HLCHECK" --strict "$FIX/dom0-default-memory-warns.dts"
grep -q '^error: /chosen: .*no dom0_mem= option' "$OUT/strict-warning.err" &&
    [ ! -s "$OUT/strict-warning.out" ] && pass hlcheck/strict-warning-is-error ||
    fail hlcheck/strict-warning-is-error "$(head -2 "$OUT/strict-warning.err")"
expect_exit strict-clean 0 "$HLCHECK" --strict "$FIX/dom0less-basic.dts"

# '-': a blob or DT source on standard input.
expect_exit stdin-dtb 0 sh -c '"$0" - < "$1"' "$HLCHECK" "$OUT/basic.dtb"
expect_exit stdin-dts 0 sh -c '"$0" - < "$1"' "$HLCHECK" "$FIX/dom0less-basic.dts"
grep -q 'dom0less form: 2 domains' "$OUT/stdin-dts.out" ||
    fail hlcheck/stdin-dts-plan "no plan for DT source on stdin"
expect_exit stdin-garbage 2 sh -c 'echo garbage | "$0" -' "$HLCHECK"

# Why a file cannot be read: the system's reason.
has_line "hlcheck: $OUT/no-such-file.dtb: cannot read it: No such file or directory" \
    "$OUT/missing-file.err" && pass hlcheck/missing-file-errno ||
    fail hlcheck/missing-file-errno "$(head -1 "$OUT/missing-file.err")"
expect_exit directory 2 "$HLCHECK" "$OUT"
grep -q 'cannot read it: Is a directory' "$OUT/directory.err" &&
    pass hlcheck/directory-errno || fail hlcheck/directory-errno "$(head -1 "$OUT/directory.err")"

expect_exit version 0 "$HLCHECK" --version
grep -q '^hlcheck (Hyperlaunch DT tools) ' "$OUT/version.out" ||
    fail hlcheck/version-text "$(head -1 "$OUT/version.out")"

# Control characters of the DT never reach the terminal raw: '?' instead.
printf '/dts-v1/;\n/ { chosen { d { compatible = "xen,domain"; memory = <0 0x10000>; cpus = <1>;\n  k { compatible = "multiboot,kernel", "multiboot,module";\n  reg = <0 0x50000000 0x100000>; bootargs = "a\\x1b[2Jb\\rc"; }; }; }; };\n' \
    > "$OUT/ctrl.dts"
"$HLCHECK" "$OUT/ctrl.dts" > "$OUT/ctrl.out" 2>&1
if grep -q 'a?\[2Jb?c' "$OUT/ctrl.out" && ! LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' < "$OUT/ctrl.out"); then
    pass hlcheck/table-no-control-chars
else
    fail hlcheck/table-no-control-chars "$(cat -v "$OUT/ctrl.out" | head -3)"
fi
# --plan: the hypervisor's own plan lines (hl_print_plan()), sanitised too.
"$HLCHECK" --plan "$OUT/ctrl.dts" > "$OUT/ctrl-plan.out" 2>&1
if has_line '  d1 d: vcpus=1 memory=65536KiB caps=none kernel=0x50000000+0x100000 ramdisk=none bootargs="a?[2Jb?c"' "$OUT/ctrl-plan.out" &&
   ! LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' < "$OUT/ctrl-plan.out"); then
    pass hlcheck/plan-no-control-chars
else
    fail hlcheck/plan-no-control-chars "$(cat -v "$OUT/ctrl-plan.out" | head -3)"
fi

# Too many domains: exactly one error, not one per node.
"$HLCHECK" "$FIX/domains-300.dts" > /dev/null 2> "$OUT/300.err"
n=$(grep -c '^error:' "$OUT/300.err")
[ "$n" = 1 ] && pass hlcheck/300-domains-one-error ||
    fail hlcheck/300-domains-one-error "$n error lines"

# Every error is reported, not just the first.
cat > "$OUT/two-errors.dts" <<'EOF'
/dts-v1/;
/ { chosen { a { compatible = "xen,domain"; cpus = <1>; };
             b { compatible = "xen,domain"; memory = <0 0x10000>; }; }; };
EOF
"$HLCHECK" "$OUT/two-errors.dts" > /dev/null 2> "$OUT/two-errors.err"
has_line "error: /chosen/a: property 'memory': required property missing" "$OUT/two-errors.err" &&
has_line "error: /chosen/b: property 'cpus': required property missing" "$OUT/two-errors.err" &&
    pass hlcheck/all-errors-reported ||
    fail hlcheck/all-errors-reported "$(head -3 "$OUT/two-errors.err")"

# -q hides warnings but not errors.
"$HLCHECK" -q "$FIX/dom0-default-memory-warns.dts" > /dev/null 2> "$OUT/quiet.err"
[ ! -s "$OUT/quiet.err" ] && pass hlcheck/quiet-hides-warnings ||
    fail hlcheck/quiet-hides-warnings "$(head -1 "$OUT/quiet.err")"

# Random corruption of a valid blob: never a crash or a hang, only 0, 1, 2.
mkdir -p "$OUT/mutants"
dtc -q -I dts -O dtb -o "$OUT/dom0.dtb" "$FIX/dom0-and-domus.dts"
if python3 - "$HLCHECK" "$OUT/basic.dtb" "$OUT/dom0.dtb" "$OUT/mutants" \
        > "$OUT/mutation.log" 2>&1 <<'EOF'
import os, random, subprocess, sys
hlcheck, seeds, outdir = sys.argv[1], sys.argv[2:4], sys.argv[4]
rng = random.Random(20240601)
blobs = [open(p, "rb").read() for p in seeds]
bad = 0
seen = {}
for i in range(200):
    data = bytearray(blobs[i % len(blobs)])
    for _ in range(rng.randint(1, 8)):
        pos = rng.randrange(len(data))
        if rng.random() < 0.5:
            data[pos] ^= 1 << rng.randrange(8)
        else:
            data[pos] = rng.randrange(256)
    path = os.path.join(outdir, "mutant-%03d.dtb" % i)
    open(path, "wb").write(data)
    try:
        rc = subprocess.run([hlcheck, "-q", path], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, timeout=20).returncode
    except subprocess.TimeoutExpired:
        print("%s: hung" % path)
        bad += 1
        continue
    if rc not in (0, 1, 2):
        print("%s: exit %d" % (path, rc))
        bad += 1
    else:
        seen[rc] = seen.get(rc, 0) + 1
        os.unlink(path)
print("exit statuses: %s" % sorted(seen.items()))
print("%d of 200 mutants misbehaved" % bad)
sys.exit(1 if bad else 0)
EOF
then
    pass hlcheck/200-random-mutations
else
    fail hlcheck/200-random-mutations "$(tail -3 "$OUT/mutation.log")"
fi
