"""The « Catalogue des données » of the book, generated from the datasets' metadata.

At `config-inited`, before sphinx-external-toc reads `_toc.yml` (priority 900), this
extension writes into the git-ignored folder `book/catalogue/jeux/`:
- one MyST page per dataset (`<nom>.md`), listed in `_toc.yml` by a `glob` entry;
- one PNG figure per dataset, computed from the data with `phare.donnees.charger`;
and `book/catalogue/_genere/liste.md`, the summary table included by `book/catalogue/index.md`.

Nothing on these pages is written by hand: change a `datapackage.json` (or the code of
`phare.fabrique` that writes it) and the page follows. The CSV files are offered with the
`{download}` role, so Sphinx copies them into the built site.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pandas as pd

from .texte import nombre
from .typographie import corriger

DOSSIER_PAGES = Path("book") / "catalogue" / "jeux"
LISTE = Path("book") / "catalogue" / "_genere" / "liste.md"
MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
def _md(texte: str) -> str:
    """Prose from metadata, made safe for Markdown (no accidental emphasis or roles)."""
    return corriger(str(texte)).replace("*", "\\*").replace("_", "\\_")


@contextlib.contextmanager
def _donnees(dossier: Path):
    """Read the repository's datasets while the pages are generated."""
    avant = os.environ.get("PHARE_DONNEES")
    os.environ["PHARE_DONNEES"] = str(dossier)
    try:
        yield
    finally:
        if avant is None:
            os.environ.pop("PHARE_DONNEES", None)
        else:
            os.environ["PHARE_DONNEES"] = avant


def _taille(octets: int) -> str:
    if octets >= 1024 * 1024:
        return f"{nombre(octets / 1024 / 1024, 1)}\u00a0Mo"
    return f"{nombre(max(1, round(octets / 1024)))}\u00a0Ko"


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


# --- Figures: one small function per kind of figure named in the metadata -----------------


def _unite(res: dict, colonne: str) -> str:
    for f in res.get("schema", {}).get("fields", []):
        if f["name"] == colonne:
            return f.get("unite", "")
    return ""


