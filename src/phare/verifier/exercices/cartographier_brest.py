"""Exercises of exercises/cartographier-brest.ipynb (titles in the notebook: phare.verifier.carnets).

Every expected answer is computed from the curated data (phare.donnees), never typed in.
Answers of new kinds: a list of codes (text, order free) and a number within a stated tolerance.
"""

from __future__ import annotations

import warnings
from functools import cache

from phare.donnees import charger

from ..exercice import Exercice, Piege
from ..formes import Entier, Liste, Nombre, Texte

BUREAU_CLASSE = 76  # the polling station whose top class depends on the classification
TOLERANCE_DENSITE = 50  # habitants per km², said in the statement


def _acces() -> dict[str, int]:
    return charger("arrets-bibus")["acces_fauteuil_libelle"].value_counts().to_dict()


@cache
def _brest():
    bureaux = charger("bureaux-vote-brest", "participation")
    brest = bureaux[bureaux["code_commune"] == "29019"].copy()
    brest["participation"] = (brest["votants"] / brest["inscrits"] * 100).astype("float64")
    return brest.set_index("numero_bureau")


def _densite(surface: str = "km2") -> float:
    from phare import cartes

    communes = charger("contours-communes-finistere")
    forme = communes[communes["code_insee"] == "29019"]
    population = charger("communes-finistere").set_index("code_insee").loc["29019", "population_municipale"]
    if surface == "degres":  # the mistake: an area in « square degrees », which means nothing
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return float(population / forme.geometry.area.iloc[0])
    return float(population / cartes.surfaces_km2(forme).iloc[0])


def _echecs() -> list[str]:
    communes = charger("contours-communes-finistere")
    actuelles = set(charger("communes-finistere")["code_insee"])
    return sorted(c for c in communes["code_insee"] if c not in actuelles)


def _classes(numero: int) -> dict[str, int]:
    from phare import cartes

    p = _brest()["participation"]
    return {nom: int(cartes.classer(p, limites)[list(p.index).index(numero)])
            for nom, limites in (("intervalles égaux", cartes.limites_egales(p)),
                                 ("quantiles", cartes.limites_quantiles(p)))}


def _seule_classe_haute() -> str:
    haut = [nom for nom, classe in _classes(BUREAU_CLASSE).items() if classe == 5]
    return haut[0] if len(haut) == 1 else ("les deux" if haut else "aucune")


