/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hlimage --measure: the measured launch of what hlimage laid out, with the
 * prediction hlcheck --measure runs (xen/common/hyperlaunch/predict.c):
 * the same "measured:" and "PCR<n>" lines, and the TCG event log.
 */
#include <libfdt.h>
#include <stdio.h>
#include <xen/measure.h>

#include "hlimage.h"

#define LOG_SIZE (64 * 1024)

static uint8_t log_buf[LOG_SIZE];
static struct hl_prediction pred;

static void print_line(const char *line, void *opaque)
{
    printf("%s\n", line);
}

int hl_image_measure(const void *fdt, struct boot_info *bi,
                     const struct hl_layout *l, bool dtb_is_module)
{
    size_t size = fdt_totalsize(fdt);
    int rc;

    /* x86: the DTB is multiboot module 0, measured with the others. */
    if ( dtb_is_module && hl_tool_give_module(l->dtb.addr, fdt, size) )
        return -ENOSPC;
    pred.line = print_line;
    hl_log_init(&pred.log, log_buf, sizeof(log_buf));
    rc = hl_measure_predict(fdt, size, bi, &pred);
    fflush(stdout); /* before the boot loader's tools are run */
    if ( rc )
        fprintf(stderr, "%s: the measured launch would stop the boot\n",
                hl_progname);
    return rc;
}

int hl_image_measure_log(const char *dir)
{
    return hl_write_file(dir, HLIMAGE_LOG_NAME, pred.log.buf, pred.log.used);
}
