# duban — `make run` starts the demo, `make test` runs lint and the whole suite.
PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PYTEST_ARGS ?= -n 2
SHELL    := /bin/bash

.PHONY: setup system run test test-fast lint eval bench bench-parser clean

$(BIN)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

setup: $(BIN)/.installed

# Debian's chromium and CJK fonts for the browser journeys (installed when missing, as root).
system:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium/fonts-noto-cjk missing: run 'sudo apt-get install chromium fonts-noto-cjk'"; exit 1; fi; \
	fi

run: setup
	$(BIN)/duban migrate --noinput
	$(BIN)/duban seed_demo
	$(BIN)/duban collectstatic --noinput --verbosity 0
	$(BIN)/duban serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: setup system lint
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: setup
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

eval: setup
	$(BIN)/python -m ingestion.evaluate

# wrk (Debian's package) drives the load; installed when missing, as root.
bench: setup
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
	  || { echo "wrk missing: run 'sudo apt-get install wrk'"; exit 1; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-parser: setup
	$(BIN)/python bench/parser_bench.py

clean:
	rm -rf var .pytest_cache
