#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Source checks as tests: formatting, header self-containment, cppcheck.
source "$(dirname "$0")/lib.sh"
if "$ROOT/automation/scripts/check-format.sh" > "$TESTOUT/check-format.log" 2>&1; then
    pass static/clang-format
else
    fail static/clang-format "$(head -3 "$TESTOUT/check-format.log")"
fi
if "$ROOT/automation/scripts/check-static.sh" > "$TESTOUT/check-static.log" 2>&1; then
    pass static/headers-and-cppcheck
else
    fail static/headers-and-cppcheck "$(head -3 "$TESTOUT/check-static.log")"
fi
