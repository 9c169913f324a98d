/* SPDX-License-Identifier: GPL-2.0-only */
/* The few UEFI 2.x tables and types the arm64 UEFI entry uses. */
#ifndef ASM_ARM_EFI_H
#define ASM_ARM_EFI_H

#include <xen/lib.h>
#include <xen/types.h>

typedef uint64_t efi_status_t;
typedef void *efi_handle_t;

#define EFI_SUCCESS 0
#define EFI_ERROR_BIT (1ULL << 63)
#define EFI_LOAD_ERROR (EFI_ERROR_BIT | 1)
#define EFI_UNSUPPORTED (EFI_ERROR_BIT | 3)
#define EFI_BUFFER_TOO_SMALL (EFI_ERROR_BIT | 5)

/* EFI_ALLOCATE_TYPE and EFI_MEMORY_TYPE values used here. */
#define EFI_ALLOCATE_ANY_PAGES 0
#define EFI_LOADER_CODE 1
#define EFI_LOADER_DATA 2
#define EFI_BOOT_SERVICES_CODE 3
#define EFI_BOOT_SERVICES_DATA 4
#define EFI_CONVENTIONAL_MEMORY 7

#define EFI_PAGE_SHIFT 12

struct efi_guid {
    uint32_t d1;
    uint16_t d2, d3;
    uint8_t d4[8];
};

struct efi_table_header {
    uint64_t signature;
    uint32_t revision, header_size, crc32, reserved;
};

struct efi_memory_descriptor {
    uint32_t type;
    uint32_t pad;
    uint64_t phys_start, virt_start;
    uint64_t nr_pages;
    uint64_t attribute;
};

struct efi_text_output {
    void *reset;
    efi_status_t (*output_string)(struct efi_text_output *self,
                                  const uint16_t *s);
};

/* EFI_BOOT_SERVICES up to ExitBootServices(), in table order. */
struct efi_boot_services {
    struct efi_table_header hdr;
    void *raise_tpl, *restore_tpl;
    efi_status_t (*allocate_pages)(uint32_t type, uint32_t mem_type,
                                   uint64_t pages, uint64_t *addr);
    efi_status_t (*free_pages)(uint64_t addr, uint64_t pages);
    efi_status_t (*get_memory_map)(uint64_t *size,
                                   struct efi_memory_descriptor *map,
                                   uint64_t *key, uint64_t *desc_size,
                                   uint32_t *desc_version);
    efi_status_t (*allocate_pool)(uint32_t mem_type, uint64_t size,
                                  void **buf);
    efi_status_t (*free_pool)(void *buf);
    void *create_event, *set_timer, *wait_for_event, *signal_event;
    void *close_event, *check_event;
    void *install_protocol_interface, *reinstall_protocol_interface;
    void *uninstall_protocol_interface, *handle_protocol, *reserved;
    void *register_protocol_notify, *locate_handle, *locate_device_path;
    void *install_configuration_table;
    void *load_image, *start_image, *exit, *unload_image;
    efi_status_t (*exit_boot_services)(efi_handle_t image, uint64_t key);
};

struct efi_config_table {
    struct efi_guid guid;
    void *table;
};

struct efi_system_table {
    struct efi_table_header hdr;
    const uint16_t *fw_vendor;
    uint32_t fw_revision;
    efi_handle_t con_in_handle;
    void *con_in;
    efi_handle_t con_out_handle;
    struct efi_text_output *con_out;
    efi_handle_t std_err_handle;
    void *std_err;
    void *runtime_services;
    struct efi_boot_services *boot_services;
    uint64_t nr_tables;
    struct efi_config_table *tables;
};

/*
 * UEFI entry in C (from head.S efi_start, at the link address, MMU on,
 * boot services running): find the DTB in the configuration table, copy
 * it with /memory rewritten from the UEFI memory map, exit boot services
 * and enter the hypervisor as booti would.  Returns only on failure, with
 * the status for the firmware (after printing why on ConOut).
 */
efi_status_t efi_main(efi_handle_t image, struct efi_system_table *st);

/* head.S: MMU and D-cache off, then the Image entry with x0 = @fdt. */
__noreturn void efi_enter_hypervisor(const void *fdt);

#endif /* ASM_ARM_EFI_H */
