# Two commands for a newcomer: `make run` and `make test`. Both set up what they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
OFFERS_DIR ?= data/offers
export OFFERS_DIR

.PHONY: setup index test test-unit bench clean

setup: $(STAMP)

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

index: setup
	$(PY) -m offers_index build

test: setup
	$(PY) -m pytest -q tests

bench: setup
	$(PY) -m bench.run

clean:
	rm -rf .cache models .pytest_cache
