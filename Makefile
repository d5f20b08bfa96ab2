# The commands the README gives. Each creates its own virtual environment in .venv.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

.PHONY: run test lint format translations bench-carrier bench-carrier-ems bench-labels bench-label-api bench-lookup bench-ingest bench-schedule bench-relay bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.run-installed

## Install and start the embedded default on http://127.0.0.1:8000
run: $(VENV)/.run-installed
	$(BIN)/courier serve

## Install, set up the services the tests need (skipping what is there), run every test
test: $(VENV)/.dev-installed
	scripts/test-services
	@# pytest's exit 5 (no tests collected) fails the target like any other failure
	$(BIN)/python -m pytest $(PYTEST_ARGS) || { status=$$?; \
	  if [ $$status = 5 ]; then echo "pytest collected no tests: that is a failure" >&2; fi; \
	  exit $$status; }

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy courier integrations labels tasks tracking
	$(BIN)/lint-imports

## Extract the words of pages and answers, add new ones to each catalogue, compile it
translations: $(VENV)/.dev-installed
	$(BIN)/python -m courier.translations

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench-carrier: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_carrier

bench-carrier-ems: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_carrier_ems_open

bench-labels: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_labels

bench: bench-carrier bench-carrier-ems bench-labels bench-label-api bench-ingest bench-schedule bench-lookup bench-relay

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

bench-label-api: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_label_api

bench-lookup: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_public_lookup $(BENCH_ARGS)

## Ingest 100,000 tracking events for 15,000 legs into PostgreSQL, against a raw executemany
bench-ingest: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_tracking_ingest $(BENCH_ARGS)

# PostgreSQL on 127.0.0.1:5432; BENCH_ARGS="--legs 10000 --day-legs 500" for a smaller run.
bench-schedule: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_poll_schedule $(BENCH_ARGS)

## Relay 10,000 status reports to a gunicorn receiver, against raw signed POSTs (PostgreSQL)
bench-relay: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.bench_relay $(BENCH_ARGS)
