"""The kinds of figure a dataset's metadata can ask for (`"figure": {"genre": …}`), in a registry.

Each kind is a small function registered with `@genre_de_figure("nom")`. It receives the data
(already filtered as the metadata says) and the figure's settings, draws on `ax`, and returns the
alternative text and a description in words, both computed from the data. The catalogue of the
book draws every dataset's figure through `dessiner`; a module can reuse a kind (the map module
reuses the maps). An unknown kind stops the build with the list of known kinds.
Pure Python and matplotlib: it also runs in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import graphiques
from .texte import nombre
from .typographie import corriger

MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


@dataclass
class Contexte:
    """What a kind of figure needs: the data, the settings, the resource's schema, and the drawing."""

    nom: str
    df: pd.DataFrame
    spec: dict
    meta: dict
    ressource: dict
    fig: object
    ax: object

    @property
    def x(self):
        return self.spec.get("x")

    @property
    def y(self):
        return self.spec.get("y")

    @property
    def unite(self) -> str:
        for champ in self.ressource.get("schema", {}).get("fields", []):
            if champ["name"] == self.y:
                return champ.get("unite", "")
        return ""


GENRES: dict[str, Callable[[Contexte], tuple[str, str]]] = {}
# Kinds whose vertical axis holds measured numbers, written the French way.
AXE_Y_NUMERIQUE: set[str] = set()


def genre_de_figure(nom: str, axe_y_numerique: bool = False):
    """Register a kind of figure under `nom` (the value of `"genre"` in the metadata)."""

    def enregistrer(fonction):
        GENRES[nom] = fonction
        if axe_y_numerique:
            AXE_Y_NUMERIQUE.add(nom)
        return fonction

    return enregistrer


def _nombre_y(v: float) -> str:
    """A measured value (not a year): « 6 868 », « 12,3 »."""
    return nombre(v, 0 if float(v).is_integer() else 1)


def _valeur(v, heure: bool = False) -> str:
    if isinstance(v, pd.Timestamp):
        return f"{v:%d/%m/%Y %H:%M} UTC" if heure else f"{v:%d/%m/%Y}"
    if isinstance(v, float) and not v.is_integer():
        return nombre(v, 1)
    if isinstance(v, int | float):
        return nombre(v) if abs(v) >= 10000 else str(int(v))
    return str(v)


@genre_de_figure("ligne", axe_y_numerique=True)
def _ligne(c: Contexte) -> tuple[str, str]:
    df, ax = c.df, c.ax
    x, y, unite = c.x, c.y, c.unite
    s = df.set_index(x)[y].astype("float64")
    ax.plot(s.index, s.to_numpy(), color=graphiques.COULEURS["bleu"], linewidth=1.2)
    ax.set_ylabel(unite)
    valide = s.dropna()
    manquantes = int(s.isna().sum())
    # hours are shown only when the series is finer than a day
    h = isinstance(s.index, pd.DatetimeIndex) and bool((s.index.hour != 0).any())
    debut, fin = _valeur(s.index.min(), h), _valeur(s.index.max(), h)
    alt = f"Courbe de {y} ({unite}) selon {x}, du {debut} au {fin}."
    if not isinstance(s.index, pd.DatetimeIndex):
        alt = f"Courbe de {y} ({unite}) selon {x}, de {debut} à {fin}."
    desc = (f"Entre {debut} et {fin}, la valeur la plus basse est "
            f"{_nombre_y(valide.min())} {unite} ({_valeur(valide.idxmin(), h)}) et la plus haute "
            f"{_nombre_y(valide.max())} {unite} ({_valeur(valide.idxmax(), h)}).")
    if manquantes:
        desc += (f" Les {nombre(manquantes)} valeurs manquantes apparaissent comme des trous "
                 "dans la courbe.")
    return alt, desc


@genre_de_figure("barres", axe_y_numerique=True)
def _barres(c: Contexte) -> tuple[str, str]:
    df, ax = c.df, c.ax
    x, y, unite = c.x, c.y, c.unite
    s = df.set_index(x)[y].astype("float64")
    ax.bar([str(v) for v in s.index], s.to_numpy(), color=graphiques.COULEURS["bleu"])
    ax.set_ylabel(unite)
    alt = f"Diagramme en barres de {y} ({unite}) pour chaque {x}."
    desc = "Valeurs : " + " ; ".join(f"{k} : {_nombre_y(v)} {unite}" for k, v in s.items()) + "."
    return alt, desc


