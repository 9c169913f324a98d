/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Measured launch: the measurements of a boot (shared by the hypervisor and
 * the host tools), the TCG event log they are kept in, and PCR arithmetic.
 * See docs/designs/measured-launch.md.
 */
#ifndef XEN_MEASURE_H
#define XEN_MEASURE_H

#include <xen/bootinfo.h>
#include <xen/sha256.h>

/* The PCR assignment. */
#define HL_PCR_DTB 8     /* the boot DTB as the loader passed it */
#define HL_PCR_DOMAINS 9 /* boot modules and domain configurations */
#define HL_NR_PCRS 24

/* TCG PC Client event types and the SHA-256 algorithm id. */
#define EV_NO_ACTION 0x3U
#define EV_SEPARATOR 0x4U
#define EV_IPL 0xdU
#define TPM_ALG_SHA256 0x000bU

/* What a canonical domain configuration is prefixed with (version 1). */
#define HL_CONFIG_MAGIC "hyperlaunch-domain-config 1\n"
#define HL_CONFIG_MAX 1024 /* bytes; bootargs longer than fit are cut */

/* One measurement, in the order of the boot. */
struct hl_measurement {
    uint32_t pcr;
    uint32_t event_type;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char what[48];    /* "dtb", "d1 kernel", "d1 config", "separator" */
    const void *data; /* the event data kept in the log */
    uint32_t data_len;
};

/*
 * Called for each measurement in order, with @opaque.  Returns 0, or
 * -errno to stop the walk (hl_measure_boot() then returns it).
 */
typedef int (*hl_measure_fn)(const struct hl_measurement *ev, void *opaque);

/*
 * Measure the boot: the DTB (@fdt, @fdt_size bytes), then every module
 * (module data through hl_module_data()) and each domain's canonical
 * configuration, then a separator in each PCR, calling @fn for each.
 * After hl_check() succeeded.  Every module whose 'hyperlaunch,sha256'
 * differs from its digest is reported with hl_error(); the walk still
 * completes, and the return value is then -EINVAL.  A module whose data
 * cannot be seen: -EFAULT after a report.
 */
int hl_measure_boot(const void *fdt, size_t fdt_size,
                    const struct boot_info *bi, hl_measure_fn fn,
                    void *opaque);

/*
 * The canonical configuration of @bd into @buf (@size bytes, at least
 * HL_CONFIG_MAX), given its modules' digests (NULL: no such module).
 * Returns its length (no NUL counted).
 */
size_t hl_domain_config(const struct boot_domain *bd, const uint8_t *kernel,
                        const uint8_t *ramdisk, const uint8_t *dtb, char *buf,
                        size_t size);

/* PCR values as a TPM computes them, all zero at reset. */
struct hl_pcr_bank {
    uint32_t extended; /* bit n: PCR n was extended */
    uint8_t value[HL_NR_PCRS][SHA256_DIGEST_SIZE];
};
void hl_pcr_extend(struct hl_pcr_bank *bank, uint32_t pcr,
                   const uint8_t digest[SHA256_DIGEST_SIZE]);

/* A TCG crypto-agile event log (SHA-256 bank only) in a caller's buffer. */
struct hl_event_log {
    uint8_t *buf;
    size_t size, used;
    unsigned int nr_events; /* TCG_PCR_EVENT2 entries after the header */
    bool full;              /* an event did not fit and was left out */
};
/* Start the log with its TCG_EfiSpecIDEvent header (-ENOSPC if @size is small). */
int hl_log_init(struct hl_event_log *log, void *buf, size_t size);
/* Append one TCG_PCR_EVENT2.  0 or -ENOSPC (log->full is then set). */
int hl_log_append(struct hl_event_log *log, const struct hl_measurement *ev);

/* The line printed for @ev ("measured: pcr=9 sha256=<hex> d1 kernel"). */
void hl_measure_line(const struct hl_measurement *ev, char *buf, size_t size);

/* A host tool's prediction of a boot's measured launch. */
struct hl_prediction {
    /* Set by the caller: where each line goes (NULL: nowhere). */
    void (*line)(const char *line, void *opaque);
    void *opaque;
    /* The event log: the caller's hl_log_init() (buf NULL: no log). */
    struct hl_event_log log;
    /* Filled in: the PCRs as they end. */
    struct hl_pcr_bank bank;
};

/*
 * After hl_check() succeeded, with every module's data visible through
 * hl_module_data(): measure the boot as the hypervisor does, passing each
 * "measured:" line, then one "PCR<n> sha256=<hex>" line per PCR extended,
 * to @p->line.  Returns what hl_measure_boot() returns.
 */
int hl_measure_predict(const void *fdt, size_t fdt_size,
                       const struct boot_info *bi, struct hl_prediction *p);

#endif /* XEN_MEASURE_H */
