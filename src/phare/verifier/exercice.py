"""How an exercise is described: its expected answer (computed from the data), shape, hints, traps.

An exercise never stores its answer as a literal: `attendu` is a function that computes it from
the real data with `phare.donnees.charger`, so the reference solution *is* the definition and
cannot drift away from the data. See CONTRIBUTING.md, « Écrire un exercice ».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .carnets import enonces
from .formes import Forme


@dataclass(frozen=True)
class Piege:
    """A typical wrong answer and its graduated hints (first hint gentle, last one precise).

    Give either `valeur(attendu)`, the wrong answer the mistake produces (computed, e.g.
    `lambda attendu: attendu / 10` for mm read as cm), or `test(reponse, attendu)`, a predicate
    that recognises it; a `test` trap also gives `exemple(attendu)`, one real wrong answer it
    recognises, so the tests can prove it is caught. Hints must never contain the expected value.
    """

    code: str
    indices: tuple[str, ...]
    valeur: Callable[[Any], Any] | None = None
    test: Callable[[Any, Any], bool] | None = None
    exemple: Callable[[Any], Any] | None = None

    def reponse_type(self, attendu):
        """One wrong answer this trap must recognise (for the tests)."""
        fabrique = self.valeur if self.valeur is not None else self.exemple
        return fabrique(attendu)


@dataclass(frozen=True)
class Exercice:
    """How to check one exercise. Its title and its notebook are written once, in the notebook
    itself (`phare.verifier.carnets`): `titre` and `carnet` read them from there.

    identifiant: what the learner types, e.g. "pluie-cumul";
    solution: the code a learner would write in place of `reponse = ...` (shown only on request);
    attendu: computes the expected answer from the data (the reference solution);
    forme: the shape of the answer and how to compare (Nombre, Entier, Texte, Liste, Tableau);
    bravo: the one-line why shown after « Bravo ! »;
    indices: graduated general hints, used when no trap is recognised.
    """

    identifiant: str
    solution: str
    attendu: Callable[[], Any]
    forme: Forme
    bravo: str
    indices: tuple[str, ...]
    pieges: tuple[Piege, ...] = field(default_factory=tuple)

    @property
    def titre(self) -> str:
        enonce = enonces().get(self.identifiant)
        return enonce.titre if enonce else ""

    @property
    def carnet(self) -> str | None:
        enonce = enonces().get(self.identifiant)
        return enonce.carnet if enonce else None
