/* SPDX-License-Identifier: GPL-2.0-only */
/* Measured launch: what is measured, in which order, into which PCR. */
#include <xen/measure.h>

#include "private.h"

/* The digests of bi->mods[], in the same order. */
static uint8_t mod_digest[HL_MAX_MODULES][SHA256_DIGEST_SIZE];

static const char *hex_or_none(const uint8_t *d, char hex[65])
{
    return d ? sha256_hex(d, hex) : "none";
}

size_t hl_domain_config(const struct boot_domain *bd, const uint8_t *kernel,
                        const uint8_t *ramdisk, const uint8_t *dtb, char *buf,
                        size_t size)
{
    const char *args = bd->cmdline ? bd->cmdline : "";
    char hk[65], hr[65], hd[65];
    int n;

    n = snprintf(buf, size,
                 HL_CONFIG_MAGIC "name %s\ndomid %u\ncapabilities 0x%x\n"
                                 "mode %s\nenhanced %s\nflags 0x%x\n"
                                 "memory-kib %llu\nvcpus %u\nkernel %s\n"
                                 "ramdisk %s\ndevice-tree %s\n"
                                 "bootargs %u %s\n",
                 bd->name, bd->domid, bd->capabilities,
                 arch_domain_mode_name(bd), hl_enhanced_name(bd->enhanced),
                 bd->flags, (unsigned long long)bd->memory_kib, bd->vcpus,
                 hex_or_none(kernel, hk), hex_or_none(ramdisk, hr),
                 hex_or_none(dtb, hd), (unsigned int)strlen(args), args);
    if ( n < 0 )
        return 0;
    return (size_t)n < size ? (size_t)n : size - 1;
}

static int emit(hl_measure_fn fn, void *opaque, uint32_t pcr,
                const uint8_t *digest, const char *what, const void *data,
                size_t len)
{
    struct hl_measurement ev = {
        .pcr = pcr,
        .event_type = EV_IPL,
        .data = data,
        .data_len = (uint32_t)len,
    };

    memcpy(ev.digest, digest, SHA256_DIGEST_SIZE);
    snprintf(ev.what, sizeof(ev.what), "%s", what);
    return fn(&ev, opaque);
}

