# Two commands set everything up on a fresh Debian machine:
#   make serve   build the site and serve it on http://127.0.0.1:8000
#   make test    run every test (installs the test tools and Debian's chromium)
# Both are idempotent: the project-local virtual environment in .venv is reused.

PYTHON ?= python3
# Material 9.7+ prints an end-of-life banner on every build; we know (see docs/developer).
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: serve build check lint test test-fast bench differential clean browser vnu

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q plugins >/dev/null  # (as pip does for a non-editable install)
	touch $@

$(TESTSTAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Build the site into site/ (atomically: a failed build leaves the old site/ in place)
build: $(STAMP)
	$(BIN)/eduhub build --site-dir site

## Build and serve on http://127.0.0.1:8000 with live reload
serve: $(STAMP)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

## Validate content and events without building
check: $(STAMP)
	$(BIN)/eduhub check

## Format and lint the Python tree (the tests check that this was done)
lint: $(TESTSTAMP)
	$(BIN)/python -m ruff format plugins tests bench
	$(BIN)/python -m ruff check --fix plugins tests bench

## Debian's chromium for the browser tests (Playwright drives /usr/bin/chromium)
browser:
	@scripts/install-chromium.sh

## Java (Debian) and the Nu Html Checker (vnu-jar: npm ci from package-lock.json)
vnu:
	@scripts/install-vnu.sh

## Every test, browser tests included
test: $(TESTSTAMP) browser vnu
	$(BIN)/python -m pytest -n 2 --dist loadgroup

## Quick loop: everything but the browser tests
test-fast: $(TESTSTAMP) vnu
	$(BIN)/python -m pytest -n 2 -m 'not browser'

## Speed and size figures (not pass/fail)
bench: $(TESTSTAMP)
	$(BIN)/python bench/run.py

## Warm builds against clean ones, byte for byte, over random edits (about 6 s a step)
differential: $(TESTSTAMP)
	$(BIN)/python bench/differential.py --steps 40

clean:
	rm -rf site .venv .pytest_cache node_modules test-output
