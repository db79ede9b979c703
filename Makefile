# Everything starts from a fresh clone: `make html` creates .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
OUTPUT := output
CATALOGS := theme/translations
PORT ?= 8000

.PHONY: html serve publish test lint clean messages

$(BIN)/activate: requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

html: $(BIN)/activate
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT)

serve: $(BIN)/activate
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT) --autoreload --listen --bind 127.0.0.1 --port $(PORT)

publish: $(BIN)/activate
	$(PELICAN) content -s publishconf.py -o $(OUTPUT)

test: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# Extract the theme's strings and merge them into every language's catalog.
messages: $(BIN)/activate
	$(BIN)/pybabel extract --mapping-file babel.cfg --no-location --sort-output \
		--project "Shijingshan District News" --output-file $(CATALOGS)/messages.pot .
	$(BIN)/pybabel update --input-file $(CATALOGS)/messages.pot --output-dir $(CATALOGS) \
		--no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(OUTPUT) cache .pytest_cache
