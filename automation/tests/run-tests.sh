#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run every test group; the last line is "N passed, N failed[, N skipped]".
set -u
source "$(dirname "$0")/lib.sh"
rm -f "$RESULTS" "$RESULTS.failed" "$RESULTS.times"
: > "$RESULTS"

for group in static-tests.sh unit-tests.sh parser-tests.sh hlcheck-tests.sh hlimage-tests.sh docs-tests.sh \
             bench-tests.sh \
             vmlinux-extract-tests.sh \
             fuzz-smoke.sh \
             qemu-arm64-smoke.sh qemu-arm64-domains.sh qemu-arm64-isolation.sh \
             qemu-arm64-hostile.sh qemu-arm64-lifecycle.sh qemu-arm64-pv.sh \
             qemu-arm64-linux.sh qemu-arm64-passthrough.sh qemu-arm64-dom0.sh \
             qemu-arm64-measured.sh \
             qemu-arm64-uefi.sh qemu-arm64-scale.sh \
             xen-anchor-linux.sh xen-anchor-dom0.sh \
             qemu-x86-smoke.sh qemu-x86-domains.sh qemu-x86-hostile.sh \
             qemu-x86-platform.sh qemu-x86-platform-irq.sh qemu-x86-pic.sh \
             qemu-x86-xapic.sh qemu-x86-hvm.sh qemu-x86-lifecycle.sh qemu-x86-linux.sh \
             qemu-x86-measured.sh \
             qemu-x86-uefi.sh qemu-x86-scale.sh \
             soak-short.sh \
             cross-arch.sh \
             guests-xen-anchor.sh; do
    script=$ROOT/automation/tests/$group
    echo "== $group"
    if [ ! -x "$script" ]; then
        fail "$group" "missing or not executable"
        continue
    fi
    t0=$SECONDS
    "$script" || fail "$group" "exited with $?"
    echo "$((SECONDS - t0)) s $group" >> "$RESULTS.times"
done

# A recap just above the summary, where a shortened log still shows it.
echo "== recap: the slowest groups (seconds), then every failure"
sort -rn "$RESULTS.times" | head -8
[ -s "$RESULTS.failed" ] && cat "$RESULTS.failed"

p=$(grep -cx pass "$RESULTS"); f=$(grep -cx fail "$RESULTS"); s=$(grep -cx skip "$RESULTS")
if [ "$s" -gt 0 ]; then
    echo "$p passed, $f failed, $s skipped"
else
    echo "$p passed, $f failed"
fi
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
