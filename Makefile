# councilpapers — `make help` lists the targets.
# Every install takes the tested versions from constraints.txt (`make lock` rewrites it).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= data
REPORT ?= reports
PIP    := $(BIN)/python -m pip install --quiet -c constraints.txt
NOTEBOOK := notebooks/researcher_walkthrough.ipynb
# Extra JupyterLab options, e.g. JUPYTER_ARGS=--no-browser; as root (containers) it needs --allow-root.
JUPYTER_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: help run test lint notebook deps lock upgrade bench screenshot clean

help: ## list the targets
	@grep -E '^[a-z%-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{sub("%", "EXTRA", $$1); printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per install: .installed (core), .installed-notebook, .installed-dask, .installed-dev.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	@touch $@

$(VENV)/.installed-%: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[$*]'
	@touch $@ $(VENV)/.installed

install-%: $(VENV)/.installed-% ## install an extra into .venv: install-notebook, install-dask, install-dev
	@echo "installed councilpapers[$*] into $(VENV)"

run: $(VENV)/.installed ## install, extract the bundled sample papers into ./data, write the comparison report
	$(BIN)/councilpapers extract fixtures/seeds --out $(OUT)
	$(BIN)/councilpapers compare --data $(OUT) --out $(REPORT)

test: $(VENV)/.installed-dev ## install with dev extras and run the whole test suite
	$(BIN)/python -m pytest -q

notebook: $(VENV)/.installed-notebook ## install JupyterLab, polars and duckdb; open the walkthrough on ./data
	@test -d $(OUT)/documents || $(MAKE) run
	COUNCILPAPERS_DATA=$(abspath $(OUT)) $(BIN)/jupyter lab $(JUPYTER_ARGS) $(NOTEBOOK)

lint: $(VENV)/.installed-dev ## ruff lint and format check, mypy type check
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

deps: $(VENV)/.installed-dev ## check that pyproject.toml declares exactly what the code imports
	$(BIN)/python tools/check_deps.py

lock: $(VENV)/.installed-dev ## after changing dependencies: install them, then rewrite constraints.txt
	$(BIN)/python tools/lock.py
	@touch $(VENV)/.installed $(VENV)/.installed-dev

upgrade: | $(BIN)/python ## the scheduled update: newest allowed versions, rewrite constraints.txt (then make test)
	$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
	$(BIN)/python tools/lock.py
	@touch $(VENV)/.installed $(VENV)/.installed-dev

bench: $(VENV)/.installed-dev ## run the benchmarks (not tests): real PDFs and text, the fixtures, 1 vs 2 workers, a 100,000-document dataset
	$(BIN)/python benchmarks/bench_speed.py
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_workers.py
	$(BIN)/python benchmarks/bench_dataset.py

SHOT := build/screenshot
screenshot: $(VENV)/.installed-dev ## regenerate docs/report.png, the README's picture of the report (needs Chromium)
	rm -rf $(SHOT)
	$(BIN)/councilpapers extract fixtures/seeds fixtures/heldout3/papers --out $(SHOT)/data --quiet
	$(BIN)/councilpapers compare --data $(SHOT)/data --out $(SHOT)/reports
	$(BIN)/python -m analysis.browser $(SHOT)/reports/report.html --png docs/report.png --height 1500

clean: ## remove the virtualenv, outputs and caches
	rm -rf $(VENV) $(OUT) $(REPORT) $(SHOT) test-artifacts .pytest_cache .ruff_cache .mypy_cache .hypothesis
