"""Cartes de Phare : classes, couleurs, échelle, nord, source et texte alternatif.

    >>> from phare.cartes import projeter, limites_egales, limites_quantiles, choroplethe, habiller
    >>> bureaux = projeter(bureaux)                      # en Lambert-93, en mètres
    >>> choroplethe(ax, bureaux, "participation", limites_quantiles(bureaux["participation"]))
    >>> habiller(fig, ax, source="…", date="1er tour, 30 juin 2024")

Pourquoi ce module : chaque carte du livre a une légende, une barre d'échelle, une flèche du nord,
sa source et sa date, et un texte alternatif calculé à partir des données. Les classes se
calculent ici, sans mapclassify, et les fichiers se lisent sans pyogrio : ni l'un ni l'autre
n'existe dans le navigateur (Pyodide). Tout tourne donc aussi sous JupyterLite.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .interface import couleur
from .texte import nombre

__all__ = [
    "COULEURS_CLASSES",
    "LAMBERT_93",
    "afficher",
    "barre_echelle",
    "carte_muette",
    "choroplethe",
    "classer",
    "effectifs_par_classe",
    "fleche_nord",
    "habiller",
    "libelles_classes",
    "limites_egales",
    "limites_quantiles",
    "projeter",
    "source_carte",
    "surfaces_km2",
    "texte_alternatif",
]

LAMBERT_93 = "EPSG:2154"  # la projection officielle de la France métropolitaine, en mètres
COULEURS_CLASSES = [couleur(f"cartes.classe-{i}") for i in range(1, 6)]
TRAIT = couleur("cartes.trait")
CONTOUR = couleur("cartes.contour")
HORS_CHAMP = couleur("cartes.hors-champ")


# --- Classes -------------------------------------------------------------------------------------


def _valeurs(valeurs) -> np.ndarray:
    v = pd.to_numeric(pd.Series(valeurs), errors="coerce").astype("float64").dropna().to_numpy()
    if len(v) == 0:
        raise ValueError("Aucune valeur numérique à classer : la colonne est vide.")
    return v


def limites_egales(valeurs, k: int = 5) -> list[float]:
    """Intervalles égaux : k classes de même largeur, du minimum au maximum (k + 1 limites)."""
    v = _valeurs(valeurs)
    return [float(x) for x in np.linspace(v.min(), v.max(), k + 1)]


def limites_quantiles(valeurs, k: int = 5) -> list[float]:
    """Quantiles : k classes qui ont à peu près autant d'éléments chacune (k + 1 limites).

    Interpolation linéaire, comme `Series.quantile` de pandas et CENTILE.INCLURE du tableur.
    """
    v = _valeurs(valeurs)
    return [float(x) for x in np.quantile(v, np.linspace(0, 1, k + 1))]


def classer(valeurs, limites: list[float]) -> np.ndarray:
    """Le numéro de classe (1 à k) de chaque valeur : une classe va de sa limite basse exclue à sa
    limite haute comprise ; la première comprend aussi le minimum."""
    v = pd.to_numeric(pd.Series(valeurs), errors="coerce").astype("float64").to_numpy()
    return np.searchsorted(np.asarray(limites[1:-1]), v, side="left") + 1


def effectifs_par_classe(valeurs, limites: list[float]) -> list[int]:
    classes = classer(valeurs, limites)
    return [int((classes == i).sum()) for i in range(1, len(limites))]


def libelles_classes(limites: list[float], decimales: int = 1, unite: str = "\u00a0%") -> list[str]:
    """« de 40,1 à 45,3 % » pour chaque classe."""
    return [f"de {nombre(a, decimales)} à {nombre(b, decimales)}{unite}"
            for a, b in zip(limites, limites[1:], strict=False)]


# --- Mesures -------------------------------------------------------------------------------------


def projeter(gdf):
    """Le même GeoDataFrame en Lambert-93 (mètres) : mesurer en degrés n'a pas de sens."""
    return gdf.to_crs(LAMBERT_93)


def surfaces_km2(gdf) -> pd.Series:
    """Surface de chaque polygone en km², calculée en Lambert-93."""
    if gdf.crs is None or gdf.crs.is_geographic:
        gdf = projeter(gdf)
    return gdf.geometry.area / 1e6


# --- Habillage -----------------------------------------------------------------------------------

_LONGUEURS = [100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000]


def barre_echelle(ax) -> float:
    """Une barre d'échelle en bas à gauche (carte en mètres) ; renvoie sa longueur en mètres."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    largeur = x1 - x0
    longueur = max([m for m in _LONGUEURS if m <= largeur / 4] or [_LONGUEURS[0]])
    x, y = x0 + largeur * 0.04, y0 + (y1 - y0) * 0.05
    hauteur = (y1 - y0) * 0.012
    ax.fill([x, x + longueur, x + longueur, x], [y, y, y + hauteur, y + hauteur], color=TRAIT)
    texte = f"{nombre(longueur / 1000, 1 if longueur < 1000 else 0)}\u00a0km"
    ax.text(x + longueur / 2, y + hauteur * 2, texte, ha="center", va="bottom", fontsize=8, color=TRAIT)
    return longueur


def fleche_nord(ax) -> None:
    """Une flèche du nord en haut à droite. En Lambert-93, à Brest, le nord vrai s'écarte du
    haut de la carte d'environ un degré : invisible à cette échelle."""
    ax.annotate("N", xy=(0.95, 0.97), xytext=(0.95, 0.86), xycoords="axes fraction",
                ha="center", va="center", fontsize=9, fontweight="bold", color=TRAIT,
                arrowprops={"arrowstyle": "-|>", "color": TRAIT, "lw": 1.2})


