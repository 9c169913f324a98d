# SPDX-License-Identifier: GPL-2.0-only
# Source this, then call qemu_lock before starting QEMU: one QEMU at a time
# on this machine, whoever runs it (test suites of two checkouts, a
# benchmark, the demo).  The lock is held on fd 9 until the calling script
# exits; scripts it starts inherit it and do not take it again.
QEMU_LOCK=${QEMU_LOCK:-/tmp/hyperlaunch-qemu.lock}

qemu_lock() {
    [ -n "${QEMU_LOCK_HELD:-}" ] && return 0
    exec 9>> "$QEMU_LOCK"
    flock 9
    export QEMU_LOCK_HELD=$$
}
