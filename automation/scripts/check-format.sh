#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Formatting of the C sources against .clang-format; --fix rewrites them.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t files < <(git ls-files '*.c' '*.h')
if [ "${1:-}" = --fix ]; then
    clang-format -i "${files[@]}"
    exit 0
fi
bad=0
for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" > /dev/null 2>&1; then
        echo "check-format: $f is not formatted (make format)"
        bad=1
    fi
done
exit $bad
