# kneecap: two commands set everything up on a fresh machine.
#   make run   - virtualenv, install, migrate, demo data, serve http://127.0.0.1:8000
#   make test  - lint, format check, import layers, types and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PIP_QUIET := --quiet --disable-pip-version-check

.PHONY: install run serve test lint typecheck pytest browser bench screenshots clean

install: $(STAMP)

# Reinstall only when the dependency list changed.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing kneecap and its dependencies into $(VENV)..."
	@$(BIN)/python -m pip install $(PIP_QUIET) --upgrade pip 2>&1 | grep -v "is ignored" || true
	@$(BIN)/python -m pip install $(PIP_QUIET) -e '.[dev]' 2>&1 | grep -v "is ignored" || true
	@$(BIN)/python -c "import django, allauth, celery, kneecap.cli" 2>/dev/null || { echo "Install failed"; exit 1; }
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/kneecap migrate --noinput
	@$(BIN)/kneecap demo
	@echo "Serving the demo practice at http://127.0.0.1:8000 (Ctrl-C to stop)"
	@$(BIN)/kneecap serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# The browser tests drive Debian's Chromium; a fresh machine gets it from apt when the user is root or has
# passwordless sudo. Otherwise make stops at once with the one command to run, never with a run of test errors.
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else \
	    echo "The browser tests need Debian's chromium: run 'sudo apt-get install -y chromium', then make test again."; \
	    exit 1; fi; \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@test -x $(CHROMIUM) || { echo "Chromium is still missing at $(CHROMIUM): run 'sudo apt-get install -y chromium'."; exit 1; }

pytest: $(STAMP) browser
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# The browser tests save screenshots in var/screenshots; the README shows these.
README_SHOTS := home condition contact staff-requests self-check-self-care care-today-green training-runs \
	chart-roster chart-patient
screenshots: $(STAMP) browser
	$(BIN)/pytest -m browser -n 0
	for shot in $(README_SHOTS); do cp var/screenshots/$$shot.png docs/screenshots/; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
