/* SPDX-License-Identifier: GPL-2.0-only */
/* The PVH boot ABI: ELF note, struct hvm_start_info (v1) and its tables. */
#ifndef ASM_X86_HVM_START_INFO_H
#define ASM_X86_HVM_START_INFO_H

#include <xen/types.h>

/* ELF note (name "Xen") carrying the 32-bit physical entry point. */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define HVM_START_MAGIC 0x336ec578U
#define HVM_START_VERSION 1

/* Given to the guest in %ebx; every address is guest physical. */
struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr;   /* version >= 1 */
    uint32_t memmap_entries; /* version >= 1 */
    uint32_t reserved;
};

struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
    uint64_t reserved;
};

/* One e820-style memory map entry. */
struct hvm_memmap_table_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type; /* E820_* */
    uint32_t reserved;
};

#define E820_RAM 1
#define E820_RESERVED 2

_Static_assert(sizeof(struct hvm_start_info) == 56, "hvm_start_info");
_Static_assert(sizeof(struct hvm_modlist_entry) == 32, "hvm_modlist_entry");
_Static_assert(sizeof(struct hvm_memmap_table_entry) == 24, "memmap entry");

#endif /* ASM_X86_HVM_START_INFO_H */
