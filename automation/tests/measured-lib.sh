# SPDX-License-Identifier: GPL-2.0-only
# Helpers shared by the measured-launch groups (qemu-arm64-measured.sh,
# qemu-x86-measured.sh): hlcheck's prediction, the hypervisor's lines,
# a swtpm whose state outlives QEMU and tpm2_pcrread against it, and the
# event log a guest printed.  The sourcing group sets MGROUP (the test
# name prefix), W (its work directory) and HLCHECK, after lib.sh.

# mpredict NAME HLCHECK-ARGS...: hlcheck --measure's lines into $W/NAME.pred,
# its event log into $W/NAME.tcglog.
mpredict() {
    local name=$1
    shift
    if "$HLCHECK" --measure --log "$W/$name.tcglog" "$@" > "$W/$name.pred" \
            2> "$W/$name.err"; then
        pass "$MGROUP/predict-$name"
    else
        fail "$MGROUP/predict-$name" "$(head -3 "$W/$name.err")"
    fi
}

# The hypervisor's measurement and PCR lines in $QEMU_LOG, without "(XEN) ".
measured_lines() {
    sed -n 's/^(XEN) \(measured: pcr=[0-9]* .*\)$/\1/p; s/^(XEN) \(PCR[0-9]* sha256=[0-9a-f]*\).*$/\1/p' "$QEMU_LOG"
}

# mcompare NAME PRED [REGEX]: the hypervisor's lines (those matching REGEX,
# default all) are the prediction's, in order.
mcompare() {
    local re=${3:-.}
    if diff <(grep -E "$re" "$W/$2.pred") <(measured_lines | grep -E "$re") \
            > "$W/$1.diff"; then
        pass "$MGROUP/$1"
    else
        fail "$MGROUP/$1" "see $W/$1.diff"
    fi
}

# mone_pcr_changed NAME A B: exactly one PCR line differs between files A
# and B, and it is PCR9's.
mone_pcr_changed() {
    local changed
    changed=$(diff <(grep '^PCR' "$2") <(grep '^PCR' "$3") | grep -c '^>')
    if [ "$changed" = 1 ] &&
       ! diff -q <(grep '^PCR9 ' "$2") <(grep '^PCR9 ' "$3") > /dev/null; then
        pass "$MGROUP/$1"
    else
        fail "$MGROUP/$1" "$changed PCRs changed between $2 and $3"
    fi
}

# A swtpm for one QEMU run whose state survives it: not --terminate, so it
# outlives the chardev; swtpm_save then has it write its volatile state
# (PCRs included) to $W/tpm and stop.
SWTPM_PID=
swtpm_start() {
    rm -rf "$W/tpm" && mkdir -p "$W/tpm"
    swtpm socket --tpm2 --tpmstate dir="$W/tpm" \
        --ctrl type=unixio,path="$W/tpm/sock" --log file="$W/tpm/log" &
    SWTPM_PID=$!
    for _ in $(seq 50); do [ -S "$W/tpm/sock" ] && break; sleep 0.1; done
}
swtpm_save() {
    [ -n "$SWTPM_PID" ] || return 0
    swtpm_ioctl --unix "$W/tpm/sock" -v > "$W/tpm/save.log" 2>&1
    swtpm_ioctl --unix "$W/tpm/sock" -s >> "$W/tpm/save.log" 2>&1 ||
        kill "$SWTPM_PID" 2>/dev/null
    wait "$SWTPM_PID" 2>/dev/null
    SWTPM_PID=
}
swtpm_qemu_args() { # DEVICE: the QEMU arguments of a TPM on that swtpm
    echo "-chardev socket,id=chrtpm,path=$W/tpm/sock" \
        "-tpmdev emulator,id=tpm0,chardev=chrtpm -device $1,tpmdev=tpm0"
}

