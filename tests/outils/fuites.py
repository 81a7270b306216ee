"""Is an expected value written in a message? In every format a French or English text could use."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd


def _formats_nombre(v: float) -> set[str]:
    formats = set()
    entier = float(v).is_integer()
    bruts = {f"{v:.1f}", f"{v:.2f}", f"{v:.3f}", repr(float(v))}
    if not entier and abs(v) >= 10:
        bruts |= {str(math.floor(v)), str(math.ceil(v))}  # rounded either way
    if entier and abs(v) >= 10:
        bruts.add(str(int(v)))
    if entier and abs(v) < 10:
        bruts = set()  # a one-digit count (0, 3…) is not a leak: it appears in any sentence
    for brut in bruts:
        partie, _, decimales = brut.partition(".")
        groupes = f"{int(partie):,}" if partie.lstrip("-").isdigit() else partie
        for mille in (",", " ", "\u00a0", "\u202f", ""):
            debut = groupes.replace(",", mille)
            for virgule in (".", ","):
                formats.add(debut + (virgule + decimales if decimales else ""))
    return {f for f in formats if len(f.replace("-", "")) >= 2}


def formats_attendus(valeur) -> set[str]:
    """The expected value written the ways a message could show it: 1234.5, 1234,5, 1 234,5, 1235…"""
    if isinstance(valeur, str):
        return {valeur}
    if isinstance(valeur, pd.DataFrame):
        formats = set()
        for colonne in valeur.columns:
            if pd.api.types.is_numeric_dtype(valeur[colonne]):
                for v in valeur[colonne].dropna():
                    formats |= _formats_nombre(float(v))
        return formats
    if isinstance(valeur, list | tuple):
        formats = set()
        for v in valeur:
            formats |= formats_attendus(v)
        if len(valeur) > 1:
            formats.add(str(list(valeur)))
        return formats
    if isinstance(valeur, int | float | np.integer | np.floating) and math.isfinite(float(valeur)):
        return _formats_nombre(float(valeur))
    return set()


_motifs: dict[int, tuple[object, re.Pattern | None]] = {}


def _motif(valeur) -> re.Pattern | None:
    """One regular expression for every format of `valeur` (kept while the value lives)."""
    connu = _motifs.get(id(valeur))
    if connu is not None and connu[0] is valeur:
        return connu[1]
    formats = sorted(formats_attendus(valeur), key=len, reverse=True)
    motif = (
        re.compile(r"(?<![\d.,])(?:" + "|".join(map(re.escape, formats)) + r")(?![\d])") if formats else None
    )
    _motifs[id(valeur)] = (valeur, motif)
    return motif


def fuites(texte: str, valeur) -> list[str]:
    """The formats of `valeur` found in `texte` as a whole number (not inside a longer one)."""
    motif = _motif(valeur)
    return motif.findall(texte) if motif is not None else []
