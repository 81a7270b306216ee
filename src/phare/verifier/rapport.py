"""The teacher's report: French text exercise by exercise, and a CSV with one row per notebook."""

from __future__ import annotations

import csv
from pathlib import Path

from .correction import ETATS, LIBELLES, Copie

_SIGNES = {"reussi": "✔", "faux": "✘", "erreur": "⚠", "non-fait": "○", "indisponible": "?"}


def texte_copie(copie: Copie) -> str:
    carnet = f" — carnet « {copie.carnet} »" if copie.carnet else ""
    lignes = [f"Copie {copie.fichier.name}{carnet}", f"  État : {ETATS[copie.etat]}."]
    for ident, (statut, message) in copie.exercices.items():
        detail = f" — {_une_ligne(message)}" if statut in ("faux", "erreur") and message else ""
        lignes.append(f"  {_SIGNES.get(statut, '?')} {ident} : {LIBELLES.get(statut, statut)}{detail}")
    for probleme in copie.problemes:
        lignes.append(f"  Problème : {probleme}")
    if copie.exercices:
        lignes.append(f"  Bilan : {copie.reussis} exercice(s) réussi(s) sur {len(copie.exercices)}.")
    return "\n".join(lignes)


def texte_resume(copies: list[Copie], carnet: str | None) -> str:
    sans_probleme = sum(c.etat == "ok" for c in copies)
    lignes = [
        f"{len(copies)} copie(s) vérifiée(s)"
        + (f" pour le carnet « {carnet} »" if carnet else "")
        + f" : {sans_probleme} sans problème, {len(copies) - sans_probleme} avec un problème signalé."
    ]
    return "\n".join(lignes)


def ecrire_csv(copies: list[Copie], identifiants: list[str], fichier: Path) -> None:
    """One row per notebook. Separator « ; » and UTF-8 with BOM, so that a French spreadsheet opens it."""
    with open(fichier, "w", encoding="utf-8-sig", newline="") as sortie:
        ecrivain = csv.writer(sortie, delimiter=";")
        ecrivain.writerow(["fichier", "carnet", "etat", "reussis", "total", *identifiants, "problemes"])
        for copie in copies:
            total = len(identifiants) if copie.examinee else ""
            reussis = copie.reussis if copie.examinee else ""
            valeurs = [
                LIBELLES.get(copie.exercices[i][0], "") if i in copie.exercices else "" for i in identifiants
            ]
            ecrivain.writerow(
                [
                    copie.fichier.name,
                    copie.carnet or "",
                    copie.etat,
                    reussis,
                    total,
                    *valeurs,
                    " | ".join(copie.problemes),
                ]
            )


def _une_ligne(texte: str, limite: int = 160) -> str:
    texte = " ".join(texte.split())
    return texte if len(texte) <= limite else texte[: limite - 1] + "…"
