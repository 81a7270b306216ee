"""The teacher's report: French text exercise by exercise, and a CSV with one row per notebook.

Both are made so that nothing a pupil wrote can change what the teacher reads:
- every text that a copy could influence (its file name, a refused path, a column name quoted in a
  hint) loses its control characters (no escape codes to repaint the terminal, no line breaks to
  forge a line);
- in the CSV, a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
  a quote, so that no spreadsheet evaluates it (OWASP, « CSV injection »); the file is written to a
  temporary file then renamed, so a symbolic link planted where it goes is replaced, not followed;
- the CSV suits a French spreadsheet: « ; » between cells, UTF-8 with BOM, decimal comma.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from pathlib import Path

from ..typographie import corriger
from .correction import LIBELLES, Copie, propre, structurel

_SIGNES = {
    "reussi": "✔",
    "faux": "✘",
    "erreur": "⚠",
    "non-fait": "○",
    "indisponible": "?",
    "non-verifie": "·",
}
_FORMULES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NON_ISOLEE = "non isolée"
PAS_UNE_NOTE = "Ce n'est pas une note : le raisonnement de l'enquête reste à lire."


def secondes(duree: float) -> str:
    return f"{duree:.1f}".replace(".", ",")


def texte_copie(copie: Copie) -> str:
    carnet = f" — carnet « {copie.carnet} »" if copie.carnet else ""
    isolement = "" if copie.isolee else f" [{NON_ISOLEE}]"
    duree = f" ({secondes(copie.duree)} s)" if copie.duree else ""
    lignes = [f"Copie {propre(copie.fichier.name)}{carnet}{isolement}", f"  État : {copie.libelle}.{duree}"]
    for ident, (statut, message) in copie.exercices.items():
        detail = f" — {_une_ligne(message)}" if statut in ("faux", "erreur") and message else ""
        vue = " (solution consultée)" if ident in copie.solutions else ""
        lignes.append(f"  {_SIGNES.get(statut, '?')} {ident} : {LIBELLES.get(statut, statut)}{vue}{detail}")
    for probleme in copie.problemes:
        lignes.append(f"  Problème : {_une_ligne(probleme, 300)}")
    for soupcon in copie.a_examiner:
        lignes.append(f"  À examiner : {_une_ligne(soupcon, 200)}")
    if copie.a_examiner:
        lignes.append(
            "    (ce n'est pas un verdict : le code fait quelque chose d'inhabituel, à vous de juger)"
        )
    if copie.examinee and copie.exercices and structurel(copie.carnet):
        lignes.append(
            f"  Bilan : {copie.reussis} vérification(s) de forme satisfaite(s) sur {len(copie.exercices)}. "
            f"{PAS_UNE_NOTE}"
        )
    elif copie.examinee and copie.exercices:
        lignes.append(f"  Bilan : {copie.reussis} exercice(s) réussi(s) sur {len(copie.exercices)}.")
    return corriger("\n".join(lignes))


def texte_resume(copies: list[Copie], carnet: str | None) -> str:
    sans_probleme = sum(c.etat == "ok" for c in copies)
    non_verifiees = sum(c.etat == "non-verifiee" for c in copies)
    lignes = [
        f"{len(copies)} copie(s)"
        + (f" pour le carnet « {carnet} »" if carnet else "")
        + f" : {sans_probleme} sans problème, {len(copies) - sans_probleme - non_verifiees} avec un "
        "problème signalé" + (f", {non_verifiees} non vérifiée(s)" if non_verifiees else "") + "."
    ]
    if carnet and structurel(carnet):
        lignes.append(
            f"Le carnet « {carnet} » est une enquête : ses vérifications disent si chaque étape a laissé "
            "sa trace (question, jeu, valeurs manquantes, résumé, graphique, conclusion), jamais si le "
            "raisonnement est juste."
        )
    a_examiner = sum(bool(c.a_examiner) for c in copies)
    if a_examiner:
        lignes.append(f"{a_examiner} copie(s) contiennent du code à examiner (colonne « à examiner »).")
    if any(not c.isolee for c in copies):
        lignes.append(
            "Attention : copies exécutées sans bac à sable (--sans-isolation), marquées « non isolée »."
        )
    return corriger("\n".join(lignes))


def cellule_sure(valeur) -> str:
    """One CSV cell a spreadsheet shows as text: no control characters, no formula (OWASP)."""
    texte = propre(valeur)
    if texte.startswith(_FORMULES) or texte.lstrip().startswith(_FORMULES):
        texte = "'" + texte
    return texte


def lignes_csv(copies: list[Copie], identifiants: list[str]) -> list[list[str]]:
    lignes = [
        [
            "fichier", "carnet", "état", "réussis", "total", *identifiants,
            "solutions consultées", "à examiner", "problèmes", "durée (s)", "isolement",
        ]
    ]  # fmt: skip
    for copie in copies:
        total = str(len(identifiants)) if copie.examinee else ""
        reussis = str(copie.reussis) if copie.examinee else ""
        valeurs = [
            LIBELLES.get(copie.exercices[i][0], "") if i in copie.exercices else "" for i in identifiants
        ]
        lignes.append(
            [
                cellule_sure(copie.fichier.name),
                cellule_sure(copie.carnet or ""),
                cellule_sure(copie.libelle),
                reussis,
                total,
                *valeurs,
                cellule_sure(", ".join(copie.solutions)),
                cellule_sure(corriger(" | ".join(copie.a_examiner))),
                cellule_sure(corriger(" | ".join(copie.problemes))),
                secondes(copie.duree) if copie.duree else "",
                "isolée" if copie.isolee else NON_ISOLEE,
            ]
        )
    return lignes


def ecrire_csv(copies: list[Copie], identifiants: list[str], fichier: Path) -> None:
    """One row per notebook, written atomically (a temporary file in the same folder, then renamed).
    Raises OSError if the folder cannot be written."""
    tampon = io.StringIO(newline="")
    csv.writer(tampon, delimiter=";", lineterminator="\r\n").writerows(lignes_csv(copies, identifiants))
    cible = Path(fichier)
    dossier = cible.parent if str(cible.parent) else Path(".")
    descripteur, temporaire = tempfile.mkstemp(dir=dossier, prefix=f".{cible.name}.", suffix=".tmp")
    try:
        with os.fdopen(descripteur, "w", encoding="utf-8-sig", newline="") as sortie:
            sortie.write(tampon.getvalue())
            sortie.flush()
            with contextlib.suppress(OSError):
                os.fsync(sortie.fileno())
        masque = os.umask(0)
        os.umask(masque)
        os.chmod(temporaire, 0o666 & ~masque)  # mkstemp makes it private; a CSV is an ordinary file
        os.replace(temporaire, cible)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporaire)
        raise


def _une_ligne(texte: str, limite: int = 160) -> str:
    texte = propre(texte)
    return texte if len(texte) <= limite else texte[: limite - 1] + "…"
