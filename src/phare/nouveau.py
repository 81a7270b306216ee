"""`phare nouveau-module PARCOURS NOM`: a new module, from templates, that builds under -W at once.

It writes, from the templates of `phare/gabarits/` (placeholders `$nom`, `$titre`…):
- book/PARCOURS/NOM.md, the module page (front matter, required parts, a figure, a quiz);
- book/PARCOURS/NOM-fiche-animation.md, its facilitator sheet;
- book/PARCOURS/tableur/NOM.yml, its spreadsheet steps (checked by LibreOffice in the tests);
- notebooks/NOM.ipynb and exercises/NOM.ipynb, on the notebook template (Aperçu, Prérequis,
  Contenu, Résumé, Et ensuite);
- src/phare/verifier/exercices/NOM.py, the catalogue of its exercise;
- in book/_sources.yml, the entry its page cites for its data (when it is not there yet);
and inserts the pages into _toc.yml. The parcours index lists the module by itself (its front
matter), and the build gives it its PDFs and its pack. Everything « À écrire » is to be written.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import yaml

from .construction.projet import racine_du_projet
from .interface import libelles
from .livre.sources import REGISTRE

GABARITS = Path(__file__).parent / "gabarits"
_NOM = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# The workshop's length, written once for both templates: the module's front matter and the part
# « Durée » of its facilitator sheet, whose timed plan (10 + 60 + 20 min) adds up to it
# (tests/test_fiches_animation.py checks a new sheet as it checks the others).
DUREE_ATELIER = "1 h 30"


class NouveauModuleImpossible(SystemExit):
    """The module cannot be created as asked: the message says why, in French."""


def _remplir(nom_gabarit: str, valeurs: dict) -> str:
    return string.Template((GABARITS / nom_gabarit).read_text(encoding="utf-8")).substitute(valeurs)


def _cellule(sorte: str, source: str, ident: str) -> dict:
    cellule = {"cell_type": sorte, "id": ident, "metadata": {}, "source": source}
    if sorte == "code":
        cellule.update(execution_count=None, outputs=[])
    return cellule


def _notebook(cellules: list[dict], carnet: str | None = None) -> str:
    metadonnees = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    if carnet:
        metadonnees["phare"] = {"carnet": carnet}
    nb = {"cells": cellules, "metadata": metadonnees, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def notebook_du_module(v: dict) -> str:
    md = [
        f"# {v['titre']} avec Python\n\n"
        f"Ce notebook accompagne le module [« {v['titre']} »](../book/{v['parcours']}/{v['nom']}.md).\n\n"
        "## Aperçu\n\nÀ écrire : ce que fait ce notebook.",
        "## Prérequis\n\n- savoir exécuter une cellule : cliquez dedans, puis appuyez sur Maj + Entrée.",
        "## Contenu\n\nLa cellule suivante charge le jeu de données.",
        "## Résumé\n\n- À écrire : ce qu'on a appris.",
        f"## Et ensuite\n\nEntraînez-vous avec les [exercices](../exercises/{v['nom']}.ipynb).",
    ]
    code = f'from phare.donnees import charger\n\ntableau = charger("{v["jeu"]}")\ntableau.head()'
    cellules = [_cellule("markdown", md[0], "apercu"), _cellule("markdown", md[1], "prerequis"),
                _cellule("markdown", md[2], "contenu"), _cellule("code", code, "charger"),
                _cellule("markdown", md[3], "resume"), _cellule("markdown", md[4], "ensuite")]
    return _notebook(cellules)


def notebook_d_exercices(v: dict) -> str:
    md = [
        f"# Exercices : {v['titre']}\n\n"
        f"Ces exercices accompagnent le module [« {v['titre']} »](../book/{v['parcours']}/{v['nom']}.md).\n\n"
        "## Aperçu\n\nÀ écrire : ce que ces exercices font pratiquer.",
        "## Prérequis\n\n- savoir exécuter une cellule : cliquez dedans, puis appuyez sur Maj + Entrée.",
        "## Contenu\n\nLa première cellule charge les outils et le tableau des exercices.",
        "### Exercice 1 — Combien de lignes ?\n\nCombien de lignes compte le tableau `tableau` ?\n"
        "Donnez un nombre entier.",
        "## Résumé\n\nLa cellule suivante fait le bilan de vos exercices.",
        f"## Et ensuite\n\nRetour au module [« {v['titre']} »](../book/{v['parcours']}/{v['nom']}.md).",
    ]
    charger = (f'from phare.donnees import charger\nfrom phare.verifier import bilan, verifier\n\n'
               f'tableau = charger("{v["jeu"]}")')
    bilan = _cellule("code", f'bilan("{v["nom"]}")', "bilan")
    bilan["metadata"] = {"tags": ["remove-output"]}
    cellules = [_cellule("markdown", md[0], "apercu"), _cellule("markdown", md[1], "prerequis"),
                _cellule("markdown", md[2], "contenu"), _cellule("code", charger, "charger"),
                _cellule("markdown", md[3], "exercice-1"),
                _cellule("code", f'reponse = ...\nverifier("{v["nom"]}-lignes", reponse)', "reponse-1"),
                _cellule("markdown", md[4], "resume"), bilan, _cellule("markdown", md[5], "ensuite")]
    return _notebook(cellules, carnet=v["nom"])


def inserer_dans_la_table(toc: str, parcours: str, nom: str) -> str:
    """_toc.yml with the module in its parcours' part and its exercises in « Exercices »."""
    legende = libelles()["parcours"][parcours]
    module = (f"      - file: book/{parcours}/{nom}\n        sections:\n"
              f"          - file: book/{parcours}/{nom}-fiche-animation\n"
              f"          - file: notebooks/{nom}\n")
    toc = _ajouter_a_la_partie(toc, legende, module)
    return _ajouter_a_la_partie(toc, "Exercices", f"      - file: exercises/{nom}\n")


