/* SPDX-License-Identifier: GPL-2.0-only */
/* libFuzzer harness: the Hyperlaunch DT parser over arbitrary bytes. */
#include "hltool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char *hl_progname = "hl-fuzz";
static struct boot_info bi;

void hl_report(bool is_error, const char *path, const char *prop,
               const char *line)
{
    /* Diagnostics must always be one finished, bounded line. */
    if ( strlen(line) >= 512 || strchr(line, '\n') || !strstr(line, path) ||
         (prop && !strstr(line, prop)) )
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* libfdt wants an 8-byte aligned blob, as loaders provide. */
    static uint64_t buf[(1 << 20) / 8];
    unsigned int i;

    if ( size > sizeof(buf) )
        return 0;
    memcpy(buf, data, size);
    for ( i = 0; i < 2; i++ )
    {
        hl_target = i ? HL_TARGET_X86_64 : HL_TARGET_ARM64;
        hl_init(&bi);
        bi.nr_loader_mods = size % 5 ? (int)(size % 7) : -1;
        /* arm64, as the hypervisor does: /chosen modules are the list. */
        bi.chosen_loader_mods = !i;
        if ( hl_parse(buf, size, &bi) == 0 )
        {
            hl_check(buf, &bi);
            hl_print_plan(&bi);
        }
    }
    return 0;
}
