"""Exercises of exercises/lire-un-tableau.ipynb: the communes of Finistère and of Brest métropole.

Every expected answer is computed from the curated data (phare.donnees), never typed in.
"""

from __future__ import annotations

import numbers
from functools import cache

import pandas as pd

from phare.donnees import charger

from ..exercice import Exercice, Piege
from ..formes import Entier, Nombre, Tableau, Texte

EPCI_BREST = "Brest Métropole"
SEUIL = 10_000


def _finistere() -> pd.DataFrame:
    return charger("communes-finistere")


def _brest() -> pd.Series:
    communes = _finistere()
    return communes[communes["nom"] == "Brest"].iloc[0]


def _metropole() -> pd.DataFrame:
    communes = _finistere()
    return communes[communes["nom_epci"] == EPCI_BREST]


def _editions_brest() -> pd.DataFrame:
    communes = charger("communes-brest-metropole")
    return communes[communes["nom"] == "Brest"]


def _est_nombre(x) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


def _solution_tri() -> pd.DataFrame:
    return _metropole()[["nom", "population_municipale"]].sort_values(
        "population_municipale", ascending=False
    )


def _solution_part() -> float:
    metropole = _metropole()
    return 100 * float(_brest()["population_municipale"]) / float(metropole["population_municipale"].sum())


def _population_brest(millesime: int, colonne: str = "population_municipale") -> int:
    editions = _editions_brest()
    return int(editions.loc[editions["millesime"] == millesime, colonne].iloc[0])


@cache
def _autres_populations(attendu: int) -> tuple[int, ...]:
    """Brest's legal populations of the other editions (read once: a trap is tested at every check)."""
    editions = _editions_brest()
    return tuple(
        int(v) for v in editions.loc[editions["population_municipale"] != attendu, "population_municipale"]
    )


def _autre_millesime(reponse, attendu) -> bool:
    return any(Entier().egal(reponse, v) for v in _autres_populations(int(attendu)))


