# tokki — make targets are real files where they can be, so make skips what is up to date.
# `make help` lists the targets.

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
# headless Chromium and a Japanese font for the browser tests (tests/test_browser.py)
BROWSER_STAMP := $(VENV)/.browser
BROWSER_PKGS  := chromium fonts-noto-cjk fontconfig
RAW         := data/raw
PROCESSED   := data/processed
PACKAGE_SRC := $(shell find pipeline -name '*.py' -o -name '*.json' -o -name '*.j2' -o -name '*.css' 2>/dev/null)
# Input names may hold spaces and Japanese, which make cannot take as prerequisites:
# the manifest (name, size, mtime of every input) changes when any input does.
MANIFEST    := $(PROCESSED)/.raw-manifest

.DEFAULT_GOAL := help
.PHONY: help compare test eval bench samples clean distclean FORCE

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_\/.%-]+:.*## / {printf "  %-28s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml ## create ./.venv and install tokki with its dev dependencies
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

venv: $(STAMP) ## create ./.venv and install everything (same as the stamp)
.PHONY: venv

$(MANIFEST): FORCE
	@mkdir -p $(PROCESSED)
	@{ echo "reference=$(REFERENCE)"; find $(RAW) -type f \( -iname '*.pdf' -o -iname '*.txt' -o -iname '*.docx' \) -printf '%P\t%s\t%T@\n' | LC_ALL=C sort; } > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

$(PROCESSED)/clauses.parquet: $(STAMP) $(PACKAGE_SRC) $(MANIFEST) ## the batch: tables, coverage, report (REFERENCE=path compares each against one)
	$(VENV)/bin/tokki batch $(RAW) --out $(PROCESSED) $(if $(REFERENCE),--reference "$(REFERENCE)")

compare: $(PROCESSED)/clauses.parquet ## run the batch on data/raw, write data/processed (REFERENCE=path optional)

# Checked on every run (cheap); apt-get runs only when chromium or a Japanese font is missing.
$(BROWSER_STAMP): FORCE
	@if [ -x /usr/bin/chromium ] && command -v fc-list >/dev/null 2>&1 && [ -n "$$(fc-list :lang=ja 2>/dev/null)" ]; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "error: the browser tests need Chromium (/usr/bin/chromium) and a Japanese font, and there is no apt-get to install them: install $(BROWSER_PKGS) (or your system's equivalents) by hand" >&2; exit 1; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "error: installing $(BROWSER_PKGS) needs root, and sudo is missing: run 'apt-get install $(BROWSER_PKGS)' as root" >&2; exit 1; fi; \
	  echo "installing $(BROWSER_PKGS) for the browser tests (apt-get)"; \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(BROWSER_PKGS) \
	    || { echo "error: could not install $(BROWSER_PKGS) with apt-get (see above); the browser tests need them" >&2; exit 1; }; \
	  [ -x /usr/bin/chromium ] && [ -n "$$(fc-list :lang=ja 2>/dev/null)" ] \
	    || { echo "error: $(BROWSER_PKGS) installed, yet /usr/bin/chromium or a Japanese font (fc-list :lang=ja) is still missing" >&2; exit 1; }; \
	fi
	@mkdir -p $(@D) && [ -f $@ ] || touch $@

browser: $(BROWSER_STAMP) ## install headless Chromium and a Japanese font (apt: chromium fonts-noto-cjk fontconfig) for the browser tests
.PHONY: browser

test: $(STAMP) $(BROWSER_STAMP) ## run the whole test suite
	$(PY) -m pytest -q

eval: $(STAMP) ## score the aligner against the gold in tests/gold, tests/devset, tests/heldout (precision, recall)
	$(PY) -m pipeline.evaluate tests/gold tests/devset tests/heldout

bench: $(STAMP) ## time `tokki compare` on two PDFs, then the batch on 1,800 PDFs (BENCH_ARGS="--corpus-size 60" for a quick run)
	$(PY) scripts/bench.py $(BENCH_ARGS)

samples: $(STAMP) ## re-typeset the sample PDFs in data/raw from scripts/samples (dev only)
	$(PY) scripts/make_samples.py

clean: ## remove outputs in data/processed
	find $(PROCESSED) -mindepth 1 ! -name .gitkeep -delete

distclean: clean ## also remove the virtualenv
	rm -rf $(VENV)
