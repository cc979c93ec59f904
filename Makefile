# Årshjul: `make run` serves the demo on SQLite; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := arshjul.settings
# Tests run in parallel, one test file per worker (its module fixtures built once): one worker
# per CPU by default; PYTEST_WORKERS=0 runs them in this process.
PYTEST_WORKERS ?= auto

.PHONY: install run test test-pg lint format check messages bench bench-finance access-doc clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.8

## install: the Python environment in .venv (from uv.lock) and the front-end packages
install: $(UV)
	$(UV) sync --frozen --quiet
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm not found: htmx and axe-core are not installed; pages still work without htmx"; \
	fi

## run: migrate, load the demo data and serve on http://$(HOST):$(PORT)
run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py demo
	@echo ""
	@echo "Årshjul: open http://$(HOST):$(PORT)/ and log in as budgetchef (password arshjul-demo)"
	DEBUG=1 SITE_URL=http://$(HOST):$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

## test: lint, migrations and translations checked, then every test (DATABASE_URL picks the database)
test: install check
	$(PY) -m pytest -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

## test-pg: the same on a throw-away PostgreSQL server started for the run
test-pg: install
	scripts/with-postgres $(MAKE) test

check:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_translations.py

lint: check

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh the Swedish catalogue after changing strings, then translate and compile
messages: install
	cd src/arshjul && DEBUG=1 ../../$(PY) ../../manage.py makemessages -l sv --no-obsolete --no-location
	$(PY) scripts/compile_messages.py

## access-doc: the guide's "Who may do what", generated from the permission matrix tests
access-doc: install
	$(PY) scripts/who_may_do_what.py

bench: install
	$(PY) bench/run.py

## bench-finance: recalculating frames and capital costs at 1×, 2× and 4× the projects (issue 6)
bench-finance: install
	$(PY) bench/finance.py

clean:
	rm -rf $(VENV) node_modules var/static
