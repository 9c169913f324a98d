# SPDX-License-Identifier: GPL-2.0-only
# Source this, then call qemu_lock before starting QEMU: one QEMU at a time
# on this machine, whoever runs it (test suites of two checkouts, a
# benchmark, the demo).  The lock is held on fd 9 until the calling script
# exits (or qemu_unlock); scripts it starts inherit it and do not take it
# again.
QEMU_LOCK=${QEMU_LOCK:-/tmp/hyperlaunch-qemu.lock}
QEMU_LOCK_INHERITED=${QEMU_LOCK_HELD:-}

qemu_lock() {
    [ -n "${QEMU_LOCK_HELD:-}" ] && return 0
    exec 9>> "$QEMU_LOCK"
    flock 9
    export QEMU_LOCK_HELD=$$
}

# qemu_unlock: give the lock back after one QEMU run (a benchmark taking
# it per boot, so that a waiting test suite is not held up for the whole
# run), unless it was inherited from the calling script.
qemu_unlock() {
    [ -z "$QEMU_LOCK_INHERITED" ] || return 0
    exec 9>&-
    unset QEMU_LOCK_HELD
}

# x86_64 QEMUs run their vCPUs on one host thread: QEMU 7.2's
# multi-threaded TCG sometimes walks the host's page tables wrongly right
# after a #VMEXIT when two vCPUs run SVM guests at once, and the machine
# triple-faults (docs/misc/x86/known-issues.md).  Not seen in 28 runs of
# the run that showed it in about one of ten.  Linux domains too, since
# interrupts reach guests as virtual interrupts (vlapic-irq.c): the stalls
# they had on one thread came from QEMU delivering an EVENTINJ interrupt
# twice.
QEMU_X86_TCG=(-accel tcg,thread=single)
