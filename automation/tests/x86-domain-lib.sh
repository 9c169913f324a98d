# SPDX-License-Identifier: GPL-2.0-only
# Hyperlaunch-form DTs for the x86_64 QEMU tests that boot by -kernel
# (sourced): dom ... per domain, then boot_args NAME NODES MODULE... sets
# INITRD for -initrd.  Needs $W.

# dom DOMID MODULE-INDEX BOOTARGS [VCPUS]: a 16 MiB domain node.
dom() {
    printf '\t\tdom%s {\n\t\t\tcompatible = "xen,domain";\n' "$1"
    printf '\t\t\tdomid = <%s>;\n\t\t\tmemory = <0 0x4000>;\n\t\t\tcpus = <%s>;\n' "$1" "${4:-1}"
    printf '\t\t\tkernel {\n\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";\n'
    printf '\t\t\t\tmodule-index = <%s>;\n\t\t\t\tbootargs = "%s";\n\t\t\t};\n\t\t};\n' "$2" "$3"
}

# boot_args NAME NODES MODULE...: the DTB of NODES, then the modules.
boot_args() {
    local name=$1 nodes=$2
    shift 2
    {
        printf '/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n'
        printf '\tchosen {\n\thypervisor {\n\t\tcompatible = "hypervisor,xen";\n'
        printf '%s' "$nodes"
        printf '\t};\n\t};\n};\n'
    } > "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || return 1
    local IFS=,
    INITRD="$W/$name.dtb,$*"
}