def _ajouter_a_la_partie(toc: str, legende: str, bloc: str) -> str:
    lignes = toc.splitlines(keepends=True)
    debut = next((i for i, ligne in enumerate(lignes) if ligne.strip() == f"- caption: {legende}"), None)
    if debut is None:
        raise NouveauModuleImpossible(f"_toc.yml n'a pas de partie « {legende} » : ajoutez-la d'abord.")
    suivantes = (i for i in range(debut + 1, len(lignes)) if lignes[i].startswith("  - caption:"))
    fin = next(suivantes, len(lignes))
    while fin > debut and not lignes[fin - 1].strip():
        fin -= 1
    return "".join(lignes[:fin]) + bloc + "".join(lignes[fin:])


def _ordre_suivant(racine: Path, parcours: str) -> int:
    from .livre.module import lire_fiche

    rangs = [
        fiche.get("ordre", 0)
        for page in (racine / "book" / parcours).glob("*.md")
        if isinstance(fiche := lire_fiche(page), dict)
    ]
    return max(rangs, default=0) + 1


def creer(parcours: str, nom: str, titre: str | None = None, jeu: str = "niveau-marin-brest-annuel",
          racine: Path | None = None) -> list[Path]:
    """Create the module's files and insert them into _toc.yml; return the files written."""
    racine = racine_du_projet(racine)
    connus = libelles()["parcours"]
    if parcours not in connus:
        raise NouveauModuleImpossible(
            f"parcours inconnu « {parcours} » ; parcours connus : {', '.join(connus)}"
        )
    if not _NOM.match(nom):
        raise NouveauModuleImpossible(
            f"nom invalide « {nom} » : des minuscules sans accent, des chiffres et des tirets "
            "(par exemple lire-une-carte)"
        )
    meta = racine / "datasets" / jeu / "datapackage.json"
    if not meta.is_file():
        raise NouveauModuleImpossible(f"jeu de données inconnu « {jeu} » (dossier datasets/)")
    champs = json.loads(meta.read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]
    from .tableur import lettre

    valeurs = {
        "parcours": parcours, "nom": nom, "titre": titre or nom.replace("-", " ").capitalize(), "jeu": jeu,
        "ordre": _ordre_suivant(racine, parcours), "prefixe": "m_" + nom.replace("-", "_"),
        "colonne": champs[0]["name"], "cellule": f"{lettre(len(champs) + 1)}2",
        "duree_atelier": DUREE_ATELIER,
    }
    fichiers = {
        racine / "book" / parcours / f"{nom}.md": _remplir("module.md", valeurs),
        racine / "book" / parcours / f"{nom}-fiche-animation.md": _remplir("fiche-animation.md", valeurs),
        racine / "book" / parcours / "tableur" / f"{nom}.yml": _remplir("tableur.yml", valeurs),
        racine / "notebooks" / f"{nom}.ipynb": notebook_du_module(valeurs),
        racine / "exercises" / f"{nom}.ipynb": notebook_d_exercices(valeurs),
        racine / "src" / "phare" / "verifier" / "exercices" / f"{nom.replace('-', '_')}.py":
            _remplir("exercices.py.gabarit", valeurs),
    }
    deja = [str(f.relative_to(racine)) for f in fichiers if f.exists()]
    if deja:
        raise NouveauModuleImpossible(f"ces fichiers existent déjà : {', '.join(deja)}")
    registre = racine / REGISTRE
    entree = entree_du_registre(racine, jeu)
    toc = racine / "_toc.yml"
    nouvelle_table = inserer_dans_la_table(toc.read_text(encoding="utf-8"), parcours, nom)
    yaml.safe_load(nouvelle_table)  # a broken table must never be written
    for chemin, texte in fichiers.items():
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(texte, encoding="utf-8")
    toc.write_text(nouvelle_table, encoding="utf-8")
    if entree:
        with registre.open("a", encoding="utf-8") as flux:
            flux.write(entree)
        return [*fichiers, toc, registre]
    return [*fichiers, toc]


def entree_du_registre(racine: Path, jeu: str) -> str:
    """The registry entry `jeu-<jeu>` that the new page cites for its data, made from the dataset's
    datapackage.json, or "" when the registry already has it (a second module on the same data)."""
    ident = f"jeu-{jeu}"
    if ident in (yaml.safe_load((racine / REGISTRE).read_text(encoding="utf-8")) or {}):
        return ""
    meta = json.loads((racine / "datasets" / jeu / "datapackage.json").read_text(encoding="utf-8"))
    champs = {
        "titre": meta["title"],
        "editeur": meta["producteur"],
        "url": (meta.get("sources") or [{}])[0].get("path") or meta.get("homepage", ""),
        "verifie": meta["date_recuperation"],
        "note": f"Écrite par phare nouveau-module d'après datasets/{jeu}/datapackage.json\u00a0: "
                "la date est celle où les données ont été récupérées.",
    }
    lignes = "".join(f"  {cle}: {json.dumps(v, ensure_ascii=False) if cle != 'verifie' else v}\n"
                     for cle, v in champs.items())
    return f"\n{ident}:\n{lignes}"
