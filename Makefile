# newsdesk: `make` sets up .venv and builds the data package and the site; `make test` tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EVAL   ?= ../shared/eval

.DEFAULT_GOAL := all
.PHONY: all package site validate test serve bench eval clean help

all: site ## Set up .venv, build datapackage/ and build/site/

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

package: $(STAMP) ## Build the data package from corpus/ into datapackage/
	$(BIN)/newsdesk build corpus --out datapackage

site: package ## Render the website from datapackage/ into build/site/
	$(BIN)/newsdesk site --package datapackage --out build/site

validate: $(STAMP) ## Validate datapackage/ with Frictionless
	$(BIN)/frictionless validate datapackage/datapackage.json

test: $(STAMP) ## Lint (ruff, pinned rules) and run the tests (browser tests need Debian's chromium)
	$(BIN)/ruff check newsdesk tests scripts
	$(BIN)/pytest -n auto

serve: site ## Preview the site on http://localhost:8000
	$(BIN)/newsdesk serve --dir build/site --port 8000

bench: $(STAMP) ## Benchmark 1,000 and 10,000 generated articles; the site alone at 10,000 and 100,000; resolve, tables and package alone at 1,000 to 100,000 (slow: about 1.5 hours)
	$(BIN)/python scripts/benchmark.py --sizes 1000 10000 --site-sizes 10000 100000 --stage-sizes 1000 10000 100000

eval: $(STAMP) ## Score quotes and speakers on the shared eval sets
	$(BIN)/python $(EVAL)/score.py $(EVAL)/seeds --project .
	$(BIN)/python $(EVAL)/score.py $(EVAL)/dev-news --project .
	$(BIN)/python $(EVAL)/score.py $(EVAL)/polnear-train --project .

clean: ## Remove build outputs: the site and the parse cache (keeps .venv and datapackage/)
	rm -rf build

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
