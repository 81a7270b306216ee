"""Build students' copies of the exercise notebooks, for the tests of `phare verifier`.

SOLUTIONS holds, for every exercise, the code a learner would type in place of `reponse = ...`.
`remplir(notebook, reponses)` returns a copy of an exercise notebook with some cells filled in,
as a student would hand it in. The copies are real notebooks built from `exercises/`.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
EXERCICES = RACINE / "exercises"

SOLUTIONS = {
    "tableau-lignes": "reponse = len(communes)",
    "tableau-code-insee": 'reponse = communes.loc[communes["nom"] == "Brest", "code_insee"].iloc[0]',
    "tableau-tri": 'metropole = communes[communes["nom_epci"] == "Brest Métropole"]\n'
    'reponse = metropole[["nom", "population_municipale"]].sort_values(\n'
    '    "population_municipale", ascending=False)',
    "tableau-filtre": 'reponse = (communes["population_municipale"] >= 10000).sum()',
    "tableau-part-brest": 'metropole = communes[communes["nom_epci"] == "Brest Métropole"]\n'
    'brest = metropole.loc[metropole["nom"] == "Brest", "population_municipale"].iloc[0]\n'
    'reponse = round(100 * brest / metropole["population_municipale"].sum(), 1)',
    "tableau-millesime": 'choix = (editions["nom"] == "Brest") & (editions["millesime"] == 2021)\n'
    'reponse = editions.loc[choix, "population_municipale"].iloc[0]',
    "pluie-cumul": 'reponse = pluie.loc[annees == 2014, "brest_mm"].sum()',
    "pluie-jours": 'reponse = (pluie.loc[annees == 2014, "brest_mm"] >= 1).sum()',
    "pluie-mediane": 'reponse = pluie["brest_mm"].median()',
    "pluie-manquantes": 'reponse = pluie["brest_mm"].isna().sum()',
    "mer-manquantes": 'reponse = niveaux["niveau_mm"].isna().sum()',
    "mer-trous": 'choix = (niveaux["annee"] >= 1900) & niveaux["niveau_mm"].isna()\n'
    'reponse = niveaux.loc[choix, "annee"].tolist()',
    "mer-moyenne": 'reponse = round(niveaux.loc[niveaux["annee"] >= 1900, "niveau_mm"].mean())',
    "mer-annee-max": 'reponse = niveaux.loc[niveaux["niveau_mm"].idxmax(), "annee"]',
    "mer-tendance": 'recentes = niveaux[niveaux["annee"] >= 1900].dropna(subset=["niveau_mm"])\n'
    'reponse = np.polyfit(recentes["annee"], recentes["niveau_mm"], 1)[0]',
}


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
