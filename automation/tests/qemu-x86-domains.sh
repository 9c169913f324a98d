#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86_64 PVH domains booted by GRUB (multiboot2, the DTB as module 0): one,
# two, four and seventeen (ASIDs shared) hello domains each report their
# own command line, memory and ramdisk; FS/GS/syscall MSRs are switched
# per domain; HLT yields, or powers off with interrupts disabled; a spinning domain is time-sliced; hostile domains (memory
# outside their RAM, an unknown MSR, a triple fault, VMLOAD) are
# contained, an unknown port is absent hardware;
# console input reaches the domain that has it; two host CPUs share the
# domains, hard affinity honoured; RAM above the 4 GiB hole (host and
# guest); a malformed DT starts nothing; modules located with 'reg' are
# reserved, or refused outside host RAM; guest RAM holds nothing the loader
# left in free RAM.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/x86-domain-lib.sh"
XEN=$ROOT/build/x86_64/xen
G=$ROOT/build/x86_64/guests
W=$TESTOUT/x86-domains
mkdir -p "$W"

QEMU=(qemu-system-x86_64 "${QEMU_X86_TCG[@]}" -M pc -cpu max -m 512 -display none -serial stdio
      -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)
STOP=("(XEN) all domains have stopped" "(XEN) Powering off (normal stop)")

