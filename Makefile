# Phare — every command a developer, a teacher or CI needs.
# `make site` and `make test` work on a fresh Debian/Ubuntu machine with Python >= 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
HTML   := _build/html
PORT   ?= 8000
# Raw sources, read-only, beside the project (overridable).
export PHARE_SOURCES ?= $(abspath ../shared/datasets/raw)
# Self-hosted Pyodide for the site's JupyterLite (README « Sans Internet »); empty = the Pyodide CDN.
export PHARE_PYODIDE_URL ?=

INSTALLED := $(VENV)/.installe-$(shell cat $(LOCK) | sha256sum | cut -c1-12)
PHARE_FILES := $(shell find src datasets -type f -not -path '*/__pycache__/*' 2>/dev/null) pyproject.toml
PHARE_STAMP := $(VENV)/.phare-installe

BUILD_STRICT := $(BIN)/jupyter-book build --all -W --keep-going .

.PHONY: help install site build build-strict pdf serve test lint unit browser-deps datasets bench clean

help:
	@echo "make site      installe, construit le livre et le sert sur http://127.0.0.1:$(PORT)"
	@echo "make test      toutes les vérifications (celles de la CI)"
	@echo "make build     construit le livre dans $(HTML) sans le servir"
	@echo "make pdf       imprime les fiches A4 (PDF) et fabrique les paquets des modules ($(HTML)/kits)"
	@echo "make datasets  régénère datasets/ depuis les sources brutes ($(PHARE_SOURCES))"
	@echo "make bench     mesures : temps de construction, poids des pages"
	@echo "make clean     efface _build/"

# --- Installation: one .venv, exact versions from the lock file ---------------
$(INSTALLED): $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	@rm -f $(VENV)/.installe-* && touch $@

# phare is installed like a user would get it (not editable): tests run against the installed package.
$(PHARE_STAMP): $(INSTALLED) $(PHARE_FILES)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall .
	@touch $@

install: $(PHARE_STAMP)

# --- Book ----------------------------------------------------------------------
build: install browser-deps
	$(BIN)/jupyter-book build .
	$(BIN)/python tests/outils/lite.py
	$(BIN)/python -m phare.livre.kits $(HTML)

# The strict build of CI: every page, every notebook executed, any warning fails.
build-strict: install browser-deps
	@$(BIN)/python tests/outils/construire.py
	@$(BIN)/python tests/outils/lite.py
	@$(BIN)/python -m phare.livre.kits $(HTML)

# Printable sheets (PDF A4) and module packs (zip), made FROM the built pages (src/phare/livre/kits.py).
# The builds above already make them; `make pdf` refreshes the book (incremental) and makes them again.
pdf: install browser-deps
	$(BIN)/jupyter-book build .
	$(BIN)/python -m phare.livre.kits $(HTML)

serve:
	@echo "Phare est servi sur http://127.0.0.1:$(PORT) — Ctrl-C pour arrêter."
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

site: build serve

# --- Checks --------------------------------------------------------------------
lint: install
	$(BIN)/ruff check .

unit: install
	$(BIN)/python -m pytest -m "not navigateur"

browser-deps:
	@bash .ci/systeme

test: install lint unit build-strict browser-deps
	$(BIN)/python -m pytest -m navigateur

# --- Data ----------------------------------------------------------------------
datasets: $(INSTALLED)
	PYTHONPATH=src $(BIN)/python -m phare.fabrique --sources "$(PHARE_SOURCES)" --sortie datasets
	$(MAKE) install

# --- Measures (a report, never a timed test) -------------------------------------
bench: install
	$(BIN)/python tests/outils/bench.py

clean:
	rm -rf _build
