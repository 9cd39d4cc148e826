# SPDX-License-Identifier: GPL-3.0-or-later
#
# A thin wrapper around meson, so that a fresh Debian 12 machine needs two
# commands (see README.md):
#   make run    install what is missing, build, start the app
#   make check  install what is missing, build, run the whole test suite
# and for developers:
#   make deps   install the Debian packages that are missing (apt, via sudo
#               unless we are root); fast when nothing is missing
#   make build  configure (once) and build in ./build
#   make bench  run the benchmarks (bench/run) and print their table
#   make po     regenerate po/lesbezoek.pot and merge it into po/*.po
#   make clean  remove ./build

BUILDDIR ?= build
MESON    ?= meson

# What the build, the tests and the tools around them need on Debian 12.
# Installed with --no-install-recommends, so recommended packages that the
# app does need are named here (librsvg2-common draws the SVG icons,
# at-spi2-core gives GTK its accessibility bus, xauth is what xvfb-run uses).
DEPS_BUILD = meson ninja-build pkg-config gcc libc6-dev \
	libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev \
	libsqlite3-dev libxml2-dev libcairo2-dev libpango1.0-dev gettext \
	libpoppler-glib-dev libhyphen-dev libsecret-1-dev libpq-dev
DEPS_RUN   = adwaita-icon-theme hicolor-icon-theme librsvg2-common at-spi2-core \
	fonts-cantarell fonts-dejavu-core hyphen-nl dbus-daemon dbus-x11 \
	dbus-user-session ca-certificates
# postgresql: the server tests start throw-away clusters with its initdb and
# pg_ctl (they skip without it).
DEPS_TEST  = sqlite3 libxml2-utils desktop-file-utils appstream-util xvfb xauth \
	poppler-utils clang libclang-rt-14-dev imagemagick xdotool postgresql postgresql postgresql-contrib openssl
DEPS       = $(DEPS_BUILD) $(DEPS_RUN) $(DEPS_TEST)

# Run uninstalled: the compiled GSettings schema and the icons are taken
# from the build and source trees (translations are found by the binary
# itself, see lb_i18n_init).
RUN_ENV = GSETTINGS_SCHEMA_DIR="$(CURDIR)/$(BUILDDIR)/data" \
	XDG_DATA_DIRS="$(CURDIR)/data:$${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"

.PHONY: all deps setup build run check test bench po clean

all: build

deps:
	@missing=""; \
	for p in $(DEPS); do \
	  dpkg-query -W -f='$${db:Status-Abbrev}' "$$p" 2>/dev/null | grep -q '^ii' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "make deps: these packages are missing and I am neither root nor able to sudo:$$missing" >&2; exit 1; fi; \
	echo "make deps: installing$$missing"; \
	$$sudo apt-get update -q && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing

setup: deps
	@[ -f $(BUILDDIR)/build.ninja ] || $(MESON) setup $(BUILDDIR) || $(MESON) setup --wipe $(BUILDDIR)

build: setup
	$(MESON) compile -C $(BUILDDIR)

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: built $(BUILDDIR)/app/lesbezoek, but there is no display to open its window on" >&2; \
	  echo "  (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it from a desktop session, or try" >&2; \
	  echo "  the command line: $(BUILDDIR)/app/lesbezoek --help" >&2; \
	  exit 1; \
	fi
	@# Without a session bus (a bare X server, a container) GApplication
	@# would fail to register: give it a private one.
	@if [ -z "$$DBUS_SESSION_BUS_ADDRESS" ] && [ ! -S "$${XDG_RUNTIME_DIR:-/nonexistent}/bus" ]; then \
	  exec env $(RUN_ENV) dbus-run-session -- $(BUILDDIR)/app/lesbezoek; \
	else \
	  exec env $(RUN_ENV) $(BUILDDIR)/app/lesbezoek; \
	fi

# The whole suite. Without a display it runs under a private X server and
# session bus; then the fuzzer gets its turn when clang is there.
check: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
	    $(MESON) test -C $(BUILDDIR) --print-errorlogs; \
	elif [ -z "$$DBUS_SESSION_BUS_ADDRESS" ]; then \
	  dbus-run-session -- $(MESON) test -C $(BUILDDIR) --print-errorlogs; \
	else \
	  $(MESON) test -C $(BUILDDIR) --print-errorlogs; \
	fi
	@if [ -f tests/run-fuzz.sh ] && command -v clang >/dev/null 2>&1; then \
	  bash tests/run-fuzz.sh; \
	else \
	  echo "make check: skipping the fuzzer (needs tests/run-fuzz.sh and clang)"; \
	fi

test: check

# bench/run builds just the benchmarks and prints their table.
bench: setup
	BUILD_DIR="$(CURDIR)/$(BUILDDIR)" sh bench/run

# Maintainers: after strings changed, refresh the template and the
# translations, then translate what `meson test --suite i18n` reports.
po: setup
	$(MESON) compile -C $(BUILDDIR) lesbezoek-pot
	$(MESON) compile -C $(BUILDDIR) lesbezoek-update-po

clean:
	rm -rf $(BUILDDIR)
