"""Structural checks of an open answer: the pieces of an investigation are there, nothing more.

The module « Mener l'enquête » asks open questions: there is no single right answer to compare
with. What can be checked is that each step left its trace:
- the question is written (a sentence that ends with a question mark);
- the data set is named, and is one of Phare's (or the learner's own CSV file);
- the missing values are counted (a whole number, zero included);
- the summary gives n, the number of observations, and the period they cover;
- the chart has a title, axis names with a unit, and a source;
- the conclusion names a limit.
These shapes (`Forme`, as in formes.py) never grade the reasoning: a well-formed answer can be a
poor answer. Their messages say what is missing, in French, and never judge the content.
They compare with nothing: `attendu`, the example investigation of the module, is ignored.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pandas as pd

from . import figure
from .formes import Forme
from .reponse import Ecart, en_nombre, nature, scalaire

RAPPEL = "(C'est une vérification de forme : elle ne juge pas votre raisonnement.)"
_A_ECRIRE = re.compile(r"^\s*(à écrire|a ecrire|\.\.\.|…)", re.IGNORECASE)


class Structurelle(Forme):
    """A shape that checks the form of an open answer, never its content (the report says so)."""


def _texte(reponse, quoi: str) -> str | Ecart:
    """The answer as a text, or an Ecart that says what `quoi` should be."""
    reponse = scalaire(reponse)
    if not isinstance(reponse, str):
        return Ecart(
            "enquete:pas-un-texte",
            f"Votre réponse est {nature(reponse)}, alors qu'on attend {quoi}, écrit entre guillemets.",
        )
    if len(reponse) > 5000:
        return Ecart("enquete:trop-long", "Votre texte est bien trop long : quelques phrases suffisent.")
    if not reponse.strip() or _A_ECRIRE.match(reponse):
        return Ecart("enquete:vide", f"Il reste à écrire {quoi} entre les guillemets.")
    return " ".join(reponse.split())


def _mots(texte: str) -> list[str]:
    return re.findall(r"\w+", texte)


def _phrase(reponse, quoi: str, mots: int, trop_court: str) -> str | Ecart:
    """The answer as a text of at least `mots` words, or the Ecart that says what is missing."""
    texte = _texte(reponse, quoi)
    if isinstance(texte, Ecart):
        return texte
    if len(_mots(texte)) < mots:
        return Ecart("enquete:courte", trop_court)
    return texte


@dataclass(frozen=True)
class Question(Structurelle):
    """A question: a sentence of a few words that ends with « ? »."""

    def comparer(self, reponse, attendu) -> Ecart | None:
        texte = _phrase(
            reponse,
            "votre question",
            4,
            "Votre question est bien courte : écrivez une phrase complète, "
            "qui dit ce que vous cherchez, où et quand.",
        )
        if isinstance(texte, Ecart):
            return texte
        if not texte.rstrip().endswith("?"):
            return Ecart(
                "enquete:pas-une-question",
                "Une enquête part d'une question : terminez votre phrase par un point d'interrogation.",
            )
        return None


@cache
def jeux_de_phare() -> tuple[str, ...]:
    """The names of Phare's data sets (those `charger` accepts), read from the data folder."""
    from ..donnees import _noms, dossier_donnees

    return tuple(_noms(dossier_donnees()))


def _norme(nom: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_]+", "-", sans_accents.strip().casefold())


@dataclass(frozen=True)
class JeuNomme(Structurelle):
    """A data set's name: one of Phare's, or the learner's own file (a name ending in .csv)."""

    def comparer(self, reponse, attendu) -> Ecart | None:
        texte = _texte(reponse, "le nom du jeu de données")
        if isinstance(texte, Ecart):
            return texte
        if texte in jeux_de_phare():
            return None
        if texte.casefold().endswith(".csv") and len(_mots(texte)) <= 12:
            return None  # the learner's own file: only its name can be checked here
        proches = difflib.get_close_matches(_norme(texte), jeux_de_phare(), n=1, cutoff=0.75)
        if proches:
            return Ecart(
                "enquete:jeu-mal-ecrit",
                "Ce nom ressemble à celui d'un jeu de Phare, mais pas exactement : "
                "recopiez-le tel quel, en minuscules et avec ses tirets.",
            )
        return Ecart(
            "enquete:jeu-inconnu",
            "Je ne connais pas ce jeu de données. Donnez le nom d'un jeu de Phare "
            "(la liste : `from phare.donnees import catalogue`, puis `catalogue()`), "
            "ou celui de votre propre fichier, terminé par .csv.",
        )


