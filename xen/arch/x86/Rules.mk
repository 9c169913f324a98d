# SPDX-License-Identifier: GPL-2.0-only
# x86_64 build rules: code model, flags, and the multiboot-loadable image.

# Linked and run at 1 MiB, identity-mapped: the small code model fits.
CFLAGS += -m64 -mcmodel=small -mno-red-zone -mgeneral-regs-only
CFLAGS += -fcf-protection=none -fno-jump-tables
AFLAGS += -m64

# One RWX load segment, laid out in the file exactly as in memory: the
# multiboot1 a.out kludge loads the file linearly from the header onwards.
LDFLAGS += -z max-page-size=0x1000 -z norelro --build-id=none

# The 16550 UART on the legacy I/O ports is the x86 console.
CONFIG_NS16550 := y

# Domains run under the common scheduler (xen/common/sched.c).
HAS_SCHED := y

# The artifact: the same ELF64 without debug info.  Both multiboot headers
# sit in its first page of text; check the file still carries them.
$(O)/xen: $(O)/xen-syms
	$(OBJCOPY) --strip-debug $< $@
	@od -A n -t x4 -N 8192 $@ | grep -q 1badb002 || \
	    { echo "$@: no multiboot1 header in the first 8 KiB" >&2; exit 1; }

# The bzImage header checks read an untrusted image (the parser's flags).
$(O)/obj/xen/arch/x86/bzimage.o: CFLAGS += $(PARSER_CFLAGS)
