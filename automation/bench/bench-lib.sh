# SPDX-License-Identifier: GPL-2.0-only
# Helpers the boot benchmarks share (sourced): console time stamps and the
# statistics of their RESULT lines.  A RESULT line is "RESULT" then
# KEY=VALUE fields (hyp=ours N=4 rep=1 all=3.21 ...), one per run, in
# $OUT/results.txt; a value FAIL marks a run that missed that marker.

# secs VAR USECS: set VAR to USECS as seconds with three decimals.  No
# fork: console loops call it on every line.
secs() { printf -v "$1" '%d.%03d' $(($2 / 1000000)) $((($2 % 1000000) / 1000)); }

# stamp_start FIFO: make FIFO (for QEMU's console) and start
# stamp-lines.py on it; file descriptor 3 reads each console line as
# "USECS LINE" (USECS: the host's time it arrived, as $EPOCHREALTIME
# without its dot).  The stamper batches QEMU's one-byte writes, so that
# reading the console takes little time from QEMU.  Returns once the
# stamper is up: start QEMU after it.  stamp_end FIFO once QEMU has ended.
stamp_start() {
    rm -f "$1" "$1.st" && mkfifo "$1" "$1.st" || die "cannot make $1"
    python3 "$(dirname "${BASH_SOURCE[0]}")/stamp-lines.py" "$1" "$1.st" &
    STAMP_PID=$!
    exec 3< "$1.st"
}

stamp_end() {
    wait "$STAMP_PID" 2> /dev/null
    rm -f "$1" "$1.st"
}

# stats FIELD KEY=VALUE...: over the RESULT lines holding every KEY=VALUE,
# "median min max" of FIELD, then "(k FAIL)" when k runs have FIELD=FAIL;
# "FAIL" when no run has a number, "n/a" when every such run ends with
# refused=1, "-" when no line matches.  $STATS_DIGITS decimals (2).
stats() {
    local field=$1
    shift
    awk -v f="$field=" -v sel="$*" -v d="${STATS_DIGITS:-2}" '
        BEGIN { ns = split(sel, want, " ") }
        $1 == "RESULT" {
            for (s = 1; s <= ns; s++) {
                hit = 0
                for (i = 2; i <= NF; i++) if ($i == want[s]) hit = 1
                if (!hit) next
            }
            runs++
            if ($NF == "refused=1") na++
            for (i = 2; i <= NF; i++)
                if (index($i, f) == 1) {
                    v = substr($i, length(f) + 1)
                    if (v == "FAIL") nf++; else a[++k] = v + 0
                }
        }
        END {
            if (!runs) { print "-"; exit }
            if (na && !k) { print "n/a"; exit }
            if (!k) { print "FAIL"; exit }
            for (i = 1; i <= k; i++)            # insertion sort
                for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            m = (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
            fmt = "%." d "f %." d "f %." d "f%s\n"
            printf fmt, m, a[1], a[k], nf ? " (" nf " FAIL)" : ""
        }' "$OUT/results.txt"
}

# med STATS: the median of a stats result, or that result as it is.
med() { echo "${1%% *}"; }

# cell STATS: "median (min-max)[ (k FAIL)]", or the result as it is.
cell() {
    [[ ${1%% *} =~ ^[0-9.]+$ ]] || { echo "$1"; return; }
    awk '{ printf "%s (%s-%s)%s", $1, $2, $3, ($4 ? " " $4 " " $5 : "") }' <<< "$1"
}

# calc EXPR A [B [C]]: awk EXPR over the numbers a, b, c; "-" when one of
# them is not a number.
calc() {
    local e=$1 v
    shift
    for v in "$@"; do [[ $v =~ ^[0-9.]+$ ]] || { echo -; return; }; done
    awk -v a="$1" -v b="${2:-0}" -v c="${3:-0}" "BEGIN { $e }"
}

# ratio A B: A / B with two decimals; FAIL unless both are numbers, B > 0.
ratio() {
    local r
    r=$(calc 'if (b > 0) printf "%.2f\n", a / b; else print "FAIL"' "$1" "$2")
    [ "$r" = - ] && echo FAIL || echo "$r"
}
