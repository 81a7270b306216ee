"""Record-only `verifier`, `bilan` and `solution`, for a pupil's copy checked by the teacher.

During `phare verifier`, each copy runs in a sandbox (bac_a_sable.py) where the variable PHARE_RELEVE
names the file descriptor of the results channel. There, `verifier("id", reponse)` judges nothing:
it sends the answer, serialised without pickle (serialisation.py), to the trusted parent, which
computes the expected answers and the verdicts. This module knows no exercise: the catalogue is not
imported, and is not even present in the sandbox's copy of the package.
Whatever a copy writes on the channel itself can only stand for its own answers (see correction.py).
"""

from __future__ import annotations

import json
import os
import types

from .resultat import Resultat
from .serialisation import encoder

VARIABLE = "PHARE_RELEVE"
_MESSAGE = "Réponse relevée : l'enseignant·e verra le résultat dans son bilan."


def _canal() -> int | None:
    try:
        return int(os.environ.get(VARIABLE, ""))
    except ValueError:
        return None


def envoyer(evenement: dict) -> None:
    """One JSON line on the results channel (lost, not raised, if the channel is gone)."""
    canal = _canal()
    if canal is None:
        return
    try:
        donnees = (json.dumps(evenement, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
    except (TypeError, ValueError):
        return
    vue = memoryview(donnees)
    try:
        while vue:
            ecrits = os.write(canal, vue)
            vue = vue[ecrits:]
    except OSError:
        pass


def _identifiant(identifiant) -> str | None:
    return identifiant[:100] if isinstance(identifiant, str) else None


def verifier(identifiant: str, reponse=...) -> Resultat:
    """Relève votre réponse pour la vérification de l'enseignant·e (le verdict est calculé ailleurs)."""
    ident = _identifiant(identifiant)
    if isinstance(reponse, types.FunctionType):  # `lambda: calcul`, computed here under protection
        try:
            reponse = reponse()
        except Exception as erreur:
            reponse = erreur
    envoyer({"e": "reponse", "id": ident, "valeur": encoder(reponse)})
    return Resultat(ident or "?", "releve", _MESSAGE, code="releve")


def solution(identifiant: str) -> Resultat:
    """Pendant la vérification de la classe, la solution n'est pas affichée ; la demande est notée."""
    ident = _identifiant(identifiant)
    envoyer({"e": "solution", "id": ident})
    return Resultat(
        ident or "?",
        "releve",
        "Pendant la vérification par l'enseignant·e, les solutions ne s'affichent pas. "
        "La demande est notée (« solution consultée »).",
        code="releve",
    )


class _BilanIndisponible:
    def __repr__(self) -> str:
        return "Le bilan de vos exercices n'est pas affiché pendant la vérification par l'enseignant·e."

    __str__ = __repr__


def bilan(carnet: str | None = None) -> _BilanIndisponible:
    """Pendant la vérification de la classe, le bilan personnel n'est pas calculé."""
    return _BilanIndisponible()
