/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tools: what hlcheck and hlimage share around the common parser. */
#ifndef HLTOOL_H
#define HLTOOL_H

#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>

/* Name of the running tool, for messages ("hlcheck", "hlimage"). */
extern const char *hl_progname;

/* report.c: when set, hl_report() prints errors only. */
extern bool hl_quiet;
/* report.c: when set, warnings are reported and kept as errors. */
extern bool hl_strict;
/* report.c: drop every diagnostic until called again with false. */
void hl_quiet_diags(bool mute);

/* report.c: every diagnostic of the run, as the parser gave it. */
struct hl_tool_diag {
    bool is_error;
    char *path;    /* the node ("device tree" when none), or NULL */
    char *prop;    /* the property, or NULL */
    char *message; /* without the node and property */
};
#define HL_TOOL_MAX_DIAGS 512
extern struct hl_tool_diag hl_diags[HL_TOOL_MAX_DIAGS];
extern unsigned int hl_nr_diags;
/* Keep a diagnostic of the tool's own (a file it cannot read, ...). */
void hl_tool_keep(bool is_error, const char *path, const char *prop,
                  const char *message);

enum hl_target {
    HL_TARGET_ARM64,
    HL_TARGET_X86_64,
};
extern enum hl_target hl_target;

/* "arm64" or "x86_64" into @t; -EINVAL for anything else. */
int hl_target_from_name(const char *name, enum hl_target *t);

/* The arch hooks, compiled once per architecture under these names. */
int arm_arch_parse_domain_prop(const void *fdt, int node,
                               struct boot_domain *bd, const char *name,
                               const void *val, int len);
int x86_arch_parse_domain_prop(const void *fdt, int node,
                               struct boot_domain *bd, const char *name,
                               const void *val, int len);
int arm_arch_check_domain(const void *fdt, const struct boot_domain *bd);
int x86_arch_check_domain(const void *fdt, const struct boot_domain *bd);
const char *arm_arch_guest_region_clash(const void *fdt,
                                        const struct boot_domain *bd,
                                        paddr_t gpa, paddr_t size);
const char *x86_arch_guest_region_clash(const void *fdt,
                                        const struct boot_domain *bd,
                                        paddr_t gpa, paddr_t size);
int arm_arch_check_guest_region(const void *fdt, const struct boot_domain *bd,
                                int node, const char *prop, paddr_t gpa,
                                paddr_t size);
int x86_arch_check_guest_region(const void *fdt, const struct boot_domain *bd,
                                int node, const char *prop, paddr_t gpa,
                                paddr_t size);
const char *arm_arch_domain_mode_name(const struct boot_domain *bd);
const char *x86_arch_domain_mode_name(const struct boot_domain *bd);

/*
 * shim.c: the contents of the module loaded at @start (@size bytes), for
 * the checks that look inside images.  0 or -ENOSPC.
 */
int hl_tool_give_module(paddr_t start, const void *data, size_t size);

/*
 * load.c: read a .dtb, or compile a .dts with dtc; "-" is standard input
 * (a blob, or source).  NULL after a message.
 */
void *hl_load_fdt(const char *path, size_t *size);
/* "<tool>: @file: <message>" on stderr, kept as an error. */
__printf(2, 3) void hl_tool_error(const char *file, const char *fmt, ...);

#endif /* HLTOOL_H */
