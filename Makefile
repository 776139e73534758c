# MentorDesk developer tasks. `make test` and `make run` set up everything they need:
# system Qt libraries (packaging/sysdeps.sh), the .venv, and an editable install.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
VENV_PY := $(VENV)/bin/python
# Re-install only when pyproject.toml changes (or the venv is new).
STAMP := $(VENV)/.installed
ARGS ?=
PYTEST_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help sysdeps venv install run test test-slow test-clocks lint bench clean distclean \
	install-desktop uninstall-desktop package deb package-check

# Moments where a test that reads the real clock breaks: late evening (later today is
# tomorrow), a run that crosses midnight, year end, both London clock changes, summer time.
CLOCK_MOMENTS := '2026-12-06 23:23:30' '2026-12-06 23:58:30' '2026-12-31 23:50:00' \
	'2027-03-28 00:30:00' '2027-10-31 00:58:00' '2027-07-15 12:00:00'

help:
	@echo "make run [ARGS=...]          run the app (e.g. make run ARGS=--demo)"
	@echo "make test [PYTEST_ARGS=...]  run the test suite (Qt offscreen)"
	@echo "make test-slow               long random kill runs on a large file (not in CI)"
	@echo "make test-clocks             the suite under faketime at risky moments (slow)"
	@echo "make lint                    ruff check + ruff format --check"
	@echo "make bench                   run the benchmarks"
	@echo "make sysdeps                 install the system libraries Qt needs (Debian/Ubuntu)"
	@echo "make install-desktop         menu entry, icons and metainfo for this user (no root)"
	@echo "make package | deb           one-folder bundle (PyInstaller) | .deb of it, in build/"
	@echo "make package-check           build both, install the .deb, run it, remove it (root)"
	@echo "make clean | distclean       remove caches | also remove $(VENV)"

sysdeps:
	@PYTHON="$(PYTHON)" bash packaging/sysdeps.sh

# sysdeps is order-only: it must run first (python3-venv), but never forces a rebuild.
$(VENV_PY): | sysdeps
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | sysdeps $(VENV_PY)
	$(VENV_PY) -m pip install -e '.[test]'
	@touch $@

venv: $(VENV_PY)
install: $(STAMP)

run: sysdeps $(STAMP)
	$(VENV)/bin/mentordesk $(ARGS)

test: sysdeps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV_PY) -m pytest $(PYTEST_ARGS)

# The long random runs (the soak marker, deselected by `make test`) and the slow tests.
test-slow: sysdeps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV_PY) -m pytest -m "soak or slow" $(PYTEST_ARGS)

test-clocks: sysdeps $(STAMP)
	@command -v faketime >/dev/null || { echo "needs faketime: apt-get install -y faketime"; exit 1; }
	for moment in $(CLOCK_MOMENTS); do \
		echo "== $$moment"; \
		QT_QPA_PLATFORM=offscreen faketime "$$moment" $(CURDIR)/$(VENV_PY) -m pytest -q \
			-p no:cacheprovider $(PYTEST_ARGS) || exit 1; \
	done

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: sysdeps $(STAMP)
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(VENV_PY) -m mentordesk.bench

# The desktop entry, AppStream metainfo and icons, for this user (after `pipx install .`,
# which puts `mentordesk-gui` on PATH). Nothing here needs root.
APP_ID := io.github.mentordesk.MentorDesk
XDG_DATA ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
ICONS := mentordesk/resources/icons
HICOLOR := $(XDG_DATA)/icons/hicolor
ICON_SIZES := 16 32 48 64 128 256 512

install-desktop:
	install -Dm644 packaging/$(APP_ID).desktop $(XDG_DATA)/applications/$(APP_ID).desktop
	install -Dm644 packaging/$(APP_ID).metainfo.xml $(XDG_DATA)/metainfo/$(APP_ID).metainfo.xml
	install -Dm644 $(ICONS)/mentordesk.svg $(HICOLOR)/scalable/apps/$(APP_ID).svg
	install -Dm644 $(ICONS)/mentordesk-symbolic.svg $(HICOLOR)/symbolic/apps/$(APP_ID)-symbolic.svg
	for size in $(ICON_SIZES); do \
		install -Dm644 $(ICONS)/mentordesk-$$size.png $(HICOLOR)/$${size}x$${size}/apps/$(APP_ID).png; \
	done
	-command -v update-desktop-database >/dev/null && update-desktop-database -q $(XDG_DATA)/applications

uninstall-desktop:
	rm -f $(XDG_DATA)/applications/$(APP_ID).desktop $(XDG_DATA)/metainfo/$(APP_ID).metainfo.xml
	rm -f $(HICOLOR)/scalable/apps/$(APP_ID).svg $(HICOLOR)/symbolic/apps/$(APP_ID)-symbolic.svg
	for size in $(ICON_SIZES); do rm -f $(HICOLOR)/$${size}x$${size}/apps/$(APP_ID).png; done

# The bundle is built in a clean venv of its own with pinned tools, from a plain install of
# the checkout, so nothing of the development venv leaks in.
PKG_VENV := build/pkgenv
PYINSTALLER := pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.10

package: sysdeps
	rm -rf $(PKG_VENV) build/dist build/work
	$(PYTHON) -m venv $(PKG_VENV)
	$(PKG_VENV)/bin/pip install -q . $(PYINSTALLER)
	$(PKG_VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist \
		--workpath build/work packaging/mentordesk.spec
	@du -sh build/dist/mentordesk

deb: package
	bash packaging/build_deb.sh

package-check: deb
	bash packaging/smoke.sh

clean:
	rm -rf .pytest_cache .ruff_cache build dist
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
