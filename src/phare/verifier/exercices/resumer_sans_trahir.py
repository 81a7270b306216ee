"""Exercises of exercises/resumer-sans-trahir.ipynb: daily rainfall at Brest-Guipavas, 1976–2015.

Every expected answer is computed from the curated data (phare.donnees), never typed in.
"""

from __future__ import annotations

import pandas as pd

from phare.donnees import charger

from ..exercice import Exercice, Piege
from ..formes import Entier, Nombre

ANNEE = 2014
SEUIL_JOUR_DE_PLUIE = 1.0  # mm: Météo-France counts a rainy day from 1 mm


def _brest() -> pd.Series:
    pluie = charger("pluie-quotidienne")
    return pluie.set_index("date")["brest_mm"]


def _annee() -> pd.Series:
    serie = _brest()
    return serie[serie.index.year == ANNEE]


EXERCICES = [
    Exercice(
        identifiant="pluie-cumul",
        solution='reponse = pluie.loc[annees == 2014, "brest_mm"].sum()',
        attendu=lambda: float(_annee().sum()),
        forme=Nombre(decimales=1, unite="mm"),
        bravo="Un cumul annuel est la somme des pluies de chaque jour de l'année, en millimètres.",
        indices=(
            "Gardez les jours de 2014, puis additionnez la colonne `brest_mm`.",
            "La condition `annees == 2014` choisit les jours de 2014 ; `.loc[condition, colonne]` garde ces "
            "jours-là pour une colonne.",
            "Il reste à additionner les valeurs choisies, avec la méthode `.sum()` ajoutée à la fin de la "
            "sélection.",
        ),
        pieges=(
            Piege(
                "cm",
                valeur=lambda a: a / 10,
                indices=(
                    "Votre résultat semble être en centimètres : la colonne `brest_mm` est en "
                    "millimètres, et on demande des millimètres.",
                    "1 cm = 10 mm. Ne divisez pas : la somme de `brest_mm` est déjà en mm.",
                ),
            ),
            Piege(
                "moyenne",
                valeur=lambda a: float(_annee().mean()),
                indices=(
                    "Vous avez calculé la pluie moyenne d'un jour : un cumul est une somme.",
                    "Remplacez `.mean()` par `.sum()`.",
                ),
            ),
            Piege(
                "toutes-annees",
                valeur=lambda a: float(_brest().sum()),
                indices=(
                    "Vous avez additionné toutes les années de la série : gardez seulement 2014.",
                    "Filtrez d'abord les jours de 2014 avec la condition `annees == 2014`.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="pluie-jours",
        solution='reponse = (pluie.loc[annees == 2014, "brest_mm"] >= 1).sum()',
        attendu=lambda: int((_annee() >= SEUIL_JOUR_DE_PLUIE).sum()),
        forme=Entier(),
        bravo="Un « jour de pluie » est un jour avec au moins 1 mm : la définition change le compte.",
        indices=(
            "Comptez les jours de 2014 où `brest_mm` vaut au moins 1 mm.",
            "Deux étapes : garder la pluie des jours de 2014 (condition `annees == 2014`), puis la comparer "
            "au seuil avec `>= 1`.",
            "La comparaison donne une colonne de True (jour de pluie) et de False : `.sum()` compte les "
            "True.",
        ),
        pieges=(
            Piege(
                "plus-que-zero",
                valeur=lambda a: int((_annee() > 0).sum()),
                indices=(
                    "Vous avez compté tous les jours avec un peu de pluie, même quelques dixièmes de "
                    "millimètre. Un « jour de pluie » en compte au moins 1 mm.",
                    "Utilisez le seuil de 1 mm : `>= 1` et non `> 0`.",
                ),
            ),
            Piege(
                "strictement",
                valeur=lambda a: int((_annee() > SEUIL_JOUR_DE_PLUIE).sum()),
                indices=(
                    "Presque : « au moins 1 mm » inclut les jours à exactement 1 mm. "
                    "Utilisez `>=` plutôt que `>`.",
                ),
            ),
            Piege(
                "tous-les-jours",
                valeur=lambda a: len(_annee()),
                indices=(
                    "Vous avez compté tous les jours de l'année : gardez seulement ceux où il a plu "
                    "au moins 1 mm.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="pluie-mediane",
        solution='reponse = pluie["brest_mm"].median()',
        attendu=lambda: float(_brest().median()),
        forme=Nombre(decimales=1, unite="mm"),
        bravo="La médiane coupe les jours en deux moitiés : quelques journées très pluvieuses "
        "tirent la moyenne vers le haut, pas la médiane.",
        indices=(
            "La médiane est la valeur du milieu quand on range tous les jours du plus sec au plus pluvieux.",
            "pandas la calcule avec la méthode `.median()`.",
            "Appliquez `.median()` à la colonne `brest_mm`, sur toute la période (sans filtrer d'année).",
        ),
        pieges=(
            Piege(
                "moyenne",
                valeur=lambda a: float(_brest().mean()),
                indices=(
                    "Vous avez calculé la moyenne. On demande la médiane, qui résiste aux quelques "
                    "jours de très forte pluie.",
                    "Remplacez `.mean()` par `.median()`.",
                ),
            ),
            Piege(
                "mediane-2014",
                valeur=lambda a: float(_annee().median()),
                indices=(
                    "Vous avez pris la médiane de 2014 seulement : on demande celle de toute la période "
                    "1976–2015.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="pluie-manquantes",
        solution='reponse = pluie["brest_mm"].isna().sum()',
        attendu=lambda: int(_brest().isna().sum()),
        forme=Entier(),
        bravo="On vérifie toujours les valeurs manquantes avant de calculer une moyenne : ici, la "
        "colonne de Brest est complète.",
        indices=(
            "Une valeur manquante s'affiche NaN ou <NA> : comptez-les dans la colonne `brest_mm`.",
            "La méthode `.isna()` donne True pour chaque case vide, et False ailleurs.",
            "Appliquez `.isna()` à la colonne `brest_mm`, puis comptez les True avec `.sum()`.",
        ),
        pieges=(
            Piege(
                "zeros",
                valeur=lambda a: int((_brest() == 0).sum()),
                indices=(
                    "Vous avez compté les jours secs (0 mm). Un jour sec est une mesure : il n'a pas "
                    "plu. Une valeur manquante, c'est une mesure absente.",
                    "Utilisez `.isna()`, qui repère les cases vides, et non `== 0`.",
                ),
            ),
            Piege(
                "lignes",
                valeur=lambda a: len(_brest()),
                indices=(
                    "Ce nombre est celui de toutes les lignes du tableau. Comptez seulement les cases "
                    "vides, avec `.isna().sum()`.",
                ),
            ),
        ),
    ),
]
