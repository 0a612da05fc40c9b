# The front door: `make run` opens the reader, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: compile run test bench bench-quick bench-full screenshots lint format typecheck clean

# Two stamps: running needs only the package, testing and linting need the dev tools too.
RUN_STAMP := $(VENV)/.installed-run

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP) $(RUN_STAMP)

# Byte-compile the package: an editable install has no .pyc files, and with
# PYTHONDONTWRITEBYTECODE set Python would compile every module on every start.
compile: $(RUN_STAMP)
	$(BIN)/python -m compileall -q reader > /dev/null

run: compile
	$(BIN)/policyreader

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

bench: compile $(STAMP)
	$(BIN)/python -m compileall -q bench > /dev/null
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.web

bench-full: compile $(STAMP)
	$(BIN)/python -m bench.run --sizes 1000,10000,100000

screenshots: $(STAMP)
	$(BIN)/python -m bench.screenshots

lint: $(STAMP)
	$(BIN)/ruff check reader tests bench
	$(BIN)/ruff format --check reader tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format reader tests bench
	$(BIN)/ruff check --fix reader tests bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build
