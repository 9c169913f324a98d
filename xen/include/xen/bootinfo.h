/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot structures filled by the Hyperlaunch DT parser: modules, domains. */
#ifndef XEN_BOOTINFO_H
#define XEN_BOOTINFO_H

#include <xen/types.h>
#include <asm/bootinfo.h>

/* Compile-time limits. */
#define HL_MAX_DOMAINS 256 /* boot domains in one device tree, Dom0 counted */
/* Module nodes: a kernel, a ramdisk and a partial DT per domain, and more. */
#define HL_MAX_MODULES (3 * HL_MAX_DOMAINS + 8)
/* Modules handed over by a multiboot loader: the DTB, kernels, ramdisks. */
#define HL_MAX_LOADER_MODS (2 * HL_MAX_DOMAINS + 8)
#define HL_MAX_VCPUS 128    /* vCPUs per domain (GUEST_MAX_VCPUS) */
#define HL_MAX_HOST_CPUS 64 /* width of a hard-affinity mask */
#define HL_NAME_LEN 32
#define HL_MAX_MEMORY_KIB (1ULL << 30) /* 1 TiB per domain */
#define HL_MAX_MEM_RANGES 64     /* host RAM ranges, and reserved ranges */
#define HL_MAX_STATIC_BANKS 8    /* xen,static-mem banks per domain */
#define HL_MAX_PT_DEVS 16        /* passed-through devices, all domains */
#define HL_MAX_PT_REGS 4         /* xen,reg entries per device */
#define HL_MAX_PT_IRQS 4         /* interrupts per device */
#define HL_MAX_EVTCHNS 128       /* static event-channel ends, all domains */
#define HL_MAX_EVTCHN_PORT 1023U /* the highest port a domain has */
#define HL_MAX_SHMS 32           /* static shared-memory nodes, all domains */
#define HL_SHM_ID_MAX 16         /* bytes of a xen,shm-id, with its NUL */

/* Capability bits, as in Xen's public bootfdt.h. */
#define DOMAIN_CAPS_CONTROL (1U << 0)
#define DOMAIN_CAPS_HARDWARE (1U << 1)
#define DOMAIN_CAPS_XENSTORE (1U << 2)
#define DOMAIN_CAPS_MASK \
    (DOMAIN_CAPS_CONTROL | DOMAIN_CAPS_HARDWARE | DOMAIN_CAPS_XENSTORE)

/* Reserved domids start here, as in Xen. */
#define DOMID_FIRST_RESERVED 0x7ff0U

typedef enum {
    BOOTMOD_UNKNOWN,
    BOOTMOD_KERNEL,
    BOOTMOD_RAMDISK,
    BOOTMOD_GUEST_DTB, /* partial device tree (passthrough) */
    BOOTMOD_XSM_POLICY,
    BOOTMOD_MICROCODE,
} boot_module_kind;

struct boot_domain;

struct boot_module {
    boot_module_kind kind;
    paddr_t start;
    paddr_t size;
    const char *cmdline;       /* "bootargs" of the module node, or NULL */
    int node;                  /* FDT offset of the module node */
    int mb_index;              /* multiboot module number, or -1 */
    struct boot_domain *owner; /* NULL for modules of no domain */
    bool donatable; /* whole pages holding nothing else (domains_build) */
    bool donated;   /* mapped into its domain as it lies, not copied */
    bool kept;      /* a restartable domain boots from it (domains_build) */
    /* hyperlaunch,sha256: 64 hex digits the image must hash to, or NULL. */
    const char *expected_sha256;
};

/* Which binding described a domain. */
enum hl_form {
    HL_FORM_NONE,
    HL_FORM_DOM0LESS, /* xen,domain nodes directly under /chosen */
    HL_FORM_HYPERLAUNCH, /* /chosen/hypervisor { compatible = "hypervisor,xen" } */
};

