"""Graphiques de Phare : un seul endroit pour le style, les couleurs et les nombres en français.

    >>> from phare.graphiques import figure, tableau_markdown
    >>> fig, ax = figure()            # une figure au style de Phare
    >>> ax.plot(annees, niveaux)

Pourquoi ce module : les modules et les notebooks tracent tous leurs figures de la même façon
(étiquettes en français, virgule décimale de `phare.texte.nombre`, couleurs lisibles
par les personnes daltoniennes), sans recopier le même code d'une page à l'autre.
Pur Python et matplotlib : il tourne aussi sous JupyterLite.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from .interface import couleur
from .texte import nombre

__all__ = [
    "COULEURS",
    "PALETTE",
    "barres_comparees",
    "courbes",
    "droite_tendance",
    "figure",
    "formateur_fr",
    "granularites",
    "noter_source",
    "quatre_graphiques",
    "serie_avec_lacunes",
    "serie_temporelle",
    "tableau_markdown",
    "tendance_lineaire",
]

# Les couleurs viennent de la palette du site (phare/interface/palette.toml) : la série principale
# prend la couleur primaire du site, les autres la palette d'Okabe et Ito, distinguable par les
# personnes daltoniennes.
COULEURS = {
    "bleu": couleur("site.primaire"),
    **{nom: couleur(f"graphiques.{nom}") for nom in (
        "vermillon", "vert", "orange", "violet", "ciel", "gris", "gris-clair", "noir"
    )},
}
PALETTE = [COULEURS[c] for c in ("bleu", "vermillon", "vert", "orange", "violet", "ciel", "gris")]


def formateur_fr(decimales: int | None = None) -> FuncFormatter:
    """Un formateur d'axe matplotlib qui écrit les graduations à la française.

    Sans `decimales`, une décimale seulement pour les graduations qui ne sont pas entières.
    """

    def formater(x, _pos):
        return nombre(x, decimales if decimales is not None else (0 if float(x).is_integer() else 1))

    return FuncFormatter(formater)


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
            "grid.color": couleur("graphiques.grille"),
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

    def coupable(texte: str) -> str:
        # Une espace de largeur nulle après chaque « _ » : « population_municipale » peut passer
        # à la ligne sur un petit écran au lieu d'élargir le tableau.
        return texte.replace("_", "_\u200b")

    def cellule(col, v) -> str:
        if pd.isna(v):
            return "—"
        if col in formats:
            return formats[col](v)
        return coupable(str(v).replace("|", "\\|"))

    entetes = [coupable(str(c)) for c in df.columns]
    lignes = ["| " + " | ".join(entetes) + " |", "|" + "---|" * len(df.columns)]
    for _, ligne in df.iterrows():
        lignes.append("| " + " | ".join(cellule(c, ligne[c]) for c in df.columns) + " |")
    return "\n".join(lignes)


# The three codes of `acces_fauteuil` in the Bibus stops, in the order a reader expects them.
ACCES_FAUTEUIL = ((1, "accessible (au moins en partie)"), (0, "pas d'information"), (2, "non accessible"))


def tableau_acces_fauteuil(arrets: pd.DataFrame) -> str:
    """The Markdown table of the Bibus stop identifiers by wheelchair-access code (module and handout)."""
    lignes = ["| Information d'accessibilité | Identifiants d'arrêt | Part |", "|---|---|---|"]
    for code, libelle in ACCES_FAUTEUIL:
        n = int((arrets["acces_fauteuil"] == code).sum())
        lignes.append(f"| {libelle} | {nombre(n)} | {nombre(n / len(arrets) * 100, 1)} % |")
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


def barres_comparees(valeurs: pd.DataFrame, titres: list[str], en_avant: str | None = None):
    """Une colonne de barres horizontales par indicateur, les lignes dans le même ordre.

    `valeurs` : une ligne par objet comparé (l'index donne les étiquettes), une colonne par
    indicateur. `en_avant` : l'étiquette à mettre en évidence (couleur, gras et valeur écrite :
    jamais la couleur seule). Les lignes sont rangées selon le premier indicateur.
    """
    tri = valeurs.sort_values(valeurs.columns[0])
    n = len(valeurs.columns)
    fig, axes = figure(largeur=4.2 * n, hauteur=0.38 * len(tri) + 1.3, nombres="x", ncols=n,
                       sharey=True, squeeze=False)
    etiquettes = [str(e) for e in tri.index]
    couleurs = [COULEURS["vermillon"] if e == en_avant else COULEURS["bleu"] for e in etiquettes]
    for ax, col, titre in zip(axes[0], tri.columns, titres, strict=True):
        ax.barh(etiquettes, tri[col], color=couleurs)
        for y, v in enumerate(tri[col]):
            ax.annotate(nombre(v), (v, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=9)
        ax.set_title(titre, fontsize=11)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.18)
    for etiquette in axes[0][0].get_yticklabels():
        if etiquette.get_text() == en_avant:
            etiquette.set_fontweight("bold")
    return fig


def courbes(valeurs: pd.DataFrame, etiquettes_x: list[str], titre_y: str):
    """Une courbe par colonne, chacune avec son marqueur et son style de trait (pas la couleur seule)."""
    fig, ax = figure(hauteur=3.8)
    styles = [("o", "-"), ("s", "--"), ("^", ":"), ("D", "-.")]
    for i, col in enumerate(valeurs.columns):
        marqueur, trait = styles[i % len(styles)]
        ax.plot(range(len(valeurs)), valeurs[col], marker=marqueur, linestyle=trait, label=col)
    ax.set_xticks(range(len(valeurs)), etiquettes_x)
    ax.set_ylabel(titre_y)
    ax.set_ylim(bottom=0)
    ax.legend()
    return fig


def granularites(series: list[tuple]):
    """Des barres superposées pour montrer une même mesure à plusieurs pas de temps.

    `series` : une liste de (titre, débuts, valeurs, pas) ; chaque barre couvre [début, début + pas).
    """
    import matplotlib.dates as mdates

    fig, axes = figure(hauteur=2.0 * len(series) + 0.6, nrows=len(series), sharex=True)
    for ax, (titre, debuts, valeurs, pas) in zip(axes, series, strict=True):
        largeur = pas / pd.Timedelta(days=1)  # matplotlib compte les dates en jours
        ax.bar(pd.to_datetime(debuts), valeurs, width=largeur, align="edge",
               color=COULEURS["bleu"], edgecolor=COULEURS["bleu"], linewidth=0.3)
        ax.set_title(titre, fontsize=10.5)
    axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    axes[-1].set_xlabel("jour (heures en temps universel, UTC)")
    return fig


def serie_temporelle(ax, valeurs: pd.Series, relier_lacunes: bool = False, **style):
    """Tracer une série annuelle (index = années) en laissant ses lacunes visibles.

    `relier_lacunes=True` fait ce qu'il ne faut pas faire : relier les années voisines mesurées
    par-dessus les trous (utile seulement pour montrer l'erreur).
    """
    valeurs = pd.to_numeric(valeurs, errors="coerce").astype(float)
    serie = valeurs.dropna() if relier_lacunes else serie_avec_lacunes(valeurs)
    style.setdefault("color", COULEURS["bleu"])
    style.setdefault("linewidth", 1.3)
    return ax.plot(serie.index, serie.values, **style)


def droite_tendance(ax, valeurs: pd.Series, debut: int, **style) -> float:
    """Calculer et tracer la tendance linéaire d'une série annuelle depuis `debut` ; renvoie la pente."""
    garde = valeurs[valeurs.index >= debut]
    pente, origine = tendance_lineaire(garde.index, garde.values)
    x = np.array([max(debut, int(garde.index.min())), int(garde.index.max())])
    style.setdefault("color", COULEURS["vermillon"])
    style.setdefault("linestyle", "--")
    style.setdefault("linewidth", 2)
    ax.plot(x, pente * x + origine, **style)
    return pente


def quatre_graphiques(serie: pd.Series, source: str, depart: int = 1900, recent: int = 1990,
                      unite: str = "mm"):
    """La même série annuelle tracée quatre fois, une honnête et trois trompeuses (A à D).

    A : toute la série, trous visibles, unité, source, tendance depuis `depart`.
    B : seulement depuis `recent`, trous reliés, titre choc, sans unité ni source.
    C : toute la série, trous reliés, sans unité ni source.
    D : axe vertical depuis 0, titre rassurant.
    Sert au module « Des graphiques honnêtes » et à sa fiche d'animation.
    """
    mesurees = serie.dropna()
    fig, axes = figure(largeur=8.5, hauteur=6, nrows=2, ncols=2)
    a, b, c, d = axes.ravel()
    serie_temporelle(a, serie)
    pente = droite_tendance(a, mesurees, depart)
    a.set_title("A", loc="left")
    a.set_ylabel(f"niveau moyen ({unite})")
    a.text(0.02, 0.95, f"tendance depuis {depart} : {nombre(pente, 1)} {unite}/an\nsource : {source}",
           transform=a.transAxes, fontsize=8, va="top")
    recents = mesurees[mesurees.index >= recent]
    serie_temporelle(b, recents, relier_lacunes=True)
    droite_tendance(b, recents, recent)
    b.set_title("B  « La mer s'emballe ! »", loc="left")
    serie_temporelle(c, serie, relier_lacunes=True)
    c.set_title("C", loc="left")
    serie_temporelle(d, serie)
    d.set_ylim(0, mesurees.max() * 1.1)
    d.set_title("D  « Rien ne bouge »", loc="left")
    return fig


def figure_collee(nom: str, fig, alt: str, legende: str, ancre: str | None = None) -> str:
    """Coller une figure (glue) et renvoyer la directive MyST qui l'affiche, avec un texte
    alternatif et une légende calculés à partir des données (une page l'affiche avec `Markdown`).

    Pourquoi : l'option `alt` de myst-nb est un texte fixe, écrit dans l'en-tête de la cellule ;
    ici, elle suit les données.
    """
    import matplotlib.pyplot as plt
    from myst_nb import glue  # import tardif : seulement dans le livre

    glue(nom, fig, display=False)
    plt.close(fig)
    alt = " ".join(alt.split())
    lignes = [f":::{{glue:figure}} {nom}", f":alt: {alt}"]
    if ancre:
        lignes.append(f":name: {ancre}")
    return "\n".join(lignes + ["", " ".join(legende.split()), ":::"])
