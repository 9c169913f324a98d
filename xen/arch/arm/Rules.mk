# SPDX-License-Identifier: GPL-2.0-only
# arm64 code generation flags and the raw Image built from xen-syms.

# No FP/SIMD in our code and, with the MMU off, no unaligned accesses.
ARCH_FLAGS := -march=armv8-a -mgeneral-regs-only -mstrict-align
ARCH_FLAGS += -mno-outline-atomics -mcmodel=small
CFLAGS += $(ARCH_FLAGS)

# Domains run under the common scheduler (xen/common/sched.c).
HAS_SCHED := y
AFLAGS += -march=armv8-a

# The Linux-Image-format binary (header in head.S) that QEMU -kernel and
# U-Boot booti load.
$(O)/xen: $(O)/xen-syms
	$(OBJCOPY) -O binary $< $@

# The SHA-256 instructions need the SIMD registers: that file alone.
$(O)/obj/xen/arch/arm/arm64/sha256-ce.o: CFLAGS := \
    $(filter-out -mgeneral-regs-only,$(CFLAGS)) -march=armv8-a+crypto