/* Optional per-domain features (bits of boot_domain.flags). */
#define BD_VPL011 (1U << 0)  /* emulated SBSA UART for the console */
#define BD_IS_DOM0 (1U << 1) /* Dom0 described by modules under /chosen */
#define BD_CPUS_SET (1U << 2)
#define BD_DIRECT_MAP (1U << 3) /* guest physical = host physical */
#define BD_WATCHDOG (1U << 4)   /* hyperlaunch,watchdog: a virtual watchdog */
#define BD_EVENT_LOG (1U << 5)  /* hyperlaunch,event-log: gets the TCG log */
/* /chosen property: "continue" (default) or "stop" when the TPM fails. */
#define HL_TPM_POLICY_PROP "hyperlaunch,tpm-failure"
/* /chosen property: "on" (default) or "off": no measured launch at all. */
#define HL_MEASURE_PROP "hyperlaunch,measure"

/* What ends a domain, each with its policy (hyperlaunch,on-<event>). */
enum hl_end_event {
    HL_ON_POWEROFF, /* the guest powered itself off */
    HL_ON_REBOOT,   /* the guest asked for a reset */
    HL_ON_CRASH,    /* the hypervisor crashed it for what it did */
    HL_ON_WATCHDOG, /* its virtual watchdog expired */
    HL_NR_END_EVENTS
};

/* What happens then. */
enum hl_action {
    HL_ACTION_DESTROY, /* it stays down, its memory freed */
    HL_ACTION_RESTART, /* rebuilt from its boot modules, as at boot */
};

/* xen,enhanced: which Xen PV interfaces a domain gets (boot_domain.enhanced). */
enum hl_enhanced {
    HL_ENHANCED_NONE,        /* absent or "disabled": no /hypervisor node */
    HL_ENHANCED_NO_XENSTORE, /* "no-xenstore": hypercalls, events, grants */
    HL_ENHANCED_FULL, /* "enabled" or empty: the same, no xenstore yet */
};

struct boot_shm;

struct boot_domain {
    char name[HL_NAME_LEN];
    int node; /* FDT offset of the domain node */
    domid_t domid;
    bool domid_set;
    uint32_t capabilities; /* DOMAIN_CAPS_* */
    uint32_t flags;        /* BD_* */
    uint8_t enhanced;      /* enum hl_enhanced */
    uint64_t memory_kib;
    uint32_t vcpus;
    struct boot_module *kernel;
    struct boot_module *ramdisk;
    struct boot_module *dtb; /* partial device tree, if any */
    const void *pfdt;        /* its blob, once the check phase read it */
    /* Its devices: consecutive entries of boot_info.pt_devs. */
    const struct hl_pt_dev *pt_devs;
    unsigned int nr_pt_devs;
    /* xen,static-mem: the host RAM the domain's memory is made of. */
    unsigned int nr_static;
    struct hl_static_bank {
        paddr_t start, size;
    } static_mem[HL_MAX_STATIC_BANKS];
    const char *cmdline; /* the kernel's command line, or NULL */
    /* Hard affinity per vCPU: bit n = host CPU n; 0 means any CPU. */
    uint64_t vcpu_affinity[HL_MAX_VCPUS];
    /* Its static shared-memory nodes (in boot_info.shms). */
    const struct boot_shm *shms;
    unsigned int nr_shms;
    /* Bit n: a xen,vcpu node describes vCPU n (with or without affinity). */
    uint64_t vcpu_described[HL_MAX_VCPUS / 64];
    uint8_t on_end[HL_NR_END_EVENTS]; /* enum hl_action per hl_end_event */
    struct arch_boot_domain arch;
};

/*
 * A module as the boot loader listed it, counted by 'module-index': x86
 * multiboot, or (bi->chosen_loader_mods) a module node directly under
 * /chosen, such as the ones arm64 GRUB's xen_module adds.
 */
struct loader_module {
    paddr_t start;
    paddr_t size;
    const char *cmdline;
    int node;  /* its /chosen module node, or 0 */
    bool used; /* a domain's module node names it by module-index */
};

/* A range of host memory: RAM, or memory set aside by the firmware. */
struct hl_mem_range {
    paddr_t start, size;
    int node; /* its /memory or /reserved-memory node; -1: /memreserve/ */
};

