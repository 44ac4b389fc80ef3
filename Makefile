# The two commands of the README:
#   make setup   creates .venv from the lock file, installs cooptrack, ingests the sample corpus
#   make test    lint, type-check and run the test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus

.PHONY: setup install test lint lock

$(BIN)/cooptrack: pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

install: $(BIN)/cooptrack
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y --no-install-recommends chromium)  # browser tests
	@test -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc || (apt-get update -qq && apt-get install -y --no-install-recommends fonts-noto-cjk)  # Chinese in PDFs and screenshots

setup: install
	$(BIN)/cooptrack ingest $(CORPUS)
	$(BIN)/cooptrack list

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q -n auto --dist loadfile  # one worker per core, each test file kept in one worker

# Re-pin every dependency after editing pyproject.toml (needs uv in the venv).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev -o requirements.lock --python-version 3.11 --no-header

# The benchmarks (benchmarks/README.md): about two hours on two shared cores; figures into docs/performance.md.
.PHONY: bench
bench: install
	$(BIN)/python benchmarks/parse.py --write
	$(BIN)/python benchmarks/ingest.py --write
	$(BIN)/python benchmarks/search.py --write
	$(BIN)/python benchmarks/pathological.py --write
	$(BIN)/python benchmarks/search_zh.py --write
	$(BIN)/python benchmarks/commitments.py --write
