# zicht — every target installs what it needs; see README.md.
SHELL := /bin/bash
UV := python3 -m uv
MANAGE := $(UV) run python manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/zicht

.PHONY: setup run test code worker lint typecheck messages e2e-deps

setup:  ## Python packages (locked), front-end packages, compiled translations
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen
	npm ci --no-audit --no-fund --loglevel=error
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	@# Pango renders the annual report PDF (WeasyPrint).
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || \
	  (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

run: setup  ## zicht on SQLite with demo data at http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v 0
	@# The demo users are printed again once the linkage has run, so that they are on
	@# screen when the server starts.
	@mkdir -p var && set -o pipefail && $(MANAGE) demo_data | tee var/demo-users.txt
	$(MANAGE) link_persons --if-missing
	$(MANAGE) retention --schedule
	@cat var/demo-users.txt
	@echo "Open http://127.0.0.1:8000 — sign in with a demo user above."
	$(MANAGE) db_worker --queue-name '*' & WORKER=$$!; \
	  trap "kill $$WORKER" EXIT; \
	  $(MANAGE) runserver 127.0.0.1:8000

code:  ## the demo users' current second-factor code
	@$(MANAGE) demo_code

e2e-deps:  ## Debian's Chromium for the browser journeys (Playwright drives it)
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

test: setup e2e-deps  ## the whole suite, on PostgreSQL unless DATABASE_URL says otherwise
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(UV) run pytest $(PYTEST_ARGS)

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .

typecheck:
	$(UV) run mypy zicht

messages:  ## update the translation catalogues after changing interface text
	$(MANAGE) makemessages -l nl -l en --ignore=.venv --ignore=node_modules --ignore=bench