/* One MMIO range of a passed-through device ('xen,reg'). */
struct hl_pt_reg {
    paddr_t host, size, guest;
};

/* A device node of a partial device tree's /passthrough. */
struct hl_pt_dev {
    struct boot_domain *owner;
    int node;         /* in owner->pfdt */
    int host_node;    /* the host DT node 'xen,path' names */
    const char *path; /* 'xen,path' */
    unsigned int nr_regs, nr_irqs;
    struct hl_pt_reg regs[HL_MAX_PT_REGS];
    uint32_t irqs[HL_MAX_PT_IRQS]; /* INTIDs (SPIs only) */
};

/* A parsed property whose behaviour is not implemented yet. */
struct hl_pending {
    int node;
    const char *prop;
    const char *what;   /* what is missing, or NULL */
    bool what_is_value; /* @what is the property's value: quote it */
};
#define HL_MAX_PENDING 32

/* One end of a static event channel (a xen,evtchn-v1 node). */
struct boot_evtchn {
    int node;
    struct boot_domain *bd;         /* the domain the node belongs to */
    uint32_t port;                  /* the local port */
    uint32_t peer_phandle;          /* the other end's node */
    const struct boot_evtchn *peer; /* set by the check phase */
};

/* A xen,domain-shared-memory-v1 node of a domain. */
struct boot_shm {
    int node;
    const char *id; /* xen,shm-id */
    bool host_set;  /* xen,shared-mem gave the host address */
    bool owner;     /* role = "owner" */
    paddr_t host, gpa, size;
};

struct boot_info {
    /* Filled by the environment before parsing. */
    paddr_t fdt_start, fdt_size; /* where the DTB sits; size 0: unknown */
    paddr_t xen_start, xen_size; /* hypervisor image; size 0: unknown */
    int nr_loader_mods;          /* -1: no loader module list known */
    /*
     * The module nodes directly under /chosen, when there are any, are
     * the loader's module list (arm64, where GRUB's xen_module adds one
     * node per module, in command order); the parser fills loader_mods.
     */
    bool chosen_loader_mods;
    struct loader_module loader_mods[HL_MAX_LOADER_MODS];
    /*
     * Host RAM, when the loader says (x86: the multiboot memory map);
     * else the parser reads the /memory nodes.  None at all (a fragment
     * given to the host tool): where modules lie is not checked.
     */
    unsigned int nr_ram;
    struct hl_mem_range ram[HL_MAX_MEM_RANGES];

    /* Filled by the parser. */
    unsigned int nr_reserved; /* /memreserve/ and /reserved-memory */
    struct hl_mem_range reserved[HL_MAX_MEM_RANGES];
    enum hl_form form;
    const char *xen_cmdline;      /* xen,xen-bootargs */
    const char *xen_cmdline_prop; /* the /chosen property it came from */
    const char *dom0_cmdline;     /* xen,dom0-bootargs */
    bool tpm_required;            /* hyperlaunch,tpm-failure = "stop" */
    bool measure_off;             /* hyperlaunch,measure = "off" */
    unsigned int nr_mods;
    struct boot_module mods[HL_MAX_MODULES];
    unsigned int nr_domains;
    struct boot_domain domains[HL_MAX_DOMAINS];
    unsigned int nr_pt_devs; /* filled by the check phase */
    struct hl_pt_dev pt_devs[HL_MAX_PT_DEVS];
    unsigned int nr_evtchns;
    struct boot_evtchn evtchns[HL_MAX_EVTCHNS];
    unsigned int nr_shms;
    struct boot_shm shms[HL_MAX_SHMS];
    unsigned int nr_pending; /* reported by the check phase */
    struct hl_pending pending[HL_MAX_PENDING];
    unsigned int nr_errors;
    unsigned int nr_warnings;
};

/* Whether [@a, @a + @as) and [@b, @b + @bs) share a byte. */
static inline bool ranges_overlap(paddr_t a, paddr_t as, paddr_t b, paddr_t bs)
{
    return a < b + bs && b < a + as;
}

#endif /* XEN_BOOTINFO_H */