@genre_de_figure("barres_somme")
def _barres_somme(c: Contexte) -> tuple[str, str]:
    df, fig, ax = c.df, c.fig, c.ax
    x, y, unite = c.x, c.y, c.unite
    s = df.groupby(x)[y].sum().astype("float64").sort_values()
    ax.barh(list(s.index), s.to_numpy(), color=graphiques.COULEURS["bleu"])
    ax.xaxis.set_major_formatter(graphiques.formateur_fr())
    ax.tick_params(axis="y", labelsize=7)
    fig.set_figheight(max(3.6, 0.22 * len(s) + 1))
    ax.set_xlabel(unite)
    alt = f"Barres horizontales : total de {y} ({unite}) pour chacun des {len(s)} groupes de {x}."
    desc = (f"{len(s)} groupes. Le plus grand : {s.index[-1]} ({_nombre_y(s.iloc[-1])} {unite}) ; "
            f"le plus petit : {s.index[0]} ({_nombre_y(s.iloc[0])} {unite}).")
    return alt, desc


@genre_de_figure("barres_moyenne_mois", axe_y_numerique=True)
def _barres_moyenne_mois(c: Contexte) -> tuple[str, str]:
    df, ax = c.df, c.ax
    x, y, unite = c.x, c.y, c.unite
    s = df.groupby(df[x].dt.month)[y].mean()
    ax.bar(MOIS, s.to_numpy(), color=graphiques.COULEURS["bleu"])
    ax.set_ylabel(f"{unite} par jour")
    alt = f"Diagramme en barres : moyenne de {y} ({unite} par jour) pour chaque mois de l'année."
    desc = (f"Le mois le plus arrosé en moyenne est {MOIS[int(s.idxmax()) - 1]} "
            f"({nombre(float(s.max()), 1)} {unite} par jour), le moins arrosé "
            f"{MOIS[int(s.idxmin()) - 1]} ({nombre(float(s.min()), 1)} {unite} par jour).")
    return alt, desc


