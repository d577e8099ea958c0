# PlanMiner entry points. `make corpus` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
JOBS   ?= 2

.PHONY: setup system-deps corpus test test-fast lint format model eval bench clean

setup: $(STAMP)

# (Re)install when the venv is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	-bash scripts/install-system-deps.sh
	touch $(STAMP)

# CJK font for report charts and Chromium for the report's browser test (Debian packages).
system-deps:
	bash scripts/install-system-deps.sh

corpus: setup
	$(PY) -m pipeline build corpus/raw --out corpus/structured --jobs $(JOBS)
	$(PY) -m pipeline export --corpus corpus/structured
	$(PY) -m pipeline report --corpus corpus/structured --out corpus/structured/report

test: setup
	$(PY) -m pytest -q

test-fast: setup
	$(PY) -m pytest -q -m "not slow"

lint: setup
	$(VENV)/bin/ruff check pipeline tests benchmarks
	$(VENV)/bin/ruff format --check pipeline tests benchmarks

format: setup
	$(VENV)/bin/ruff check --fix pipeline tests benchmarks
	$(VENV)/bin/ruff format pipeline tests benchmarks

model: setup
	$(PY) -m pipeline.classify.train --out models/

eval: setup
	$(PY) -m pipeline eval
	@if [ -d corpus/annotations/blind ]; then echo "blind set (annotated without reading the extractors):"; $(PY) -m pipeline eval --annotations corpus/annotations/blind; fi
	$(PY) -m pipeline.classify.evaluate

bench: setup
	$(PY) benchmarks/run.py --out docs/benchmarks.json

clean:
	rm -rf corpus/structured corpus/.cache
