"""Launch in the browser (JupyterLite) and download: on every page that has a notebook.

Which pages: a page built from a notebook of `notebooks/` or `exercises/`; a page
`book/<parcours>/<nom>.md` when `notebooks/<nom>.ipynb` or `exercises/<nom>.ipynb` exists (the
modules' naming convention); and any page whose front matter lists its notebooks (paths from the
project root; an empty list turns the block off):

    ---
    notebooks:
      - notebooks/lire-un-tableau.ipynb
      - exercises/lire-un-tableau.ipynb
    ---

What it adds under the page title, in plain HTML (works without JavaScript, keyboard first):
- a disclosure to launch the notebook in the browser. Opening it only shows text: what will be loaded,
  from where and how heavy. Nothing leaves the site before the reader clicks the link inside,
  which opens the notebook in the site's JupyterLite (`lite/`, built by `phare.construction.lite`).
  With JavaScript, that click first checks that Pyodide can be reached and, if not, says so in
  French instead of opening a blank app;
- a link to download the notebook as a zip (notebook, the datasets it loads with their
  `datapackage.json`, the `phare` wheel, a LISEZMOI.txt), and how to open it elsewhere.

The zips and the wheel are written into the built site (`telechargements/`) by this extension,
so that every link of the page resolves as soon as the book is built.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import yaml
from docutils import nodes

from ..construction import jupyterlite as jl
from ..construction.pyodide import PyodideIntrouvable, taille_du_demarrage
from ..construction.roue import construire_roue
from ..construction.telechargements import ROUE, ecrire_archive
from ..interface import libelle, libelles
from ..texte import taille
from .statique import fichiers_sur_la_page, servir_statique

CLASSE = "phare-lancer"


# --- Which notebooks belong to a page -------------------------------------------------------


def _front_matter(source: Path) -> dict:
    texte = source.read_text(encoding="utf-8")
    if not texte.startswith("---"):
        return {}
    fin = texte.find("\n---", 3)
    if fin < 0:
        return {}
    try:
        donnees = yaml.safe_load(texte[3:fin])
    except yaml.YAMLError:
        return {}
    return donnees if isinstance(donnees, dict) else {}


def notebooks_de_la_page(source: Path, racine: Path) -> list[str]:
    """Notebooks (paths from the project root) that a page offers to launch and download."""
    relatif = source.relative_to(racine).as_posix()
    if source.suffix == ".ipynb" and relatif.split("/")[0] in jl.DOSSIERS_NOTEBOOKS:
        return [relatif]
    if source.suffix != ".md":
        return []
    valeur = _front_matter(source).get("notebooks")
    if valeur is None:
        # The convention of the modules: book/<parcours>/<nom>.md goes with notebooks/<nom>.ipynb
        # and exercises/<nom>.ipynb.
        valeur = [f"{d}/{source.stem}.ipynb" for d in jl.DOSSIERS_NOTEBOOKS]
        valeur = [v for v in valeur if (racine / v).is_file()]
    if isinstance(valeur, str):
        valeur = [valeur]
    return [str(v) for v in valeur]


# --- The HTML block -------------------------------------------------------------------------


def texte_origine(pyodide: jl.Pyodide) -> str:
    """Where Python comes from, in plain French."""
    if not pyodide.auto_heberge:
        return libelle("consentement.origine_cdn", hote=pyodide.hote)
    if pyodide.hote:
        return libelle("consentement.origine_serveur", hote=html.escape(pyodide.hote))
    return libelle("consentement.origine_site")


def bloc_html(
    chemin_notebook: str,
    prefixe: str,
    taille_zip: int,
    pyodide: jl.Pyodide,
    ident: str,
    taille_appli: int | None = None,
    taille_pyodide: int | None = None,
) -> str:
    """The launch and download block of one notebook (prefixe: from the page to the site root).

    The sizes are measured at build time (the app in Chromium, Pyodide from its npm package);
    a size that could not be measured is left out of the text rather than guessed."""
    nom = html.escape(Path(chemin_notebook).name)
    # A module page may offer both its notebook and its exercises: say which is which.
    exercices = chemin_notebook.startswith("exercises/")
    genre = libelle("lancer.genre_exercices" if exercices else "lancer.genre_notebook")
    appli = html.escape(prefixe + jl.url_appli(chemin_notebook))
    pyodide_url = pyodide.url
    if pyodide_url.startswith("../../"):  # relative to the app page: make it relative to this page
        pyodide_url = f"{prefixe}{jl.DOSSIER_LITE}/{jl.APPLI}/{pyodide_url}"
    C = "consentement."
    tiers = f"<p>{libelle(C + 'ip')}</p>" if not pyodide.auto_heberge or pyodide.hote else ""
    hote = html.escape(pyodide.hote or libelle(C + "ce_site"))
    # The script's messages, from the one table of labels.
    mots = html.escape(json.dumps(libelles()["lancer"], ensure_ascii=False))
    zip_url = html.escape(prefixe + jl.nom_archive(chemin_notebook))
    origine = texte_origine(pyodide)
    depuis_pyodide = (
        libelle(C + "depuis_pyodide", origine=origine, taille=taille(taille_pyodide))
        if taille_pyodide
        else libelle(C + "depuis_pyodide_sans_taille", origine=origine)
    )
    depuis_site = (
        libelle(C + "depuis_site", taille=taille(taille_appli))
        if taille_appli
        else libelle(C + "depuis_site_sans_taille")
    )
    c = CLASSE
    morceaux = [
        f'<div class="{c}" id="{ident}" data-libelles="{mots}">',
        f'<details class="{c}-consentement">',
        f'<summary>{libelle("lancer.resume")} <span class="{c}-nom">({genre}{NBSP}: {nom})</span></summary>',
        f'<div class="{c}-corps">',
        f"<p>{libelle(C + 'intro')}</p>",
        f"<p>{libelle(C + 'avant')}</p>",
        "<ul>",
        f"<li>{depuis_site}</li>",
        f"<li>{depuis_pyodide}</li>",
        "</ul>",
        tiers,
        f"<p>{libelle(C + 'rien_avant')}</p>",
        f'<p><a class="{c}-ok" href="{appli}" data-pyodide="{html.escape(pyodide_url)}" '
        f'data-hote="{hote}">{libelle("lancer.ouvrir")}</a></p>',
        f'<p class="{c}-message" role="status" aria-live="polite"></p>',
        "</div>",
        "</details>",
        f'<p class="{c}-telecharger"><a href="{zip_url}" download>'
        f'{libelle("lancer.telecharger", nom=nom)}</a> '
        f"({libelle(C + 'zip', taille=taille(taille_zip))})</p>",
        f'<details class="{c}-aide">',
        f"<summary>{libelle('lancer.aide')}</summary>",
        f'<div class="{c}-corps">',
        "<ul>",
        f"<li>{libelle(C + 'aide_jupyter', roue=ROUE, nom=nom)}</li>",
        f"<li>{libelle(C + 'aide_lite')}</li>",
        f"<li>{libelle(C + 'aide_outil')}</li>",
        "</ul>",
        f"<p>{libelle(C + 'aide_lisezmoi')}</p>",
        "</div>",
        "</details>",
        "</div>",
    ]
    return "\n".join(m for m in morceaux if m)


NBSP = "\u00a0"


# --- Sphinx events ----------------------------------------------------------------------------


def _racine(app) -> Path:
    return Path(app.confdir)


def _telechargements(app) -> None:
    """Every build: a fresh wheel, then the zip of every notebook (a change in src/ or datasets/
    reaches the downloads even when no page is rebuilt); and the weight of Python's core."""
    if app.builder.format != "html":
        return
    racine = _racine(app)
    try:
        app._phare_taille_pyodide = taille_du_demarrage(racine)
    except PyodideIntrouvable as erreur:
        from sphinx.util import logging

        logging.getLogger(__name__).warning("Taille de Pyodide inconnue : %s", erreur)
    dossier = Path(app.outdir) / jl.DOSSIER_TELECHARGEMENTS
    for ancienne in dossier.glob("phare-*.whl"):
        ancienne.unlink()
    try:
        roue = construire_roue(racine, dossier)
    except (subprocess.CalledProcessError, StopIteration) as erreur:
        from sphinx.util import logging

        logging.getLogger(__name__).warning(
            "Impossible de construire la roue de phare pour les téléchargements : %s", erreur
        )
        roue = None
    for chemin in jl.notebooks(racine):
        ecrire_archive(chemin, racine, roue, Path(app.outdir) / jl.nom_archive(chemin))