@dataclass(frozen=True)
class Manquantes(Structurelle):
    """A count of missing values: a whole number, zero or more."""

    def comparer(self, reponse, attendu) -> Ecart | None:
        if isinstance(reponse, pd.DataFrame | pd.Series) and reponse.size > 1:
            return Ecart(
                "enquete:plusieurs",
                f"Votre réponse est {nature(reponse)} : il reste à additionner ces valeurs "
                "pour obtenir un seul nombre, le nombre de valeurs manquantes.",
            )
        valeur = en_nombre(reponse)
        if isinstance(valeur, Ecart):
            return valeur
        if valeur < 0:
            return Ecart("enquete:negatif", "Un nombre de valeurs manquantes ne peut pas être négatif.")
        if valeur != int(valeur):
            if 0 < valeur < 1:
                return Ecart(
                    "enquete:proportion",
                    "Votre réponse ressemble à une proportion (entre 0 et 1). "
                    "On demande un comptage : combien de valeurs manquent.",
                )
            return Ecart("enquete:decimal", "On attend un nombre entier (un comptage), sans décimales.")
        return None


_ANNEE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_CLES_N = ("n", "nombre", "effectif")
_CLES_PERIODE = ("periode", "période")


def _valeur(dictionnaire: dict, cles: tuple[str, ...]):
    for cle, valeur in dictionnaire.items():
        if isinstance(cle, str) and cle.strip().casefold() in cles:
            return True, valeur
    return False, None


def _est_une_date(x) -> bool:
    if isinstance(x, _dt.date | pd.Timestamp):
        return True
    return isinstance(x, str) and bool(_ANNEE.search(x))


def _periode_lisible(valeur) -> bool:
    valeur = scalaire(valeur)
    if isinstance(valeur, str):
        return bool(_ANNEE.search(valeur))
    if isinstance(valeur, list | tuple) and len(valeur) == 2:
        return all(_est_une_date(scalaire(v)) for v in valeur)
    return _est_une_date(valeur)


@dataclass(frozen=True)
class Resume(Structurelle):
    """A summary: a dictionary with at least « n » (a whole number, more than 0) and « periode »
    (a text with a year, or the first and the last date); any other key is free."""

    def comparer(self, reponse, attendu) -> Ecart | None:
        if not isinstance(reponse, dict):
            return Ecart(
                "enquete:pas-un-dictionnaire",
                f"Votre réponse est {nature(reponse)}, alors qu'on attend un dictionnaire, "
                'entre accolades : {"n": ..., "periode": ..., "mediane": ...}.',
            )
        trouve, n = _valeur(reponse, _CLES_N)
        if not trouve:
            return Ecart(
                "enquete:sans-n",
                "Votre résumé ne dit pas sur combien d'observations il porte : ajoutez la clé « n ».",
            )
        n = en_nombre(n)
        if isinstance(n, Ecart) or n != int(n) or n <= 0:
            return Ecart(
                "enquete:n-illisible",
                "La valeur de « n » doit être un nombre entier d'observations, plus grand que zéro "
                "(le nombre de lignes résumées).",
            )
        trouve, periode = _valeur(reponse, _CLES_PERIODE)
        if not trouve:
            return Ecart(
                "enquete:sans-periode",
                "Votre résumé ne dit pas quelle période il couvre : ajoutez la clé « periode ».",
            )
        if not _periode_lisible(periode):
            return Ecart(
                "enquete:periode-illisible",
                "Je ne lis pas de date dans votre période : écrivez-la avec ses années "
                "(« de décembre 2013 à février 2014 »), ou donnez la première et la dernière date.",
            )
        if len(reponse) < 3:
            return Ecart(
                "enquete:sans-resume",
                "Vous avez n et la période : ajoutez au moins un nombre qui résume vos données "
                "(une médiane, un total, un maximum…), sous une clé qui dit ce qu'il est.",
            )
        return None