# hello_dom NAME DOMID MEMORY-KIB MODULE-INDEX BOOTARGS [RAMDISK-INDEX]:
# one domain node.
hello_dom() {
    cat <<DOM
			$1 {
				compatible = "xen,domain";
				domid = <$2>;
				memory = <0 $3>;
				cpus = <1>;
				kernel {
					compatible = "multiboot,kernel", "multiboot,module";
					module-index = <$4>;
					bootargs = "$5";
				};
DOM
    [ -n "${6:-}" ] && cat <<DOM
				ramdisk {
					compatible = "multiboot,ramdisk", "multiboot,module";
					module-index = <$6>;
				};
DOM
    echo "			};"
}

# mkiso NAME DTS MODULE...: an ISO whose grub.cfg loads the DTB built from
# DTS as module 0, then each MODULE (a file) in order.
mkiso() {
    local name=$1 dts=$2 dir=$W/$1 m
    shift 2
    rm -rf "$dir"; mkdir -p "$dir/boot/grub"
    cp "$XEN" "$dir/boot/xen"
    dtc -q -I dts -O dtb -o "$dir/boot/hl.dtb" "$dts" || return 1
    {
        printf 'set timeout=0\nset default=0\nserial --unit=0 --speed=115200\n'
        printf 'terminal_input serial\nterminal_output serial\n'
        printf 'menuentry "Hyperlaunch" {\n    multiboot2 /boot/xen console=com1\n'
        printf '    module2 /boot/hl.dtb hyperlaunch-dt\n'
        for m in "$@"; do
            cp "$m" "$dir/boot/"
            printf '    module2 /boot/%s\n' "$(basename "$m")"
        done
        printf '}\n'
    } > "$dir/boot/grub/grub.cfg"
    grub-mkrescue -o "$W/$name.iso" "$dir" > "$W/$name-mkrescue.log" 2>&1 ||
        { fail "x86-domains/$name-iso" "see $W/$name-mkrescue.log"; return 1; }
}

# hello_lines DOMID MEMORY-KIB BOOTARGS: what that hello domain must print.
hello_lines() {
    local ram=$(($2 - 384))
    HL=("(d$1) hello: start info v1 at $(printf %x "$3")"
        "(d$1) hello: cmdline=\"$4\""
        "(d$1) hello: e820 0-a0000 type 1" "(d$1) hello: e820 a0000-100000 type 2"
        "(d$1) hello: e820 100000-$(printf %x $(($2 * 1024))) type 1"
        "(d$1) hello: memory $ram KiB RAM, top of RAM $2 KiB"
        "(d$1) HELLO-DONE" "(XEN) d$1: powered off")
}

# The start info follows the kernel's last segment (page-aligned) and any
# ramdisk: work out where hello ends.
read -r pa msz < <(readelf -lW "$G/hello.elf" | awk '$1 == "LOAD" { print $4, $6 }')
KEND=$(printf '%#x' $((pa + msz)))
SI=$(printf '%#x' $(((KEND + 0xfff) & ~0xfff)))
echo "initrd of dom2" > "$W/initrd.txt"
cp "$G/hello.elf" "$W/hello2.elf"

# One domain.
hl_dts "$(hello_dom dom1 1 0x8000 1 'console=hvc0 just one')" > "$W/one.dts"
if mkiso one "$W/one.dts" "$G/hello.elf"; then
    qemu_run x86-domains/one 60 "${QEMU[@]}" -cdrom "$W/one.iso"
    hello_lines 1 32768 $SI "console=hvc0 just one"
    expect_lines x86-domains/one-pvh-domain "${HL[@]}" "(XEN) d1: RAM 0-0x2000000 (32768 KiB), ASID 1" \
        "(d1) hello: 0 modules" "${STOP[@]}"
fi

# Two domains, different memory and command lines; dom2 has a ramdisk.
hl_dts "$(hello_dom dom1 1 0x10000 1 'console=hvc0 first')" \
    "$(hello_dom dom2 2 0x6000 2 'second domain' 3)" > "$W/two.dts"
if mkiso two "$W/two.dts" "$G/hello.elf" "$W/hello2.elf" "$W/initrd.txt"; then
    qemu_run x86-domains/two 60 "${QEMU[@]}" -cdrom "$W/two.iso"
    hello_lines 1 65536 $SI "console=hvc0 first"
    L1=("${HL[@]}")
    hello_lines 2 24576 $((SI + 0x1000)) "second domain"
    expect_lines x86-domains/two-pvh-domains "${L1[@]}" "${HL[@]}" \
        "(XEN) d2: kernel at 0x100000-$KEND, entry 0x100000; ramdisk at $SI-$(printf %#x $((SI + 15))); start info at $(printf %#x $((SI + 0x1000)))-$(printf %#x $((SI + 0x2000)))" \
        "(d2) hello: 1 module" "(d2) hello: module 0: 15 bytes \"initrd of dom2\" cmdline=\"\"" \
        "${STOP[@]}"
fi

# Four domains sharing one kernel module, on two host CPUs.
hl_dts "$(hello_dom dom1 1 0x4000 1 'd one')" "$(hello_dom dom2 2 0x5000 1 'd two')" \
    "$(hello_dom dom3 3 0x6000 1 'd three')" "$(hello_dom dom4 4 0x7000 1 'd four')" > "$W/four.dts"
if mkiso four "$W/four.dts" "$G/hello.elf"; then
    qemu_run x86-domains/four 60 "${QEMU[@]}" -smp 2 -cdrom "$W/four.iso"
    ALL=()
    n=0
    for spec in "1 16384 d one" "2 20480 d two" "3 24576 d three" "4 28672 d four"; do
        read -r id kib args <<< "$spec"
        hello_lines "$id" "$kib" $SI "$args"
        ALL+=("${HL[@]}" "(XEN) d$id: RAM 0-$(printf %#x $((kib * 1024))) ($kib KiB), ASID $id")
    done
    expect_lines x86-domains/four-pvh-domains-two-cpus "(XEN) 2 host CPUs up" \
        "${ALL[@]}" "${STOP[@]}"
fi

# Seventeen domains: more than QEMU's 15 guest ASIDs, so two share one.
nodes=()
for i in $(seq 1 17); do nodes+=("$(hello_dom dom$i $i 0x800 1 "domain $i")"); done
hl_dts "${nodes[@]}" > "$W/seventeen.dts"
if mkiso seventeen "$W/seventeen.dts" "$G/hello.elf"; then
    qemu_run x86-domains/seventeen 60 "${QEMU[@]}" -cdrom "$W/seventeen.iso"
    ALL=("(XEN) d16: RAM 0-0x200000 (2048 KiB), ASID 1" "(XEN) d17: RAM 0-0x200000 (2048 KiB), ASID 2")
    for i in $(seq 1 17); do
        hello_lines "$i" 2048 $SI "domain $i"
        ALL+=("${HL[@]}")
    done
    expect_lines x86-domains/seventeen-shared-asids "${ALL[@]}" "${STOP[@]}"
fi

# VMLOAD/VMSAVE state: two domains set FS base, kernel GS base and STAR
# (no exits: passed through) to their own values; over many slices each
# keeps its own, and the hypervisor keeps working.
hl_dts "$(hello_dom dom1 1 0x800 1 '1')" "$(hello_dom dom2 2 0x800 1 '2')" > "$W/msrs.dts"
if mkiso msrs "$W/msrs.dts" "$G/msrs.elf"; then
    qemu_run x86-domains/msrs 60 "${QEMU[@]}" -cdrom "$W/msrs.iso"
    expect_lines x86-domains/segment-msrs-switched "(d1) msrs: preserved" \
        "(d2) msrs: preserved" "(XEN) d1: powered off" "(XEN) d2: powered off" \
        "${STOP[@]}"
fi

# HLT: with interrupts enabled it yields and comes back (1000 times, beside
# a hello); with them disabled nothing could wake the vCPU: a power-off.
hl_dts "$(hello_dom dom1 1 0x800 1 'sti')" "$(hello_dom dom2 2 0x800 1 'cli')" \
    "$(hello_dom dom3 3 0x800 2 'beside')" > "$W/halt.dts"
if mkiso halt "$W/halt.dts" "$G/halt.elf" "$G/hello.elf"; then
    qemu_run x86-domains/halt 60 "${QEMU[@]}" -cdrom "$W/halt.iso"
    if expect_lines x86-domains/hlt-yields-or-stops "(d1) halt: back from 1000 halts" \
        "(XEN) d1: powered off" "(d2) halt: halting with interrupts disabled" \
        "(XEN) d2: powered off" "(d3) HELLO-DONE" "${STOP[@]}"; then
        if grep -qE '^\(XEN\) d2: halted with interrupts disabled at rip 0x10[0-9a-f]{4}$' "$QEMU_LOG"; then
            reject_text x86-domains/hlt-not-crashed "domain crashed"
        else
            fail x86-domains/hlt-disabled-line "no 'd2: halted with interrupts disabled' line"
        fi
    fi
fi

# Hostile guests beside a good one: exactly one crash line, hello finishes.
# hostile NAME GUEST BOOTARGS REGEX
hostile() {
    local name=$1 guest=$2 args=$3 re=$4
    hl_dts "$(hello_dom dom1 1 0x4000 1 'good')" "$(hello_dom dom2 2 0x4000 2 "$args")" > "$W/$name.dts"
    mkiso "$name" "$W/$name.dts" "$G/hello.elf" "$G/$guest.elf" || return
    qemu_run "x86-domains/$name" 60 "${QEMU[@]}" -cdrom "$W/$name.iso"
    expect_lines "x86-domains/$name-contained" "(d1) HELLO-DONE" \
        "(XEN) d1: powered off" "${STOP[@]}" || return
    if [ "$(grep -c 'domain crashed$' "$QEMU_LOG")" != 1 ] ||
        ! grep -qE "$re" "$QEMU_LOG"; then
        fail "x86-domains/$name-one-crash-line" "want one line matching $re (see $QEMU_LOG)"
        return
    fi
    pass "x86-domains/$name-one-crash-line"
    reject_text "x86-domains/$name-stopped-at-once" "STILL-RUNNING"
}
hostile hostile-unmapped hostile-unmapped bad \
    '^\(XEN\) d2: write at guest physical 0xc0000000 outside its RAM \(rip 0x10[0-9a-f]{4}\); domain crashed$'
# An unknown MSR is a #GP, VMLOAD a #UD, as on hardware: with no IDT,
# hostile-io then triple-faults.
hostile hostile-msr hostile-io msr \
    '^\(XEN\) d2: triple fault \(shutdown\) at rip 0x10[0-9a-f]{4}; domain crashed$'
grep -qE '^\(XEN\) d2: read of MSR 0x3a at rip 0x10[0-9a-f]{4}: #GP$' "$QEMU_LOG" &&
    pass x86-domains/hostile-msr-gp || fail x86-domains/hostile-msr-gp "see $QEMU_LOG"
hostile hostile-triple hostile-io triple \
    '^\(XEN\) d2: triple fault \(shutdown\) at rip 0x10[0-9a-f]{4}; domain crashed$'
hostile hostile-vmload hostile-io vmload \
    '^\(XEN\) d2: triple fault \(shutdown\) at rip 0x10[0-9a-f]{4}; domain crashed$'

# A port with no device behind it: the write is dropped (and logged), the
# domain goes on.
hl_dts "$(hello_dom dom1 1 0x4000 1 'good')" "$(hello_dom dom2 2 0x4000 2 port)" > "$W/hostile-io.dts"
if mkiso hostile-io "$W/hostile-io.dts" "$G/hello.elf" "$G/hostile-io.elf"; then
    qemu_run x86-domains/hostile-io 60 "${QEMU[@]}" -cdrom "$W/hostile-io.iso"
    expect_lines x86-domains/hostile-io-absent-port "(d1) HELLO-DONE" \
        "(XEN) d2: write of 4 bytes on I/O port 0xcf8: no device, dropped" \
        "(d2) hostile-io: STILL-RUNNING" "(XEN) d2: powered off" "${STOP[@]}" &&
        reject_text x86-domains/hostile-io-not-crashed "domain crashed"
fi

# An unknown hypercall fails with -ENOSYS; the domain goes on.
hl_dts "$(hello_dom dom1 1 0x800 1 'hypercall')" > "$W/hypercall.dts"
if mkiso hypercall "$W/hypercall.dts" "$G/hostile-io.elf"; then
    qemu_run x86-domains/hypercall 60 "${QEMU[@]}" -cdrom "$W/hypercall.iso"
    expect_lines x86-domains/unknown-hypercall-enosys \
        "(d1) hostile-io: hypercall 999 returned -38" "(XEN) d1: powered off" \
        "${STOP[@]}" && reject_text x86-domains/unknown-hypercall-not-crashed "domain crashed"
fi

# Time slicing: d1 spins for ever, d2 must still finish.  The run cannot
# end by itself: QEMU is stopped once the markers are in, or after 60 s.
SPIN=("(d1) spin: spinning" "(d2) HELLO-DONE" "(XEN) d2: powered off")
hl_dts "$(hello_dom dom1 1 0x4000 1 'spinner')" "$(hello_dom dom2 2 0x4000 2 'patient')" > "$W/spin.dts"
if mkiso spin "$W/spin.dts" "$G/spin.elf" "$G/hello.elf"; then
    qemu_run_until x86-domains/spin 60 SPIN "${QEMU[@]}" -cdrom "$W/spin.iso"
    expect_lines x86-domains/spin-time-sliced "${SPIN[@]}" &&
        reject_text x86-domains/spin-not-crashed "domain crashed"
fi

# Console input (QEMU -kernel: GRUB would read the serial input itself):
# typed lines reach the domain that has the input through its 16550's
# receive side; CTRL-a three times moves it on (d1 -> d2 -> hypervisor ->
# d1).  The first byte may be lost while the hypervisor's UART starts; d2
# may or may not have read its "off" when the hypervisor lists domains.
hl_dts "$(hello_dom dom1 1 0x1000 1 'echo 1')" "$(hello_dom dom2 2 0x1000 1 'echo 2')" > "$W/echo.dts"
dtc -q -I dts -O dtb -o "$W/echo.dtb" "$W/echo.dts"
QEMU_LOG=$TESTOUT/x86-domains/console-input.log
qemu_lock
printf '\rone\r\001\001\001two\roff\r\001\001\001q\001\001\001off\r' |
    timeout 60 "${QEMU[@]}" -monitor none -kernel "$XEN" \
        -initrd "$W/echo.dtb,$G/echo.elf" > "$QEMU_LOG" 2>&1
QEMU_RC=$?
sed -i 's/\r$//' "$QEMU_LOG"
expect_lines x86-domains/console-input-switch \
    "(XEN) *** Serial input to d1 (type 'CTRL-a' three times to switch input)" \
    "(d1) echo: one" \
    "(XEN) *** Serial input to d2 (type 'CTRL-a' three times to switch input)" \
    "(d2) echo: two" "(d2) echo: off" "(XEN) d2: powered off" \
    "(XEN) *** Serial input to the hypervisor (type 'CTRL-a' three times to switch input; 'h' for help)" \
    "(XEN) d1 (dom1): running, 1 of 1 vCPUs online" \
    "(d1) echo: off" "${STOP[@]}"

# Two host CPUs: two spinning domains and a hello pinned to CPU 1
# (xen,vcpu hard-affinity) that must finish there.  Stopped once the
# markers are in.
pinned=$(hello_dom dom3 3 0x800 1 'pinned')
pinned="${pinned%	\};}
				vcpu0 {
					compatible = \"xen,vcpu\";
					id = <0>;
					hard-affinity = \"1\";
				};
			};"
