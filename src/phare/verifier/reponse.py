"""Turn whatever a learner passes into something a check can compare, or into a French diagnosis.

Why a module of its own: every exercise receives the same zoo of inputs (None, `...`, strings,
numpy and pandas scalars, NaN, methods called without parentheses, huge objects…), so each
case is explained once, here, in words a newcomer understands.
Nothing here ever shows the learner's object, nor its size: only its kind. A size would give the
answer away (« un tableau de 179 lignes » when 179 is the count asked for).
During a class check the answer comes from another process (serialisation.py): an object that
could not travel arrives as an `Objet` (its kind only), one far too big as a `TropGrand`.
"""

from __future__ import annotations

import math
import numbers
import re
import types
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Above this size we do not even try to compare element by element: it is surely not the answer.
TAILLE_MAX = 1_000_000


@dataclass(frozen=True)
class Objet:
    """An answer known only by its kind: what reached the teacher's check of an object that is not
    data (a generator, a module, a pupil's own class…)."""

    nature: str


@dataclass(frozen=True)
class TropGrand:
    """An answer far too big to be carried and compared (more than TAILLE_MAX values)."""

    nature: str


@dataclass(frozen=True)
class MethodeNonAppelee:
    """`df.mean` handed in during a class check (the method itself cannot travel)."""


def est_tableau_pandas(x) -> bool:
    """pandas' own arrays: `.values` or `.unique()` of an Int64 or string column (IntegerArray…)."""
    return isinstance(x, pd.api.extensions.ExtensionArray)


@dataclass(frozen=True)
class Ecart:
    """A diagnosed difference between the answer and what is expected (never the expected value)."""

    code: str
    message: str


def nature(x) -> str:
    """The kind of object, in French words (« un texte », « un tableau (DataFrame) »…), never its size."""
    try:
        if isinstance(x, Objet | TropGrand):
            return x.nature
        if isinstance(x, MethodeNonAppelee):
            return "une méthode ou une fonction qui n'a pas été appelée"
        if x is None:
            return "None (rien)"
        if x is Ellipsis:
            return "... (la réponse n'est pas encore écrite)"
        if isinstance(x, bool | np.bool_):
            return "un booléen (True ou False)"
        if isinstance(x, str):
            return "un texte (entre guillemets)"
        if isinstance(x, numbers.Integral):
            return "un nombre entier"
        if isinstance(x, numbers.Real):
            return "un nombre à virgule"
        if isinstance(x, numbers.Complex):
            return "un nombre complexe"
        if isinstance(x, pd.DataFrame):
            return "un tableau (DataFrame)"
        if isinstance(x, pd.Series):
            return "une colonne (Series)"
        if isinstance(x, pd.Index):
            return "un index pandas (les étiquettes des lignes ou des colonnes)"
        if est_tableau_pandas(x):
            return "une suite de valeurs pandas (comme celle que donnent `.values` ou `.unique()`)"
        if isinstance(x, np.ndarray):
            return "un tableau numpy"
        if isinstance(x, tuple):
            return "un tuple (des valeurs entre parenthèses)"
        if isinstance(x, set | frozenset):
            return "un ensemble (set)"
        if isinstance(x, list):
            return "une liste"
        if isinstance(x, dict):
            return "un dictionnaire"
        if isinstance(x, BaseException):
            return "une erreur Python"
        if isinstance(x, types.MethodType | types.BuiltinMethodType | types.BuiltinFunctionType):
            return "une méthode ou une fonction qui n'a pas été appelée"
        if isinstance(x, types.GeneratorType):
            return "un générateur"
        return f"un objet de type {nom_de_type(type(x).__name__)}"
    except Exception:
        return "un objet que je ne sais pas décrire"


_IDENTIFIANT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")


def nom_de_type(nom: object) -> str:
    """A type name fit to be shown: a plain Python identifier of 40 characters at most, else « inconnu »
    (a pupil's own class can be named anything, escape codes included)."""
    return nom if isinstance(nom, str) and _IDENTIFIANT.match(nom) else "inconnu"


def est_methode_non_appelee(x) -> bool:
    """`df.mean` instead of `df.mean()`: a bound method or builtin, not a lambda written on purpose."""
    if isinstance(x, MethodeNonAppelee):
        return True
    return isinstance(x, types.MethodType | types.BuiltinMethodType | types.BuiltinFunctionType) or (
        callable(x) and type(x).__name__ in {"method-wrapper", "method_descriptor", "wrapper_descriptor"}
    )