def _figure(nom: str, meta: dict, sortie) -> tuple[str, str]:
    """Draw the figure the metadata asks for; return (alt text, text description)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .. import graphiques
    from ..donnees import charger

    spec = meta["figure"]
    genre = spec["genre"]
    res = next((r for r in meta["resources"] if r["name"] == spec.get("ressource")), meta["resources"][0])
    df = charger(nom, res["name"])
    for col, val in spec.get("filtre", {}).items():
        df = df[df[col] == val]
    x, y = spec.get("x"), spec.get("y")
    unite = _unite(res, y) if y else ""
    titre = spec["titre"]
    fig, ax = graphiques.figure(7.5, 3.6, nombres="")

    if genre == "ligne":
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
    elif genre == "barres":
        s = df.set_index(x)[y].astype("float64")
        ax.bar([str(v) for v in s.index], s.to_numpy(), color=graphiques.COULEURS["bleu"])
        ax.set_ylabel(unite)
        alt = f"Diagramme en barres de {y} ({unite}) pour chaque {x}."
        desc = "Valeurs : " + " ; ".join(f"{k} : {_nombre_y(v)} {unite}" for k, v in s.items()) + "."
    elif genre == "barres_somme":
        s = df.groupby(x)[y].sum().astype("float64").sort_values()
        ax.barh(list(s.index), s.to_numpy(), color=graphiques.COULEURS["bleu"])
        ax.xaxis.set_major_formatter(graphiques.formateur_fr())
        ax.tick_params(axis="y", labelsize=7)
        fig.set_figheight(max(3.6, 0.22 * len(s) + 1))
        ax.set_xlabel(unite)
        alt = f"Barres horizontales : total de {y} ({unite}) pour chacun des {len(s)} groupes de {x}."
        desc = (f"{len(s)} groupes. Le plus grand : {s.index[-1]} ({_nombre_y(s.iloc[-1])} {unite}) ; "
                f"le plus petit : {s.index[0]} ({_nombre_y(s.iloc[0])} {unite}).")
    elif genre == "barres_moyenne_mois":
        s = df.groupby(df[x].dt.month)[y].mean()
        ax.bar(MOIS, s.to_numpy(), color=graphiques.COULEURS["bleu"])
        ax.set_ylabel(f"{unite} par jour")
        alt = f"Diagramme en barres : moyenne de {y} ({unite} par jour) pour chaque mois de l'année."
        desc = (f"Le mois le plus arrosé en moyenne est {MOIS[int(s.idxmax()) - 1]} "
                f"({nombre(float(s.max()), 1)} {unite} par jour), le moins arrosé "
                f"{MOIS[int(s.idxmin()) - 1]} ({nombre(float(s.min()), 1)} {unite} par jour).")
    elif genre == "barres_compte_decennie":
        s = df.groupby(df[x].dt.year // 10 * 10).size()
        ax.bar([f"{d}" for d in s.index], s.to_numpy(), color=graphiques.COULEURS["bleu"])
        ax.tick_params(axis="x", labelrotation=60, labelsize=8)
        ax.set_ylabel("événements")
        alt = f"Diagramme en barres : nombre d'événements par décennie, de {s.index.min()} à {s.index.max()}."
        desc = (f"La décennie qui compte le plus d'événements est celle de {s.idxmax()} ({s.max()}), "
                f"celle qui en compte le moins celle de {s.idxmin()} ({s.min()}). "
                "Attention : les décennies n'ont pas toutes la même durée d'observation "
                "(voir les précautions).")
    elif genre == "carte_points":
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
    elif genre == "carte_polygones":
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import Polygon

        part = charger(nom, meta["resources"][0]["name"])
        part["participation"] = part["votants"] / part["inscrits"] * 100
        df = df.merge(part, on=["code_commune", "numero_bureau"], how="left")
        df = df[df["code_commune"] == "29019"]
        formes = [Polygon(g["coordinates"][0]) for g in df["geometrie"]]
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
    else:
        raise ValueError(f"{nom} : genre de figure inconnu « {genre} »")
    if genre in ("ligne", "barres", "barres_moyenne_mois", "barres_compte_decennie"):
        bas, haut = ax.get_ylim()
        ax.yaxis.set_major_formatter(graphiques.formateur_fr(1 if haut - bas < 10 else 0))
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


# --- Pages ------------------------------------------------------------------------------------


def _tableau_colonnes(res: dict) -> list[str]:
    from ..donnees import type_en_francais

    lignes = ["| colonne | type | unité | signification |", "|---|---|---|---|"]
    for f in res.get("schema", {}).get("fields", []):
        desc = _md(f["description"]).replace("|", "\\|")
        lignes.append(f"| `{f['name']}` | {type_en_francais(f['type'])} | {f.get('unite', '') or '—'} "
                      f"| {desc} |")
    return lignes


def page(nom: str, meta: dict, racine: Path, image: str, alt: str, desc: str) -> str:
    """The MyST source of one dataset's page."""
    L = [f"# {corriger(meta['title'])}", "", _md(meta["description"]), ""]
    if meta.get("copie_par_un_tiers"):
        L += [":::{admonition} Copie faite par un tiers", ":class: important", "",
              _md(meta["copie_tierce"]), ":::", ""]
    L += ["## En bref", ""]
    L += [f"- **Producteur** : {_md(meta['producteur'])}", f"- **Période** : {_md(meta['periode'])}"]
    for lic in meta["licenses"]:
        lien = f"[{_md(lic['title'])}]({lic['path']})" if lic.get("path") else _md(lic["title"])
        L.append(f"- **Licence** : {lien}")
    L.append(f"- **Nom à donner à `charger`** : `{nom}`")
    L += ["", "**Attribution à recopier** quand vous réutilisez ces données :", ""]
    L += [f"> {_md(meta['attribution'])}", ""]
    L += ["## Télécharger", ""]
    for res in meta["resources"]:
        chemin = os.path.relpath(racine / "datasets" / nom / res["path"], racine / DOSSIER_PAGES)
        chemin = Path(chemin).as_posix()
        L.append(f"- {{download}}`{res['path']} <{chemin}>` : {_md(res['title'])} "
                 f"({_taille(res['bytes'])})")
    L += ["", "```python", "from phare.donnees import charger, decrire", "",
          f'tableau = charger("{nom}")']
    for res in meta["resources"][1:]:
        L.append(f'{res["name"].replace("-", "_")} = charger("{nom}", "{res["name"]}")')
    L += [f'decrire("{nom}")', "```", ""]
    L += ["## Aperçu", "", f"```{{figure}} {image}", f":alt: {alt}", ":width: 100%", "",
          corriger(meta["figure"]["titre"]) + ".", "```", "", desc, ""]
    L += ["## Colonnes", ""]
    for res in meta["resources"]:
        if len(meta["resources"]) > 1:
            titre = corriger(f"### {res['title']} (ressource « {res['name']} »)")
            L += [titre, "", _md(res["description"]), ""]
        L += _tableau_colonnes(res) + [""]
    L += ["## Précautions de lecture", ""] + [f"- {_md(p)}" for p in meta["precautions"]] + [""]
    L += ["## Comment ces données ont été obtenues", "", _md(meta["copie_tierce"]), ""]
    for s in meta["sources"]:
        L.append(f"- [{_md(s['title'])}]({s['path']})")
    L += ["", f"Copie versée dans les sources du projet le {_md(meta['date_recuperation'])}.", ""]
    L += ["Traitements faits par Phare (code : `phare.fabrique`, commande `make datasets`) :", ""]
    L += [f"{i}. {_md(t)}" for i, t in enumerate(meta["traitements"], 1)] + [""]
    return corriger("\n".join(L))


