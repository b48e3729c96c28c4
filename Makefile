# councilpapers — `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= data
REPORT ?= reports

.PHONY: help run test lint bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed ## install, extract the bundled sample papers into ./data, write the comparison report
	$(BIN)/councilpapers extract fixtures/seeds --out $(OUT)
	$(BIN)/councilpapers compare --data $(OUT) --out $(REPORT)

test: $(VENV)/.dev-installed ## install with dev extras and run the whole test suite
	$(BIN)/python -m pytest -q

lint: $(VENV)/.dev-installed ## ruff lint and format check, mypy type check
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: $(VENV)/.dev-installed ## run the benchmarks (not tests)
	$(BIN)/python benchmarks/bench_pipeline.py

clean: ## remove the virtualenv, outputs and caches
	rm -rf $(VENV) $(OUT) $(REPORT) .pytest_cache .ruff_cache .mypy_cache .hypothesis