def est_fonction_a_calculer(x) -> bool:
    """A lambda or def given on purpose: `verifier("id", lambda: calcul)` runs it under protection."""
    return isinstance(x, types.FunctionType)


_NOMBRE_TEXTE = re.compile(r"^[+-−]?\d[\d\s\u00a0\u202f]*([.,]\d+)?$")


def texte_vers_nombre(texte: str) -> float | None:
    """'1 234,5' or '1234.5' -> 1234.5; anything else -> None (used to explain, never to accept)."""
    t = texte.strip()
    if len(t) > 50 or not _NOMBRE_TEXTE.match(t):
        return None
    t = re.sub(r"[\s\u00a0\u202f]", "", t).replace(",", ".").replace("−", "-")
    try:
        return float(t)
    except ValueError:
        return None


def scalaire(x):
    """numpy/pandas scalars and 0-d arrays -> plain Python values; one-value containers -> that value."""
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, np.ndarray) and x.ndim == 0:
        return x.item()
    if isinstance(x, pd.Series | pd.Index | np.ndarray) and x.size == 1 and not isinstance(x, pd.DataFrame):
        return scalaire(np.asarray(x, dtype=object).reshape(-1)[0])
    if est_tableau_pandas(x) and len(x) == 1:
        return scalaire(x[0])
    if isinstance(x, pd.DataFrame) and x.size == 1:
        return scalaire(x.iloc[0, 0])
    if isinstance(x, list | tuple) and len(x) == 1:
        return scalaire(x[0])
    return x


def en_nombre(x) -> float | Ecart:
    """A finite real number, or an Ecart explaining in French why the answer is not one."""
    x = scalaire(x)
    if x is None or x is pd.NA or x is pd.NaT:
        return Ecart("forme:manquant", "Votre réponse est une valeur manquante : on attend un nombre.")
    if isinstance(x, bool | np.bool_):
        return Ecart(
            "forme:booleen",
            "Votre réponse est True ou False (un test), alors qu'on attend un nombre. "
            "Avez-vous écrit une comparaison (==, >) au lieu d'un calcul ?",
        )
    if isinstance(x, str):
        if texte_vers_nombre(x) is not None:
            return Ecart(
                "forme:texte-nombre",
                "Votre réponse est un texte qui ressemble à un nombre (elle est entre guillemets). "
                "Donnez le nombre lui-même, sans guillemets, de préférence le résultat du calcul.",
            )
        return Ecart("forme:type", "Votre réponse est un texte, alors qu'on attend un nombre.")
    if isinstance(x, numbers.Real):
        try:
            v = float(x)
        except (OverflowError, ValueError):
            return Ecart("forme:infini", "Votre nombre est trop grand pour être un résultat plausible.")
        if math.isnan(v):
            return Ecart(
                "forme:nan",
                "Votre résultat vaut NaN (« Not a Number », pas un nombre). "
                "C'est souvent le signe de valeurs manquantes dans le calcul, "
                "ou d'une colonne mal nommée ou vide après un filtre.",
            )
        if math.isinf(v):
            return Ecart(
                "forme:infini", "Votre résultat est infini : y a-t-il une division par zéro dans le calcul ?"
            )
        return v
    if isinstance(x, numbers.Complex):
        return Ecart("forme:type", "Votre réponse est un nombre complexe : on attend un nombre réel.")
    if isinstance(x, TropGrand) or est_tableau_pandas(x):
        return Ecart(
            "forme:plusieurs",
            f"Votre réponse est {nature(x)}, alors qu'on attend un seul nombre. "
            "Il reste une étape : résumer ces valeurs (somme, moyenne, comptage…) "
            "ou choisir la bonne ligne.",
        )
    if isinstance(
        x, pd.DataFrame | pd.Series | pd.Index | np.ndarray | list | tuple | set | frozenset | dict
    ):
        return Ecart(
            "forme:plusieurs",
            f"Votre réponse est {nature(x)}, alors qu'on attend un seul nombre. "
            "Il reste une étape : résumer ces valeurs (somme, moyenne, comptage…) "
            "ou choisir la bonne ligne.",
        )
    return Ecart("forme:type", f"Votre réponse est {nature(x)}, alors qu'on attend un nombre.")