def _section_avec_python(doctree) -> nodes.section | None:
    """The module's « Avec Python » part (a heading ## {partie}`python`, see phare.livre.parties)."""
    for section in doctree.findall(nodes.section):
        if "phare-partie-python" in section["classes"]:
            return section
    return None


def _inserer(app, doctree, docname) -> None:
    if app.builder.format != "html":
        return
    racine = _racine(app)
    source = Path(app.env.doc2path(docname))
    chemins = [c for c in notebooks_de_la_page(source, racine) if (racine / c).is_file()]
    if not chemins:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    prefixe = "../" * docname.count("/")
    pyodide = jl.pyodide()
    position = section.first_child_matching_class(nodes.title)
    position = 0 if position is None else position + 1
    # On a module page the blocks belong to its « Avec Python » path, not above the whole module
    # (at 360 px they would push the module's own content a screen down).
    python = _section_avec_python(doctree)
    if python is not None:
        section = python
        position = section.first_child_matching_class(nodes.section)
        position = len(section.children) if position is None else position
    for rang, chemin in enumerate(chemins):
        cible = Path(app.outdir) / jl.nom_archive(chemin)
        if not cible.is_file():  # a notebook outside notebooks/ and exercises/
            ecrire_archive(chemin, racine, None, cible)
        ident = f"{CLASSE}-{rang + 1}"
        texte = bloc_html(
            chemin, prefixe, cible.stat().st_size, pyodide, ident,
            taille_appli=jl.taille_pour(racine, Path(app.outdir), chemin),
            taille_pyodide=getattr(app, "_phare_taille_pyodide", None),
        )
        brut = nodes.raw("", texte, format="html")
        section.insert(position + rang, brut)


def _lire_variable(app, config) -> None:
    # Stored as a config value so that changing PHARE_PYODIDE_URL rewrites every page.
    pyodide = jl.pyodide()
    config.phare_pyodide_url = pyodide.url
    # Where Python comes from, in words, for the privacy page: {{ python_depuis }}.
    depuis = re.sub(r"<[^>]+>", "", texte_origine(pyodide))
    config.myst_substitutions = {**(config.myst_substitutions or {}), "python_depuis": depuis}


def setup(app):
    app.setup_extension("phare.livre.parties")  # the « Avec Python » part of a module page
    servir_statique(app)
    app.add_config_value("phare_pyodide_url", "", "html")
    app.connect("config-inited", _lire_variable)
    app.connect("builder-inited", _telechargements)
    app.connect("doctree-resolved", _inserer)
    fichiers_sur_la_page(app, f'class="{CLASSE}"', css=["phare-lancer.css"], js=["phare-lancer.js"])
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": False}
