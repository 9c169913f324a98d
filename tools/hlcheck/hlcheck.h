/* SPDX-License-Identifier: GPL-2.0-only */
/* Host validator: shared declarations of hlcheck's files. */
#ifndef HLCHECK_H
#define HLCHECK_H

#include "hltool.h"

/* output.c */
void hl_print_table(const struct boot_info *bi);
/* The plan as JSON; @valid false: no domains, the "errors" that say why. */
void hl_print_json(const struct boot_info *bi, bool valid);

/* measure.c: hlcheck --measure ... (argv[1] is "--measure"). */
int hl_measure_main(int argc, char **argv);

#endif /* HLCHECK_H */
