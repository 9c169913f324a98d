#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The 2-minute variant of the lifecycle soak (automation/soak/soak-arm64.sh,
# whose full run is an hour and not part of 'make test'): the same eight
# domains, bare-metal and Debian Linux, with the Linux reboot and crash
# 40 and 45 s after each boot so that both happen within the run; every
# check of the soak is one pass/fail line (soak/...).  About 3 minutes.
# env: SOAK_SECS (120), LINUX_REBOOT_S (40), LINUX_CRASH_S (45).
source "$(dirname "$0")/lib.sh"
SOAK_SECS=${SOAK_SECS:-120} LINUX_REBOOT_S=${LINUX_REBOOT_S:-40} \
    LINUX_CRASH_S=${LINUX_CRASH_S:-45} RESULTS=$RESULTS TESTOUT=$TESTOUT \
    "$ROOT/automation/soak/soak-arm64.sh"
# The soak reports its own checks; its exit status is not this group's.
exit 0