@genre_de_figure("barres_compte_decennie", axe_y_numerique=True)
def _barres_compte_decennie(c: Contexte) -> tuple[str, str]:
    df, ax = c.df, c.ax
    x = c.x
    s = df.groupby(df[x].dt.year // 10 * 10).size()
    ax.bar([f"{d}" for d in s.index], s.to_numpy(), color=graphiques.COULEURS["bleu"])
    ax.tick_params(axis="x", labelrotation=60, labelsize=8)
    ax.set_ylabel("événements")
    alt = f"Diagramme en barres : nombre d'événements par décennie, de {s.index.min()} à {s.index.max()}."
    desc = (f"La décennie qui compte le plus d'événements est celle de {s.idxmax()} ({s.max()}), "
            f"celle qui en compte le moins celle de {s.idxmin()} ({s.min()}). "
            "Attention : les décennies n'ont pas toutes la même durée d'observation "
            "(voir les précautions).")
    return alt, desc


@genre_de_figure("carte_points")
def _carte_points(c: Contexte) -> tuple[str, str]:
    df, spec, fig, ax = c.df, c.spec, c.fig, c.ax
    x, y = c.x, c.y
    couleur = spec["couleur"]
    for i, (cat, groupe) in enumerate(df.groupby(couleur, sort=True)):
        ax.scatter(groupe[x], groupe[y], s=6, label=f"{cat} ({len(groupe)})",
                   color=graphiques.PALETTE[i], marker="os^"[i % 3])
    ax.set_aspect(1 / 0.66)  # about 1/cos(48.4°): distances look right at Brest's latitude
    ax.xaxis.set_major_formatter(graphiques.formateur_fr(2))
    ax.yaxis.set_major_formatter(graphiques.formateur_fr(2))
    fig.set_figheight(5)
    ax.legend(loc="lower left", fontsize=9, markerscale=2, frameon=True, framealpha=0.9)
    ax.set_xlabel("longitude (degrés)")
    ax.set_ylabel("latitude (degrés)")
    comptes = df[couleur].value_counts()
    alt = f"Carte des {len(df)} points, colorés selon {couleur}."
    desc = ("Répartition : " + " ; ".join(f"{k} : {nombre(v)}" for k, v in comptes.items())
            + f". Les points s'étendent de {nombre(df[x].min(), 2)} à {nombre(df[x].max(), 2)} "
            f"degrés de longitude et de {nombre(df[y].min(), 2)} à {nombre(df[y].max(), 2)} de latitude.")
    return alt, desc


@genre_de_figure("carte_polygones")
def _carte_polygones(c: Contexte) -> tuple[str, str]:
    df, meta, fig, ax, nom = c.df, c.meta, c.fig, c.ax, c.nom
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Polygon

    from .donnees import charger

    part = charger(nom, meta["resources"][0]["name"])
    part["participation"] = part["votants"] / part["inscrits"] * 100
    df = df.merge(part, on=["code_commune", "numero_bureau"], how="left")
    df = df[df["code_commune"] == "29019"]
    formes = [Polygon(list(g.exterior.coords)) for g in df.geometry]
    coll = PatchCollection(formes, cmap="viridis", edgecolor="white", linewidth=0.3)
    coll.set_array(df["participation"].astype("float64").to_numpy())
    ax.add_collection(coll)
    ax.autoscale_view()
    ax.set_aspect(1 / 0.66)
    ax.set_axis_off()
    fig.set_figwidth(6.5)
    fig.set_figheight(5)
    barre = fig.colorbar(coll, ax=ax, shrink=0.8)
    barre.set_label("% des inscrits qui ont voté")
    barre.ax.yaxis.set_major_formatter(graphiques.formateur_fr())
    p = df.set_index("libelle")["participation"].astype("float64")
    alt = (f"Carte des {len(df)} bureaux de vote de Brest, colorés selon la part des inscrits "
           "qui ont voté.")
    desc = (f"Sur les {len(df)} bureaux de Brest, la participation va de {nombre(p.min(), 1)}\u00a0% "
            f"({p.idxmin()}) à {nombre(p.max(), 1)}\u00a0% ({p.idxmax()}).")
    return alt, desc


@genre_de_figure("carte_contours")
def _carte_contours(c: Contexte) -> tuple[str, str]:
    """Outlines of communes in Lambert-93, those whose code no longer exists shown apart."""
    from matplotlib.patches import Patch

    from . import cartes
    from .donnees import charger

    df, fig, ax, nom = cartes.projeter(c.df), c.fig, c.ax, c.nom
    passage = charger(nom, "passage")
    disparus = passage.loc[passage["statut"] != "inchangé", "code_insee_2018"].tolist()
    ecart = df["code_insee"].isin(disparus)
    df[~ecart].plot(ax=ax, facecolor=cartes.HORS_CHAMP, edgecolor=cartes.TRAIT, linewidth=0.25)
    df[ecart].plot(ax=ax, facecolor=cartes.COULEURS_CLASSES[-1], edgecolor=cartes.TRAIT, linewidth=0.6,
                   hatch="////")
    fig.set_figwidth(6.5)
    fig.set_figheight(5.2)
    noms = df.loc[ecart, "nom"].tolist()
    ax.legend(handles=[
        Patch(facecolor=cartes.HORS_CHAMP, edgecolor=cartes.TRAIT, label="commune toujours là"),
        Patch(facecolor=cartes.COULEURS_CLASSES[-1], edgecolor=cartes.TRAIT, hatch="////",
              label="code disparu depuis 2018"),
    ], loc="lower left", fontsize=8, frameon=True, framealpha=0.95)
    ax.set_aspect("equal")
    ax.set_axis_off()
    cartes.fleche_nord(ax)
    alt = (f"Carte des {len(df)} communes du Finistère en 2018. {len(noms)} communes sont mises "
           f"en avant, hachurées : {' et '.join(noms)}, dont le code n'existe plus.")
    desc = (f"La carte montre les {len(df)} contours de 2018. Les codes de {' et de '.join(noms)} "
            "ne sont plus des communes aujourd'hui : voir la ressource « passage ».")
    return alt, desc


def dessiner(nom: str, meta: dict, sortie) -> tuple[str, str]:
    """Draw the figure the metadata of dataset `nom` asks for into `sortie` (PNG); return
    (alternative text, description in words)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .donnees import charger

    spec = meta["figure"]
    genre = spec["genre"]
    if genre not in GENRES:
        raise ValueError(
            f"{nom} : genre de figure inconnu « {genre} » ; genres connus : {', '.join(sorted(GENRES))}"
        )
    res = next((r for r in meta["resources"] if r["name"] == spec.get("ressource")), meta["resources"][0])
    df = charger(nom, res["name"])
    for col, val in spec.get("filtre", {}).items():
        df = df[df[col] == val]
    titre = spec["titre"]
    fig, ax = graphiques.figure(7.5, 3.6, nombres="")
    contexte = Contexte(nom, df, spec, meta, res, fig, ax)
    alt, desc = GENRES[genre](contexte)
    if genre in AXE_Y_NUMERIQUE:
        bas, haut = ax.get_ylim()
        ax.yaxis.set_major_formatter(graphiques.formateur_fr(1 if haut - bas < 10 else 0))
    x = spec.get("x")
    if genre == "ligne" and pd.api.types.is_datetime64_any_dtype(df[x]):
        import matplotlib.dates as mdates

        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m" if df[x].dt.year.nunique() == 1
                                                          else "%Y"))
    # On the figure, not the axes: long tick labels must not push the title out of the image.
    fig.suptitle(titre, x=0.01, ha="left", fontsize=11, fontweight="bold")
    tiers = " (copie faite par un tiers)" if meta.get("copie_par_un_tiers") else ""
    graphiques.noter_source(fig, meta["producteur"] + tiers)
    fig.savefig(sortie, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    return corriger(f"{titre}. {alt}"), corriger(desc)