# mqemu_run_tpm NAME TIMEOUT CMD...: qemu_run for a run whose swtpm must
# keep its PCRs.  A QEMU that exits gracefully sends the TPM CMD_SHUTDOWN,
# and swtpm then ends without saving them; so QEMU runs with -no-shutdown
# (a power-off only stops the machine) and is killed (SIGKILL) once the
# hypervisor says it powers off, or when it ends by itself.
mqemu_run_tpm() {
    local name=$1 secs=$2 qpid cpid
    shift 2
    QEMU_LOG=$TESTOUT/$name.log
    mkdir -p "$(dirname "$QEMU_LOG")"
    qemu_lock
    : > "$QEMU_LOG" # before the first look for the power-off line
    timeout -s KILL "$secs" "$@" -no-shutdown < /dev/null > "$QEMU_LOG" 2>&1 &
    qpid=$!
    QEMU_RC=124
    for _ in $(seq $((secs * 5))); do
        if ! kill -0 "$qpid" 2>/dev/null; then
            wait "$qpid"
            QEMU_RC=$?
            break
        fi
        if grep -q '^(XEN) Powering off' "$QEMU_LOG"; then
            sleep 0.5
            QEMU_RC=0
            break
        fi
        sleep 0.2
    done
    cpid=$(pgrep -P "$qpid")
    [ -z "$cpid" ] || kill -KILL "$cpid" 2>/dev/null
    wait "$qpid" 2>/dev/null
    sed -i 's/\r$//' "$QEMU_LOG"
}

# swtpm_pcrread OUT PCR...: restart swtpm on the saved state, read the
# SHA-256 bank's PCRs with tpm2_pcrread (TCTI swtpm) and write them to OUT
# as "PCR<n> sha256=<hex>" lines, the hypervisor's form.
swtpm_pcrread() {
    local out=$1 port pid list rc
    shift
    list=$(IFS=,; echo "$*")
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    swtpm socket --tpm2 --tpmstate dir="$W/tpm" --flags not-need-init \
        --server type=tcp,port="$port" --ctrl type=tcp,port=$((port + 1)) \
        --log file="$W/tpm/log2" &
    pid=$!
    rc=1
    for _ in $(seq 50); do
        if tpm2_pcrread -T "swtpm:port=$port" "sha256:$list" > "$out.raw" 2>&1; then
            rc=0
            break
        fi
        sleep 0.1
    done
    swtpm_ioctl --tcp "127.0.0.1:$((port + 1))" -s > /dev/null 2>&1 || kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    sed -n 's/^ *\([0-9]*\) *: 0x\([0-9A-Fa-f]*\)$/PCR\1 sha256=\L\2/p' "$out.raw" > "$out"
    return $rc
}

# mpcrread NAME PRED: tpm2_pcrread's PCR 8 and 9 after the run equal the
# hypervisor's read-back lines, and PCR 9 the prediction's.
mpcrread() {
    if ! swtpm_pcrread "$W/$1.pcrread" 8 9; then
        fail "$MGROUP/$1" "tpm2_pcrread failed: $(tail -2 "$W/$1.pcrread.raw")"
    elif diff "$W/$1.pcrread" <(measured_lines | grep '^PCR') > "$W/$1.diff" &&
         diff <(grep '^PCR9 ' "$W/$2.pred") <(grep '^PCR9 ' "$W/$1.pcrread") \
             >> "$W/$1.diff"; then
        pass "$MGROUP/$1"
    else
        fail "$MGROUP/$1" "see $W/$1.diff"
    fi
}

# mguest_log NAME D: domain D printed the event log (automation/guests/
# measured: "TCGLOG: pcr=N ... sha256=H"), every measurement the console
# printed, in order.
mguest_log() {
    if diff <(sed -n 's/^(XEN) measured: pcr=\([0-9]*\) sha256=\([0-9a-f]*\) .*/\1 \2/p' "$QEMU_LOG") \
            <(sed -n "s/^($2) TCGLOG: pcr=\\([0-9]*\\) type=0x[0-9a-f]* sha256=\\([0-9a-f]*\\) .*/\\1 \\2/p" "$QEMU_LOG") \
            > "$W/$1.diff" &&
       [ "$(grep -c "^($2) TCGLOG: pcr=" "$QEMU_LOG")" -gt 3 ] &&
       grep -qxF "($2) TCGLOG-DONE" "$QEMU_LOG"; then
        pass "$MGROUP/$1"
    else
        fail "$MGROUP/$1" "see $W/$1.diff and $QEMU_LOG"
    fi
}
