"""The learner's progress, kept on their own machine only.

Where: `~/.phare/progression.json`, or the path in the environment variable PHARE_PROGRESSION
(an empty value turns saving off). Nothing is ever sent anywhere.
If the home folder is missing or read-only (a locked-down class computer, a browser sandbox),
progress is kept in memory for the session instead: a check never fails because of it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

VARIABLE = "PHARE_PROGRESSION"
# Set by the teacher's command: each check appends one JSON line there (see correction.py).
VARIABLE_RESULTATS = "PHARE_RESULTATS"

_memoire: dict[str, dict] = {}


def chemin() -> Path | None:
    valeur = os.environ.get(VARIABLE)
    if valeur is not None:
        return Path(valeur).expanduser() if valeur.strip() else None
    try:
        return Path.home() / ".phare" / "progression.json"
    except (RuntimeError, KeyError, OSError):
        return None


def lire() -> dict[str, dict]:
    """{identifiant: {"essais": n, "reussi": bool}} — the file's content merged with this session's."""
    donnees: dict[str, dict] = {}
    fichier = chemin()
    if fichier is not None:
        try:
            contenu = json.loads(fichier.read_text(encoding="utf-8"))
            exercices = contenu.get("exercices", {}) if isinstance(contenu, dict) else {}
            for ident, etat in exercices.items():
                if isinstance(ident, str) and isinstance(etat, dict):
                    donnees[ident] = {
                        "essais": int(etat.get("essais", 0) or 0),
                        "reussi": bool(etat.get("reussi", False)),
                    }
        except (OSError, ValueError, TypeError, AttributeError):
            pass  # missing or damaged file: start again from what this session knows
    for ident, etat in _memoire.items():
        ancien = donnees.get(ident, {"essais": 0, "reussi": False})
        donnees[ident] = {
            "essais": max(ancien["essais"], etat["essais"]),
            "reussi": ancien["reussi"] or etat["reussi"],
        }
    return donnees


def enregistrer(identifiant: str, reussi: bool) -> None:
    """Count one attempt; once an exercise is done it stays done."""
    donnees = lire()
    etat = donnees.get(identifiant, {"essais": 0, "reussi": False})
    etat = {"essais": etat["essais"] + 1, "reussi": etat["reussi"] or reussi}
    donnees[identifiant] = etat
    _memoire[identifiant] = dict(etat)
    fichier = chemin()
    if fichier is None:
        return
    try:
        fichier.parent.mkdir(parents=True, exist_ok=True)
        temporaire = fichier.with_name(fichier.name + ".tmp")
        temporaire.write_text(
            json.dumps({"version": 1, "exercices": donnees}, ensure_ascii=False, indent=1, sort_keys=True),
            encoding="utf-8",
        )
        os.replace(temporaire, fichier)
    except OSError:
        pass  # read-only home: the in-memory copy above is enough for this session


def signaler(resultat: dict) -> None:
    """For the teacher's command only: append the outcome to the results file, if one is set."""
    fichier = os.environ.get(VARIABLE_RESULTATS)
    if not fichier:
        return
    try:
        with open(fichier, "a", encoding="utf-8") as sortie:
            sortie.write(json.dumps(resultat, ensure_ascii=False) + "\n")
    except OSError:
        pass


def oublier_session() -> None:
    """Forget this session's in-memory progress (tests use it)."""
    _memoire.clear()
