# The README's commands. `make run` serves the demo on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
PYTEST := $(BIN)/python -m pytest
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-sqlite test-postgres serve bench bench-instructions bench-district lint format check clean

$(BIN)/flask: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(BIN)/pytest: $(BIN)/flask pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/flask  ## Install, migrate, load the demo classroom, serve on http://127.0.0.1:5000
	$(FLASK) init-db
	$(FLASK) demo
	$(FLASK) run --host $(HOST) --port $(PORT)

# The two passes run at once (one core each); each pass's output is printed whole when it ends.
test: $(BIN)/pytest  ## Lint, then every test on SQLite and, at the same time, on a throwaway PostgreSQL server
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory --jobs=2 --output-sync=target test-sqlite test-postgres

test-sqlite: $(BIN)/pytest  ## Every test on SQLite
	@echo "== pytest on SQLite"
	env -u TEST_DATABASE_URL $(PYTEST) --output=test-results/sqlite $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

test-postgres: $(BIN)/pytest  ## The tests a database engine can change, on a throwaway PostgreSQL server (skipped without PostgreSQL unless CI=true)
	@echo "== pytest on PostgreSQL"
	scripts/pg-test-server run $(PYTEST) --output=test-results/postgresql $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

serve: $(BIN)/flask  ## Migrate, then serve with gunicorn as docs/deploy.md says (settings from the environment)
	$(FLASK) init-db
	$(BIN)/gunicorn --config gunicorn.conf.py

$(BIN)/pyinstrument: $(BIN)/flask pyproject.toml
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

bench: $(BIN)/pyinstrument  ## Generate a school, measure it under gunicorn with wrk (about 3 minutes), append bench/RESULTS.md
	@command -v wrk >/dev/null 2>&1 || { echo "make bench: wrk is not installed: apt-get install wrk" >&2; exit 2; }
	$(BIN)/python -m bench.run

bench-instructions: $(BIN)/pyinstrument  ## Instructions per request under valgrind (host noise free), on the school `make bench` made
	$(BIN)/python -m bench.instructions

bench-district: $(BIN)/pyinstrument  ## A 100,000-student district and a school on PostgreSQL (COPY, kept between runs), measured like `make bench`
	@command -v wrk >/dev/null 2>&1 || { echo "make bench-district: wrk is not installed: apt-get install wrk" >&2; exit 2; }
	$(BIN)/python -m bench.district_run

check: $(BIN)/flask  ## Check every content file
	$(FLASK) content check

lint: $(BIN)/pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/pytest
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) instance/crosscheck.db .pytest_cache
