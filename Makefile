# SPDX-License-Identifier: GPL-2.0-only
# Top-level build: the hypervisor for XEN_TARGET_ARCH, the host tools, tests.

XEN_TARGET_ARCH ?= arm64
BUILD ?= build
DEPS := automation/scripts/install-deps.sh

.PHONY: all xen tools guests linux-modules test run run-linux run-x86 run-x86-linux fuzz check format clean distclean deps install

all: xen tools

xen:
	$(MAKE) -f xen/Makefile ARCH=$(XEN_TARGET_ARCH) O=$(BUILD)/$(XEN_TARGET_ARCH)

tools:
	$(MAKE) -f tools/Makefile O=$(BUILD)/tools

# Test guests: arm64 bare-metal build/arm64/guests/<name>.img, x86_64 PVH
# build/x86_64/guests/<name>.elf.
guests:
	$(MAKE) -f automation/guests/arm64/Makefile O=$(BUILD)/arm64/guests
	$(MAKE) -f automation/guests/x86_64/Makefile O=$(BUILD)/x86_64/guests

# Kernel modules for the arm64 Linux test domains, built against Debian's
# linux-headers for their kernel (fetched into the build cache):
# build/arm64/linux-modules/<name>/<name>.ko.
linux-modules:
	set -e; for m in automation/guests/linux-modules/*/; do \
	    automation/scripts/build-linux-module.sh $$m \
	        $(BUILD)/arm64/linux-modules/$$(basename $$m); done

deps:
	bash $(DEPS)

# The host tools and their manual pages: $(DESTDIR)$(PREFIX)/bin and
# $(DESTDIR)$(PREFIX)/share/man/man1 (PREFIX defaults to /usr/local).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
install: tools
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BUILD)/tools/hlcheck $(BUILD)/tools/hlimage \
	    $(DESTDIR)$(BINDIR)/
	install -m 0644 docs/man/hlcheck.1 docs/man/hlimage.1 \
	    $(DESTDIR)$(MANDIR)/man1/

# Everything the tests need: both hypervisors, the host tools, the guests.
build-all:
	$(MAKE) -f xen/Makefile ARCH=arm64 O=$(BUILD)/arm64
	$(MAKE) -f xen/Makefile ARCH=x86_64 O=$(BUILD)/x86_64
	$(MAKE) -f tools/Makefile O=$(BUILD)/tools
	$(MAKE) guests

test: deps
	$(MAKE) build-all
	bash automation/tests/run-tests.sh

run: deps
	$(MAKE) build-all
	bash automation/scripts/run-demo.sh

# Debian's Linux in two domains, each to a shell (CTRL-a x3 switches).
run-linux: deps
	$(MAKE) build-all
	bash automation/scripts/run-linux.sh

# The same idea on x86_64: three PVH domains from a GRUB ISO.
run-x86: deps
	$(MAKE) build-all
	bash automation/scripts/run-demo-x86.sh

# Debian's amd64 Linux in three domains (PVH, PVH with 2 vCPUs, HVM) from
# a GRUB ISO, each to a shell (CTRL-a x3 switches).
run-x86-linux: deps
	$(MAKE) build-all
	bash automation/scripts/run-x86-linux.sh

fuzz: deps
	$(MAKE) -f tools/Makefile O=$(BUILD)/tools fuzz
	bash automation/scripts/run-fuzz.sh $(or $(FUZZ_SECONDS),60)

# Formatting, header self-containment and cppcheck (also run by make test),
# without the tests.
check: deps
	$(MAKE) build-all
	bash automation/scripts/check-format.sh
	bash automation/scripts/check-static.sh

format:
	bash automation/scripts/check-format.sh --fix

clean:
	rm -rf $(BUILD)/arm64 $(BUILD)/x86_64 $(BUILD)/tools $(BUILD)/tests

distclean:
	rm -rf $(BUILD)
