/* SPDX-License-Identifier: GPL-2.0-only */
/* Host validator: shared declarations of hlcheck's files. */
#ifndef HLCHECK_H
#define HLCHECK_H

#include <xen/errno.h>
#include <xen/hyperlaunch.h>
#include <xen/lib.h>

enum hl_target {
    HL_TARGET_ARM64,
    HL_TARGET_X86_64,
};
extern enum hl_target hl_target;

/* The arch hooks, compiled once per architecture under these names. */
int arm_arch_parse_domain_prop(const void *fdt, int node,
                               struct boot_domain *bd, const char *name,
                               const void *val, int len);
int x86_arch_parse_domain_prop(const void *fdt, int node,
                               struct boot_domain *bd, const char *name,
                               const void *val, int len);
int arm_arch_check_domain(const void *fdt, const struct boot_domain *bd);
int x86_arch_check_domain(const void *fdt, const struct boot_domain *bd);
const char *arm_arch_domain_mode_name(const struct boot_domain *bd);
const char *x86_arch_domain_mode_name(const struct boot_domain *bd);

/* load.c: read a .dtb, or compile a .dts with dtc.  NULL after a message. */
void *hl_load_fdt(const char *path, size_t *size);

/* output.c */
void hl_print_table(const struct boot_info *bi);
void hl_print_json(const struct boot_info *bi);

#endif /* HLCHECK_H */
