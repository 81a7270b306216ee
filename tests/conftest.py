"""What every test run shares: the `lent` marker, the longest tests first, and a check that the
tests see the code you edited.

- Slow tests (a build, a class of copies, LibreOffice, a subprocess per case, Hypothesis) carry
  the marker `lent`; `make rapide` leaves them out. The slow files are listed here, in one place.
- The tests run against the *installed* package (as users get it). After an edit in src/, an
  installed copy that differs from src/ would test old code: the session stops with what to do.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

import phare

# sphinx.testing: the `app` fixture builds a tiny book of tests/racines/test-<name>/.
pytest_plugins = ["sphinx.testing.fixtures"]

RACINE = Path(__file__).resolve().parents[1]
SOURCES = RACINE / "src" / "phare"
# Whole files of slow tests (each builds a book, runs copies, starts LibreOffice or Hypothesis).
FICHIERS_LENTS = {
    "test_cli.py",
    "test_construction_stricte.py",
    "test_kits.py",
    "test_lite.py",
    "test_tableur.py",
    "test_catalogue.py",
    "test_verifier_proprietes.py",
    "test_verifier_garde.py",
    "test_echafaudage.py",
    "test_carnets_pyodide.py",
}
# Single slow tests in otherwise fast files (name without parameters).
TESTS_LENTS = {
    "test_frictionless_valide",
    "test_regeneration_identique_octet_pour_octet",
    "test_un_graphique_png_passe_en_palette",
    "test_quiz_sans_bonne_reponse_refuse",
    "test_quiz_html_accessible",
    "test_la_construction_affiche_l_ordre_calcule",
    "test_une_question_mal_ecrite_arrete_la_construction",
    "test_ruff_propre",
    "test_les_carnets_de_cartes_tournent_sans_pyogrio_ni_mapclassify",
    "test_lettre_odt_par_libreoffice",
    "test_captures_par_libreoffice_calc",
}

# The files of the longest tests (`--durations`, 4 December 2026), started first: pytest-xdist
# hands tests out in collection order, and a test of minutes handed out last runs alone at the
# end, on one core. Whole files, so that a module-scoped fixture is not made twice.
FICHIERS_LONGS_D_ABORD = (
    "test_echafaudage.py",  # builds a whole book
    "test_classe.py",
    "test_fiches_et_paquets.py",
    "test_lancer.py",
    "test_session.py",
)


@pytest.fixture
def verifier_isole(monkeypatch):
    """For the checker's tests: no test writes to the real progress file, hints restart from the
    first one, and no figure is left open. Used by `pytestmark = pytest.mark.usefixtures(...)`."""
    import matplotlib.pyplot as plt

    from phare.verifier import moteur

    monkeypatch.setenv("PHARE_PROGRESSION", "")
    monkeypatch.delenv("PHARE_RESULTATS", raising=False)
    moteur.oublier_indices()
    yield
    moteur.oublier_indices()
    plt.close("all")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return RACINE / "tests" / "racines"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in FICHIERS_LENTS or item.originalname in TESTS_LENTS:
            item.add_marker(pytest.mark.lent)
    rang = {nom: i for i, nom in enumerate(FICHIERS_LONGS_D_ABORD)}
    items.sort(key=lambda item: rang.get(item.path.name, len(rang)))  # stable: the rest keeps its order


def _installe_depuis_les_sources() -> bool:
    return Path(phare.__file__).resolve().is_relative_to(SOURCES.resolve())


def _fichiers_differents() -> list[str]:
    installe = Path(phare.__file__).resolve().parent
    differents = []
    for source in SOURCES.rglob("*"):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relatif = source.relative_to(SOURCES)
        copie = installe / relatif
        if not copie.is_file() or not filecmp.cmp(source, copie, shallow=False):
            differents.append(relatif.as_posix())
    return differents


def pytest_sessionstart(session):
    _verifier_l_installation()
    # Kernels the tests drive with nbclient wait for their replies as the build's do.
    from phare.livre.noyau import attendre_par_tranches

    attendre_par_tranches()


def _verifier_l_installation() -> None:
    if not SOURCES.is_dir() or _installe_depuis_les_sources():
        return  # an editable install (make dev): the tests see src/ as it is
    differents = _fichiers_differents()
    if differents:
        pytest.exit(
            f"Le paquet phare installé ({Path(phare.__file__).parent}) ne correspond plus à src/ "
            f"({len(differents)} fichier(s) modifié(s), par exemple {differents[0]}) : les tests "
            "testeraient l'ancien code. Lancez `make install` (comme la CI) ou `make dev` (installation "
            "modifiable, pour une boucle rapide).",
            returncode=4,
        )
