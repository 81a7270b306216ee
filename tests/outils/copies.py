"""Build students' copies of the exercise notebooks, for the tests of `phare verifier`.

`remplir(notebook, reponses)` returns a copy of an exercise notebook with some cells filled in,
as a student would hand it in. The copies are real notebooks built from `exercises/`.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from phare.verifier.exercices import tous

RACINE = Path(__file__).resolve().parents[2]
EXERCICES = RACINE / "exercises"

# The code a learner would type in place of `reponse = ...`, for every exercise: written once, in
# the catalogue (Exercice.solution).
SOLUTIONS = {ident: exercice.solution for ident, exercice in tous().items()}


def charger_notebook(carnet: str) -> dict:
    return json.loads((EXERCICES / f"{carnet}.ipynb").read_text(encoding="utf-8"))


def identifiant_de(cellule: dict) -> str | None:
    """The exercise a code cell checks, from its `verifier("…", reponse)` line."""
    source = "".join(cellule.get("source", ""))
    if cellule.get("cell_type") != "code" or "verifier(" not in source or "reponse = ..." not in source:
        return None
    return source.split('verifier("', 1)[1].split('"', 1)[0]


def remplir(carnet: str, reponses: dict[str, str], avant: dict[str, str] | None = None) -> dict:
    """A copy of the notebook: `reponses[id]` replaces `reponse = ...`; `avant[id]` adds a cell before."""
    notebook = copy.deepcopy(charger_notebook(carnet))
    cellules = []
    for cellule in notebook["cells"]:
        ident = identifiant_de(cellule)
        if ident and avant and ident in avant:
            cellules.append(
                {
                    "cell_type": "code",
                    "metadata": {},
                    "execution_count": None,
                    "outputs": [],
                    "id": f"ajout-{ident}",
                    "source": avant[ident],
                }
            )
        if ident and ident in reponses:
            source = "".join(cellule["source"]).replace("reponse = ...", reponses[ident])
            cellule = {**cellule, "source": source}
        cellules.append(cellule)
    notebook["cells"] = cellules
    return notebook


def ecrire(notebook: dict, fichier: Path) -> Path:
    fichier.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
    return fichier