hl_dts "$(hello_dom dom1 1 0x800 2 'spin one')" "$(hello_dom dom2 2 0x800 2 'spin two')" \
    "$pinned" > "$W/smp.dts"
SMP=("(XEN) 2 host CPUs up" "(XEN) d3: vCPU 0 hard affinity: host CPUs 0x2"
     "(d1) spin: spinning" "(d2) spin: spinning" "(d3) HELLO-DONE"
     "(XEN) d3: powered off" "(XEN) d3: vCPU 0 ran on host CPUs 0x2")
if mkiso smp "$W/smp.dts" "$G/hello.elf" "$G/spin.elf"; then
    qemu_run_until x86-domains/smp 60 SMP "${QEMU[@]}" -smp 2 -cdrom "$W/smp.iso"
    expect_lines x86-domains/two-host-cpus-pinned "${SMP[@]}" &&
        reject_text x86-domains/two-host-cpus-not-crashed "domain crashed"
fi

# make run-x86: hlimage's GRUB ISO of the demo DT boots three domains on
# two host CPUs.
QEMU_LOG=$TESTOUT/x86-domains/run-demo-x86.log
TIMEOUT=60 "$ROOT/automation/scripts/run-demo-x86.sh" < /dev/null > "$QEMU_LOG" 2>&1
QEMU_RC=$?
sed -i 's/\r$//' "$QEMU_LOG"
[ "$QEMU_RC" = 1 ] && QEMU_RC=0 # isa-debug-exit: (0 << 1) | 1
expect_lines x86-domains/run-demo-x86 "(XEN) 2 host CPUs up" \
    "(d1) hello: cmdline=\"console=ttyS0 hello from dom1\"" \
    "(d2) hello: module 0: 15 bytes \"initrd of dom2\" cmdline=\"\"" \
    "(d3) hello: memory 32384 KiB RAM, top of RAM 32768 KiB" \
    "(d1) HELLO-DONE" "(d2) HELLO-DONE" "(d3) HELLO-DONE" "${STOP[@]}"

