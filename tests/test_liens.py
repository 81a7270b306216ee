"""Links of a notebook that leaves the book (phare.construction.liens) and MyST roles in notebooks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from phare.construction.liens import liens_relatifs, notebook_hors_du_livre

RACINE = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.relative_to(RACINE).as_posix() for d in ("notebooks", "exercises")
                   for p in (RACINE / d).glob("*.ipynb"))


def _notebook(*textes: str) -> bytes:
    cellules = [{"cell_type": "markdown", "metadata": {}, "source": t} for t in textes]
    cellules.append({"cell_type": "code", "metadata": {}, "source": "x = '[a](b.md)'", "outputs": [],
                     "execution_count": None})
    return json.dumps({"cells": cellules, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()


def test_les_liens_absents_deviennent_du_texte():
    contenu = _notebook(
        "Le module [« Lire »](../book/manipuler/lire.md) et les exercices "
        "[« Lire »](../exercises/lire.ipynb).",
        "Le notebook [voisin](voisin.ipynb#partie), [le web](https://www.insee.fr) et [plus bas](#fin).",
    )
    sortie = json.loads(notebook_hors_du_livre(contenu, "notebooks/n.ipynb", {"notebooks/voisin.ipynb"}))
    markdown = ["".join(c["source"]) for c in sortie["cells"] if c["cell_type"] == "markdown"]
    assert markdown[0] == "Le module « Lire » et les exercices « Lire »."
    assert markdown[1] == ("Le notebook [voisin](voisin.ipynb#partie), [le web](https://www.insee.fr) "
                           "et [plus bas](#fin).")
    assert sortie["cells"][2]["source"] == "x = '[a](b.md)'", "le code ne change jamais"


def test_liens_relatifs_depuis_la_racine():
    contenu = _notebook("[a](../book/x.md) [b](autre.ipynb) [c](https://example.org) [d](#ici)")
    assert liens_relatifs(contenu, "exercises/n.ipynb") == ["book/x.md", "exercises/autre.ipynb"]


@pytest.mark.parametrize("chemin", NOTEBOOKS)
def test_les_liens_du_depot_menent_a_un_fichier(chemin):
    cibles = liens_relatifs((RACINE / chemin).read_bytes(), chemin)
    assert all((RACINE / c).is_file() for c in cibles), [c for c in cibles if not (RACINE / c).is_file()]


@pytest.mark.parametrize("chemin", NOTEBOOKS)
def test_pas_de_role_myst_dans_un_notebook(chemin):
    """Jupyter shows a MyST role ({doc}`…`) as raw text: notebooks use plain Markdown links."""
    cellules = json.loads((RACINE / chemin).read_text(encoding="utf-8"))["cells"]
    roles = [m.group(0) for c in cellules if c["cell_type"] == "markdown"
             for m in re.finditer(r"\{[a-z:-]+\}`[^`]*`", "".join(c["source"]))]
    assert not roles, f"{chemin} : rôles MyST illisibles dans Jupyter : {roles}"
