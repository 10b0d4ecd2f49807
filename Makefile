# tokki — make targets are real files where they can be, so make skips what is up to date.
# `make help` lists the targets.

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
# headless Chromium and a Japanese font for the browser tests (tests/test_browser.py)
BROWSER_STAMP := $(VENV)/.browser
BROWSER_PKGS  := chromium fonts-noto-cjk fontconfig
# tesseract for --ocr (scans); its OpenMP would take every core, while the batch already
# runs one worker per core
OCR_STAMP     := $(VENV)/.ocr
OCR_PKGS      := tesseract-ocr tesseract-ocr-jpn
OFFICE_STAMP  := $(VENV)/.office
OFFICE_PKGS   := libreoffice-writer-nogui poppler-utils
export OMP_THREAD_LIMIT := 1
OCR_ON        := $(filter 1 yes true on,$(OCR))
RAW         := data/raw
PROCESSED   := data/processed
PACKAGE_SRC := $(shell find pipeline -name '*.py' -o -name '*.json' -o -name '*.j2' -o -name '*.css' 2>/dev/null)
# Input names may hold spaces and Japanese, which make cannot take as prerequisites:
# the manifest (name, size, mtime of every input) changes when any input does.
MANIFEST    := $(PROCESSED)/.raw-manifest

.DEFAULT_GOAL := help
.PHONY: help compare test eval calibrate bench samples serve clean distclean FORCE

help: ## list the targets
	@echo "tokki — the pipeline (pipeline/, one sub-package per stage; README: Layout, Architecture):"
	@echo "  extract/ → segment/ → tokens/ → align/ → judge/ → report/   over model/ and text/;"
	@echo "  segment/ → versions/ → report/ for two versions of one template (tokki diff, the 新旧対照表);"
	@echo "  api.py composes them, batch/ runs the corpus (documents → comparisons → tables → report → publish)"
	@echo "targets:"
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
	@{ echo "reference=$(REFERENCE) ocr=$(OCR_ON) max_pages=$(TOKKI_MAX_PAGES) timeout=$(TOKKI_TIMEOUT)"; find $(RAW) -type f \( -iname '*.pdf' -o -iname '*.txt' -o -iname '*.docx' \) -printf '%P\t%s\t%T@\n' | LC_ALL=C sort; } > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

# tokki's exit 1 means some inputs could not be read: they are listed (stderr, documents.parquet,
# the report) and everything else is written, so the target is made; any other failure is one.
$(PROCESSED)/clauses.parquet: $(STAMP) $(PACKAGE_SRC) $(MANIFEST) $(if $(OCR_ON),$(OCR_STAMP)) ## the batch: tables, coverage, report (REFERENCE=path compares each against one; OCR=1 reads scans)
	$(VENV)/bin/tokki batch $(RAW) --out $(PROCESSED) $(if $(REFERENCE),--reference "$(REFERENCE)") $(if $(OCR_ON),--ocr) \
	  || { status=$$?; [ $$status -eq 1 ] && echo "make compare: some inputs could not be read (listed above and in $(PROCESSED)/report/index.html)" >&2 || exit $$status; }

compare: $(PROCESSED)/clauses.parquet ## run the batch on data/raw, write data/processed (REFERENCE=path, OCR=1, TOKKI_MAX_PAGES, TOKKI_TIMEOUT optional)

# $(call apt_install,PACKAGES,WHAT FOR,CHECK): apt-get PACKAGES unless the shell test CHECK
# already passes; say plainly what is missing when it cannot (no apt-get, no root).
define apt_install
	@if $(3); then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "error: $(1) are needed for $(2), and there is no apt-get to install them: install them (or your system's equivalents) by hand" >&2; exit 1; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "error: installing $(1) needs root, and sudo is missing: run 'apt-get install $(1)' as root" >&2; exit 1; fi; \
	  echo "installing $(1) for $(2) (apt-get)"; \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(1) \
	    || { echo "error: could not install $(1) with apt-get (see above); they are needed for $(2)" >&2; exit 1; }; \
	  $(3) || { echo "error: $(1) installed, yet $(2) still lack them (the check above failed)" >&2; exit 1; }; \
	fi
	@mkdir -p $(@D) && [ -f $@ ] || touch $@