# RAM above the 4 GiB hole: on a 5 GiB host (RAM above 4 GiB in the
# multiboot memory map), a 3584 MiB domain gets 0-3 GiB and 4-4.5 GiB, as
# its e820 map says.  All of it is cleared: 8-12 s under TCG.
hl_dts "$(hello_dom dom1 1 0x380000 1 'above the hole')" > "$W/high.dts"
dtc -q -I dts -O dtb -o "$W/high.dtb" "$W/high.dts"
qemu_run x86-domains/ram-above-4gib 120 "${QEMU[@]/#512/5G}" -monitor none \
    -kernel "$XEN" -initrd "$W/high.dtb,$G/hello.elf"
if expect_lines x86-domains/ram-above-4gib \
    "(XEN) d1: RAM 0-0xc0000000 (3145728 KiB), ASID 1" \
    "(XEN) d1: RAM 0x100000000-0x120000000 (524288 KiB) above the 4 GiB hole" \
    "(d1) hello: cmdline=\"above the hole\"" \
    "(d1) hello: e820 0-a0000 type 1" "(d1) hello: e820 a0000-100000 type 2" \
    "(d1) hello: e820 100000-c0000000 type 1" \
    "(d1) hello: e820 100000000-120000000 type 1" \
    "(d1) hello: memory 3669632 KiB RAM, top of RAM 4718592 KiB" \
    "(d1) HELLO-DONE" "(XEN) d1: powered off" "${STOP[@]}"; then
    # The host's RAM above 4 GiB went into the page allocator: more than
    # 4 GiB of RAM in all (the domain could not fit otherwise).
    kib=$(sed -n 's/^(XEN) Memory: \([0-9]*\) KiB RAM in .*/\1/p' "$QEMU_LOG")
    if [ "${kib:-0}" -gt $((4 << 20)) ]; then
        pass x86-domains/host-ram-above-4gib-used
    else
        fail x86-domains/host-ram-above-4gib-used "Memory: ${kib:-?} KiB (see $QEMU_LOG)"
    fi
