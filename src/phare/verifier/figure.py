"""What a chart says in words: its titles, its axis names and the other texts written on it.

A matplotlib figure cannot travel from a pupil's sandbox to the teacher's check (it is not data),
so both sides look at the same plain description: `decrire(fig)` reads the figure's texts, and
`Description` holds them. The learner's own `verifier` describes the figure in their process; the
teacher's check receives the description, serialised as data (serialisation.py), and judges it
in the trusted parent (structure.py). A pupil could forge the description of their own figure: it
would only stand for their own answer, like any other answer they hand in.
Pure Python: matplotlib is only looked up, never imported here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

TEXTE_MAX = 300  # characters kept of each text of a chart
TEXTES_MAX = 60  # texts kept of a chart
AXES_MAX = 20  # sub-charts kept


@dataclass(frozen=True)
class Axe:
    """One sub-chart: its title and its two axis names (empty when absent)."""

    titre: str = ""
    x: str = ""
    y: str = ""
    traces: int = 0  # lines, bars, points… drawn on it


@dataclass(frozen=True)
class Description:
    """A chart in words: the figure's own title, its sub-charts, and every other text on it
    (the source written under it, annotations, the figure's shared axis names)."""

    titre: str = ""
    axes: tuple[Axe, ...] = ()
    textes: tuple[str, ...] = ()


def _texte(objet) -> str:
    try:
        texte = objet.get_text() if objet is not None else ""
    except Exception:
        return ""
    return " ".join(str(texte).split())[:TEXTE_MAX]


def est_une_figure(x) -> bool:
    """A matplotlib Figure or Axes (only if matplotlib was already imported by the learner)."""
    if "matplotlib" not in sys.modules:
        return False
    try:
        from matplotlib.axes import Axes
        from matplotlib.figure import Figure, SubFigure
    except Exception:
        return False
    return isinstance(x, Figure | SubFigure | Axes)


def decrire(x) -> Description:
    """The description of a matplotlib Figure (or of the figure an Axes belongs to)."""
    from matplotlib.axes import Axes

    fig = x.figure if isinstance(x, Axes) else x
    axes = []
    textes = []
    for ax in list(fig.get_axes())[:AXES_MAX]:
        titre = " ".join(_texte(t) for t in (ax.title, ax._left_title, ax._right_title) if _texte(t))
        traces = len(ax.lines) + len(ax.patches) + len(ax.collections) + len(ax.images)
        axes.append(Axe(titre=titre, x=_texte(ax.xaxis.label), y=_texte(ax.yaxis.label), traces=traces))
        textes += [_texte(t) for t in ax.texts]
    for nom in ("_supxlabel", "_supylabel"):
        textes.append(_texte(getattr(fig, nom, None)))
    textes += [_texte(t) for t in fig.texts]
    return Description(
        titre=_texte(getattr(fig, "_suptitle", None)),
        axes=tuple(axes),
        textes=tuple(t for t in textes if t)[:TEXTES_MAX],
    )


def encoder(description: Description) -> dict:
    """The JSON form of a description (serialisation.py adds nothing else)."""
    return {
        "t": "figure",
        "titre": description.titre,
        "axes": [[a.titre, a.x, a.y, a.traces] for a in description.axes],
        "textes": list(description.textes),
    }


def decoder(valeur: dict) -> Description:
    """Rebuild a description from its JSON form; ValueError if it is not well formed."""

    def texte(t) -> str:
        if not isinstance(t, str) or len(t) > TEXTE_MAX:
            raise ValueError("texte")
        return t

    axes, textes = valeur["axes"], valeur["textes"]
    if not isinstance(axes, list) or not isinstance(textes, list):
        raise ValueError("figure")
    if len(axes) > AXES_MAX or len(textes) > TEXTES_MAX:
        raise ValueError("figure")
    lus = []
    for axe in axes:
        if not isinstance(axe, list) or len(axe) != 4:
            raise ValueError("axe")
        traces = axe[3]
        if isinstance(traces, bool) or not isinstance(traces, int) or not 0 <= traces < 10**9:
            raise ValueError("axe")
        lus.append(Axe(texte(axe[0]), texte(axe[1]), texte(axe[2]), traces))
    return Description(texte(valeur["titre"]), tuple(lus), tuple(texte(t) for t in textes))
