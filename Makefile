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

.PHONY: help sysdeps venv install run test lint bench clean distclean

help:
	@echo "make run [ARGS=...]          run the app (e.g. make run ARGS=--demo)"
	@echo "make test [PYTEST_ARGS=...]  run the test suite (Qt offscreen)"
	@echo "make lint                    ruff check + ruff format --check"
	@echo "make bench                   run the benchmarks"
	@echo "make sysdeps                 install the system libraries Qt needs (Debian/Ubuntu)"
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

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: sysdeps $(STAMP)
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(VENV_PY) -m mentordesk.bench

clean:
	rm -rf .pytest_cache .ruff_cache build dist
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