fi

# More RAM than the host has (6 GiB on 5 GiB): refused by the check phase
# against the loader's memory map (as hlcheck does against /memory), one
# error, nothing starts.
hl_dts "$(hello_dom dom1 1 0x600000 1 'too big')" > "$W/too-big.dts"
dtc -q -I dts -O dtb -o "$W/too-big.dtb" "$W/too-big.dts"
qemu_run x86-domains/ram-more-than-host 60 "${QEMU[@]/#512/5G}" -monitor none \
    -kernel "$XEN" -initrd "$W/too-big.dtb,$G/hello.elf"
grep -q "^(XEN) ERROR: /chosen/hypervisor/dom1: property 'memory': 6291456 KiB, but the host has [0-9]* KiB of RAM$" \
    "$QEMU_LOG" || fail x86-domains/ram-more-than-host-message "see $QEMU_LOG"
expect_lines x86-domains/ram-more-than-host-refused \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" \
    "(XEN) Powering off (boot failed)" &&
    reject_text x86-domains/ram-more-than-host-starts-nothing "(d1)"

# A malformed DT: one error, and no domain prints anything.
if mkiso bad "$ROOT/automation/configs/bad-x86.dts" "$G/hello.elf" "$G/hello.elf" "$G/hello.elf"; then
    qemu_run x86-domains/bad 60 "${QEMU[@]}" -cdrom "$W/bad.iso"
    expect_lines x86-domains/malformed-dt-rejected \
        "(XEN) ERROR: /chosen/hypervisor/dom3: property 'memory': must be 2 cells (64-bit KiB), found 1" \
        "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" &&
        reject_text x86-domains/malformed-dt-starts-nothing "(d1)"
