# Sourcebook: `make run` to set up and serve the demo site, `make test` to run the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Let Python keep its bytecode caches: with them a second test run starts in a second, not
# seven (some environments switch them off).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres e2e lint format messages-check migrations-check install install-test clean

help: ## Show this help.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

# Each step says what it does before it starts: the first install takes a minute or two.
# pip prints one line per package it collects (--progress-bar off keeps it to lines a log
# can hold), instead of --quiet's silence.
PIP_INSTALL := $(BIN)/pip install --progress-bar off --disable-pip-version-check

$(BIN)/python:
	@echo "==> Creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "==> Upgrading pip"
	$(PIP_INSTALL) --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "==> Installing Sourcebook's dependencies (about a minute the first time)"
	$(PIP_INSTALL) .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "==> Installing Sourcebook's dependencies and test tools (about a minute the first time)"
	$(PIP_INSTALL) ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed ## Create .venv and install the dependencies.

install-test: $(VENV)/.installed-test ## Install the test dependencies too.

run: install ## Set up the SQLite database with demo content; serve on HOST:PORT with the task worker.
	@echo "==> Creating or updating the SQLite database"
	$(BIN)/python manage.py migrate --no-input
	@echo "==> Loading the demo profiles and their history"
	$(BIN)/python manage.py load_demo --with-activity
	@echo "==> Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python manage.py serve $(HOST):$(PORT)

test: install-test ## Run the test suite on SQLite (browser tests: make e2e).
	@echo "==> Running the test suite on SQLite (a few minutes)"
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

test-postgres: install-test ## Run the test suite against PostgreSQL (DATABASE_URL, default local).
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sourcebook} \
		$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

e2e: install-test node_modules/.package-lock.json ## Browser, accessibility and HTML checks (Chromium, Java).
	$(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

# djhtml guesses the indent of each file from its lines; a new file would get four spaces.
DJHTML := $(BIN)/djhtml --tabwidth 2

lint: install-test ## Check the code with ruff and the templates' indentation with djhtml.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DJHTML) --check templates

format: install-test ## Format the code with ruff and the templates with djhtml.
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(DJHTML) templates

# makemessages writes into LOCALE_PATHS, which the project does not set yet: point it at a
# temporary folder, so that the check leaves nothing behind in the checkout.
messages-check: install ## Fail if makemessages cannot extract the strings to translate (GNU gettext).
	@locale=$$(mktemp -d) && trap 'rm -rf "$$locale"' EXIT && \
		$(BIN)/python manage.py shell --verbosity 0 --command "from django.conf import settings; from django.core.management import call_command; settings.LOCALE_PATHS = ['$$locale']; call_command('makemessages', locale=['en'], ignore_patterns=['node_modules/*'])" && \
		echo "makemessages: $$(grep -c '^msgid ' "$$locale/en/LC_MESSAGES/django.po") strings to translate"

migrations-check: install ## Fail if the models have changes without migrations.
	$(BIN)/python manage.py makemigrations --check --dry-run

clean: ## Remove the virtualenv and the local database.
	rm -rf $(VENV) var staticfiles
