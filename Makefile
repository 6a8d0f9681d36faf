# Everything a newcomer needs, on a fresh Debian machine with python3 and make:
#   make run    set up and serve on http://127.0.0.1:5000
#   make demo   the same, with demo accounts and a sample plan
#   make test   install what the tests need (Chromium, PostgreSQL) and run every check
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app app
ROOT := $(shell [ "$$(id -u)" = 0 ] && echo yes)

.PHONY: run demo test check pytest pytest-postgres system-packages bench loadtest clean translations

$(PY):
	python3 -m venv $(VENV) || { [ -n "$(ROOT)" ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && python3 -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip

PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-hosny-amiri

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	@# WeasyPrint (PDF case records and letters) needs Pango and fonts from Debian: DejaVu,
	@# and Amiri for letters in Urdu (DejaVu has no Urdu letters such as U+06D2).
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || ! fc-list ':charset=06d2' 2>/dev/null | grep -q .; then \
	  if [ -n "$(ROOT)" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $(PDF_PACKAGES) >/dev/null; \
	  else echo "Install Pango and fonts for PDFs (as root: apt-get install $(PDF_PACKAGES))"; exit 1; fi; \
	fi
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# The translations (safetyplan/translations): `make translations` extracts the words of the
# pages young people, parents and trusted adults see (babel.cfg), adds new ones to each
# language's messages.po for a translator, and compiles the .mo files the app reads. The
# compiled .mo files are committed too, so a fresh clone runs without this step.
TRANSLATIONS := safetyplan/translations
translations: $(VENV)/.installed
	PYTHONPATH=. $(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ -k Words --no-location \
	  --sort-output --project safetyplan -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)
	$(VENV)/bin/pybabel compile --statistics -d $(TRANSLATIONS)

run: $(VENV)/.installed
	$(FLASK) welcome
	$(FLASK) run --host 127.0.0.1 --port 5000

demo: $(VENV)/.installed
	$(FLASK) demo
	$(FLASK) run --host 127.0.0.1 --port 5000

# Debian's Chromium for the browser tests and a PostgreSQL server for the second run.
system-packages:
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ -n "$(ROOT)" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends chromium postgresql fonts-dejavu-core >/dev/null; \
	  else echo "Install chromium and postgresql (as root: apt-get install chromium postgresql)"; exit 1; fi; \
	fi

check: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check safetyplan tests
	$(VENV)/bin/mypy
	$(VENV)/bin/bandit -q -ll -c pyproject.toml -r safetyplan
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache

# The whole suite on SQLite, with the coverage floor: every line of every route module ran in
# some test, and 95% of the package overall (scripts/coverage_floor.py).
pytest: $(VENV)/.installed-dev system-packages
	$(VENV)/bin/pytest -q -m "not deploy" --cov --cov-report=json:.coverage.json --cov-report=
	$(PY) scripts/coverage_floor.py .coverage.json

pytest-postgres: $(VENV)/.installed-dev system-packages
	url=$$(scripts/test-postgres.sh) && trap 'scripts/test-postgres.sh stop' EXIT && \
	  DATABASE_URL=$$url $(VENV)/bin/pytest -q -m "not browser and not slow and not deploy"

# Debian's nginx and Redis for the deployment stage.
.PHONY: deploy-packages deploy-test
deploy-packages:
	@if ! [ -x /usr/sbin/nginx ] || ! command -v redis-server >/dev/null; then \
	  if [ -n "$(ROOT)" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends nginx redis-server >/dev/null; \
	  else echo "Install nginx and redis-server (as root: apt-get install nginx redis-server)"; exit 1; fi; \
	fi

# The app as a council runs it (tests/deploy): nginx with TLS in front of two gunicorn
# instances that share one PostgreSQL and one Redis, all on 127.0.0.1, driven by Chromium.
deploy-test: $(VENV)/.installed-dev system-packages deploy-packages
	DEPLOY_HTTPS_PORT=8443 DEPLOY_REDIS_PORT=6390 DEPLOY_PGPORT=54355 \
	  $(VENV)/bin/pytest -q -m deploy tests/deploy

test: check pytest pytest-postgres deploy-test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Ratios, latency at 8 and 32 connections, memory, and the same through the deployment stage
# (nginx, PostgreSQL and Redis on ports BENCH_HTTPS_PORT, BENCH_PGPORT, BENCH_REDIS_PORT).
bench: $(VENV)/.installed-dev system-packages deploy-packages
	@command -v wrk >/dev/null || { [ -n "$(ROOT)" ] && apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m bench.run

loadtest: $(VENV)/.installed-dev system-packages
	$(PY) -m bench.loadtest 60 sqlite postgresql proxy
