#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Stamp each line of a console with the time it arrived.

    stamp-lines.py IN OUT       (IN: QEMU's console, OUT: "USECS LINE" lines)

USECS is the host's time (microseconds since the epoch, as bash's
$EPOCHREALTIME without its dot) at which the read that completed the line
returned.  QEMU writes a guest's UART one byte per write(): a reader that
waits in read() is woken for every byte, and on a host of two cores that
reader (a bash loop reading a byte per read()) takes time from QEMU's own
threads.  This one reads what is there, then sleeps PAUSE_S: the bytes
written meanwhile wait in the pipe, and a line is stamped at most PAUSE_S
(plus one read) after its last byte.  Output is flushed per read, so a
consumer sees each line as soon as it is stamped.

Both are FIFOs: OUT is opened first, so that a consumer that has opened
OUT knows the stamper is up (Python has started) before QEMU is; then IN,
which waits for QEMU.
"""
import os
import sys
import time

PAUSE_S = 0.0005
CHUNK = 65536


def main():
    fd_out = os.open(sys.argv[2], os.O_WRONLY)
    fd_in = os.open(sys.argv[1], os.O_RDONLY)
    partial = b""
    while True:
        chunk = os.read(fd_in, CHUNK)
        if not chunk:
            break
        now = time.time_ns() // 1000
        lines = (partial + chunk).split(b"\n")
        partial = lines.pop()
        if lines:
            out = b"".join(b"%d %s\n" % (now, line) for line in lines)
            try:
                os.write(fd_out, out)
            except BrokenPipeError:
                return
        time.sleep(PAUSE_S)
    if partial:
        try:
            os.write(fd_out, b"%d %s\n" % (time.time_ns() // 1000, partial))
        except BrokenPipeError:
            pass


if __name__ == "__main__":
    main()
