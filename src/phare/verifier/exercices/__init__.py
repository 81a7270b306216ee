"""The catalogue of exercises: one module per exercise notebook, each with a list `EXERCICES`.
Titles and order come from the notebooks themselves (phare.verifier.carnets).

Adding a notebook's exercises = adding a module here; it is discovered automatically.
These modules hold the reference solutions and the typical wrong answers: they live in the
package, not in the notebook, so that a learner who opens the notebook does not see them.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from ..carnets import enonces
from ..exercice import Exercice


@cache
def tous() -> dict[str, Exercice]:
    """Every exercise, by identifier, in notebook order then statement order."""
    exercices: dict[str, Exercice] = {}
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        contenu = importlib.import_module(f"{__name__}.{module.name}")
        for exercice in getattr(contenu, "EXERCICES", ()):
            if exercice.identifiant in exercices:
                raise ValueError(f"Identifiant d'exercice en double : {exercice.identifiant}")
            exercices[exercice.identifiant] = exercice
    return exercices


def carnets() -> dict[str, list[Exercice]]:
    """Exercises grouped by notebook name, in statement order (both read from the notebooks).

    An exercise that no notebook asks for belongs to no notebook (a test catches it)."""
    exercices = tous()
    groupes: dict[str, list[Exercice]] = {}
    for enonce in sorted(enonces().values(), key=lambda e: (e.carnet, e.rang)):
        if enonce.identifiant in exercices:
            groupes.setdefault(enonce.carnet, []).append(exercices[enonce.identifiant])
    return groupes