EXERCICES = [
    Exercice(
        identifiant="carto-sans-information",
        solution='reponse = (arrets["acces_fauteuil"] == 0).sum()',
        attendu=lambda: int(_acces().get("pas d'information", 0)),
        forme=Entier(),
        bravo="Ces arrêts n'ont pas d'information : ils ne sont pas pour autant « non accessibles ».",
        indices=(
            "Le code 0 de la colonne `acces_fauteuil` veut dire « pas d'information ».",
            "Comparez la colonne à 0 avec `==` : vous obtenez des True et des False.",
            "`.sum()` compte les True de la comparaison.",
        ),
        pieges=(
            Piege("accessibles", valeur=lambda a: int(_acces().get("accessible (au moins en partie)", 0)),
                  indices=("Vous avez compté les arrêts accessibles (code 1) : on demande ceux sans "
                           "information (code 0).",)),
            Piege("non-accessibles", valeur=lambda a: int(_acces().get("non accessible", 0)),
                  indices=("Vous avez compté les arrêts notés « non accessible » (code 2). « Pas "
                           "d'information » est un autre code : 0.",)),
            Piege("tous", valeur=lambda a: int(sum(_acces().values())),
                  indices=("Vous avez compté tous les arrêts : gardez seulement ceux dont le code vaut 0.",)),
        ),
    ),
    Exercice(
        identifiant="carto-participation-max",
        solution='reponse = bureaux.loc[bureaux["participation"].idxmax(), "numero_bureau"]',
        attendu=lambda: int(_brest()["participation"].idxmax()),
        forme=Entier(),
        bravo="Le bureau où l'on vote le plus se trouve avec un taux, pas avec un nombre de votants.",
        indices=(
            "Cherchez le bureau dont la colonne `participation` (un taux, en %) est la plus grande.",
            "`.idxmax()` donne l'étiquette de la ligne où une colonne est la plus grande.",
            "Avec cette étiquette, `.loc[etiquette, \"numero_bureau\"]` donne le numéro du bureau.",
        ),
        pieges=(
            Piege("votants", valeur=lambda a: int(_brest()["votants"].idxmax()),
                  indices=("C'est le bureau qui a le plus de votants, et aussi le plus d'inscrits : un "
                           "effectif dit la taille d'un bureau. Comparez des taux : la colonne "
                           "`participation`.",)),
            Piege("minimum", valeur=lambda a: int(_brest()["participation"].idxmin()),
                  indices=("C'est le bureau où l'on vote le moins : `idxmin` au lieu de `idxmax`.",)),
        ),
    ),
    Exercice(
        identifiant="carto-densite-brest",
        solution='reponse = population_brest / surface.iloc[0]',
        attendu=_densite,
        forme=Nombre(tolerance=TOLERANCE_DENSITE, unite="habitants par km²"),
        bravo="Une densité se calcule avec une surface mesurée en mètres : ici, en Lambert-93.",
        indices=(
            "La densité, c'est la population divisée par la surface en km².",
            "`surface` a été calculée en Lambert-93 par `surfaces_km2` : elle est déjà en km².",
            "Divisez `population_brest` par la seule valeur de `surface` : `surface.iloc[0]`.",
        ),
        pieges=(
            Piege("degres", valeur=lambda a: _densite("degres"),
                  indices=("Votre surface est en « degrés carrés » : elle n'a pas de sens. Projetez "
                           "d'abord en Lambert-93, par exemple avec `surfaces_km2`.",)),
            Piege("m2", valeur=lambda a: a / 1e6,
                  indices=("Votre résultat est un million de fois trop petit : votre surface est en m². "
                           "Divisez-la par 1 000 000 pour l'avoir en km².",)),
        ),
    ),
    Exercice(
        identifiant="carto-codes-jointure",
        solution='reponse = jointure.loc[jointure["_merge"] == "left_only", "code_insee"].tolist()',
        attendu=_echecs,
        forme=Liste(ordre=False),
        bravo="Ces deux codes de 2018 sont devenus des communes déléguées : la table « passage » le dit.",
        indices=(
            "Faites la jointure avec `how=\"left\"` et `indicator=True` : la colonne `_merge` dit d'où "
            "vient chaque ligne.",
            "Gardez les lignes où `_merge` vaut `\"left_only\"` : elles n'ont pas trouvé de commune.",
            "Donnez leurs codes Insee sous forme de liste de textes, avec `.tolist()`.",
        ),
        pieges=(
            Piege("noms", test=lambda r, a: sorted(map(str, r)) == sorted(
                charger("contours-communes-finistere").set_index("code_insee").loc[a, "nom"]),
                  exemple=lambda a: list(charger("contours-communes-finistere").set_index("code_insee")
                                         .loc[a, "nom"]),
                  indices=("Ce sont les noms des communes : on demande leurs codes Insee.",)),
            Piege("communes-actuelles", test=lambda r, a: sorted(map(str, r)) == sorted(
                charger("contours-communes-finistere", "passage").set_index("code_insee_2018")
                .loc[a, "code_insee_actuel"]),
                  exemple=lambda a: list(charger("contours-communes-finistere", "passage")
                                         .set_index("code_insee_2018").loc[a, "code_insee_actuel"]),
                  indices=("Ce sont les codes des communes d'aujourd'hui qui les ont accueillies : on "
                           "demande les codes de 2018 qui ne trouvent pas de partenaire.",)),
        ),
    ),
    Exercice(
        identifiant="carto-classe-haute",
        solution='reponse = ["intervalles égaux", "quantiles"][int(classer(p, limites_egales(p))[i] != 5)]',
        attendu=_seule_classe_haute,
        forme=Texte(),
        bravo="Le même bureau change de classe selon la méthode : la légende doit toujours la dire.",
        indices=(
            f"Cherchez la classe du bureau {BUREAU_CLASSE} avec `classer`, pour les deux séries de limites.",
            "La classe la plus haute porte le numéro 5.",
            "Répondez par un texte entre guillemets, écrit comme dans l'énoncé.",
        ),
        pieges=(
            Piege("autre-methode", test=lambda r, a: isinstance(r, str) and r.strip().casefold() in (
                {"quantiles", "intervalles égaux"} - {a}),
                  exemple=lambda a: sorted({"quantiles", "intervalles égaux"} - {a})[0],
                  indices=(f"Avec cette méthode, le bureau {BUREAU_CLASSE} n'est pas dans la classe la "
                           "plus haute : regardez l'autre série de limites.",)),
            Piege("sans-accent", test=lambda r, a: isinstance(r, str)
                  and r.strip().casefold() == a.casefold().replace("é", "e"),
                  exemple=lambda a: a.replace("é", "e"),
                  indices=("Presque : écrivez « égaux » avec son accent.",)),
        ),
    ),
]