def liste(metas: dict[str, dict]) -> str:
    L = ["| jeu de données | période | producteur | copie par un tiers |", "|---|---|---|---|"]
    for nom, meta in metas.items():
        tiers = "oui" if meta.get("copie_par_un_tiers") else "non"
        L.append(f"| [{corriger(meta['title'])}](jeux/{nom}.md) | {_md(meta['periode'])} "
                 f"| {_md(meta['producteur'])} | {tiers} |")
    return corriger("\n".join(L)) + "\n"


def generer(racine: Path) -> list[str]:
    """Write every catalogue page and figure; return the dataset names."""
    import json

    racine = Path(racine)
    dossier = racine / DOSSIER_PAGES
    dossier.mkdir(parents=True, exist_ok=True)
    metas = {
        p.parent.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((racine / "datasets").glob("*/datapackage.json"))
    }
    attendus = {f"{nom}{ext}" for nom in metas for ext in (".md", ".png")}
    for perime in dossier.iterdir():  # a dataset removed from datasets/ must lose its page
        if perime.name not in attendus and not perime.name.startswith("."):
            perime.unlink()
    with _donnees(racine / "datasets"):
        for nom, meta in metas.items():
            tampon = io.BytesIO()
            alt, desc = _figure(nom, meta, tampon)
            _ecrire(dossier / f"{nom}.png", tampon.getvalue())
            texte = page(nom, meta, racine, f"{nom}.png", alt, desc)
            _ecrire(dossier / f"{nom}.md", texte.encode("utf-8"))
    (racine / LISTE).parent.mkdir(parents=True, exist_ok=True)
    _ecrire(racine / LISTE, liste(metas).encode("utf-8"))
    return list(metas)


def _ecrire(chemin: Path, contenu: bytes) -> None:
    """Write only when the content changes, atomically.

    Why: several builds may run at once from the same checkout, and an unchanged page keeps
    its date, so that an incremental build does not read it again.
    """
    if chemin.is_file() and chemin.read_bytes() == contenu:
        return
    temporaire = chemin.with_name(f".{chemin.name}.{os.getpid()}.tmp")
    temporaire.write_bytes(contenu)
    os.replace(temporaire, chemin)


def _a_l_initialisation(app, config) -> None:
    generer(Path(app.srcdir))


def setup(app):
    # Before sphinx-external-toc (priority 900) expands the glob of _toc.yml.
    app.connect("config-inited", _a_l_initialisation, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
