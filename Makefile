# Everything starts from a fresh clone: `make html` creates .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
OUTPUT := output
CATALOGS := theme/translations
PORT ?= 8000

.PHONY: html serve publish deploy rollback nginx-config lighthouse translations new-article test clean messages catalog bench

# The stamp is written only once pip succeeded: after a failed install, the
# next make installs again (a target of $(BIN)/activate, which venv creates
# first, would count as done).
INSTALLED := $(VENV)/.installed
$(INSTALLED): requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

# Every build, plain `pelican` included, holds the build lock, builds into a
# fresh folder and replaces $(OUTPUT) only when it succeeded (the plugin's
# publish/ stage); tools/build.py adds one-line errors for a missing content
# folder or a broken settings file. serve previews into $(OUTPUT) in place,
# with Pelican's content cache on so that a save re-reads only the edited file
# and re-renders only the pages it changed, without the search index, with
# pages that reload themselves, and with the quick pass that writes an edited
# article's page and listings before the full rebuild (README, "Running the
# build").
BUILD := $(BIN)/python tools/build.py

html: $(INSTALLED)
	$(BUILD) content -s pelicanconf.py -o $(OUTPUT)

serve: $(INSTALLED)
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT) --autoreload --listen --bind 127.0.0.1 --port $(PORT) \
		-e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true NEWSROOM_SEARCH_INDEX=false NEWSROOM_LIVE_RELOAD=true NEWSROOM_QUICK_PREVIEW=true

publish: $(INSTALLED)
	$(BUILD) content -s publishconf.py -o $(OUTPUT)

# make deploy DEPLOY_TARGET=/srv/newsroom (or user@host:/srv/newsroom): the
# publish build of $(CONTENT), uploaded into a new release folder there, then
# the `current` link switched to it in one rename; the last $(DEPLOY_KEEP)
# releases stay. make rollback switches `current` back to the release before.
CONTENT ?= content
DEPLOY_TARGET ?=
DEPLOY_KEEP ?= 5
DEPLOY := $(BIN)/python tools/deploy.py
deploy: $(INSTALLED)
	$(DEPLOY) deploy --target "$(DEPLOY_TARGET)" --content "$(CONTENT)" --output "$(OUTPUT)" --keep $(DEPLOY_KEEP)

rollback: $(INSTALLED)
	$(DEPLOY) rollback --target "$(DEPLOY_TARGET)"

# deploy/nginx.conf, from publishconf.py (a test checks it is up to date).
nginx-config: $(INSTALLED)
	$(DEPLOY) nginx-config

# Build, then list every missing, stale or mismatched translation; the same
# list is in $(OUTPUT)/newsroom/translations/ (noindex, not linked).
translations: $(INSTALLED)
	$(BUILD) content -s pelicanconf.py -o $(OUTPUT) -e NEWSROOM_LIST_TRANSLATIONS=true

# make new-article KEY=some-slug TOPIC=economy: a Chinese and an English draft.
new-article: $(INSTALLED)
	$(BIN)/python tools/new_article.py --key "$(KEY)" --topic "$(TOPIC)"

# The layer contracts (pyproject.toml), then the suite with branch coverage of
# plugins/ (the floor is COVERAGE_FLOOR, README "Tests").
COVERAGE_FLOOR := 95
test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=plugins $(BIN)/lint-imports
	$(BIN)/pytest --cov --cov-report=term --cov-fail-under=$(COVERAGE_FLOOR)

# Extract the theme's strings and merge them into every language's catalog.
messages: $(INSTALLED)
	$(BIN)/pybabel extract --mapping-file babel.cfg --no-location --sort-output \
		--project "Shijingshan District News" --output-file $(CATALOGS)/messages.pot .
	$(BIN)/pybabel update --input-file $(CATALOGS)/messages.pot --output-dir $(CATALOGS) \
		--no-fuzzy-matching --ignore-obsolete

# make catalog CODE=fr: the catalog of a language added to NEWSROOM_LANGUAGES
# (every language needs one; the build says so when it is missing).
catalog: $(INSTALLED)
	$(BIN)/pybabel init --input-file $(CATALOGS)/messages.pot --output-dir $(CATALOGS) \
		--locale "$(CODE)"

# Not part of `make test`: builds N synthetic article pairs with this project,
# vanilla Pelican, i18n_subsites, Hugo and Hugo + Pagefind, round-robin, RUNS
# times (bench/README.md). Hugo is Debian's: `apt-get install hugo` first.
N ?= 2000
RUNS ?= 3
bench: $(INSTALLED)
	$(BIN)/pip install --quiet -r requirements-bench.txt -c constraints.txt
	$(BIN)/python bench/run.py --pairs $(N) --runs $(RUNS)

# Not part of `make test`: Lighthouse's four scores (mobile) for both homes and
# an article in each language, served by nginx with deploy/nginx.conf.
lighthouse: $(INSTALLED)
	cd bench/lighthouse && npm ci --silent --no-audit --no-fund
	$(BIN)/python bench/lighthouse.py

# Keeps photo-cache/: the photos' derivatives, by digest, are still good.
clean:
	rm -rf $(OUTPUT) cache .pytest_cache
