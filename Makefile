# The two commands a new user needs: `make run` (the site with the Berlin dataset on SQLite)
# and `make test` (the whole suite). Everything else here is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATASET ?= data/berlin

.PHONY: help install run test test-postgres lint fmt messages bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@# The gazetteer of ingestion, built once per version of its data and stored in var/cache,
	@# so the first `citypartners ingest` starts in seconds (issue 16).
	$(BIN)/python -c 'from citypartners.ingest.gazetteer import build_cache; build_cache()'
	touch $@

install: $(BIN)/.installed ## Create .venv and install the project with its development tools

run: install ## Migrate SQLite, load the Berlin dataset, serve on 127.0.0.1:$PORT (default 8000) with the worker
	$(BIN)/citypartners migrate --noinput
	$(BIN)/citypartners loaddataset $(DATASET)
	@# The background worker (mail, clean-ups) runs beside the site and stops when the site stops.
	@# CITYPARTNERS_TRUSTED_PROXIES (e.g. 127.0.0.1 behind a local nginx) passes through to both.
	@export CITYPARTNERS_BASE_URL="$${CITYPARTNERS_BASE_URL:-http://127.0.0.1:$(PORT)}"; \
	export CITYPARTNERS_TRUSTED_PROXIES="$${CITYPARTNERS_TRUSTED_PROXIES:-}"; \
	$(BIN)/citypartners worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/citypartners runserver 127.0.0.1:$(PORT)

test: install ## Run the whole test suite (on PostgreSQL when CITYPARTNERS_TEST_DATABASE_URL is set)
	$(BIN)/pytest

lint: install ## Ruff lint and format check
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

fmt: install ## Format and fix with ruff
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

messages: install ## Update the German catalogues of every app and compile them
	for app in src/citypartners/*/; do \
	  if [ -d "$$app/locale" ]; then (cd $$app && ../../../$(BIN)/django-admin makemessages -l de --no-obsolete --no-location >/dev/null); fi; \
	done
	$(BIN)/citypartners compilemessages --ignore=.venv

bench: install ## Print the benchmarks' figures
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script; done

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var
