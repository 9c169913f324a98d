/* SPDX-License-Identifier: GPL-2.0-only */
/* xen_version: the version and features a xen,enhanced domain sees. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/page-alloc.h>
#include <xen/pv.h>
#include <xen/sched.h>

/* The Xen release whose interfaces we offer (the /hypervisor node's too). */
#define PV_XEN_MAJOR 4
#define PV_XEN_MINOR 17

static long copy_string(struct vcpu *v, uint64_t gva, const char *s,
                        uint64_t size)
{
    char buf[64];

    memset(buf, 0, sizeof(buf));
    snprintf(buf, sizeof(buf), "%s", s);
    while ( size )
    {
        uint64_t n = MIN(size, sizeof(buf));

        if ( arch_copy_to_guest(v, gva, buf, n) )
            return -EFAULT;
        memset(buf, 0, sizeof(buf));
        gva += n;
        size -= n;
    }
    return 0;
}

static uint32_t feature_submap(uint32_t idx)
{
    if ( idx != 0 )
        return 0;
    return (1U << XENFEAT_writable_page_tables) |
           (1U << XENFEAT_auto_translated_physmap) |
           (1U << XENFEAT_ARM_SMCCC_supported) |
           (1U << XENFEAT_not_direct_mapped);
}

static long get_features(struct vcpu *v, uint64_t gva)
{
    struct xen_feature_info fi;

    if ( arch_copy_from_guest(v, &fi, gva, sizeof(fi)) )
        return -EFAULT;
    fi.submap = feature_submap(fi.submap_idx);
    return arch_copy_to_guest(v, gva, &fi, sizeof(fi));
}

long do_xen_version(struct vcpu *v, const uint64_t a[5])
{
    static const uint8_t handle[16];

    switch ( a[0] )
    {
    case XENVER_version:
        return (PV_XEN_MAJOR << 16) | PV_XEN_MINOR;
    case XENVER_extraversion:
        return copy_string(v, a[1], ".0-hyperlaunch", 16);
    case XENVER_compile_info:
        return copy_string(v, a[1], "", 64 + 16 + 32 + 32);
    case XENVER_capabilities:
        return copy_string(v, a[1], "xen-3.0-aarch64 ", 1024);
    case XENVER_changeset:
        return copy_string(v, a[1], "", 64);
    case XENVER_commandline:
        return copy_string(v, a[1], "", 1024);
    case XENVER_platform_parameters:
        return copy_string(v, a[1], "", 8); /* virt_start 0 */
    case XENVER_get_features:
        return get_features(v, a[1]);
    case XENVER_pagesize:
        return PAGE_SIZE;
    case XENVER_guest_handle:
        return arch_copy_to_guest(v, a[1], handle, sizeof(handle));
    default:
        return -ENOSYS;
    }
}