static int hex_digit(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

/* Whether the module's 'hyperlaunch,sha256' (checked by the parser) matches. */
static bool expected_matches(const struct boot_module *m, const uint8_t *d)
{
    unsigned int i;

    for ( i = 0; i < SHA256_DIGEST_SIZE; i++ )
        if ( hex_digit(m->expected_sha256[2 * i]) * 16 +
                 hex_digit(m->expected_sha256[2 * i + 1]) !=
             d[i] )
            return false;
    return true;
}

/* Digest module @i into mod_digest[@i]; 0, -EFAULT or -EINVAL. */
static int digest_module(const void *fdt, const struct boot_info *bi,
                         unsigned int i, const char *what)
{
    const struct boot_module *m = &bi->mods[i];
    const void *data = hl_module_data(m);
    char hex[65];

    if ( !data && m->size )
    {
        hl_error(fdt, m->node, hl_module_where(m),
                 "%s: the image cannot be read to measure it", what);
        return -EFAULT;
    }
    sha256_digest(data, (size_t)m->size, mod_digest[i]);
    if ( m->expected_sha256 && !expected_matches(m, mod_digest[i]) )
    {
        hl_error(fdt, m->node, "hyperlaunch,sha256",
                 "%s: the image's SHA-256 is %s, not the expected one", what,
                 sha256_hex(mod_digest[i], hex));
        return -EINVAL;
    }
    return 0;
}

static const char *module_what(const struct boot_module *m, char *buf,
                               size_t size)
{
    if ( m->owner )
        snprintf(buf, size, "d%u %s", m->owner->domid,
                 hl_module_kind_name(m->kind));
    else
        snprintf(buf, size, "%s", hl_module_kind_name(m->kind));
    return buf;
}

static int measure_modules(const void *fdt, const struct boot_info *bi,
                           const struct boot_domain *bd, hl_measure_fn fn,
                           void *opaque, int *status)
{
    unsigned int i;
    char what[48];
    int rc;

    for ( i = 0; i < bi->nr_mods; i++ )
    {
        if ( bi->mods[i].owner != bd )
            continue;
        module_what(&bi->mods[i], what, sizeof(what));
        rc = digest_module(fdt, bi, i, what);
        if ( rc == -EFAULT )
            return rc;
        if ( rc && !*status )
            *status = rc;
        rc = emit(fn, opaque, HL_PCR_DOMAINS, mod_digest[i], what, what,
                  strlen(what) + 1);
        if ( rc )
            return rc;
    }
    return 0;
}

static const uint8_t *digest_of(const struct boot_info *bi,
                                const struct boot_module *m)
{
    return m ? mod_digest[m - bi->mods] : NULL;
}

static int measure_config(const struct boot_info *bi,
                          const struct boot_domain *bd, hl_measure_fn fn,
                          void *opaque)
{
    static char config[HL_CONFIG_MAX];
    uint8_t d[SHA256_DIGEST_SIZE];
    char what[48];
    size_t len;

    len = hl_domain_config(bd, digest_of(bi, bd->kernel),
                           digest_of(bi, bd->ramdisk), digest_of(bi, bd->dtb),
                           config, sizeof(config));
    sha256_digest(config, len, d);
    snprintf(what, sizeof(what), "d%u config", bd->domid);
    return emit(fn, opaque, HL_PCR_DOMAINS, d, what, config, len);
}

static int measure_separators(hl_measure_fn fn, void *opaque)
{
    static const uint8_t zero[4];
    uint8_t d[SHA256_DIGEST_SIZE];
    struct hl_measurement ev = {
        .event_type = EV_SEPARATOR,
        .data = zero,
        .data_len = sizeof(zero),
        .what = "separator",
    };
    int rc;

    sha256_digest(zero, sizeof(zero), d);
    memcpy(ev.digest, d, sizeof(d));
    ev.pcr = HL_PCR_DTB;
    rc = fn(&ev, opaque);
    ev.pcr = HL_PCR_DOMAINS;
    return rc ?: fn(&ev, opaque);
}

/* Measured launch off: only the modules with an expected digest, checked. */
static int check_expected_only(const void *fdt, const struct boot_info *bi)
{
    int status = 0, rc;
    unsigned int i;
    char what[48];

    for ( i = 0; i < bi->nr_mods; i++ )
    {
        if ( !bi->mods[i].expected_sha256 )
            continue;
        rc = digest_module(fdt, bi, i,
                           module_what(&bi->mods[i], what, sizeof(what)));
        if ( rc && !status )
            status = rc;
    }
    return status;
}

int hl_measure_boot(const void *fdt, size_t fdt_size,
                    const struct boot_info *bi, hl_measure_fn fn, void *opaque)
{
    uint8_t d[SHA256_DIGEST_SIZE];
    int status = 0, rc;
    unsigned int i;

    if ( bi->measure_off )
        return check_expected_only(fdt, bi);
    sha256_digest(fdt, fdt_size, d);
    rc = emit(fn, opaque, HL_PCR_DTB, d, "dtb", "dtb", 4);
    /* Modules of no domain, then each domain's modules and configuration. */
    if ( !rc )
        rc = measure_modules(fdt, bi, NULL, fn, opaque, &status);
    for ( i = 0; !rc && i < bi->nr_domains; i++ )
    {
        rc = measure_modules(fdt, bi, &bi->domains[i], fn, opaque, &status);
        if ( !rc )
            rc = measure_config(bi, &bi->domains[i], fn, opaque);
    }
    if ( !rc )
        rc = measure_separators(fn, opaque);
    return rc ?: status;
}

void hl_measure_line(const struct hl_measurement *ev, char *buf, size_t size)
{
    char hex[65];

    snprintf(buf, size, "measured: pcr=%u sha256=%s %s", ev->pcr,
             sha256_hex(ev->digest, hex), ev->what);
}
