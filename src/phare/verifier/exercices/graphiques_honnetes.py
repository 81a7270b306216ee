"""Exercises of exercises/graphiques-honnetes.ipynb: the mean sea level at Brest since 1807.

Every expected answer is computed from the curated data (phare.donnees), never typed in.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from phare.donnees import charger

from ..exercice import Exercice, Piege
from ..formes import Entier, Liste, Nombre

DEBUT = 1900
FIN_EXEMPLE = 1835  # the worked example of the notebook fits 1807–1835


def _niveaux() -> pd.DataFrame:
    return charger("niveau-marin-brest-annuel")


def _depuis(annee: int) -> pd.DataFrame:
    niveaux = _niveaux()
    return niveaux[niveaux["annee"] >= annee]


def _pente(tableau: pd.DataFrame) -> float:
    """Slope of the least-squares line of niveau_mm against annee, in mm per year."""
    x = tableau["annee"].astype(float).to_numpy()
    y = tableau["niveau_mm"].astype(float).to_numpy()
    return float(np.polyfit(x, y, 1)[0])


def _tendance(annee: int) -> float:
    return _pente(_depuis(annee).dropna(subset=["niveau_mm"]))


def _manquantes(annee: int) -> list[int]:
    tableau = _depuis(annee)
    return [int(a) for a in tableau.loc[tableau["niveau_mm"].isna(), "annee"]]


@cache
def _manquantes_depuis_le_debut() -> tuple[int, ...]:
    """The missing years of the whole series (read once: a trap is tested at every check)."""
    return tuple(_manquantes(int(_niveaux()["annee"].min())))


def _annee_max() -> int:
    niveaux = _niveaux()
    return int(niveaux.loc[niveaux["niveau_mm"].idxmax(), "annee"])


def _liste(x) -> list | None:
    if isinstance(x, pd.Series | pd.Index | np.ndarray | list | tuple | set):
        return sorted(int(v) for v in x)
    return None


EXERCICES = [
    Exercice(
        identifiant="mer-manquantes",
        solution='reponse = niveaux["niveau_mm"].isna().sum()',
        attendu=lambda: int(_niveaux()["niveau_mm"].isna().sum()),
        forme=Entier(),
        bravo="Chaque année sans valeur est un trou dans la série : un graphique honnête le montre.",
        indices=(
            "Une année sans mesure a une case vide dans la colonne `niveau_mm` : comptez-les.",
            "La méthode `.isna()` donne True pour chaque case vide, et False ailleurs.",
            "Appliquez `.isna()` à la colonne `niveau_mm`, puis comptez les True avec `.sum()`.",
        ),
        pieges=(
            Piege(
                "presentes",
                valeur=lambda a: int(_niveaux()["niveau_mm"].notna().sum()),
                indices=(
                    "Vous avez compté les années avec une valeur : on demande celles qui n'en ont pas.",
                ),
            ),
            Piege(
                "lignes",
                valeur=lambda a: len(_niveaux()),
                indices=(
                    "Ce nombre est celui de toutes les lignes (une par année). Comptez seulement "
                    "les cases vides de `niveau_mm`.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="mer-trous",
        solution=(
            'choix = (niveaux["annee"] >= 1900) & niveaux["niveau_mm"].isna()\n'
            'reponse = niveaux.loc[choix, "annee"].tolist()'
        ),
        attendu=lambda: _manquantes(DEBUT),
        forme=Liste(ordre=False),
        bravo="Ces trous (la Seconde Guerre mondiale et ses suites, puis une année récente) doivent "
        "rester visibles sur un graphique, au lieu d'être enjambés par une ligne.",
        indices=(
            "Gardez les années à partir de 1900, puis celles dont `niveau_mm` est vide.",
            "Deux conditions se combinent avec `&`, chacune entre parenthèses : l'une sur `annee`, l'autre "
            "avec `.isna()` sur `niveau_mm`.",
            "Avec ces deux conditions, `.loc[conditions, colonne]` donne les années voulues si la colonne "
            "est "
            "`annee` ; `.tolist()` en fait une liste.",
        ),
        pieges=(
            Piege(
                "depuis-1807",
                test=lambda r, a: _liste(r) == list(_manquantes_depuis_le_debut()),
                exemple=lambda a: _manquantes(int(_niveaux()["annee"].min())),
                indices=(
                    "Votre liste commence avant 1900 : on demande seulement les années manquantes "
                    "à partir de 1900.",
                ),
            ),
            Piege(
                "niveaux-au-lieu-des-annees",
                test=lambda r, a: (
                    isinstance(r, pd.DataFrame) and {"annee", "niveau_mm"} <= set(map(str, r.columns))
                ),
                exemple=lambda a: _depuis(DEBUT)[_depuis(DEBUT)["niveau_mm"].isna()],
                indices=(
                    "Vous avez donné un tableau entier : on attend seulement la liste des années, "
                    "la colonne `annee`.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="mer-moyenne",
        solution='reponse = round(niveaux.loc[niveaux["annee"] >= 1900, "niveau_mm"].mean())',
        attendu=lambda: float(_depuis(DEBUT)["niveau_mm"].astype(float).mean()),
        forme=Nombre(decimales=0, unite="mm"),
        bravo="pandas ignore les valeurs manquantes dans une moyenne : une année sans mesure n'est pas "
        "une année à zéro.",
        indices=(
            "Gardez les années à partir de 1900, puis calculez la moyenne de `niveau_mm`.",
            "La condition porte sur la colonne `annee` (`>= 1900`) ; la méthode `.mean()` calcule une "
            "moyenne.",
            "`.mean()` ignore d'elle-même les cases vides : ne les remplacez pas. Arrondissez au millimètre "
            "avec `round`.",
        ),
        pieges=(
            Piege(
                "manquantes-a-zero",
                valeur=lambda a: float(_depuis(DEBUT)["niveau_mm"].astype(float).fillna(0).mean()),
                indices=(
                    "Votre moyenne est trop basse : les années manquantes ont été comptées comme des zéros.",
                    "N'utilisez pas `fillna(0)` : une mesure absente n'est pas un niveau de 0 mm. "
                    "Laissez `.mean()` ignorer les cases vides.",
                ),
            ),
            Piege(
                "depuis-1807",
                valeur=lambda a: float(_niveaux()["niveau_mm"].astype(float).mean()),
                indices=(
                    "Vous avez pris toute la série, depuis sa première année : gardez seulement les "
                    "années à partir de 1900.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="mer-annee-max",
        solution='reponse = niveaux.loc[niveaux["niveau_mm"].idxmax(), "annee"]',
        attendu=_annee_max,
        forme=Entier(),
        bravo="`idxmax()` donne l'étiquette de la ligne du maximum ; on y lit ensuite l'année.",
        indices=(
            "Trouvez la ligne où `niveau_mm` est le plus grand, puis lisez sa colonne `annee`.",
            "La méthode `.idxmax()` d'une colonne donne l'étiquette (l'index) de la ligne de son maximum.",
            "Avec cette étiquette, `.loc[etiquette, colonne]` lit une case de la ligne : ici, la colonne "
            "`annee`.",
        ),
        pieges=(
            Piege(
                "niveau",
                valeur=lambda a: int(_niveaux()["niveau_mm"].max()),
                indices=("Vous avez donné le niveau le plus haut : on demande l'année où il a été atteint.",),
            ),
            Piege(
                "index",
                valeur=lambda a: int(_niveaux()["niveau_mm"].idxmax()),
                indices=(
                    "Ce nombre est le numéro de la ligne (l'index), pas l'année : lisez ensuite la "
                    "colonne `annee` de cette ligne.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="mer-tendance",
        solution=(
            'recentes = niveaux[niveaux["annee"] >= 1900].dropna(subset=["niveau_mm"])\n'
            'reponse = np.polyfit(recentes["annee"], recentes["niveau_mm"], 1)[0]'
        ),
        attendu=lambda: _tendance(DEBUT),
        forme=Nombre(decimales=2, unite="mm par an"),
        bravo="La pente de la droite des moindres carrés donne la hausse moyenne par an, "
        "et elle dépend de l'année de départ choisie.",
        indices=(
            "Gardez les années à partir de 1900 qui ont une valeur, puis ajustez une droite : sa pente est "
            "la "
            "tendance.",
            "Comme dans l'exemple du notebook, `np.polyfit(x, y, 1)` ajuste une droite ; le premier nombre "
            "qu'elle renvoie est la pente.",
            "Prenez pour x les années et pour y les niveaux, à partir de 1900, après avoir retiré les années "
            "vides avec `.dropna()`.",
        ),
        pieges=(
            Piege(
                "depuis-1807",
                valeur=lambda a: _tendance(int(_niveaux()["annee"].min())),
                indices=(
                    "Votre tendance part du début de la série : on demande la tendance depuis 1900. "
                    "L'année de départ change le résultat.",
                    'Filtrez `niveaux["annee"] >= 1900` avant d\'ajuster la droite.',
                ),
            ),
            Piege(
                "manquantes-a-zero",
                valeur=lambda a: _pente(_depuis(DEBUT).fillna({"niveau_mm": 0})),
                indices=(
                    "Votre pente est bien trop forte : des années manquantes ont été remplacées par "
                    "des zéros, ce qui tord la droite.",
                    "Retirez les années vides avec `.dropna()` au lieu de `fillna(0)`.",
                ),
            ),
            Piege(
                "exemple",
                valeur=lambda a: _pente(
                    _niveaux()[_niveaux()["annee"] <= FIN_EXEMPLE].dropna(subset=["niveau_mm"])
                ),
                indices=(
                    f"C'est la pente de l'exemple, calculée sur les premières années jusqu'à {FIN_EXEMPLE} : "
                    "refaites le calcul sur les années à partir de 1900.",
                ),
            ),
            Piege(
                "cm",
                valeur=lambda a: a / 10,
                indices=(
                    "Votre tendance semble être en centimètres par an : on la demande en millimètres par an.",
                ),
            ),
            Piege(
                "par-siecle",
                valeur=lambda a: a * 100,
                indices=("Votre tendance semble être par siècle : on la demande par an.",),
            ),
        ),
    ),
]