EXERCICES = [
    Exercice(
        identifiant="tableau-lignes",
        solution="reponse = len(communes)",
        attendu=lambda: len(_finistere()),
        forme=Entier(),
        bravo="Une ligne par commune : compter les lignes, c'est compter les communes.",
        indices=(
            "Chaque ligne du tableau décrit une commune : il s'agit de compter les lignes.",
            "La fonction `len` donne la longueur d'un objet ; pour un tableau, c'est son nombre de lignes.",
            "Appliquez `len` au tableau des communes lui-même, pas à la liste de ses colonnes.",
        ),
        pieges=(
            Piege(
                "shape",
                test=lambda r, a: isinstance(r, tuple) and len(r) == 2,
                exemple=lambda a: _finistere().shape,
                indices=(
                    "`communes.shape` donne deux nombres : (lignes, colonnes). Gardez seulement le "
                    "premier, celui des lignes.",
                ),
            ),
            Piege(
                "colonnes",
                valeur=lambda a: len(_finistere().columns),
                indices=(
                    "Ce nombre est celui des colonnes (les caractéristiques), pas des lignes (les communes).",
                    "Les colonnes sont les caractéristiques (nom, population…) ; comptez plutôt les lignes, "
                    "avec `len` appliquée au tableau.",
                ),
            ),
            Piege(
                "en-tete",
                valeur=lambda a: a + 1,
                indices=(
                    "Vous avez compté une ligne de trop : la ligne des titres de colonnes (l'en-tête) "
                    "n'est pas une commune.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="tableau-code-insee",
        solution='reponse = communes.loc[communes["nom"] == "Brest", "code_insee"].iloc[0]',
        attendu=lambda: str(_brest()["code_insee"]),
        forme=Texte(),
        bravo="Un code Insee est une étiquette, pas une quantité : "
        "en texte, il garde ses zéros et ses lettres.",
        indices=(
            "Filtrez la ligne dont la colonne `nom` vaut « Brest », puis lisez sa colonne `code_insee`.",
            "Un filtre s'écrit `.loc[condition, colonne]` : ici, la condition compare la colonne `nom` au "
            "texte "
            "« Brest », et la colonne est `code_insee`.",
            "Ce filtre donne une colonne d'une seule valeur : ajoutez `.iloc[0]` à la fin pour obtenir la "
            "valeur elle-même, un texte.",
        ),
        pieges=(
            Piege(
                "nombre",
                test=lambda r, a: _est_nombre(r) and float(r) == float(a),
                exemple=lambda a: int(a),
                indices=(
                    "Vous avez le bon code, mais en nombre. Un code Insee s'écrit en texte, entre "
                    "guillemets : en Corse, les codes commencent par 2A ou 2B, et un zéro en tête "
                    "disparaîtrait d'un nombre.",
                ),
            ),
            Piege(
                "code-postal",
                valeur=lambda a: str(_brest()["codes_postaux"]).split()[0],
                indices=(
                    "Ce code est un code postal (celui de La Poste), pas le code officiel de l'Insee.",
                    "Le code postal sert à acheminer le courrier ; le code Insee identifie la commune. "
                    "Lisez la colonne `code_insee`.",
                ),
            ),
            Piege(
                "siren",
                valeur=lambda a: str(_brest()["siren"]),
                indices=(
                    "Ce numéro à 9 chiffres est le SIREN de la commune (son identifiant d'entreprise), "
                    "pas son code Insee.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="tableau-tri",
        solution=(
            'metropole = communes[communes["nom_epci"] == "Brest Métropole"]\n'
            'reponse = metropole[["nom", "population_municipale"]].sort_values(\n'
            '    "population_municipale", ascending=False)'
        ),
        attendu=_solution_tri,
        forme=Tableau(colonnes=("nom", "population_municipale"), ordre=True),
        bravo="Filtrer, garder deux colonnes, trier par population décroissante : "
        "la commune la plus peuplée arrive en tête.",
        indices=(
            "Trois étapes : filtrer les communes de Brest Métropole (colonne `nom_epci`), garder les "
            "colonnes `nom` et `population_municipale`, trier.",
            "On garde plusieurs colonnes en donnant leur liste entre doubles crochets ; on trie avec la "
            "méthode "
            "`sort_values`, qui prend le nom de la colonne de tri.",
            "Par défaut, `sort_values` range du plus petit au plus grand : l'argument `ascending=False` "
            "inverse l'ordre. Enchaînez les étapes dans l'ordre : filtre, colonnes, tri.",
        ),
        pieges=(
            Piege(
                "tri-croissant",
                valeur=lambda a: a.iloc[::-1],
                indices=(
                    "Le tri est à l'envers : la commune la moins peuplée est en tête.",
                    "Par défaut, `sort_values` trie du plus petit au plus grand. Ajoutez "
                    "`ascending=False` pour trier dans l'ordre décroissant.",
                ),
            ),
            Piege(
                "toutes-colonnes",
                test=lambda r, a: (
                    isinstance(r, pd.DataFrame)
                    and len(r.columns) > 2
                    and {"nom", "population_municipale"} <= set(map(str, r.columns))
                ),
                exemple=lambda a: _metropole().sort_values("population_municipale", ascending=False),
                indices=(
                    "Votre tableau garde des colonnes en trop : on ne veut que `nom` et "
                    "`population_municipale`.",
                    "Pour garder deux colonnes, passez une liste entre crochets : "
                    '`tableau[["nom", "population_municipale"]]` (deux paires de crochets).',
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="tableau-filtre",
        solution='reponse = (communes["population_municipale"] >= 10000).sum()',
        attendu=lambda: int((_finistere()["population_municipale"] >= SEUIL).sum()),
        forme=Entier(),
        bravo="Un filtre (une condition vraie ou fausse pour chaque ligne), puis un comptage : "
        "c'est le geste de base pour interroger un tableau.",
        indices=(
            "Écrivez la condition « population municipale supérieure ou égale à 10 000 », puis comptez les "
            "lignes où elle est vraie.",
            "Une comparaison sur une colonne, avec `>=`, donne une colonne de True et de False : une valeur "
            "par commune.",
            "Python compte un True pour 1 et un False pour 0 : la somme (`.sum()`) de cette colonne de "
            "True et "
            "de False est le nombre de communes qui vérifient la condition.",
        ),
        pieges=(
            Piege(
                "somme-populations",
                valeur=lambda a: int(
                    _finistere()
                    .loc[_finistere()["population_municipale"] >= SEUIL, "population_municipale"]
                    .sum()
                ),
                indices=(
                    "Vous avez additionné les habitants de ces communes : on demande le nombre de communes.",
                    "Comptez les lignes filtrées avec `len(...)`, ou les True avec `.sum()` sur la "
                    "condition elle-même, pas sur la colonne des populations.",
                ),
            ),
            Piege(
                "condition-inverse",
                valeur=lambda a: int((_finistere()["population_municipale"] < SEUIL).sum()),
                indices=(
                    "Vous avez compté les communes de moins de 10 000 habitants : la condition est inversée.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="tableau-part-brest",
        solution=(
            'metropole = communes[communes["nom_epci"] == "Brest Métropole"]\n'
            'brest = metropole.loc[metropole["nom"] == "Brest", "population_municipale"].iloc[0]\n'
            'reponse = round(100 * brest / metropole["population_municipale"].sum(), 1)'
        ),
        attendu=_solution_part,
        forme=Nombre(decimales=1, unite="%"),
        bravo="Une part se calcule sur le bon total : ici, la population des 8 communes de la métropole.",
        indices=(
            "Part = population de Brest ÷ population de la métropole × 100.",
            "La population de la métropole est la somme de `population_municipale` sur les communes dont "
            "`nom_epci` vaut « Brest Métropole ».",
            "Calculez à part le numérateur (la population de Brest) et le dénominateur (cette somme), "
            "divisez, "
            "multipliez par 100, puis arrondissez au dixième avec `round`.",
        ),
        pieges=(
            Piege(
                "proportion",
                valeur=lambda a: a / 100,
                indices=("Vous avez une proportion entre 0 et 1 : pour un pourcentage, multipliez par 100.",),
            ),
            Piege(
                "total-departement",
                valeur=lambda a: (
                    100
                    * float(_brest()["population_municipale"])
                    / float(_finistere()["population_municipale"].sum())
                ),
                indices=(
                    "Ce pourcentage est calculé sur le mauvais total : celui de tout le Finistère. "
                    "On demande la part dans la métropole.",
                    "Filtrez d'abord les communes de Brest Métropole (colonne `nom_epci`), puis "
                    "additionnez leurs populations : c'est le dénominateur.",
                ),
            ),
            Piege(
                "total-sans-brest",
                valeur=lambda a: (
                    100
                    * float(_brest()["population_municipale"])
                    / (
                        float(_metropole()["population_municipale"].sum())
                        - float(_brest()["population_municipale"])
                    )
                ),
                indices=(
                    "Le total doit inclure Brest elle-même : vous avez divisé par la population des "
                    "autres communes seulement (d'où un résultat au-dessus de 100\u00a0%).",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="tableau-millesime",
        solution=(
            'choix = (editions["nom"] == "Brest") & (editions["millesime"] == 2021)\n'
            'reponse = editions.loc[choix, "population_municipale"].iloc[0]'
        ),
        attendu=lambda: _population_brest(2021),
        forme=Entier(),
        bravo="Une population légale se lit toujours avec son millésime : le même tableau en donne six.",
        indices=(
            "Le tableau `editions` a une ligne par commune et par édition : il faut deux conditions, "
            "Brest ET le millésime 2021.",
            "Deux conditions se combinent avec `&`, chacune entre parenthèses : l'une sur la colonne `nom`, "
            "l'autre sur la colonne `millesime`.",
            "Le filtre donne une colonne d'une seule valeur : lisez la colonne `population_municipale`, "
            "puis `.iloc[0]` pour obtenir le nombre lui-même.",
        ),
        pieges=(
            Piege(
                "colonne-fiche",
                valeur=lambda a: _population_brest(2021, "population_municipale_fiche_commune"),
                indices=(
                    "Vous avez lu la colonne `population_municipale_fiche_commune` : elle reprend la fiche "
                    "de la commune, qui décrit souvent une autre année que le millésime.",
                    "Pour le millésime 2021, lisez la colonne `population_municipale`.",
                ),
            ),
            Piege(
                "autre-millesime",
                test=_autre_millesime,
                exemple=lambda a: _population_brest(2024),
                indices=(
                    "C'est bien une population de Brest, mais d'un autre millésime (une autre année "
                    "du découpage).",
                    "Filtrez aussi sur la colonne `millesime`, avec la valeur 2021.",
                ),
            ),
            Piege(
                "population-totale",
                valeur=lambda a: _population_brest(2021, "population_totale"),
                indices=(
                    "C'est la population totale, qui ajoute la population « comptée à part » "
                    "(par exemple des étudiants logés ailleurs). On demande la population municipale.",
                ),
            ),
        ),
    ),
]
