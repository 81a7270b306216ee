"""Exercises of exercises/mener-l-enquete.ipynb. Their titles are in the notebook (phare.verifier.carnets).

Every expected answer is computed from the curated data (phare.donnees), never typed in.
"""

from __future__ import annotations

from phare.donnees import charger

from ..exercice import Exercice, Piege
from ..formes import Entier

EXERCICES = [
    Exercice(
        identifiant="mener-l-enquete-lignes",
        solution="reponse = len(tableau)",
        attendu=lambda: len(charger("arrets-bibus")),
        forme=Entier(),
        bravo="Une ligne par observation : compter les lignes, c'est compter les observations.",
        # Three hints, from the gentlest to the most precise; none of them is the solution's code.
        indices=(
            "Chaque ligne du tableau est une observation : comptez les lignes.",
            "La fonction `len` donne la longueur d'un objet ; pour un tableau, c'est son nombre de lignes.",
            "Appliquez `len` au tableau lui-même, pas à la liste de ses colonnes.",
        ),
        pieges=(
            Piege(
                "en-tete",
                valeur=lambda a: a + 1,
                indices=(
                    "Vous avez compté une ligne de trop : la ligne des titres de colonnes n'en est pas une.",
                ),
            ),
        ),
    ),
]