endef

# Checked on every run (cheap); apt-get runs only when something is missing.
$(BROWSER_STAMP): FORCE
	$(call apt_install,$(BROWSER_PKGS),the browser tests,[ -x /usr/bin/chromium ] && command -v fc-list >/dev/null 2>&1 && [ -n "$$(fc-list :lang=ja 2>/dev/null)" ])

browser: $(BROWSER_STAMP) ## install headless Chromium and a Japanese font (apt: chromium fonts-noto-cjk fontconfig) for the browser tests
.PHONY: browser

$(OCR_STAMP): FORCE
	$(call apt_install,$(OCR_PKGS),OCR of scanned PDFs (tokki --ocr),command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx jpn)

ocr: $(OCR_STAMP) ## install tesseract with Japanese (apt: tesseract-ocr tesseract-ocr-jpn) for --ocr
.PHONY: ocr

$(OFFICE_STAMP): FORCE
	$(call apt_install,$(OFFICE_PKGS),the test that opens the Word 新旧対照表 in LibreOffice,command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1)

office: $(OFFICE_STAMP) ## install LibreOffice Writer and poppler (apt: libreoffice-writer-nogui poppler-utils) to open the 新旧対照表 .docx in a test
.PHONY: office

serve: $(STAMP) ## the local web page for legal staff: compare, 新旧対照表, checklist in a browser (PORT=8765)
	$(PY) -m pipeline.cli serve --port $(or $(PORT),8765)
.PHONY: serve

test: $(STAMP) $(BROWSER_STAMP) $(OCR_STAMP) $(OFFICE_STAMP) ## run the whole test suite
	$(PY) -m pytest -q

eval: $(STAMP) ## score the aligner (tests/gold, devset, heldout) and the segmenter (tests/realistic*: real layouts) against hand-written gold
	$(PY) -m pipeline.tools.evaluate tests/gold tests/devset tests/heldout
	@echo "unseen pairs for the judgement issue (tests/heldout-pairs, -c … -j; first runs recorded in the README and in each set's first-run.txt):"
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs-c
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs-d
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs-e
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs-f
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs-g
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs-h
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs-i
	$(PY) -m pipeline.tools.evaluate tests/heldout-pairs-j
	$(PY) -m pipeline.tools.score_segmentation tests/realistic $(wildcard tests/realistic-b tests/realistic-c tests/realistic-d tests/realistic-e tests/realistic-f tests/realistic-g tests/realistic-h tests/realistic-i tests/realistic-j tests/realistic-k tests/realistic-l tests/realistic-m tests/realistic-n)

calibrate: $(STAMP) ## refit the aligner's pairing models on the gold pairs (pipeline/data/alignment-calibration.json; prints the calibration)
	$(PY) -m pipeline.tools.calibrate

bench: $(STAMP) ## time `tokki compare` on two PDFs, then the batch on 1,800 PDFs (BENCH_ARGS="--corpus-size 60" for a quick run)
	$(PY) scripts/bench.py $(BENCH_ARGS)

FUZZ_SECONDS  ?= 60
FUZZ_CORPUS   := build/fuzz-corpus
FUZZ_FINDINGS := build/fuzz-findings

# libFuzzer adds what it finds to the first corpus folder: a scratch one, before the seeds
fuzz: $(STAMP) ## fuzz the PDF path with atheris for FUZZ_SECONDS (60) from the fixture PDFs; crashes go to build/fuzz-findings/
	$(PY) -m pip install --quiet -e ".[fuzz]"
	@mkdir -p $(FUZZ_CORPUS) $(FUZZ_FINDINGS)
	$(PY) scripts/fuzz_pdf.py $(FUZZ_CORPUS) tests/fixtures/pdf tests/fixtures/fuzz \
	  -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_FINDINGS)/
.PHONY: fuzz

samples: $(STAMP) ## re-typeset the sample PDFs in data/raw from scripts/samples (dev only)
	$(PY) scripts/make_samples.py

clean: ## remove outputs in data/processed
	find $(PROCESSED) -mindepth 1 ! -name .gitkeep -delete

distclean: clean ## also remove the virtualenv
	rm -rf $(VENV)
