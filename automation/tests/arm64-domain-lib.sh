# SPDX-License-Identifier: GPL-2.0-only
# Hyperlaunch DT fragments for the arm64 QEMU tests (sourced): config NAME,
# then domain ..., then boot [GIC [MEM_MIB]] (or finish [GIC [MEM_MIB]] to
# build the DTB and boot it some other way).  Needs $W, $G, $MK and $XEN;
# logs go to $TESTOUT/${LOGDIR:-arm64-domains}/NAME.log; QEMU_CPU picks the
# CPU model (cortex-a57).

# domain IMAGE VCPUS MEM_KIB BOOTARGS [VCPU:CPULIST ...]: one domU node of
# the fragment being written, its kernel loaded at the next 1 MiB slot.
# DOMAIN_EXTRA (properties, one a line) goes into the node as it is.
domain() {
    local img=$1 vcpus=$2 kib=$3 args=$4 addr pin
    shift 4
    NDOM=$((NDOM + 1))
    addr=$(printf 0x%x $((0x50000000 + NDOM * 0x100000)))
    LOADERS+=(-device "loader,file=$G/$img.img,addr=$addr,force-raw=on")
    printf '\t\tdomU%d {\n\t\t\tcompatible = "xen,domain";\n' $NDOM
    printf '\t\t\t#address-cells = <1>;\n\t\t\t#size-cells = <1>;\n'
    printf '\t\t\tmemory = <0x%x 0x%x>;\n' $((kib >> 32)) $((kib & 0xffffffff))
    printf '\t\t\tcpus = <%d>;\n\t\t\tvpl011;\n' "$vcpus"
    [ -z "${DOMAIN_EXTRA:-}" ] || printf '%s\n' "$DOMAIN_EXTRA" | sed 's/^/\t\t\t/'
    for pin in "$@"; do
        printf '\t\t\tvcpu%d {\n\t\t\t\tcompatible = "xen,vcpu";\n' "${pin%%:*}"
        printf '\t\t\t\tid = <%d>;\n\t\t\t\thard-affinity = "%s";\n\t\t\t};\n' \
            "${pin%%:*}" "${pin#*:}"
    done
    printf '\t\t\tmodule@%x {\n' $((addr))
    printf '\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
    printf '\t\t\t\treg = <%s 0x100000>;\n\t\t\t\tbootargs = "%s";\n' "$addr" "$args"
    printf '\t\t\t};\n\t\t};\n'
}

# config NAME: start a fragment (then call domain, then boot NAME ...).
config() {
    NAME=$1 NDOM=0 LOADERS=()
    printf '/ {\n\tchosen {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n' \
        > "$W/$NAME.dtsi"
}

# finish [GIC [MEM_MIB]]: close the fragment and build $W/$NAME.dtb.
finish() {
    printf '\t};\n};\n' >> "$W/$NAME.dtsi"
    "$MK" "$W/$NAME.dtb" "$W/$NAME.dtsi" "${1:-3}" 2 "${2:-1024}"
}

# boot [GIC [MEM_MIB]]: close the fragment, build the DTB, boot it.
boot() {
    local gic=${1:-3} mem=${2:-1024}
    finish "$gic" "$mem"
    qemu_run "${LOGDIR:-arm64-domains}/$NAME" 90 qemu-system-aarch64 \
        -cpu "${QEMU_CPU:-cortex-a57}" \
        -smp 2 -m "$mem" -nographic -monitor none -serial stdio -nic none \
        -M "virt,virtualization=on,gic-version=$gic" \
        -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}"
}


# boot_typed LOG SECS MEM_MIB INPUT: boot the built $W/$NAME.dtb (GICv3)
# with INPUT typed on its console at once; its output, CRs stripped, in
# LOG (QEMU_LOG), QEMU's exit status in QEMU_RC.
boot_typed() {
    QEMU_LOG=$1
    qemu_lock
    printf '%s' "$4" |
        timeout "$2" qemu-system-aarch64 -cpu "${QEMU_CPU:-cortex-a57}" -smp 2 \
            -m "$3" -nographic -monitor none -serial stdio -nic none \
            -M virt,virtualization=on,gic-version=3 \
            -kernel "$XEN" -dtb "$W/$NAME.dtb" "${LOADERS[@]}" > "$QEMU_LOG" 2>&1
    QEMU_RC=$?
    sed -i 's/\r$//' "$QEMU_LOG"
}