def habiller(fig, ax, *jeux: str, largeur: int = 105) -> None:
    """Échelle, nord, et sous la figure la source, la date des données et la projection : ce que
    toute carte doit dire. `jeux` : les noms des jeux de données dessinés."""
    import textwrap

    from .graphiques import noter_source  # here: matplotlib only when a map is drawn

    ax.set_aspect("equal")
    ax.set_axis_off()
    barre_echelle(ax)
    fleche_nord(ax)
    texte = f"{source_carte(*jeux)}. Projection Lambert-93 (EPSG:2154)."
    noter_source(fig, "\n".join(textwrap.wrap(texte, largeur)))


# --- Dessins -------------------------------------------------------------------------------------


def choroplethe(ax, gdf, colonne: str, limites: list[float], titre_legende: str = "",
                decimales: int = 1, unite: str = "\u00a0%"):
    """Colorier chaque polygone selon sa classe ; la légende donne les limites et les effectifs."""
    from matplotlib.patches import Patch

    k = len(limites) - 1
    teintes = COULEURS_CLASSES if k == len(COULEURS_CLASSES) else _teintes(k)
    classes = classer(gdf[colonne], limites)
    gdf.plot(ax=ax, color=[teintes[c - 1] for c in classes], edgecolor=CONTOUR, linewidth=0.4)
    effectifs = [int((classes == i).sum()) for i in range(1, k + 1)]
    etiquettes = libelles_classes(limites, decimales, unite)
    poignees = [Patch(facecolor=teintes[i], edgecolor=TRAIT, linewidth=0.5,
                      label=f"{etiquettes[i]} ({effectifs[i]})") for i in range(k)]
    # Below the map, never over it: a legend must not hide a polygon.
    ax.legend(handles=poignees[::-1], title=titre_legende, loc="upper center", bbox_to_anchor=(0.5, 0.0),
              fontsize=7.5, title_fontsize=8, frameon=False)
    return classes


def _teintes(k: int) -> list[str]:
    """k teintes prises dans la suite séquentielle (de 2 à 5 classes)."""
    if not 2 <= k <= len(COULEURS_CLASSES):
        raise ValueError(f"De 2 à {len(COULEURS_CLASSES)} classes, pas {k}.")
    rangs = np.round(np.linspace(0, len(COULEURS_CLASSES) - 1, k)).astype(int)
    return [COULEURS_CLASSES[r] for r in rangs]


def carte_muette(ax, gdf, etiquettes: str | None = None, taille: float = 6) -> None:
    """Des contours sans couleur, à colorier à la main (atelier), avec un numéro par polygone."""
    gdf.plot(ax=ax, facecolor="none", edgecolor=TRAIT, linewidth=0.5)
    if etiquettes:
        for point, texte in zip(gdf.geometry.representative_point(), gdf[etiquettes], strict=True):
            ax.text(point.x, point.y, str(texte), ha="center", va="center", fontsize=taille, color=TRAIT)


def texte_alternatif(quoi: str, n: int, libelle_valeur: str, limites: list[float], effectifs: list[int],
                     methode: str, decimales: int = 1, unite: str = "\u00a0%") -> str:
    """Le texte alternatif d'une choroplèthe, calculé : combien d'éléments dans chaque classe."""
    morceaux = [f"{e} {'bureau' if e < 2 else 'bureaux'} {lib}" if quoi == "bureaux" else f"{e} {lib}"
                for e, lib in zip(effectifs, libelles_classes(limites, decimales, unite), strict=True)]
    return (f"Carte des {n} {quoi} coloriés selon {libelle_valeur}, en {len(effectifs)} classes "
            f"({methode}), du plus clair au plus foncé : " + " ; ".join(morceaux) + ".")


def source_carte(*noms: str) -> str:
    """The source line of a map, from the datasets' metadata: each producer, and what a reader must
    know of the copy (a third party's copy; a political party's repository for election data)."""
    from .donnees import metadonnees

    morceaux = []
    for nom in noms:
        meta = metadonnees(nom)
        texte = f"{meta['producteur']}, {meta['periode']}"
        if "parti politique" in meta.get("copie_tierce", ""):
            texte += ", copie venue du dépôt GitHub d'un parti politique"
        elif meta.get("copie_par_un_tiers"):
            texte += ", copie faite par un tiers"
        morceaux.append(texte)
    return ". ".join(morceaux)


def afficher(fig, alt: str, legende: str, dpi: int = 90):
    """The map as an HTML figure whose alternative text is computed from the data (myst-nb takes
    an image's alt only from static cell metadata). The PNG is reduced to a palette of 64 colours:
    a map has few colours, and the page must stay light."""
    import base64
    import html
    import io

    import matplotlib.pyplot as plt
    from IPython.display import HTML
    from PIL import Image

    from .typographie import corriger

    alt, legende = corriger(alt), corriger(legende)  # the same French spacing as the prose
    tampon = io.BytesIO()
    fig.savefig(tampon, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    image = Image.open(io.BytesIO(tampon.getvalue())).convert("RGB").quantize(64)
    sortie = io.BytesIO()
    image.save(sortie, format="PNG", optimize=True)
    donnees = base64.b64encode(sortie.getvalue()).decode("ascii")
    return HTML(
        f'<figure class="phare-carte"><img src="data:image/png;base64,{donnees}" '
        f'alt="{html.escape(alt)}" style="max-width:100%;height:auto" '
        f'width="{image.width}" height="{image.height}">'
        f"<figcaption>{html.escape(legende)}</figcaption></figure>"
    )