fi

# Modules located with 'reg' (here put in RAM by QEMU's loader device):
# reserved like loader modules, so that the 64 MiB domain built first is
# not given their pages (it was, and d2's kernel read as zeros); one
# outside host RAM is refused, naming the node and property, before
# anything starts.
# reg_dts ADDR SIZE: d1 (module 1) beside d2 whose kernel is at ADDR.
reg_dts() {
    hl_dts "$(hello_dom dom1 1 0x10000 1 'big')" "$(hello_dom dom2 2 0x4000 1 'by reg' |
        sed "s/module-index = <1>;/reg = <0 $1 0 $2>;/")"
}
SZ=$(printf '%#x' "$(stat -c %s "$G/hello.elf")")
reg_dts 0x400000 "$SZ" > "$W/reg.dts"
dtc -q -I dts -O dtb -o "$W/reg.dtb" "$W/reg.dts"
qemu_run x86-domains/reg-module 60 "${QEMU[@]}" -monitor none -kernel "$XEN" \
    -initrd "$W/reg.dtb,$G/hello.elf" \
    -device loader,file="$G/hello.elf",addr=0x400000,force-raw=on
expect_lines x86-domains/reg-module-reserved "(d1) HELLO-DONE" \
    "(d2) hello: cmdline=\"by reg\"" "(d2) HELLO-DONE" "${STOP[@]}"
reg_dts 0x40000000 "$SZ" > "$W/reg-out.dts"
dtc -q -I dts -O dtb -o "$W/reg-out.dtb" "$W/reg-out.dts"
qemu_run x86-domains/reg-module-outside-ram 60 "${QEMU[@]}" -monitor none \
    -kernel "$XEN" -initrd "$W/reg-out.dtb,$G/hello.elf"
expect_lines x86-domains/reg-module-outside-ram-refused \
    "(XEN) ERROR: /chosen/hypervisor/dom2/kernel: property 'reg': [0x40000000, $(printf '%#x' $((0x40000000 + SZ)))) is not in RAM (the host's memory map holds no such range)" \
    "(XEN) Hyperlaunch: boot configuration rejected (1 error); no domain was started" \
    "(XEN) Powering off (boot failed)" &&
    reject_text x86-domains/reg-module-outside-ram-starts-nothing "(d1)"

# Guest RAM is cleared before the guest runs: a marker QEMU's loader left
# in free RAM (not a boot module) is nowhere in a domain given most of it.
hl_dts "$(hello_dom dom1 1 0x4b000 1 'scan')" > "$W/ramscan.dts"
dtc -q -I dts -O dtb -o "$W/ramscan.dtb" "$W/ramscan.dts"
python3 -c "import sys; sys.stdout.buffer.write(b'HL-SECRET-LEAK!!' * 4096)" \
    > "$W/secret.bin"
SECRETS=()
for a in 0x2000000 0x6000000 0xa000000 0xe000000 0x12000000; do
    SECRETS+=(-device "loader,file=$W/secret.bin,addr=$a,force-raw=on")
done
qemu_run x86-domains/ramscan 120 "${QEMU[@]}" -monitor none -kernel "$XEN" \
    -initrd "$W/ramscan.dtb,$G/ramscan.elf" "${SECRETS[@]}"
expect_lines x86-domains/guest-ram-cleared "(d1) RAMSCAN-CLEAN" "${STOP[@]}"
