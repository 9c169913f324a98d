/* SPDX-License-Identifier: GPL-2.0-only */
/* Hyperlaunch DT: parse and check the boot domains described by the FDT. */
#ifndef XEN_HYPERLAUNCH_H
#define XEN_HYPERLAUNCH_H

#include <xen/bootinfo.h>

/*
 * Prepare @bi for parsing: zero it and mark the environment-supplied ranges
 * as unknown.  The caller then fills in what it knows (fdt_*, xen_*,
 * loader_mods) before calling hl_parse().
 */
void hl_init(struct boot_info *bi);

/*
 * Parse phase.  Reads the FDT of @fdt_size bytes (0: trust the header) and
 * fills @bi.  No side effects beyond @bi and the error log.  Every problem
 * found is reported through hl_report(); returns 0, -ENOEXEC when the blob
 * is not a usable FDT, -ENOENT when it describes no domain at all, or
 * -EINVAL when any error was reported.
 */
int hl_parse(const void *fdt, size_t fdt_size, struct boot_info *bi);

/*
 * Check phase.  Cross-domain rules on a parsed @bi: overlaps, counts, ids,
 * capabilities, sizes, static memory, the partial device trees (read
 * here, through hl_module_data(), into bi->pt_devs and each domain's
 * pfdt), and properties that are parsed but not supported yet.  No other
 * side effects.  Returns 0 or -EINVAL after reporting each problem.
 */
int hl_check(const void *fdt, struct boot_info *bi);

/*
 * The domain a partial device tree gave host DT node @host_node to, or
 * NULL: after hl_check().  Whoever describes the host's devices to a
 * domain (the hardware domain's DT) must leave out nodes owned by another.
 */
const struct boot_domain *hl_pt_host_owner(const struct boot_info *bi,
                                           int host_node);

/* Print the boot plan, one line per domain, through printk(). */
void hl_print_plan(const struct boot_info *bi);

/*
 * @s (NULL: "") copied into @buf of @size bytes, cut to fit, each control
 * character replaced by '?': DT strings are printed through it.
 */
const char *hl_printable(char *buf, size_t size, const char *s);

/*
 * For a 'memory' value of @kib that is refused as too large: when it reads
 * well as bytes, a hint such as "; 'memory' is in KiB: 128 MiB is <0x0
 * 0x20000>" into @buf; else "".
 */
const char *hl_memory_hint(char *buf, size_t size, uint64_t kib);

/*
 * The #address-cells and #size-cells the children of @parent use, as the
 * parser reads them: inherited from the nearest ancestor that sets them,
 * else 2 and 1; each must be 1 or 2.  0, or -EINVAL after hl_error().
 * The host tools place modules with it.
 */
int hl_parent_cells(const void *fdt, int parent, uint32_t *ac, uint32_t *sc);

/* "none", or capability names such as "control,xenstore", into @buf. */
const char *hl_caps_text(char *buf, size_t size, uint32_t caps);

/* Xen's name of an enum hl_enhanced value, e.g. "no-xenstore". */
const char *hl_enhanced_name(unsigned int enhanced);

/* Name of a module kind, e.g. "kernel". */
const char *hl_module_kind_name(boot_module_kind kind);

/* Lifecycle policies (lifecycle.c). */

/* "poweroff", "reboot", "crash", "watchdog". */
const char *hl_end_event_name(enum hl_end_event ev);
/* "destroy" or "restart". */
const char *hl_action_name(unsigned int action);
/* Whether any event of @bd restarts it (its modules must stay pristine). */
bool hl_restartable(const struct boot_domain *bd);
/* "poweroff=destroy,reboot=restart,crash=destroy,watchdog=restart". */
const char *hl_policy_text(char *buf, size_t size,
                           const struct boot_domain *bd);

/* Implemented by the environment (hypervisor or host tool). */

/*
 * Emit one finished diagnostic line (no trailing newline).  @is_error is
 * false for warnings.  @path is the node the line names ("device tree"
 * when none), @prop the property or NULL; both are already in @line, for
 * environments that keep them apart (hlcheck --json).  No control
 * characters in any of them.  Called during hl_parse()/hl_check() only.
 */
void hl_report(bool is_error, const char *path, const char *prop,
               const char *line);

/*
 * The bytes of module @m (m->size of them), for checks that look inside
 * an image, or NULL when the environment cannot see them (a host tool
 * given the DT alone; the arm64 hypervisor, which does not look).  Called
 * during hl_check() only, for a module the parser located.
 */
const void *hl_module_data(const struct boot_module *m);

/* Implemented by each architecture. */

/*
 * Called by hl_parse() for every property of a domain node that the common
 * binding does not know, after the common properties were read.  @bd is
 * half-built.  Returns 1 when the property belongs to the architecture and
 * was stored in bd->arch, 0 when it is unknown to the architecture too (the
 * caller then warns), or -EINVAL after reporting a malformed value with
 * hl_error().
 */
int arch_parse_domain_prop(const void *fdt, int node, struct boot_domain *bd,
                           const char *name, const void *val, int len);

/*
 * Called by hl_check() for each fully parsed domain.  Rejects what the
 * architecture cannot build (reporting with hl_error()) and returns 0 or
 * -EINVAL.  Must not modify @bd.
 */
int arch_check_domain(const void *fdt, const struct boot_domain *bd);

/*
 * Called by hl_check() for each guest-physical range [@gpa, +@size) that a
 * partial device tree maps into @bd (fully parsed; @fdt is the host DT).
 * Returns a short name of what the range collides with in @bd's guest
 * memory map ("RAM", "the vGIC distributor", ...), or NULL when it is free.
 * Must not modify @bd.
 */
const char *arch_guest_region_clash(const void *fdt,
                                    const struct boot_domain *bd, paddr_t gpa,
                                    paddr_t size);

/*
 * Called by hl_check() for each static shared-memory region of @bd, at
 * guest address @gpa, @size bytes (node @node, property @prop): rejects,
 * with hl_error(), a region over the domain's RAM or the architecture's
 * own guest ranges (or an architecture without static shared memory).
 * Returns 0 or -EINVAL.
 */
int arch_check_guest_region(const void *fdt, const struct boot_domain *bd,
                            int node, const char *prop, paddr_t gpa,
                            paddr_t size);

/* Short architecture-specific text for the plan (e.g. "pvh"), or "". */
const char *arch_domain_mode_name(const struct boot_domain *bd);

/* Diagnostics, for the parser and the arch hooks. */
__attribute__((format(printf, 4, 5))) void
hl_error(const void *fdt, int node, const char *prop, const char *fmt, ...);
__attribute__((format(printf, 4, 5))) void
hl_warn(const void *fdt, int node, const char *prop, const char *fmt, ...);

#endif /* XEN_HYPERLAUNCH_H */
