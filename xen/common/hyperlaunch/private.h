/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal interfaces of the Hyperlaunch DT parser. */
#ifndef HYPERLAUNCH_PRIVATE_H
#define HYPERLAUNCH_PRIVATE_H

#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>
#include <libfdt.h>

/* diag.c: error bookkeeping for one parse or check run. */
void hl_diag_reset(void);
unsigned int hl_diag_errors(void);
unsigned int hl_diag_warnings(void);

/* props.c: readers that validate length and termination. */
int hl_prop_u32(const void *fdt, int node, const char *name, const void *val,
                int len, uint32_t *out);
int hl_prop_kib(const void *fdt, int node, const char *name, const void *val,
                int len, uint64_t *out);
int hl_prop_string(const void *fdt, int node, const char *name,
                   const void *val, int len, const char **out);
bool hl_node_is(const void *fdt, int node, const char *compat);
int hl_parse_cpu_list(const char *s, uint64_t *mask);
int hl_parse_size(const char *s, uint64_t *bytes);

/* Record a parsed property that is rejected as "not supported yet". */
void hl_pending(struct boot_info *bi, int node, const char *prop,
                const char *what);
/* The same for a property whose value (quoted in the message) is the issue. */
void hl_pending_value(struct boot_info *bi, int node, const char *prop,
                      const char *value);

/* fdt-walk.c */
int hl_fdt_prewalk(const void *fdt);

/* module.c */
struct boot_module *hl_parse_module(const void *fdt, int node, int parent,
                                    struct boot_info *bi,
                                    struct boot_domain *bd);
bool hl_is_module_node(const void *fdt, int node);
/* @node's one <address size> 'reg' pair, or -EINVAL after hl_error(). */
int hl_module_reg(const void *fdt, int node, int parent, paddr_t *start,
                  paddr_t *size);
struct boot_module **hl_module_slot(struct boot_domain *bd,
                                    struct boot_module *mod);
/* The property that located @m: "module-index" or "reg". */
const char *hl_module_where(const struct boot_module *m);
/* "<@m's node>: property '<where>': [s, e) overlaps @what [@start, +@size)". */
void hl_module_overlap_error(const void *fdt, const struct boot_module *m,
                             const char *what, paddr_t start, paddr_t size);

/* lifecycle.c */
void hl_lifecycle_defaults(struct boot_domain *bd);
int hl_parse_on_end(const void *fdt, int node, struct boot_domain *bd,
                    const char *name, const void *val, int len);
int hl_parse_watchdog(const void *fdt, int node, struct boot_domain *bd,
                      const char *name, int len);

/* domain.c */
int hl_parse_domain(const void *fdt, int node, struct boot_info *bi);

/* memmap.c: host RAM and reserved memory, and modules checked against them. */
int hl_parse_memory_map(const void *fdt, struct boot_info *bi);
int hl_check_module_placement(const void *fdt, const struct boot_info *bi,
                              const struct boot_module *m);

/* static-mem.c: xen,static-mem and direct-map. */
int hl_parse_static_mem(const void *fdt, int node, const void *val, int len,
                        struct boot_domain *bd);
int hl_check_static_mem(const void *fdt, const struct boot_info *bi,
                        unsigned int i);

/* passthrough.c: partial device trees, read in the check phase. */
int hl_check_passthrough(const void *fdt, struct boot_info *bi);

/* Set (or clear, with NULL) what every diagnostic line starts with. */
void hl_diag_scope(const char *prefix);
/* static-evtchn.c */
int hl_parse_evtchn(const void *fdt, int node, struct boot_info *bi,
                    struct boot_domain *bd);
int hl_check_evtchns(const void *fdt, struct boot_info *bi);

/* static-shm.c */
int hl_parse_shm(const void *fdt, int node, struct boot_info *bi,
                 struct boot_domain *bd);
int hl_check_shms(const void *fdt, struct boot_info *bi);

/* loader-list.c: the loader's module list from /chosen (arm64 GRUB). */
int hl_chosen_loader_list(const void *fdt, int chosen, int domains_parent,
                          struct boot_info *bi);
/* Index of @node in bi->loader_mods, or -1. */
int hl_loader_index(const struct boot_info *bi, int node);
/* @node is a /chosen loader module that some domain names. */
bool hl_loader_node_used(const struct boot_info *bi, int node);
/* The error for loader module @idx, which no domain names. */
void hl_loader_unused_error(const void *fdt, const struct boot_info *bi,
                            int idx, const char *why);

/* dom0.c */
int hl_parse_dom0(const void *fdt, int chosen, struct boot_info *bi);

#endif /* HYPERLAUNCH_PRIVATE_H */
