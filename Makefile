# tokki — make targets are real files where they can be, so make skips what is up to date.
# `make help` lists the targets.

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
RAW         := data/raw
PROCESSED   := data/processed
PACKAGE_SRC := $(shell find pipeline -name '*.py' -o -name '*.json' 2>/dev/null)
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

test: $(STAMP) ## run the whole test suite
	$(PY) -m pytest -q

eval: $(STAMP) ## score the aligner against the gold in tests/gold, tests/devset, tests/heldout (precision, recall)
	$(PY) -m pipeline.evaluate tests/gold tests/devset tests/heldout

bench: $(STAMP) ## time `tokki compare` on two 3-page PDFs, whole process included
	$(PY) scripts/bench.py

samples: $(STAMP) ## re-typeset the sample PDFs in data/raw from scripts/samples (dev only)
	$(PY) scripts/make_samples.py

clean: ## remove outputs in data/processed
	find $(PROCESSED) -mindepth 1 ! -name .gitkeep -delete

distclean: clean ## also remove the virtualenv
	rm -rf $(VENV)
