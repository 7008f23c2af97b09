# Two commands for a newcomer: `make run` and `make test`. Both set up what they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
WEB_DIR := bot/web
WEB_STAMP := $(WEB_DIR)/node_modules/.installed
CHROMIUM := /usr/bin/chromium
OFFERS_DIR ?= data/offers
export OFFERS_DIR

.PHONY: setup index test test-unit bench clean browser

setup: $(STAMP) $(WEB_STAMP) browser

# Idempotent: the venv is made once with Python 3.10 and reinstalled only when a requirements file changes.
$(STAMP): requirements.txt
	@if [ ! -x $(PY) ] || ! $(PY) --version 2>/dev/null | grep -q '^Python 3\.10\.'; then \
	  py=$$(scripts/find_python310.sh) || exit 1; \
	  echo "setup: creating $(VENV) with $$py"; rm -rf $(VENV); "$$py" -m venv $(VENV) || exit 1; \
	fi
	set -o pipefail; $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 \
	  | { grep -v "^WARNING: Location" || true; }
	$(PY) -m pip check
	@touch $(STAMP)

# The chat widget's socket.io client (bot/web), from npm at the versions of package-lock.json;
# again only when package.json or the lock file changes.
$(WEB_STAMP): $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json
	cd $(WEB_DIR) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $(WEB_STAMP)

# Debian's Chromium for tests/test_widget_browser.py (driven by Playwright, which downloads no
# browser), installed only when missing.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "setup: $(CHROMIUM) manque ; en root : apt-get install chromium chromium-driver"; \
	  else set -e; echo "setup: installation de chromium"; apt-get update; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; fi; \
	fi

# Fails when a notice is refused (each named once, with all its problems); STRICT=1: also on any
# warning (each offer with a warning is listed either way). The launcher's own build never fails on a notice.
index: setup
	@$(PY) -m offers_index build --fail-on-errors $(if $(STRICT),--fail-on-warnings)

# Policy check first, then every pytest (units, actions, NLU split, dialogues, channels); pytest's
# summary is the last line.
test: setup train
	-@$(PY) -m bot.dev_database
	$(MAKE) --no-print-directory test-stories
	$(PY) -m pytest -q tests

bench: setup
	$(PY) -m bench.run

clean:
	rm -rf .cache models .pytest_cache

# ---- the assistant ---------------------------------------------------------------------------
RASA := $(VENV)/bin/rasa
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/nlu/*.yml) $(wildcard data/stories/*.yml)
MODEL_STAMP := models/.trained

.PHONY: train run run-scaled status shell test-stories test-dialogues validate audit

train: $(MODEL_STAMP)

# Retrain only when the NLU data, stories, domain or config changed.
$(MODEL_STAMP): $(STAMP) $(TRAIN_INPUTS)
	$(RASA) data validate --domain domain.yml --data data/nlu data/stories --config config.yml --fail-on-warnings
	$(RASA) train --config config.yml --domain domain.yml --data data/nlu data/stories --out models \
	  --fixed-model-name offres
	@touch $(MODEL_STAMP)

validate: setup
	$(RASA) data validate --domain domain.yml --data data/nlu data/stories --config config.yml --fail-on-warnings

# The launcher builds the offer index itself (bot/launch.py), then starts everything.
run: setup train
	$(PY) -m bot.launch

# Two Rasa replicas (RASA_REPLICA_PORTS, default 5005 and 5015) sharing PostgreSQL and Redis
# (endpoints.prod.yml), one action server, the demo page.
run-scaled: setup train db-role
	$(PY) -m bot.launch --scaled

# The scaled setup's own PostgreSQL role and database (POSTGRES_USER/POSTGRES_DB, default « offres »),
# created when missing through POSTGRES_ADMIN_USER (bot/dev_database.py). `make test` goes on without
# them (only tests/test_scaled.py needs them, and says so).
.PHONY: db-role
db-role: setup
	@$(PY) -m bot.dev_database

# Which parts of `make run` / `make run-scaled` run, since when, how often restarted (STATUS_FILE);
# `python -m bot.status` exits 1 when nothing runs, for scripts.
status:
	@$(PY) -m bot.status || true

shell: setup train
	$(PY) -m bot.shell

# For HR. preview: how the bot reads one notice (fields, warnings, its « date limite ? » answer), no
# Rasa needed. ask: one question to the running bot (RASA_URL, default http://localhost:RASA_PORT).
# FILE and Q are read from the environment, so quotes and apostrophes in them reach Python intact.
.PHONY: preview ask
preview: setup
	@$(PY) -m bot.preview "$$FILE"

ask: setup
	@$(PY) -m bot.ask "$$Q"

test-stories: setup train
	$(RASA) test core --model models/offres.tar.gz --stories tests/stories --fail-on-prediction-errors \
	  --out .cache/test-stories

test-dialogues: setup train
	$(PY) -m tests.dialogue_runner $(FILE)

# Known vulnerabilities in the installed packages: pip-audit, from its own venv (it needs a newer
# `packaging` than rasa allows); the result goes to bench/RESULTS.md (also part of `make bench`).
audit: setup
	$(PY) -m bench.run audit
