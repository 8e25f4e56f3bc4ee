# One entry point for maintainers and CI. `make help` lists the targets.
# Every target sets up what it needs first, so each works on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks
# Same commit, same bytes: dates in the site come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help site serve validate test check lint setup setup-dev browser java clean schema-doc audit pins golden material-form

help:
	@echo "make site      set up and build the site into site/ (strict)"
	@echo "make serve     set up and serve with live reload on http://127.0.0.1:8000/"
	@echo "               (make serve LANG=en: that language alone, at the root)"
	@echo "make validate  check the plans/ data without building"
	@echo "make check     set up everything and run lint, the whole test suite and a strict build"
	@echo "make golden    rewrite the expected pages of the test site (tests/golden/) after an intended change"
	@echo "make audit     check the pinned dependencies for known vulnerabilities (needs PyPI's JSON API)"
	@echo "make pins      rewrite the hashed locks requirements*.txt after editing requirements*.in (needs PyPI)"
	@echo "make material-form  rewrite the GitHub issue form for training materials (after a schema or vocabulary change)"

# requirements*.txt are locks written by `make pins`: every download is checked against its hash.
$(VENV)/.build-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.build-installed
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

setup: $(VENV)/.build-installed
setup-dev: $(VENV)/.dev-installed browser java node_modules/.package-lock.json

# axe-core for the accessibility gate (tests/test_a11y.py) and vnu-jar for the HTML gate
# (tests/test_html_valid.py), exactly as pinned in package-lock.json. --ignore-scripts: vnu-jar's
# install script would download a Java runtime from GitHub; Debian's is used instead (below).
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Debian's Java for the Nu HTML Checker (vnu.jar).
java:
	@command -v java >/dev/null || { \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO mkdir -p /usr/share/man/man1 && $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

# Debian's chromium for the browser tests (Playwright never downloads a browser here).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

site: setup
	$(PY) -m mkdocs build --strict

# `make serve LANG=en` previews one language (mkdocs-static-i18n's build_only_locale, read from
# ACSDOCS_LANG in mkdocs.yml). Only a LANG given to make counts, not the shell's locale, and it
# is not passed on as the programs' locale.
ifeq ($(origin LANG),command line)
SERVE_LANG := $(LANG)
unexport LANG
endif

serve: setup
	$(if $(SERVE_LANG),ACSDOCS_LANG=$(SERVE_LANG) )$(PY) -m mkdocs serve --strict

validate: setup
	$(PY) -m acsdocs validate --strict

lint: setup-dev
	$(PY) -m ruff check hooks tests $(wildcard scripts)

test: setup-dev
	$(PY) -m pytest

check: lint test site

clean:
	rm -rf site .pytest_cache node_modules

# Known vulnerabilities in the pinned dependencies. Needs the PyPI JSON API or OSV, which
# the project's own CI machine cannot reach; the GitHub workflow runs it. --strict fails when
# a package could not be checked, so an unreachable database never passes silently.
audit: setup-dev
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-audit.txt
	$(PY) -m pip_audit --strict --no-deps --disable-pip -r requirements.txt -r requirements-dev.txt

# Rewrite the hashed locks requirements*.txt from the pins in requirements*.in, with pip-tools in a
# throwaway venv, from PyPI only (local pip configuration and wheel folders are ignored).
PINS_VENV := $(or $(TMPDIR),/tmp)/acs-pins-venv
pins:
	$(PYTHON) -m venv $(PINS_VENV)
	$(PINS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	for f in requirements requirements-dev requirements-audit; do \
	  env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make pins" $(PINS_VENV)/bin/pip-compile --quiet --generate-hashes \
	    --allow-unsafe --strip-extras --no-emit-index-url --index-url https://pypi.org/simple \
	    --annotation-style=line -o $$f.txt $$f.in || exit 1; \
	done

# Rewrite the expected generated pages of the test site after an intended template change; read the diff.
golden: setup-dev
	UPDATE_GOLDEN=1 $(PY) -m pytest -q -n0 tests/test_render.py -k golden

# The GitHub issue form through which trainers add a material (.github/ISSUE_TEMPLATE/material.yml),
# from the schema, plans/ (the formats) and mkdocs.yml's languages; a test fails when it is stale.
# Its link to the page of item ids keeps the site address it has; set the published one once with
# make material-form SITE_URL=https://<owner>.github.io/<repo>/
material-form: setup
	mkdir -p .github/ISSUE_TEMPLATE
	$(PY) -m acsdocs material-form > .github/ISSUE_TEMPLATE/material.yml.tmp
	mv .github/ISSUE_TEMPLATE/material.yml.tmp .github/ISSUE_TEMPLATE/material.yml

# Regenerate the plan-file reference after editing schema/plans.schema.json.
schema-doc: setup
	$(PY) -m acsdocs schema-doc > docs/plans-schema.md
