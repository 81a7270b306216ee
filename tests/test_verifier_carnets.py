"""The exercise notebooks and the catalogue of phare.verifier never drift apart (the trap of
learntools): same exercises, same order, one cell to fill for each, the notebook template."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from phare.verifier.exercices import carnets

RACINE = Path(__file__).resolve().parents[1]
SECTIONS = ("Aperçu", "Prérequis", "Contenu", "Résumé", "Et ensuite")
CARNETS = sorted(carnets())


def _notebook(carnet: str) -> dict:
    return json.loads((RACINE / "exercises" / f"{carnet}.ipynb").read_text(encoding="utf-8"))


def _source(cellule: dict) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def test_chaque_notebook_d_exercices_a_son_catalogue():
    notebooks = {p.stem for p in (RACINE / "exercises").glob("*.ipynb")}
    assert notebooks == set(CARNETS)


@pytest.mark.parametrize("carnet", CARNETS)
def test_meme_exercices_meme_ordre(carnet):
    notebook = _notebook(carnet)
    assert notebook["metadata"]["phare"]["carnet"] == carnet
    appels = [
        re.search(r'verifier\("([^"]+)", reponse\)', _source(c)).group(1)
        for c in notebook["cells"]
        if c["cell_type"] == "code" and "verifier(" in _source(c)
    ]
    assert appels == [e.identifiant for e in carnets()[carnet]]


@pytest.mark.parametrize("carnet", CARNETS)
def test_gabarit_du_notebook(carnet):
    cellules = _notebook(carnet)["cells"]
    titres = [
        ligne[3:].strip()
        for c in cellules
        if c["cell_type"] == "markdown"
        for ligne in _source(c).splitlines()
        if ligne.startswith("## ")
    ]
    assert [t for t in titres if t in SECTIONS] == list(SECTIONS)
    codes = [_source(c) for c in cellules if c["cell_type"] == "code"]
    assert any("charger(" in c for c in codes), "les données viennent de phare.donnees.charger"
    assert all(len(c.splitlines()) <= 15 for c in codes)
    for i, cellule in enumerate(cellules):
        if cellule["cell_type"] == "code" and "verifier(" in _source(cellule):
            assert _source(cellule).startswith("reponse = ...\n"), "une cellule à compléter par exercice"
            precedente = cellules[i - 1]
            assert precedente["cell_type"] == "markdown" and "Exercice" in _source(precedente)
        if cellule["cell_type"] == "code" and "bilan(" in _source(cellule):
            assert "remove-output" in cellule.get("metadata", {}).get("tags", [])
