# SPDX-License-Identifier: GPL-2.0-only
# Hyperlaunch-form DTs for the x86_64 QEMU tests, scripts and benchmarks
# (sourced): dom or linux_dom per domain, hl_dts around them; for the
# tests that boot by -kernel, boot_args NAME NODES MODULE... sets INITRD
# for -initrd (needs $W).

# hl_dts NODE...: the DT source of a hyperlaunch node holding NODEs.
hl_dts() {
    printf '/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n'
    printf '\tchosen {\n\thypervisor {\n\t\tcompatible = "hypervisor,xen";\n'
    printf '%s\n' "$@"
    printf '\t};\n\t};\n};\n'
}

# dom DOMID MODULE-INDEX BOOTARGS [VCPUS [PROPERTIES]]: a 16 MiB domain
# node (no bootargs when BOOTARGS is empty); PROPERTIES (DT source) go in
# the domain node as they are.
dom() {
    printf '\t\tdom%s {\n\t\t\tcompatible = "xen,domain";\n' "$1"
    printf '\t\t\tdomid = <%s>;\n\t\t\tmemory = <0 0x4000>;\n\t\t\tcpus = <%s>;\n' "$1" "${4:-1}"
    [ -n "${5:-}" ] && printf '\t\t\t%s\n' "$5"
    printf '\t\t\tkernel {\n\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
    printf '\t\t\t\tmodule-index = <%s>;\n' "$2"
    [ -n "$3" ] && printf '\t\t\t\tbootargs = "%s";\n' "$3"
    printf '\t\t\t};\n\t\t};\n'
}

# linux_dom I MODE VCPUS KERNEL [ARGS [PINS]]: Linux domain I, 256 MiB,
# MODE pvh or hvm ('mode' 2), KERNEL its module-index, the ramdisk module
# 3; the command line is "console=ttyS0 domname=domU<I>" then ARGS as they
# are; PINS ("VCPU:CPULIST ...") gives vCPUs a hard-affinity.
linux_dom() {
    local pin
    printf '\t\tdom%s {\n\t\t\tcompatible = "xen,domain";\n' "$1"
    printf '\t\t\tdomid = <%s>;\n\t\t\tmemory = <0 0x40000>;\n\t\t\tcpus = <%s>;\n' "$1" "$3"
    [ "$2" = hvm ] && printf '\t\t\tmode = <2>;\n'
    for pin in ${6:-}; do
        printf '\t\t\tvcpu%s {\n\t\t\t\tcompatible = "xen,vcpu";\n' "${pin%%:*}"
        printf '\t\t\t\tid = <%s>;\n\t\t\t\thard-affinity = "%s";\n\t\t\t};\n' \
            "${pin%%:*}" "${pin#*:}"
    done
    printf '\t\t\tkernel {\n\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
    printf '\t\t\t\tmodule-index = <%s>;\n' "$4"
    printf '\t\t\t\tbootargs = "console=ttyS0 domname=domU%s%s";\n\t\t\t};\n' "$1" "${5:-}"
    printf '\t\t\tramdisk {\n\t\t\t\tcompatible = "multiboot,ramdisk", "multiboot,module";\n'
    printf '\t\t\t\tmodule-index = <3>;\n\t\t\t};\n\t\t};\n'
}

# boot_args NAME NODES MODULE...: the DTB of NODES, then the modules.
boot_args() {
    local name=$1 nodes=$2
    shift 2
    hl_dts "$nodes" > "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || return 1
    local IFS=,
    INITRD="$W/$name.dtb,$*"
}
