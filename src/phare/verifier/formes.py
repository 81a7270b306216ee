"""The shape of an expected answer (a number, a text, a list, a table) and how to compare with it.

Each shape answers two questions:
- `comparer(reponse, attendu)`: None when the answer is right, else an `Ecart` whose French message
  describes the difference *without* giving the expected value (no number from it, ever);
- `egal(reponse, attendu)`: a plain yes/no, used to recognise catalogued wrong answers.
Shape-level messages only name things the statement already gives (column names, the unit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .reponse import TAILLE_MAX, Ecart, TropGrand, en_nombre, est_tableau_pandas, nature, scalaire


class Forme:
    def comparer(self, reponse, attendu) -> Ecart | None:  # pragma: no cover - interface
        raise NotImplementedError

    def egal(self, reponse, attendu) -> bool:
        try:
            return self.comparer(reponse, attendu) is None
        except Exception:
            return False


_PRECISIONS = {
    0: "l'unité",
    1: "une décimale (le dixième)",
    2: "deux décimales (le centième)",
    3: "trois décimales (le millième)",
}


@dataclass(frozen=True)
class Nombre(Forme):
    """A real number. `decimales`: an answer rounded to that many decimals is accepted.

    `relative`: the relative tolerance for an unrounded answer (floating-point noise only).
    """

    decimales: int | None = None
    relative: float = 1e-6
    unite: str = ""
    # An absolute tolerance stated in the exercise (« à 50 habitants par km² près »): a measure
    # that depends on choices (outlines, projection) is right within it.
    tolerance: float | None = None

    def proche(self, valeur: float, attendu: float) -> bool:
        marge = abs(attendu) * self.relative + 1e-12
        if self.decimales is not None:
            marge = max(marge, 0.5 * 10 ** (-self.decimales) + 1e-9)
        if self.tolerance is not None:
            marge = max(marge, self.tolerance)
        return abs(valeur - attendu) <= marge

    def comparer(self, reponse, attendu) -> Ecart | None:
        valeur = en_nombre(reponse)
        if isinstance(valeur, Ecart):
            return valeur
        if self.proche(valeur, float(attendu)):
            return None
        return self._arrondi(valeur, float(attendu)) or self._ordre_de_grandeur(valeur, float(attendu))

    def _arrondi(self, valeur: float, attendu: float) -> Ecart | None:
        """The right result rounded too coarsely (1376 for 1376.4 when a tenth is asked)."""
        if self.decimales is None:
            return None
        for moins in range(self.decimales - 1, max(self.decimales - 3, -1), -1):
            if abs(valeur - attendu) <= 0.5 * 10 ** (-moins) + 1e-9 and round(valeur, moins) == valeur:
                return Ecart(
                    "forme:arrondi",
                    "Vous y êtes presque : votre résultat est arrondi trop fort. "
                    f"Gardez {_PRECISIONS.get(self.decimales, 'plus de décimales')}, "
                    "ou donnez le résultat du calcul sans l'arrondir.",
                )
        return None

    def _ordre_de_grandeur(self, valeur: float, attendu: float) -> Ecart:
        unite = f" (ici, en {self.unite})" if self.unite else ""
        if attendu != 0 and valeur != 0:
            rapport = valeur / attendu
            if rapport < 0 and self.proche(-valeur, attendu):
                return Ecart(
                    "forme:signe", "Votre résultat a le bon ordre de grandeur mais pas le bon signe."
                )
            for facteur in (10, 100, 1000):
                if (
                    abs(abs(rapport) - facteur) / facteur < 0.02
                    or abs(abs(1 / rapport) - facteur) / facteur < 0.02
                ):
                    return Ecart(
                        "forme:facteur",
                        f"Votre résultat est décalé d'un facteur {facteur} : "
                        f"vérifiez l'unité demandée{unite} ou un pourcentage (× 100).",
                    )
        return Ecart("general", "")


@dataclass(frozen=True)
class Entier(Nombre):
    """A count: a whole number (an integral float such as 12.0 is accepted)."""

    def comparer(self, reponse, attendu) -> Ecart | None:
        valeur = en_nombre(reponse)
        if isinstance(valeur, Ecart):
            return valeur
        if valeur != int(valeur):
            return Ecart(
                "forme:decimal", "On attend un nombre entier (un comptage), et votre réponse a des décimales."
            )
        if int(valeur) == int(attendu):
            return None
        return self._ordre_de_grandeur(valeur, float(attendu))


@dataclass(frozen=True)
class Texte(Forme):
    """A short text, compared without surrounding spaces (and case, unless `casse`)."""

    casse: bool = False

    def _norme(self, t: str) -> str:
        t = " ".join(t.split())
        return t if self.casse else t.casefold()

    def comparer(self, reponse, attendu) -> Ecart | None:
        reponse = scalaire(reponse)
        if not isinstance(reponse, str):
            if isinstance(reponse, int | float | np.integer | np.floating) and not isinstance(reponse, bool):
                return Ecart(
                    "forme:nombre-au-lieu-de-texte",
                    "Votre réponse est un nombre, alors qu'on attend un texte (entre guillemets). "
                    "Un code n'est pas une quantité : on ne fait pas de calcul avec, "
                    "et un zéro en tête ne doit pas disparaître.",
                )
            return Ecart("forme:type", f"Votre réponse est {nature(reponse)}, alors qu'on attend un texte.")
        if len(reponse) > 10_000:
            return Ecart("forme:trop-long", "Votre texte est bien trop long pour être la réponse.")
        if self._norme(reponse) == self._norme(str(attendu)):
            return None
        return Ecart("general", "")


def _en_liste(x) -> list | Ecart:
    """A list of plain values from a list, tuple, set, Series, Index, 1-D array or pandas' own arrays
    (`.values` or `.unique()` of an Int64 or string column)."""
    if isinstance(x, TropGrand):
        return Ecart("forme:trop-grand", "Votre réponse contient bien trop de valeurs.")
    if isinstance(x, pd.DataFrame):
        if x.shape[1] != 1:
            return Ecart(
                "forme:type",
                f"Votre réponse est {nature(x)}, alors qu'on attend une liste de valeurs "
                "(une seule colonne).",
            )
        x = x.iloc[:, 0]
    if isinstance(x, set | frozenset):
        x = sorted(x, key=repr)
    if isinstance(x, range):
        x = list(x[: TAILLE_MAX + 1])
    if isinstance(x, pd.Series | pd.Index | np.ndarray | list | tuple) or est_tableau_pandas(x):
        try:
            taille = len(x)
        except TypeError:
            return Ecart("forme:type", f"Votre réponse est {nature(x)} : on attend une liste de valeurs.")
        if taille > TAILLE_MAX:
            return Ecart("forme:trop-grand", "Votre réponse contient bien trop de valeurs.")
        if isinstance(x, np.ndarray) and x.ndim != 1:
            return Ecart(
                "forme:type", "Votre tableau numpy a plusieurs dimensions : on attend une liste simple."
            )
        return [scalaire(v) for v in list(x)]
    return Ecart("forme:type", f"Votre réponse est {nature(x)}, alors qu'on attend une liste de valeurs.")


def _valeurs_egales(a, b, decimales: int | None) -> bool:
    a, b = scalaire(a), scalaire(b)
    if isinstance(a, bool | np.bool_) or isinstance(b, bool | np.bool_):
        return a is b or (
            isinstance(a, bool | np.bool_) and isinstance(b, bool | np.bool_) and bool(a) == bool(b)
        )
    if isinstance(b, int | float) and isinstance(a, int | float):
        if isinstance(b, float) and math.isnan(b):
            return isinstance(a, float) and math.isnan(a)
        return Nombre(decimales=decimales).proche(float(a), float(b))
    if b is None or b is pd.NA:
        return a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a))
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # values whose == is not a plain True/False (arrays, pd.NA…)
        return False


@dataclass(frozen=True)
class Liste(Forme):
    """A list of values. `ordre`: whether the order matters."""

    ordre: bool = False
    decimales: int | None = None

    def comparer(self, reponse, attendu) -> Ecart | None:
        valeurs = _en_liste(reponse)
        if isinstance(valeurs, Ecart):
            return valeurs
        attendues = [scalaire(v) for v in attendu]
        if len(valeurs) != len(attendues):
            if len(valeurs) > len(attendues):
                message = "Votre liste a trop d'éléments : vérifiez la condition de votre filtre."
            elif valeurs and _est_un_debut(valeurs, attendues, self.decimales):
                return Ecart("forme:coupee", _COUPEE.format(quoi="liste"))
            else:
                message = "Votre liste n'a pas assez d'éléments : vérifiez la condition de votre filtre."
            return Ecart("forme:nombre-elements", message)
        if not self.ordre:
            valeurs, attendues = sorted(valeurs, key=_cle), sorted(attendues, key=_cle)
        if all(_valeurs_egales(a, b, self.decimales) for a, b in zip(valeurs, attendues, strict=True)):
            return None
        if self.ordre and _meme_multiensemble(valeurs, attendues, self.decimales):
            return Ecart("forme:ordre", "Vous avez les bonnes valeurs, mais pas dans l'ordre demandé.")
        types_rep = {type(v).__name__ for v in valeurs}
        types_att = {type(v).__name__ for v in attendues}
        if types_rep != types_att and ("str" in types_rep) != ("str" in types_att):
            return Ecart(
                "forme:types-valeurs",
                "Vos valeurs n'ont pas le bon type : des nombres à la place de textes, ou l'inverse.",
            )
        return Ecart("general", "")


# A right answer cut short, as `.head()` does (it shows the first 5 rows only).
_COUPEE = (
    "Votre {quoi} commence comme il faut, mais s'arrête trop tôt : `.head()` n'en garde que les premières "
    "lignes. Donnez-la en entier (sans `.head()`)."
)


def _est_un_debut(valeurs: list, attendues: list, decimales) -> bool:
    """The answer is the first values of the expected list, in order (a `.head()`)."""
    try:
        return all(
            _valeurs_egales(a, b, decimales) for a, b in zip(valeurs, attendues[: len(valeurs)], strict=True)
        )
    except Exception:
        return False


def _cle(v):
    return (type(v).__name__, v if isinstance(v, int | float | str) else repr(v))


def _meme_multiensemble(a: list, b: list, decimales) -> bool:
    try:
        return all(
            _valeurs_egales(x, y, decimales)
            for x, y in zip(sorted(a, key=_cle), sorted(b, key=_cle), strict=True)
        )
    except Exception:
        return False


@dataclass(frozen=True)
class Tableau(Forme):
    """A DataFrame with exactly the statement's columns (any column order, index ignored).

    `ordre`: whether the order of the rows matters (a sort was asked).
    """

    colonnes: tuple[str, ...]
    ordre: bool = True
    decimales: int | None = None

    def comparer(self, reponse, attendu: pd.DataFrame) -> Ecart | None:
        if isinstance(reponse, pd.Series):
            return Ecart(
                "forme:serie",
                "Votre réponse est une seule colonne (Series), alors qu'on attend un tableau "
                "(DataFrame) avec plusieurs colonnes : sélectionnez-les avec une liste, "
                'df[["col1", "col2"]] (deux paires de crochets).',
            )
        if isinstance(reponse, TropGrand) or (
            isinstance(reponse, pd.DataFrame) and reponse.size > TAILLE_MAX
        ):
            return Ecart(
                "forme:trop-grand", "Votre tableau est bien trop grand : avez-vous filtré les lignes ?"
            )
        if not isinstance(reponse, pd.DataFrame):
            return Ecart(
                "forme:type",
                f"Votre réponse est {nature(reponse)}, alors qu'on attend un tableau (DataFrame).",
            )
        noms = [str(c) for c in reponse.columns]
        manquantes = [c for c in self.colonnes if c not in noms]
        en_trop = [c for c in noms if c not in self.colonnes]
        if manquantes or en_trop or len(set(noms)) != len(noms):
            morceaux = []
            if manquantes:
                morceaux.append("il manque " + ", ".join(f"« {c} »" for c in manquantes))
            if en_trop:
                morceaux.append("colonnes en trop : " + ", ".join(f"« {c[:40]} »" for c in en_trop[:10]))
            if not morceaux:
                morceaux.append("une colonne apparaît deux fois")
            return Ecart(
                "forme:colonnes",
                "Votre tableau n'a pas les colonnes demandées (" + " ; ".join(morceaux) + "). "
                "Gardez exactement les colonnes de l'énoncé.",
            )
        rep = reponse.loc[:, list(self.colonnes)].reset_index(drop=True)
        att = attendu.loc[:, list(self.colonnes)].reset_index(drop=True)
        if len(rep) != len(att):
            if len(rep) > len(att):
                return Ecart("forme:lignes", "Votre tableau a trop de lignes : vérifiez votre filtre.")
            if len(rep) and self._lignes_egales(rep, att.iloc[: len(rep)].reset_index(drop=True)):
                return Ecart("forme:coupee", _COUPEE.format(quoi="réponse"))
            return Ecart("forme:lignes", "Votre tableau n'a pas assez de lignes : vérifiez votre filtre.")
        if self._lignes_egales(rep, att):
            return None
        if self._lignes_egales(_trier(rep), _trier(att)):
            if self.ordre:
                return Ecart("forme:ordre", "Vous avez les bonnes lignes, mais pas dans l'ordre demandé.")
            return None
        for col in self.colonnes:
            texte_rep = pd.api.types.is_string_dtype(rep[col]) or rep[col].dtype == object
            texte_att = pd.api.types.is_string_dtype(att[col]) or att[col].dtype == object
            if texte_rep != texte_att:
                return Ecart(
                    "forme:types-colonne",
                    f"La colonne « {col} » n'a pas le bon type : des nombres à la place de textes, "
                    "ou l'inverse.",
                )
        return Ecart("general", "")

    def _lignes_egales(self, a: pd.DataFrame, b: pd.DataFrame) -> bool:
        for col in self.colonnes:
            if not all(
                _valeurs_egales(x, y, self.decimales)
                for x, y in zip(a[col].tolist(), b[col].tolist(), strict=True)
            ):
                return False
        return True


def _trier(df: pd.DataFrame) -> pd.DataFrame:
    try:
        return df.sort_values(list(df.columns), key=lambda s: s.astype(str)).reset_index(drop=True)
    except Exception:
        return df
