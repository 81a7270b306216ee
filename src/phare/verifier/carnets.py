"""The exercise notebooks (« carnets »): the one home of each exercise's title and place.

An exercise is written once in its notebook of `exercises/`: a Markdown heading that gives its
title (« ### Exercice 2 — Le code Insee de Brest »), its statement, then a code cell

    reponse = ...
    verifier("tableau-code-insee", reponse)

The catalogue (`phare.verifier.exercices`) says how to check the answer; it writes neither the
title nor the notebook. This module reads them from the notebooks themselves:
- the folder named by PHARE_CARNETS, or an `exercises/` folder found by walking up from the
  current folder (the repository, a teacher's pack);
- else the copy bundled in the installed package (`phare/_carnets`, as for the data), or, in a
  source checkout (the developers' editable install), the repository's `exercises/`.
Pure Python: it also runs in the browser (JupyterLite).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VARIABLE = "PHARE_CARNETS"
_TITRE = re.compile(r"^#{2,4}\s+(.+?)\s*$", re.MULTILINE)
_NUMERO = re.compile(r"^Exercice\s+\d+\s*[—–-]\s*")
_APPEL = re.compile(r"""verifier\(\s*["']([a-z0-9-]+)["']\s*,\s*reponse\s*\)""")


@dataclass(frozen=True)
class Enonce:
    """Where an exercise stands: its notebook, its title (without « Exercice N — »), its rank."""

    identifiant: str
    carnet: str
    titre: str
    rang: int


def _contient_des_carnets(dossier: Path) -> bool:
    return dossier.is_dir() and any(dossier.glob("*.ipynb"))


def dossier_carnets() -> Path | None:
    """The folder of the exercise notebooks (see the order above), or None if there is none."""
    if os.environ.get(VARIABLE):
        return Path(os.environ[VARIABLE]).expanduser()
    ici = Path.cwd().resolve()
    for parent in (ici, *ici.parents):
        if _contient_des_carnets(parent / "exercises"):
            return parent / "exercises"
    paquet = Path(__file__).resolve().parents[1]
    for embarque in (paquet / "_carnets", paquet.parents[1] / "exercises"):
        if _contient_des_carnets(embarque):
            return embarque
    return None


def enonces_du_carnet(notebook: dict, carnet: str) -> list[Enonce]:
    """The exercises of one notebook, in order: each `verifier("…", reponse)` cell, titled by the
    last heading above it."""
    titre, trouves = "", []
    for cellule in notebook.get("cells", []):
        source = "".join(cellule.get("source", ""))
        if cellule.get("cell_type") == "markdown":
            titres = _TITRE.findall(source)
            if titres:
                titre = _NUMERO.sub("", titres[-1])
        elif cellule.get("cell_type") == "code" and (appel := _APPEL.search(source)):
            trouves.append(Enonce(appel.group(1), carnet, titre, len(trouves) + 1))
    return trouves


@cache
def enonces() -> dict[str, Enonce]:
    """Every exercise of every notebook, by identifier, in notebook then statement order."""
    dossier = dossier_carnets()
    tous: dict[str, Enonce] = {}
    if dossier is None:
        return tous
    for chemin in sorted(dossier.glob("*.ipynb")):
        try:
            notebook = json.loads(chemin.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a damaged notebook: its exercises simply have no title
        carnet = (notebook.get("metadata", {}).get("phare", {}) or {}).get("carnet", chemin.stem)
        for enonce in enonces_du_carnet(notebook, carnet):
            tous.setdefault(enonce.identifiant, enonce)
    return tous
