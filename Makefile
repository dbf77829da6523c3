# The two commands of the README, and a few more. Everything runs inside .venv, made on demand
# from pinned versions (constraints.txt), so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install site test test-quick serve fetch generate check digest zensical zensical-newest bench bench-daily bench-hub bench-topic profile clean lock golden screenshots
# `make` alone builds the site, as it did before `make help` came first.
.DEFAULT_GOAL := site

# `make help`: every target that has a `## comment`, with that comment (no .venv needed).
help:  ## List the targets
	@awk -F ':.*## ' '/^[a-z][a-z -]*:.*## / {printf "  %-24s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(VENV)/.installed  ## Make .venv with the pinned versions (constraints.txt), nothing else
	@:

site: $(VENV)/.installed  ## Build site/ strictly from the bundled records
	$(BIN)/paperboy build

# The tiers are the folders of tests/ (tests/conftest.py says what goes where); `pytest -m TIER`
# runs one alone. The whole suite names its 25 slowest tests at the end, so a slow one is seen
# when it lands (CI runs this same target).
test: $(VENV)/.installed-test  ## Run the whole test suite, every tier (~5 min on 2 cores), naming the slowest tests
	$(BIN)/python -m pytest --durations=25

# On every core, as `make test`: a tier of 600 tests that also wait (stand-ins' retries and
# hangs) is done sooner by two workers than by one (measured in docs/layout.md).
test-quick: $(VENV)/.installed-test  ## Run the in-process tier alone (tests/unit/, over half the tests) in about half a minute
	$(BIN)/python -m pytest tests/unit

serve: $(VENV)/.installed  ## Preview the site with live reload on http://127.0.0.1:8000
	$(BIN)/paperboy serve

fetch generate check: $(VENV)/.installed  ## paperboy fetch (default window) / generate / check
	$(BIN)/paperboy $@

digest: $(VENV)/.installed  ## Send last week's digest (PAPERBOY_SMTP_* and PAPERBOY_DIGEST_* set)
	$(BIN)/paperboy digest --period week --send

# `paperboy build` with Zensical as the builder: generate, build strictly, then the search index
# (Pagefind, run after either builder).
define zensical_build
	$(BIN)/paperboy generate
	$(BIN)/zensical build --strict --config-file mkdocs.yml
	$(BIN)/python -c "$$ZENSICAL_INDEX"
endef
export ZENSICAL_INDEX := from generator.storage.cache import Cache; from generator.config import load_settings; \
  from generator.publish.searchindex import index_search; s = load_settings(); \
  i = index_search(s.site_dir, Cache.beside(s.config_file), s.search_shard_size); \
  print('search index: %d of %d shards made' % (i.made, i.shards))

zensical: $(VENV)/.installed-zensical  ## Build the same site with Zensical (into site/), search index too
	$(zensical_build)

zensical-newest: $(VENV)/.installed-zensical  ## make zensical with the newest Zensical release, not the pinned one (CI)
	$(PIP) install --upgrade zensical
	$(BIN)/zensical --version
	$(zensical_build)

bench: $(VENV)/.installed  ## Benchmarks (benchmarks/RESULTS.md): BENCH_SIZE=10000 by default, ~15 min
	$(BIN)/python -m benchmarks.bench

profile: $(VENV)/.installed  ## Where a full, a day's and a no-op build spend their time (benchmarks/PROFILE.md), ~10 min
	$(BIN)/python -m benchmarks.profile

bench-daily: $(VENV)/.installed-test  ## The daily run with both streams, part by part, and the repository's growth (benchmarks/DAILY.md), ~5 min
	$(BIN)/python -m benchmarks.daily

bench-hub: $(VENV)/.installed  ## The Hub's lookups at 10,000 papers: 90 daily runs, limits, and git growth (benchmarks/HUB.md), ~15 min
	$(BIN)/python -m benchmarks.hub

bench-topic: $(VENV)/.installed  ## The topic model's levers, precision, recall and cost (benchmarks/TOPIC.md), ~10 min; ARGS=--all: every lever, ~20 min
	$(BIN)/python -m benchmarks.topic $(ARGS)

golden: $(VENV)/.installed-test  ## Rewrite the golden files after an intended change of output
	PAPERBOY_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/site/test_golden.py tests/unit/test_golden.py

screenshots: $(VENV)/.installed-test  ## Chromium screenshots of every page kind, desktop and phone, into docs-screenshots/
	$(BIN)/python -m tests.screenshots

lock:  ## Re-pin every dependency to today's newest versions (review the diff)
	rm -rf $(VENV)-lock && $(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install -q '.[test,zensical]'
	$(VENV)-lock/bin/python -m pip freeze --exclude-editable | grep -iv '^paperboy' > constraints.txt
	rm -rf $(VENV)-lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[test]'
	touch $@

$(VENV)/.installed-zensical: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[zensical]'
	touch $@

clean:  ## Remove the built site, the cache and every generated file (the writer's own list)
	generated=$$($(PYTHON) -c 'from generator.urls import generated_paths; print(*generated_paths())') && \
	rm -rf site .paperboy-cache $$generated
