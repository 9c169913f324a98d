/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's guest ABI as its public documentation describes it: hypercall
 * numbers, the shared_info and vcpu_info pages, and the arguments of the
 * calls we implement.  Layouts are those of a 64-bit guest (arm64; x86_64
 * differs only in the arch parts noted).  Error codes are the -errno values
 * of <xen/errno.h>, which match Xen's.
 */
#ifndef PUBLIC_XEN_H
#define PUBLIC_XEN_H

#include <xen/types.h>

/* Hypercall numbers (x16 on arm64). */
#define __HYPERVISOR_memory_op 12
#define __HYPERVISOR_multicall 13
#define __HYPERVISOR_xen_version 17
#define __HYPERVISOR_console_io 18
#define __HYPERVISOR_grant_table_op 20
#define __HYPERVISOR_vm_assist 21
#define __HYPERVISOR_vcpu_op 24
#define __HYPERVISOR_sched_op 29
#define __HYPERVISOR_event_channel_op 32
#define __HYPERVISOR_physdev_op 33
#define __HYPERVISOR_hvm_op 34
#define HYPERCALL_NR 64 /* numbers at or above: -ENOSYS */

/* The HVC immediate of a hypercall on Arm. */
#define XEN_HYPERCALL_TAG 0xea1

#define DOMID_SELF 0x7ff0U

typedef uint32_t evtchn_port_t;

/* vcpu_time_info: the same 32 bytes on every architecture. */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad1[2];
};

/* Per-vCPU event state.  On arm64 the arch part is empty: 48 bytes. */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    uint8_t pad[6];
    uint64_t evtchn_pending_sel;
    struct vcpu_time_info time;
};

/* Legacy vcpu_info slots in shared_info: 1 on Arm (32 on x86). */
#define XEN_LEGACY_MAX_VCPUS 1

/* 2-level event channels: 64 words of 64 bits. */
#define EVTCHN_2L_WORDS 64
#define EVTCHN_2L_NR_PORTS (EVTCHN_2L_WORDS * 64)

struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    uint64_t evtchn_pending[EVTCHN_2L_WORDS];
    uint64_t evtchn_mask[EVTCHN_2L_WORDS];
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
};

/* xen_version sub-operations. */
#define XENVER_version 0
#define XENVER_extraversion 1 /* char[16] */
#define XENVER_compile_info 2 /* 64 + 16 + 32 + 32 chars */
#define XENVER_capabilities 3 /* char[1024] */
#define XENVER_changeset 4    /* char[64] */
#define XENVER_platform_parameters 5
#define XENVER_get_features 6
#define XENVER_pagesize 7
#define XENVER_guest_handle 8 /* uint8_t[16] */
#define XENVER_commandline 9  /* char[1024] */

struct xen_feature_info {
    uint32_t submap_idx;
    uint32_t submap;
};

#define XENFEAT_writable_page_tables 0
#define XENFEAT_auto_translated_physmap 2
#define XENFEAT_ARM_SMCCC_supported 14
#define XENFEAT_not_direct_mapped 17

/* console_io */
#define CONSOLEIO_write 0
#define CONSOLEIO_read 1

/* sched_op */
#define SCHEDOP_yield 0
#define SCHEDOP_block 1
#define SCHEDOP_shutdown 2
#define SCHEDOP_poll 3
#define SCHEDOP_remote_shutdown 4
#define SCHEDOP_shutdown_code 5
#define SCHEDOP_watchdog 6

#define SHUTDOWN_poweroff 0
#define SHUTDOWN_reboot 1
#define SHUTDOWN_suspend 2
#define SHUTDOWN_crash 3
#define SHUTDOWN_watchdog 4
#define SHUTDOWN_soft_reset 5

struct sched_shutdown {
    uint32_t reason;
};

struct sched_poll {
    uint64_t ports; /* guest address of evtchn_port_t[nr_ports] */
    uint32_t nr_ports;
    uint32_t pad;
    uint64_t timeout;
};

/* vcpu_op */
#define VCPUOP_is_up 3
#define VCPUOP_get_runstate_info 4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_register_vcpu_info 10

struct vcpu_register_vcpu_info {
    uint64_t mfn; /* guest frame number */
    uint32_t offset;
    uint32_t rsvd;
};

#define RUNSTATE_running 0
#define RUNSTATE_runnable 1
#define RUNSTATE_blocked 2
#define RUNSTATE_offline 3

struct vcpu_runstate_info {
    int32_t state;
    uint32_t pad;
    uint64_t state_entry_time;
    uint64_t time[4];
};

/* memory_op */
#define XENMEM_add_to_physmap 7
#define XENMEM_add_to_physmap_batch 23

#define XENMAPSPACE_shared_info 0
#define XENMAPSPACE_grant_table 1
#define XENMAPIDX_grant_table_status 0x80000000U

struct xen_add_to_physmap {
    uint16_t domid;
    uint16_t size; /* gmfn_range only */
    uint32_t space;
    uint64_t idx;
    uint64_t gpfn;
};

struct xen_add_to_physmap_batch {
    uint16_t domid;
    uint16_t space;
    uint16_t size;
    uint16_t foreign_domid;
    uint64_t idxs;  /* guest address of uint64_t[size] */
    uint64_t gpfns; /* guest address of uint64_t[size] */
    uint64_t errs;  /* guest address of int32_t[size] */
};

/* hvm_op */
#define HVMOP_set_param 0
#define HVMOP_get_param 1

struct xen_hvm_param {
    uint16_t domid;
    uint16_t pad;
    uint32_t index;
    uint64_t value;
};

#define HVM_PARAM_CALLBACK_IRQ 0
#define HVM_PARAM_STORE_PFN 1
#define HVM_PARAM_STORE_EVTCHN 2
#define HVM_PARAM_CONSOLE_PFN 17
#define HVM_PARAM_CONSOLE_EVTCHN 18
#define HVM_NR_PARAMS 39

#endif /* PUBLIC_XEN_H */
