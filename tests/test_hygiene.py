"""Repository hygiene: what every commit must respect, whatever it touches."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml

from phare.typographie import fautes, lignes_de_prose

RACINE = Path(__file__).resolve().parents[1]
SOURCES = Path(os.environ.get("PHARE_SOURCES", RACINE.parent / "shared" / "datasets" / "raw"))
TAILLE_MAX = 2 * 1024 * 1024
# The fixed shape of the project (developers' guide): anything else at the top is a stray file.
RACINE_PERMISE = {
    "book",
    "notebooks",
    "exercises",
    "datasets",
    "src",
    "tests",
    ".ci",
    "_config.yml",
    "_toc.yml",
    "pyproject.toml",
    "requirements.lock",
    "README.md",
    "CONTRIBUTING.md",
    "LICENSE",
    "LICENSE-contenu",
    "Makefile",
    ".gitignore",
    # Standard files of a repository, welcome even if the project has none yet.
    ".github",
    "CHANGELOG.md",
    ".pre-commit-config.yaml",
    ".editorconfig",
    ".gitattributes",
}
EXTENSIONS_CONTENU = {".md", ".ipynb"}
DOSSIERS_CONTENU = ("book", "notebooks", "exercises")


def _fichiers() -> list[Path]:
    """Files tracked by git, plus the untracked ones git does not ignore."""
    sortie = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=RACINE,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted({RACINE / nom for nom in sortie.split("\0") if nom and (RACINE / nom).is_file()})


FICHIERS = _fichiers()


def _relatif(chemin: Path) -> str:
    return chemin.relative_to(RACINE).as_posix()


def test_pas_de_fichier_parasite_a_la_racine():
    parasites = sorted({_relatif(f).split("/")[0] for f in FICHIERS} - RACINE_PERMISE)
    assert not parasites, f"Fichiers ou dossiers hors de la forme du projet : {parasites}"


def test_aucun_fichier_de_plus_de_2_mo():
    gros = [
        f"{_relatif(f)} ({f.stat().st_size // 1024} Ko)" for f in FICHIERS if f.stat().st_size > TAILLE_MAX
    ]
    assert not gros, f"Fichiers de plus de 2 Mo : {gros}"


@pytest.mark.parametrize("notebook", [f for f in FICHIERS if f.suffix == ".ipynb"], ids=_relatif)
def test_notebook_sans_sortie(notebook):
    cellules = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    sales = [
        i
        for i, c in enumerate(cellules, 1)
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
    ]
    assert not sales, (
        f"{_relatif(notebook)} a été enregistré avec des sorties (cellules {sales}). "
        "Videz-les : jupyter nbconvert --clear-output --inplace " + _relatif(notebook)
    )


@pytest.mark.parametrize("notebook", [f for f in FICHIERS if f.suffix == ".ipynb"], ids=_relatif)
def test_notebook_valide_pour_nbformat(notebook):
    # A cell without an id is accepted today with a warning, and refused by later nbformat versions:
    # a teacher's Jupyter would then not open the notebook of a pack.
    import nbformat
    from nbformat.validator import ValidationError

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            nbformat.validate(nbformat.read(notebook, as_version=nbformat.NO_CONVERT))
        except (ValidationError, Warning) as erreur:
            pytest.fail(
                f"{_relatif(notebook)} n'est pas un notebook valide (nbformat 4.5 : chaque cellule a son "
                f"« id ») : {str(erreur).splitlines()[0]}"
            )


def test_aucune_source_brute_copiee():
    if not SOURCES.is_dir():
        pytest.skip(f"sources brutes absentes ({SOURCES}) : comparaison impossible")
    empreintes = {
        hashlib.sha256(f.read_bytes()).hexdigest(): f.relative_to(SOURCES).as_posix()
        for f in SOURCES.rglob("*")
        if f.is_file() and f.name != "MANIFEST.md"
    }
    copies = [
        f"{_relatif(f)} = {empreintes[h]}"
        for f in FICHIERS
        if (h := hashlib.sha256(f.read_bytes()).hexdigest()) in empreintes
    ]
    assert not copies, f"Fichiers bruts copiés dans le dépôt (lisez-les depuis {SOURCES}) : {copies}"


@pytest.mark.parametrize(
    "fichier", [f for f in FICHIERS if f.suffix in {".yml", ".yaml", ".json", ".ipynb"}], ids=_relatif
)
def test_yaml_et_json_valides(fichier):
    texte = fichier.read_text(encoding="utf-8")
    if fichier.suffix in {".json", ".ipynb"}:
        json.loads(texte)
    else:
        yaml.safe_load(texte)


def _pages_de_la_table() -> tuple[set[str], list[str]]:
    """Pages listed in _toc.yml (without extension) and its glob patterns."""
    toc = yaml.safe_load((RACINE / "_toc.yml").read_text(encoding="utf-8"))
    pages, motifs = {toc["root"]}, []

    def parcourir(noeud):
        if isinstance(noeud, dict):
            if "file" in noeud:
                pages.add(noeud["file"])
            if "glob" in noeud:
                motifs.append(noeud["glob"])
            for valeur in noeud.values():
                parcourir(valeur)
        elif isinstance(noeud, list):
            for element in noeud:
                parcourir(element)

    parcourir(toc)
    return pages, motifs


def test_chaque_page_de_la_table_existe():
    pages, _ = _pages_de_la_table()
    manquantes = [
        p
        for p in sorted(pages)
        if not any((RACINE / (p + ext)).is_file() for ext in EXTENSIONS_CONTENU)
        and not (RACINE / p).is_file()
    ]
    assert not manquantes, f"Pages citées dans _toc.yml mais absentes : {manquantes}"


def test_chaque_contenu_est_dans_la_table():
    pages, motifs = _pages_de_la_table()
    orphelines = []
    for f in FICHIERS:
        rel = _relatif(f)
        if rel.split("/")[0] not in DOSSIERS_CONTENU or f.suffix not in EXTENSIONS_CONTENU:
            continue
        sans_ext = rel.rsplit(".", 1)[0]
        if sans_ext in pages or rel in pages or any(Path(sans_ext).match(m) for m in motifs):
            continue
        if "/_" in "/" + rel:  # templates and includes (folders starting with _) are not pages
            continue
        orphelines.append(rel)
    assert not orphelines, f"Contenus absents de _toc.yml (ajoutez-les ou supprimez-les) : {orphelines}"


@pytest.mark.parametrize(
    "page",
    [
        f
        for f in FICHIERS
        if f.suffix == ".ipynb"
        or f.suffix == ".md"
        and (
            _relatif(f) == "README.md"
            or (f.name != "README.md" and _relatif(f).startswith(("book/", "CONTRIBUTING")))
        )
    ],
    ids=_relatif,
)
def test_typographie_francaise(page):
    """Pages, README, CONTRIBUTING and the Markdown cells of every notebook."""
    if page.suffix == ".ipynb":
        cellules = json.loads(page.read_text(encoding="utf-8"))["cells"]
        lignes = [
            (f"cellule {i}", ligne)
            for i, c in enumerate(cellules, 1)
            if c["cell_type"] == "markdown"
            for _, ligne in fautes("".join(c["source"]))
        ]
    else:
        lignes = fautes(page.read_text(encoding="utf-8"))
    assert not lignes, (
        f"{_relatif(page)} : espace insécable manquante (avant ; : ! ? » %, après «) aux lignes "
        f"{[n for n, _ in lignes][:10]}. Corrigez avec : .venv/bin/python -m phare.typographie "
        + _relatif(page)
    )


# The end of a sentence followed by the start of another, on the same line. Not an end: an
# initial (« G. Buriticá »), « p. », « ex. », « art. », « cf. », « al. ».
_DEUX_PHRASES = re.compile(r"(?<!\b[A-Z])(?<!\bp)(?<!\bex)(?<!\bart)(?<!\bcf)(?<!\bal)[.!?…]\s+[«A-ZÉÈÀÇ]")


def _phrases_collees(texte: str) -> list[int]:
    numeros = []
    for i, ligne in lignes_de_prose(texte):
        prose = re.sub(r"`[^`]*`|<[^>]+>|«[^»]*»", "x", ligne)  # code, addresses, quotations
        prose = re.sub(r"^\s*(\d+\.|[-*])\s+", "", prose)  # list markers
        if prose.lstrip().startswith(("|", ">")) or re.search(r"\?\s+\S.*\?\s*$", prose):
            continue  # tables, quotes, and lines of short questions (« Pourquoi ? Comment ? »)
        if _DEUX_PHRASES.search(prose):
            numeros.append(i + 1)
    return numeros


@pytest.mark.parametrize(
    "page",
    [f for f in FICHIERS if f.suffix == ".md" and (_relatif(f).startswith("book/") or f.parent == RACINE)],
    ids=_relatif,
)
def test_une_phrase_par_ligne(page):
    """The Turing Way's rule: one sentence per line, so that a diff shows the sentence that changed."""
    numeros = _phrases_collees(page.read_text(encoding="utf-8"))
    assert not numeros, f"{_relatif(page)} : plusieurs phrases sur une ligne, aux lignes {numeros[:10]}"


def test_ruff_propre():
    ruff = Path(sys.executable).parent / "ruff"
    proc = subprocess.run([str(ruff), "check", "--quiet", "."], cwd=RACINE, capture_output=True, text=True)
    assert proc.returncode == 0, "ruff signale :\n" + proc.stdout + proc.stderr


def test_deux_fichiers_de_test_n_ont_jamais_le_meme_nom():
    """pytest (rootdir imports, no __init__.py) refuses to collect two test files of the same name."""
    noms = [p.name for p in (RACINE / "tests").rglob("test_*.py")]
    doublons = sorted({n for n in noms if noms.count(n) > 1})
    assert not doublons, f"fichiers de test de même nom dans tests/ : {doublons}"
