"""Graphiques de Phare : un seul endroit pour le style, les couleurs et les nombres en français.

    >>> from phare.graphiques import figure, tableau_markdown
    >>> fig, ax = figure()            # une figure au style de Phare
    >>> ax.plot(annees, niveaux)

Pourquoi ce module : les modules et les notebooks tracent tous leurs figures de la même façon
(étiquettes en français, virgule décimale de `phare.livre.texte.nombre`, couleurs lisibles
par les personnes daltoniennes), sans recopier le même code d'une page à l'autre.
Pur Python et matplotlib : il tourne aussi sous JupyterLite.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from .livre.texte import nombre

__all__ = [
    "COULEURS",
    "PALETTE",
    "figure",
    "formateur_fr",
    "noter_source",
    "serie_avec_lacunes",
    "tableau_markdown",
    "tendance_lineaire",
]

# Palette d'Okabe et Ito : distinguable par les personnes daltoniennes, contrastée sur fond blanc.
COULEURS = {
    "bleu": "#0072B2",
    "vermillon": "#D55E00",
    "vert": "#009E73",
    "orange": "#E69F00",
    "violet": "#CC79A7",
    "ciel": "#56B4E9",
    "gris": "#595959",
    "noir": "#000000",
}
PALETTE = [COULEURS[c] for c in ("bleu", "vermillon", "vert", "orange", "violet", "ciel", "gris")]


def formateur_fr(decimales: int = 0) -> FuncFormatter:
    """Un formateur d'axe matplotlib qui écrit les graduations à la française."""
    return FuncFormatter(lambda x, _pos: nombre(x, decimales))


def _style() -> None:
    plt.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "font.size": 11,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.color": "#d9d9d9",
            "grid.linewidth": 0.6,
            "axes.prop_cycle": plt.cycler(color=PALETTE),
            "legend.frameon": False,
        }
    )


def figure(largeur: float = 7.5, hauteur: float = 4.0, nombres: str = "y", **kwargs):
    """Créer une figure au style de Phare ; renvoie (fig, ax) comme `plt.subplots`.

    `nombres` dit quels axes portent des nombres à écrire à la française ("x", "y", "xy" ou "").
    """
    _style()
    fig, ax = plt.subplots(figsize=(largeur, hauteur), layout="constrained", **kwargs)
    for a in np.atleast_1d(ax).ravel():
        if "x" in nombres:
            a.xaxis.set_major_formatter(formateur_fr())
        if "y" in nombres:
            a.yaxis.set_major_formatter(formateur_fr())
    return fig, ax


def noter_source(fig, texte: str) -> None:
    """Écrire la source des données sous la figure : un graphique sans source ne vaut rien."""
    # supxlabel, et non fig.text : la mise en page « constrained » lui réserve sa place.
    fig.supxlabel("Source : " + texte, x=0.01, ha="left", fontsize=8.5, color=COULEURS["gris"])


def tableau_markdown(df: pd.DataFrame, formats: dict | None = None) -> str:
    """Un tableau pandas en tableau Markdown (sans l'index) : lisible, accessible, à la française.

    Pourquoi : le rendu HTML de pandas laisse un en-tête d'index vide (signalé par axe) ;
    un tableau Markdown prend le style du site et défile sur un petit écran.
    """
    formats = formats or {}

    def cellule(col, v) -> str:
        if pd.isna(v):
            return "—"
        if col in formats:
            return formats[col](v)
        return str(v).replace("|", "\\|")

    lignes = ["| " + " | ".join(map(str, df.columns)) + " |", "|" + "---|" * len(df.columns)]
    for _, ligne in df.iterrows():
        lignes.append("| " + " | ".join(cellule(c, ligne[c]) for c in df.columns) + " |")
    return "\n".join(lignes)


def serie_avec_lacunes(valeurs: pd.Series, pas: int = 1) -> pd.Series:
    """Réindexer une série sur toutes les années (ou tous les pas) : les trous deviennent NaN.

    Pourquoi : matplotlib relie deux points voisins dans le tableau. Sans les années
    manquantes, une lacune de dix ans serait dessinée comme une ligne droite inventée.
    """
    debut, fin = int(valeurs.index.min()), int(valeurs.index.max())
    return valeurs.reindex(range(debut, fin + 1, pas))


def tendance_lineaire(x, y) -> tuple[float, float]:
    """Pente et ordonnée à l'origine de la droite des moindres carrés ; ignore les valeurs manquantes."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(pd.to_numeric(pd.Series(y), errors="coerce"), dtype=float)
    garder = ~(np.isnan(x) | np.isnan(y))
    pente, origine = np.polyfit(x[garder], y[garder], 1)
    return float(pente), float(origine)
