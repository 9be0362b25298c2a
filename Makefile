# zicht — every target installs what it needs; see README.md.
SHELL := /bin/bash
UV := python3 -m uv
MANAGE := $(UV) run python manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/zicht

PORT ?= 8000

.PHONY: setup run serve test code worker lint typecheck messages e2e-deps screens

setup:  ## Python packages (locked), front-end packages, compiled translations
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen
	npm ci --no-audit --no-fund --loglevel=error
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	@# Pango renders the annual report PDF (WeasyPrint).
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || \
	  (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0)
	@# Backups: pg_dump / pg_restore and GnuPG (manage.py backup, restore).
	@command -v pg_dump >/dev/null && command -v gpg >/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq postgresql-client gnupg)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

run: setup  ## zicht on SQLite with demo data at http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v 0
	@# The demo users are printed again once the linkage has run, so that they are on
	@# screen when the server starts.
	@mkdir -p var && set -o pipefail && $(MANAGE) demo_data | tee var/demo-users.txt
	$(MANAGE) link_persons --if-missing
	$(MANAGE) retention --schedule
	$(MANAGE) reminders --schedule
	$(MANAGE) dark_numbers --schedule
	@cat var/demo-users.txt
	@echo "Open http://127.0.0.1:$(PORT) — sign in with a demo user above."
	@$(MAKE) --no-print-directory serve

# The server and the worker each run in a session (and so a process group) of their own;
# when either ends, or make is interrupted (Ctrl-C) or terminated, both whole groups are
# stopped. Killing only the processes started here would leave their reloaded children
# running; `wait` (unlike a command in the foreground) lets the traps act at once.
serve:  ## the server and the task worker, stopped together (no setup, no demo data)
	@setsid $(MANAGE) db_worker --queue-name '*' & WORKER=$$!; \
	  setsid $(MANAGE) runserver 127.0.0.1:$(PORT) & SERVER=$$!; \
	  trap 'kill -TERM -- -$$WORKER -$$SERVER 2>/dev/null; wait' EXIT; \
	  trap 'exit 130' INT; trap 'exit 143' TERM; trap 'exit 129' HUP; \
	  wait -n $$WORKER $$SERVER

# USER is also the shell's login name: only a USER given on the command line names a demo user.
code:  ## a demo user's current second-factor code (make code USER=hub.twente); all without USER
	@$(MANAGE) demo_code $(if $(filter command line,$(origin USER)),$(USER))

e2e-deps:  ## Debian's Chromium for the browser journeys (Playwright drives it)
	@# chromium-l10n: Dutch date fields; a CJK font: the portal's language list in screenshots.
	@dpkg -s chromium chromium-l10n fonts-wqy-microhei >/dev/null 2>&1 || \
	  (apt-get update -qq && apt-get install -y -qq chromium chromium-l10n fonts-wqy-microhei)

screens: setup e2e-deps  ## rewrite docs/screens/ and docs/screens.md (one screenshot per main page per role)
	ZICHT_SCREENS=docs DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(UV) run pytest e2e/test_screens.py -q

test: setup e2e-deps  ## the whole suite, on PostgreSQL unless DATABASE_URL says otherwise
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(UV) run pytest $(PYTEST_ARGS)

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .

typecheck:
	$(UV) run mypy zicht

messages:  ## update the translation catalogues after changing interface text
	$(MANAGE) makemessages -l nl -l en --ignore=.venv --ignore=node_modules --ignore=bench
