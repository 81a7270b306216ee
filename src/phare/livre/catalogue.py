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
from importlib.metadata import version
from pathlib import Path

from sphinx.errors import SphinxError

from ..construction.archives import empreinte
from ..interface import type_en_francais
from ..metadonnees import MetadonneesInvalides, copie_tierce, exiger_metadonnees
from ..texte import taille
from ..typographie import corriger

DOSSIER_PAGES = Path("book") / "catalogue" / "jeux"
LISTE = Path("book") / "catalogue" / "_genere" / "liste.md"
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


# --- Pages ------------------------------------------------------------------------------------


def _tableau_colonnes(res: dict) -> list[str]:
    lignes = ["| colonne | type | unité | signification |", "|---|---|---|---|"]
    for f in res.get("schema", {}).get("fields", []):
        desc = _md(f["description"]).replace("|", "\\|")
        lignes.append(f"| `{f['name']}` | {type_en_francais(f['type'])} | {f.get('unite', '') or '—'} "
                      f"| {desc} |")
    return lignes


def page(nom: str, meta: dict, racine: Path, image: str, alt: str, desc: str) -> str:
    """The MyST source of one dataset's page."""
    L = [f"# {corriger(meta['title'])}", "", _md(meta["description"]), ""]
    obtention = copie_tierce(meta)
    if meta.get("copie_par_un_tiers"):
        L += [":::{admonition} Copie faite par un tiers", ":class: important", "",
              _md(obtention), ":::", ""]
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
                 f"({taille(res['bytes'])})")
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
    L += ["## Comment ces données ont été obtenues", ""]
    if obtention:
        L += [_md(obtention), ""]
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
        p.parent.name: exiger_metadonnees(json.loads(p.read_text(encoding="utf-8")), p.relative_to(racine))
        for p in sorted((racine / "datasets").glob("*/datapackage.json"))
    }
    attendus = {f"{nom}{ext}" for nom in metas for ext in (".md", ".png")}
    for perime in dossier.iterdir():  # a dataset removed from datasets/ must lose its page
        if perime.name not in attendus and not perime.name.startswith("."):
            perime.unlink()
    # A figure is drawn again only when its data, its metadata or phare's code changed: drawing
    # them all (and importing matplotlib) took most of a rebuild with nothing changed.
    note = dossier / ".figures.json"
    try:
        deja = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        deja = {}
    code = empreinte(Path(__file__).resolve().parents[1], version("matplotlib"))
    figures = {}
    with _donnees(racine / "datasets"):
        for nom, meta in metas.items():
            cle = empreinte(code, racine / "datasets" / nom, json.dumps(meta, sort_keys=True, default=str))
            ancienne = deja.get(nom, {})
            if ancienne.get("empreinte") == cle and (dossier / f"{nom}.png").is_file():
                alt, desc = ancienne["alt"], ancienne["description"]
            else:
                from ..figures import dessiner

                tampon = io.BytesIO()
                alt, desc = dessiner(nom, meta, tampon)
                _ecrire(dossier / f"{nom}.png", tampon.getvalue())
            figures[nom] = {"empreinte": cle, "alt": alt, "description": desc}
            texte = page(nom, meta, racine, f"{nom}.png", alt, desc)
            _ecrire(dossier / f"{nom}.md", texte.encode("utf-8"))
    _ecrire(note, json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
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


class CatalogueInvalide(SphinxError):
    category = "Catalogue des données"


def _a_l_initialisation(app, config) -> None:
    try:
        generer(Path(app.srcdir))
    except (MetadonneesInvalides, ValueError) as erreur:
        raise CatalogueInvalide(str(erreur)) from None


def setup(app):
    # Before sphinx-external-toc (priority 900) expands the glob of _toc.yml.
    app.connect("config-inited", _a_l_initialisation, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
