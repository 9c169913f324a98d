/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot plan: one line per domain, printed once the checks passed. */
#include "private.h"

const char *hl_module_kind_name(boot_module_kind kind)
{
    static const char *const names[] = {
        [BOOTMOD_UNKNOWN] = "unknown",
        [BOOTMOD_KERNEL] = "kernel",
        [BOOTMOD_RAMDISK] = "ramdisk",
        [BOOTMOD_GUEST_DTB] = "device-tree",
        [BOOTMOD_XSM_POLICY] = "xsm-policy",
        [BOOTMOD_MICROCODE] = "microcode",
    };

    return (unsigned int)kind < ARRAY_SIZE(names) ? names[kind] : "unknown";
}

static void format_module(char *buf, size_t size, const char *what,
                          const struct boot_module *m)
{
    if ( !m )
        snprintf(buf, size, "%s=none", what);
    else if ( m->mb_index >= 0 && !m->size )
        snprintf(buf, size, "%s=mb#%d", what, m->mb_index);
    else
        snprintf(buf, size, "%s=%#llx+%#llx", what,
                 (unsigned long long)m->start, (unsigned long long)m->size);
}

const char *hl_caps_text(char *buf, size_t size, uint32_t caps)
{
    size_t n;

    snprintf(buf, size, "%s%s%s%s", caps ? "" : "none",
             (caps & DOMAIN_CAPS_CONTROL) ? "control," : "",
             (caps & DOMAIN_CAPS_HARDWARE) ? "hardware," : "",
             (caps & DOMAIN_CAPS_XENSTORE) ? "xenstore," : "");
    n = strlen(buf);
    if ( caps & ~DOMAIN_CAPS_MASK )
        snprintf(buf + n, size - n, "%#x", caps & ~DOMAIN_CAPS_MASK);
    else if ( n && buf[n - 1] == ',' )
        buf[n - 1] = '\0';
    return buf;
}

const char *hl_memory_hint(char *buf, size_t size, uint64_t kib)
{
    uint64_t as_kib = kib >> 10;

    /*
     * Bytes read as KiB: whole pages, 64 GiB or more (a domain of 64 MiB
     * or more in bytes).
     */
    if ( kib % 4096 || kib < (64ULL << 20) )
        snprintf(buf, size, "%s", "");
    else
        snprintf(buf, size,
                 "; 'memory' is in KiB: if %#llx was meant as bytes, write "
                 "<%#llx %#llx> (%llu MiB)",
                 (unsigned long long)kib, (unsigned long long)(as_kib >> 32),
                 (unsigned long long)(as_kib & 0xffffffffULL),
                 (unsigned long long)(as_kib >> 10));
    return buf;
}

const char *hl_enhanced_name(unsigned int enhanced)
{
    switch ( enhanced )
    {
    case HL_ENHANCED_NO_XENSTORE:
        return "no-xenstore";
    case HL_ENHANCED_FULL:
        return "enabled";
    default:
        return "disabled";
    }
}

void hl_print_plan(const struct boot_info *bi)
{
    const struct boot_domain *bd;
    /* Static: printed at boot only, and too large for a boot stack. */
    static char cmdline[1024];
    char kernel[48], ramdisk[48], caps[40], policy[72], name[HL_NAME_LEN];
    unsigned int i;

    printk("Hyperlaunch DT (%s form): %u domain%s\n",
           bi->form == HL_FORM_HYPERLAUNCH ? "hyperlaunch" : "dom0less",
           bi->nr_domains, bi->nr_domains == 1 ? "" : "s");
    for ( i = 0; i < bi->nr_domains; i++ )
    {
        bd = &bi->domains[i];
        format_module(kernel, sizeof(kernel), "kernel", bd->kernel);
        format_module(ramdisk, sizeof(ramdisk), "ramdisk", bd->ramdisk);
        hl_caps_text(caps, sizeof(caps), bd->capabilities);
        hl_printable(name, sizeof(name), bd->name);
        hl_printable(cmdline, sizeof(cmdline), bd->cmdline);
        printk("  d%u %s: vcpus=%u memory=%lluKiB caps=%s%s%s%s%s%s %s %s "
               "bootargs=\"%s\"\n",
               bd->domid, name, bd->vcpus, (unsigned long long)bd->memory_kib,
               caps, (bd->flags & BD_VPL011) ? " vpl011" : "",
               bd->enhanced ? " enhanced=" : "",
               bd->enhanced ? hl_enhanced_name(bd->enhanced) : "",
               *arch_domain_mode_name(bd) ? " mode=" : "",
               arch_domain_mode_name(bd), kernel, ramdisk, cmdline);
        printk("  d%u %s: on %s%s\n", bd->domid, name,
               hl_policy_text(policy, sizeof(policy), bd),
               (bd->flags & BD_WATCHDOG) ? ", virtual watchdog" : "");
    }
}