_UNITE = re.compile(r"\(.+\)|\[.+\]|\ben\s+\w|%|€|°")
_SOURCE = re.compile(r"\bsource|d'après|d’après|données\s*:", re.IGNORECASE)


def _description(reponse) -> figure.Description | None:
    if isinstance(reponse, figure.Description):
        return reponse
    try:
        if figure.est_une_figure(reponse):
            return figure.decrire(reponse)
    except Exception:
        return None
    return None


@dataclass(frozen=True)
class FigureLisible(Structurelle):
    """A chart a reader can read alone: a title, two axis names (one with a unit), a source."""

    def comparer(self, reponse, attendu) -> Ecart | None:
        description = _description(reponse)
        if description is None:
            return Ecart(
                "enquete:pas-une-figure",
                f"Votre réponse est {nature(reponse)}, alors qu'on attend la figure matplotlib "
                "elle-même (celle que renvoie `figure()` ou `plt.subplots()`, souvent nommée `fig`).",
            )
        traces = [a for a in description.axes if a.traces]
        if not traces:
            return Ecart("enquete:vide", "Votre figure est vide : rien n'y est tracé.")
        if not description.titre and not all(a.titre for a in traces):
            return Ecart(
                "enquete:sans-titre",
                "Votre graphique n'a pas de titre : dites en une phrase ce qu'il montre "
                "(`ax.set_title(...)`).",
            )
        if not all(a.x and a.y for a in traces):
            return Ecart(
                "enquete:sans-axes",
                "Il manque le nom d'un axe : nommez l'axe horizontal et l'axe vertical "
                "(`ax.set_xlabel(...)`, `ax.set_ylabel(...)`).",
            )
        if not all(_UNITE.search(a.x) or _UNITE.search(a.y) for a in traces):
            return Ecart(
                "enquete:sans-unite",
                "Vos axes sont nommés, mais aucun ne donne son unité : écrivez-la entre "
                "parenthèses, par exemple « hauteur de pluie (mm) ».",
            )
        textes = [description.titre, *description.textes, *(a.titre for a in description.axes)]
        if not any(_SOURCE.search(t) for t in textes):
            return Ecart(
                "enquete:sans-source",
                "Votre graphique ne dit pas d'où viennent les données : écrivez la source sous la "
                "figure, par exemple avec `noter_source(fig, ...)`.",
            )
        return None


_LIMITE = re.compile(
    r"\b(limite|limites|mais|cependant|toutefois|pourtant|néanmoins|attention|seulement|sauf"
    r"|biais|incertain|incertitude|manque|manquent|manquantes?|ne\s+(dit|montre|permet|sait|prouve)"
    r"|n['’](indique|explique|est\s+pas)|rien\s+ne|faudrait|ne\s+\w+\s+pas)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Conclusion(Structurelle):
    """A conclusion of a sentence or more, which names at least one limit of the investigation."""

    def comparer(self, reponse, attendu) -> Ecart | None:
        texte = _phrase(
            reponse,
            "votre conclusion",
            8,
            "Votre conclusion est bien courte : répondez à votre question en une ou deux phrases, "
            "avec le chiffre qui le montre.",
        )
        if isinstance(texte, Ecart):
            return texte
        if not _LIMITE.search(texte):
            return Ecart(
                "enquete:sans-limite",
                "Votre conclusion ne nomme aucune limite : dites ce que vos données ne permettent "
                "pas d'affirmer (une période courte, des valeurs manquantes, une seule station…).",
            )
        return None
