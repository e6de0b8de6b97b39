# The README's commands. Only Python 3.11+ and make are needed; everything else is installed here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp
# pytest on both cores (pytest-xdist): each worker has its own test database.
PYTEST_ARGS ?= -n 2

.PHONY: run test install lock lint format messages clean bench node_modules lighthouse screenshots \
	stalled-uploads loadtest cluster cluster-test bench-growth bench-soak

# Every Python package at the exact version CI tested (pip-compile's output, `make lock`); the
# project itself goes on top, built by the locked setuptools; `pip check` fails when pyproject.toml
# asks for something the lock does not give (run `make lock`).
LOCK := requirements.lock
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$$(grep '^pip==' $(LOCK))"
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

install: $(STAMP)

## make lock: write requirements.lock from pyproject.toml, keeping the locked versions that still
## fit (LOCK_ARGS=--upgrade for the newest everywhere, --upgrade-package NAME for one), then install
LOCK_ARGS ?=
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$$(grep '^pip==' $(LOCK))" "$$(grep '^pip-tools==' $(LOCK))"
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --extra dev --strip-extras \
		--allow-unsafe --no-emit-index-url --no-emit-find-links --output-file $(LOCK) $(LOCK_ARGS) \
		pyproject.toml
	$(MAKE) --no-print-directory install

# The quality checks' Node packages (axe-core, vnu-jar, lighthouse), exactly as locked.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the quality checks: apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

node_modules: $(NODE_STAMP)

## make run: install, migrate, load the demo content and serve http://127.0.0.1:$(PORT), with the
## task worker (notification mail, image renditions) running beside the server
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Serving the site at http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(BIN)/python -m scripts.dev_server --port $(PORT)

## make test: lint, Django's checks, migrations in sync, the whole pytest suite on both cores (warnings are errors)
test: install
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules; \
	else echo "NOTE: npm not found: the axe and HTML checks will not run (apt-get install nodejs npm)."; fi
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") DJANGO_SETTINGS_MODULE=newsroom.settings.prod \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make lighthouse: Lighthouse (mobile) on / and the seed article of a prod-like server (gunicorn,
## DEBUG off, WhiteNoise) on 127.0.0.1 (QUALITY_PORT; 0, the default: a port the OS assigns);
## reports and scores in lighthouse-out/
QUALITY_PORT ?= 0
lighthouse: install node_modules
	$(BIN)/python -m scripts.lighthouse --port $(QUALITY_PORT)

## make screenshots: every page type at 375 and 1280 px wide into screenshots-out/, and the
## README's article screenshot (docs/img/article.png)
screenshots: install
	$(BIN)/python -m scripts.screenshots --port $(QUALITY_PORT)
	$(BIN)/python -m scripts.desk_screenshots --port $(QUALITY_PORT)

## make stalled-uploads: two uploads that never send their body, against gunicorn alone and then
## through deploy/nginx.conf (nginx must be installed): a reader's GET / must still be answered
stalled-uploads: install
	$(BIN)/python -m scripts.stalled_uploads --port $(QUALITY_PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make messages: refresh and compile the translation catalogs (needs GNU gettext)
messages: install
	$(BIN)/python manage.py makemessages --locale id --ignore '.venv/*' --ignore 'node_modules/*' --no-obsolete
	$(BIN)/python manage.py makemessages --locale id --domain djangojs --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

## make bench: a throwaway copy (gunicorn, production settings): req/s and latency per page with the
## page cache hit, off and cold, beside the WordPress lab (127.0.0.1:8081) and nginx when present
bench: install
	$(BIN)/python bench/run.py

## make bench-growth: PostgreSQL at 1,000 articles / 20,000 comments and 100,000 / 1,000,000
## (databases GROWTH_DATABASE_URL_A/_B, built once in minutes, GROWTH_REBUILD=1 again): single
## request p50 per page with PAGE_CACHE=off, queries per page, peak RSS per worker
bench-growth: install
	$(BIN)/python bench/growth.py

## make bench-soak: size B of bench-growth (build it first) under wrk for SOAK_SECONDS (300) with the
## page cache off, each worker's RSS read every 30 s; then the same pages in one process under
## tracemalloc for SOAK_ROUNDS (200) rounds: does memory grow?
bench-soak: install
	$(BIN)/python bench/soak.py

## make cluster: the site past one machine, on this one (127.0.0.1, ports the OS assigns, or from
## CLUSTER_PORT=N on):
## PostgreSQL primary + streaming replica, Redis, S3 (moto), two gunicorns, two task workers, nginx;
## serves CLUSTER_MINUTES (30), then stops everything (so does Ctrl-C)
cluster: install
	$(BIN)/python -m scripts.cluster

## make cluster-test: start that cluster, check it works as one site (shared invalidation, media,
## scheduling, replica lag and outage, an app server killed under load), measure, stop it
cluster-test: install
	$(BIN)/python -m scripts.cluster_test

## make loadtest: 50 commenters and readers against gunicorn (production settings) on a throwaway
## PostgreSQL, steady, with PostgreSQL restarted mid-run, with the mail server hanging, with
## Redis killed, with the page cache's disk full (a tmpfs: root only)
## (LOADTEST_ARGS="--duration 10" for a short run, "--port N" for fixed ports; DATABASE_URL to use
## another database)
LOADTEST_ARGS ?=
loadtest: install
	$(BIN)/python -m scripts.loadtest $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles .test-media lighthouse-out screenshots-out cluster-results
