# The two commands: `make run` (portal on http://127.0.0.1:8000 with demo data)
# and `make test` (the whole suite, as CI runs it). Everything else is a step of theirs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help run test setup setup-dev check lint format db-start db-stop messages makemessages bench clean

help:
	@echo "make run    set up, migrate, load the demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test   set up (incl. Chromium for browser tests) and run lint, migration check and the test suite"
	@echo "make db-stop  stop the embedded PostgreSQL (data stays in .pgdata/)"

$(VENV)/.installed-runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Translations are compiled from the committed .po files (no .mo files in git).
messages: $(VENV)/.installed-runtime
	$(VENV)/bin/pybabel -q compile --directory locale --domain django --statistics

makemessages: $(VENV)/.installed-runtime
	$(PY) manage.py makemessages --locale ko --locale en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'bench/*' --no-obsolete

db-start: $(VENV)/.installed-runtime
	@if [ -z "$$DATABASE_URL" ]; then $(PY) -m humanrights_portal.embedded_db start; else echo "Using DATABASE_URL"; fi

db-stop:
	$(PY) -m humanrights_portal.embedded_db stop

setup: $(VENV)/.installed-runtime node_modules/.installed messages db-start
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable

run: setup
	$(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

setup-dev: $(VENV)/.installed-dev node_modules/.installed messages db-start
	./scripts/install_browser.sh
	./deploy/install_packages.sh

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: setup-dev lint
	DJANGO_SETTINGS_MODULE=humanrights_portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=humanrights_portal.settings.test $(PY) manage.py check

test: check
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: setup
	./bench/run.sh

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache

# ---------------------------------------------------------------- several servers on this machine (deploy/)
# nginx on :8200 in front of two gunicorn servers, Redis, Celery worker and beat, PostgreSQL: see deploy/README.md.
.PHONY: cluster cluster-stop cluster-status
cluster: $(VENV)/.installed-runtime node_modules/.installed messages
	./deploy/cluster.sh start

cluster-stop:
	./deploy/cluster.sh stop

cluster-status:
	./deploy/cluster.sh status

# ---------------------------------------------------------------- fault tests (deploy/faults.py, deploy/FAULTS.md)
# Its own cluster (.cluster-faults/, ports 8240-8243) under load: kill gunicorn, restart PostgreSQL, kill the
# Celery worker, full attachment disk. Several minutes: not part of `make test`, which runs a short version
# (tests/ops/test_faults.py). SCENARIO=gunicorn,postgres|…
.PHONY: faults
faults: $(VENV)/.installed-runtime node_modules/.installed messages
	$(VENV)/bin/python deploy/faults.py --scenario $(or $(SCENARIO),all) --duration $(or $(DURATION),8)
