# Phare — every command a developer, a teacher or CI needs (`make help` lists them).
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
# The Python of the second environment, pinned to the browser's libraries (make pyodide); Pyodide
# itself is CPython 3.14: a newer Python here comes closer (for instance python3.13).
export PYTHON_PYODIDE ?= $(PYTHON)

INSTALLED := $(VENV)/.installe-$(shell cat $(LOCK) | sha256sum | cut -c1-12)
PHARE_FILES := $(shell find src datasets -type f -not -path '*/__pycache__/*' 2>/dev/null) pyproject.toml
PHARE_STAMP := $(VENV)/.phare-installe

.PHONY: help install dev site build build-strict pdf serve test rapide lint unit pyodide systeme datasets bench clean

help:
	@echo "Pour commencer :"
	@echo "  make site         installe, construit le livre et le sert sur http://127.0.0.1:$(PORT)"
	@echo "  make test         toutes les vérifications (exactement celles de la CI)"
	@echo "Construire :"
	@echo "  make build        construit le livre dans $(HTML), avec JupyterLite, les fiches PDF et les paquets,"
	@echo "                   puis le site entier pour une clé USB (_build/phare-site.zip)"
	@echo "  make build-strict la construction de la CI : toutes les pages, le moindre avertissement échoue"
	@echo "  make pdf          réimprime les fiches PDF et refait les paquets des modules ($(HTML)/kits)"
	@echo "  make serve        sert le livre déjà construit sur http://127.0.0.1:$(PORT)"
	@echo "  make datasets     régénère datasets/ depuis les sources brutes ($(PHARE_SOURCES))"
	@echo "Développer :"
	@echo "  make dev          installe phare en mode modifiable (la boucle rapide, voir CONTRIBUTING)"
	@echo "  make rapide       les tests unitaires sans les lents ni le navigateur (moins de 20 s)"
	@echo "  make unit         tous les tests unitaires (sans le navigateur)"
	@echo "  make pyodide      prépare _build/.venv-pyodide, aux versions des bibliothèques du navigateur"
	@echo "  make lint         ruff"
	@echo "  make bench        mesures : temps de construction, poids et vitesse des pages"
	@echo "  make clean        efface _build/"

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

# The developers' loop: an editable install, so that an edit in src/ is seen at once by pytest.
# `make install` (and so `make test`) puts back the non-editable install that CI checks.
dev: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(PHARE_STAMP)

# --- Book ----------------------------------------------------------------------
# The build steps live in the package: JupyterLite first (the book states its measured weight),
# then the book, then the PDFs and packs made from the built pages.
build: install systeme
	$(BIN)/python -m phare.construction.lite
	$(BIN)/jupyter-book build .
	$(BIN)/python -m phare.construction.kits $(HTML)
	$(BIN)/python -m phare.construction.hors_ligne $(HTML)

# The strict build of CI: every page, every notebook executed, any warning fails.
build-strict: install systeme
	@$(BIN)/python -m phare.construction.lite
	@$(BIN)/python -m phare.construction.strict
	@$(BIN)/python -m phare.construction.kits $(HTML)
	@$(BIN)/python -m phare.construction.hors_ligne $(HTML)

# Printable sheets (PDF A4) and module packs (zip), made FROM the built pages.
pdf: install systeme
	$(BIN)/jupyter-book build .
	$(BIN)/python -m phare.construction.kits $(HTML)
	$(BIN)/python -m phare.construction.hors_ligne $(HTML)

serve:
	@echo "Phare est servi sur http://127.0.0.1:$(PORT) — Ctrl-C pour arrêter."
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

site: build serve

# --- Checks --------------------------------------------------------------------
# System packages first: a newcomer's first `make test` checks as much as CI does.
systeme:
	@bash .ci/systeme

lint: install
	$(BIN)/ruff check .

# Two workers (pytest-xdist): beside the strict build, they fill the moments it waits.
unit: install systeme
	$(BIN)/python -m pytest -m "not navigateur" -n 2

# The second environment, at the versions of Pyodide's libraries (tests/test_carnets_pyodide.py
# makes it too, and runs every notebook and every exercise's solution in it).
pyodide: install
	$(BIN)/python -m phare.construction.python_du_navigateur --python "$(PYTHON_PYODIDE)"

rapide: $(INSTALLED)
	$(BIN)/python -m pytest -q -m "not navigateur and not lent and not sources" -p no:cacheprovider

# Browser tests wait on pages more than they compute: NAVIGATEURS Chromiums at once (pytest-xdist);
# a file whose tests share a costly fixture keeps them on one worker (mark xdist_group).
NAVIGATEURS ?= 4

# The unit tests and the strict build share nothing but the caches of _build/.cache (written
# atomically): on 2 cores they run side by side, then the browser tests visit the built site.
test: install systeme lint
	@$(MAKE) --no-print-directory -j2 --output-sync=line unit build-strict
	$(BIN)/python -m pytest -m navigateur -n $(NAVIGATEURS) --dist loadgroup --durations=10

# --- Data ----------------------------------------------------------------------
datasets: $(INSTALLED)
	PYTHONPATH=src $(BIN)/python -m phare.fabrique --sources "$(PHARE_SOURCES)" --sortie datasets
	$(MAKE) install

# --- Measures (a report, never a timed test) -------------------------------------
bench: install systeme
	$(BIN)/python -m phare.construction.bench

clean:
	rm -rf _build
