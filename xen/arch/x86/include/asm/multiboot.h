/* SPDX-License-Identifier: GPL-2.0-only */
/* Multiboot1 and multiboot2 header and boot information layouts. */
#ifndef ASM_X86_MULTIBOOT_H
#define ASM_X86_MULTIBOOT_H

/* Multiboot1: the image header. */
#define MB1_HEADER_MAGIC 0x1badb002
#define MB1_HDR_PAGE_ALIGN (1 << 0) /* modules on 4 KiB boundaries */
#define MB1_HDR_MEMORY_INFO (1 << 1)
#define MB1_HDR_AOUT_KLUDGE (1 << 16) /* load addresses in the header */

/* Multiboot1: what the loader passes. */
#define MB1_BOOTLOADER_MAGIC 0x2badb002
#define MB1_INFO_CMDLINE (1 << 2)
#define MB1_INFO_MODS (1 << 3)
#define MB1_INFO_MEM_MAP (1 << 6)
#define MB1_INFO_LOADER_NAME (1 << 9)

/* Multiboot2: the image header and its tags. */
#define MB2_HEADER_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0
#define MB2_HDR_TAG_END 0
#define MB2_HDR_TAG_ENTRY 3

/* Multiboot2: what the loader passes. */
#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER_NAME 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_TAG_EFI64 12    /* EFI system table (boot services exited) */
#define MB2_TAG_ACPI_OLD 14 /* a copy of the ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW 15 /* a copy of the ACPI 2.0+ RSDP */
#define MB2_TAG_EFI_MMAP 17 /* the UEFI memory map */
#define MB2_TAG_EFI_BS 18   /* boot services were not exited */
#define MB2_TAG_ALIGN 8

#ifndef __ASSEMBLY__

#include <xen/types.h>

struct mb1_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
};

struct mb1_module {
    uint32_t mod_start, mod_end; /* [start, end) */
    uint32_t string;
    uint32_t reserved;
};

/* One multiboot1 memory map entry; @size excludes the field itself. */
struct __attribute__((packed)) mb1_mmap_entry {
    uint32_t size;
    uint64_t addr, len;
    uint32_t type;
};

struct mb2_info {
    uint32_t total_size;
    uint32_t reserved;
};

struct mb2_tag {
    uint32_t type;
    uint32_t size; /* including this header */
};

struct mb2_tag_string {
    struct mb2_tag tag;
    char string[];
};

struct mb2_tag_module {
    struct mb2_tag tag;
    uint32_t mod_start, mod_end; /* [start, end) */
    char string[];
};

struct mb2_tag_mmap {
    struct mb2_tag tag;
    uint32_t entry_size, entry_version;
};

struct mb2_mmap_entry {
    uint64_t addr, len;
    uint32_t type, reserved;
};

/* The UEFI memory map tag: @descr_size-byte descriptors follow. */
struct mb2_tag_efi_mmap {
    struct mb2_tag tag;
    uint32_t descr_size, descr_version;
};

/* One UEFI memory descriptor (UEFI 2.x, EFI_MEMORY_DESCRIPTOR). */
struct efi_mem_desc {
    uint32_t type;
    uint32_t pad;
    uint64_t phys_start, virt_start;
    uint64_t nr_pages; /* of 4 KiB */
    uint64_t attribute;
};

/* Memory map entry type of usable RAM (both protocols, as in e820). */
#define MB_MEMORY_AVAILABLE 1

#endif /* __ASSEMBLY__ */

#endif /* ASM_X86_MULTIBOOT_H */
