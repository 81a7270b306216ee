"""« Lancer dans le navigateur » et « Télécharger » : sur chaque page qui a un notebook.

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
- a disclosure « Lancer dans le navigateur ». Opening it only shows text: what will be loaded,
  from where and how heavy. Nothing leaves the site before the reader clicks the link inside,
  which opens the notebook in the site's JupyterLite (`lite/`, built by `tests/outils/lite.py`).
  With JavaScript, that click first checks that Pyodide can be reached and, if not, says so in
  French instead of opening a blank app;
- a link to download the notebook as a zip (notebook, the datasets it loads with their
  `datapackage.json`, the `phare` wheel, a LISEZMOI.txt), and how to open it elsewhere.

The zips and the wheel are written into the built site (`telechargements/`) by this extension,
so that every link of the page resolves as soon as the book is built.
"""

from __future__ import annotations

import html
import subprocess
import zipfile
from pathlib import Path

import yaml
from docutils import nodes

from phare import __version__

from . import jupyterlite as jl
from .liens import notebook_hors_du_livre
from .quiz import ajouter_statique
from .roue import construire_roue

CLASSE = "phare-lancer"
ROUE = f"phare-{__version__}-py3-none-any.whl"
# A fixed date inside the zips: the same sources give byte-identical archives.
DATE_ZIP = (2026, 1, 1, 0, 0, 0)


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


# --- The downloadable zip of one notebook ---------------------------------------------------


def lisezmoi(chemin_notebook: str, jeux: list[str]) -> str:
    nom = Path(chemin_notebook).name
    donnees = (
        "\n".join(f"  - datasets/{j}/" for j in jeux) or "  (ce notebook ne charge pas de jeu de données)"
    )
    return f"""Phare : {nom}
{"=" * (len(nom) + 8)}

Ce dossier contient :
- {nom} : le notebook ;
- les données qu'il charge, chacune avec son fichier datapackage.json (source, licence, colonnes) :
{donnees}
- {ROUE} : le paquet Python phare (chargement des données, vérification des exercices).

Ouvrir le notebook dans Jupyter, sur un ordinateur où Python est installé
-----------------------------------------------------------------------
1. Décompressez ce dossier.
2. Dans un terminal ouvert dans ce dossier, installez phare une fois pour toutes :
       pip install {ROUE}
   (phare a besoin de pandas, que pip installe s'il manque.)
3. Lancez Jupyter (jupyter lab ou jupyter notebook) et ouvrez {nom}.
   Le notebook trouve les données du dossier datasets/ posé à côté de lui.

Ouvrir le notebook dans JupyterLite, sans rien installer
--------------------------------------------------------
Le bouton « Lancer dans le navigateur » de la page du site ouvre ce notebook,
avec ses données, dans le JupyterLite du site : tout y est déjà prêt.

Dans un outil en ligne de votre établissement qui lit les fichiers .ipynb
------------------------------------------------------------------------
Importez {nom}. Les cellules qui chargent les données ont besoin du paquet phare :
vérifiez que l'outil permet d'installer un fichier .whl ({ROUE})
et d'ajouter le dossier datasets/. Sinon, lisez le notebook et refaites les calculs
dans un tableur avec les fichiers CSV.

Licences : les contenus de Phare sont sous licence CC BY 4.0, le code sous licence MIT.
Chaque jeu de données garde la licence de son producteur, écrite dans son datapackage.json.
"""


def ecrire_zip(chemin_notebook: str, racine: Path, roue: Path | None, cible: Path) -> None:
    """Write the zip of one notebook, byte-identical from one build to the next."""
    jeux = jl.jeux_charges(racine / chemin_notebook, racine)
    membres: list[tuple[str, bytes]] = [
        (Path(chemin_notebook).name, notebook_hors_du_livre(
            (racine / chemin_notebook).read_bytes(), chemin_notebook, {chemin_notebook})),
        ("LISEZMOI.txt", lisezmoi(chemin_notebook, jeux).encode("utf-8")),
    ]
    for jeu in jeux:
        dossier = racine / jl.DOSSIER_DONNEES / jeu
        for fichier in sorted(p for p in dossier.rglob("*") if p.is_file()):
            membres.append(
                (f"datasets/{fichier.relative_to(dossier.parent).as_posix()}", fichier.read_bytes())
            )
    if roue is not None:
        membres.append((ROUE, roue.read_bytes()))
    cible.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(cible, "w", zipfile.ZIP_DEFLATED) as archive:
        for nom, contenu in membres:
            info = zipfile.ZipInfo(nom, date_time=DATE_ZIP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, contenu)


# --- The HTML block -------------------------------------------------------------------------


def _taille(octets: int) -> str:
    if octets < 1_000_000:
        return f"{max(1, round(octets / 1000))}\u00a0Ko"
    return f"{octets / 1e6:.1f}".replace(".", ",") + "\u00a0Mo"


def texte_origine(pyodide: jl.Pyodide) -> str:
    """Where Python comes from, in plain French."""
    if not pyodide.auto_heberge:
        return (
            f"depuis <strong>{pyodide.hote}</strong>, un service de diffusion de fichiers "
            "extérieur à ce site"
        )
    if pyodide.hote:
        return (
            f"depuis <strong>{html.escape(pyodide.hote)}</strong>, "
            "le serveur choisi par les responsables de ce site"
        )
    return "depuis ce site lui-même"


def _mo(valeur: float) -> str:
    return f"{valeur:.1f}".replace(".", ",") + NBSP + "Mo"


NBSP = "\u00a0"


def bloc_html(
    chemin_notebook: str, prefixe: str, taille_zip: int, pyodide: jl.Pyodide, ident: str
) -> str:
    """The launch and download block of one notebook (prefixe: from the page to the site root)."""
    nom = html.escape(Path(chemin_notebook).name)
    # A module page may offer both its notebook and its exercises: say which is which.
    genre = "exercices" if chemin_notebook.startswith("exercises/") else "notebook"
    appli = html.escape(prefixe + jl.url_appli(chemin_notebook))
    pyodide_url = pyodide.url
    if pyodide_url.startswith("../../"):  # relative to the app page: make it relative to this page
        pyodide_url = f"{prefixe}{jl.DOSSIER_LITE}/{jl.APPLI}/{pyodide_url}"
    tiers = (
        "<p>Ce service voit l'adresse IP de votre connexion, comme tout site que l'on visite.</p>"
        if not pyodide.auto_heberge or pyodide.hote
        else ""
    )
    hote = html.escape(pyodide.hote or "ce site")
    zip_url = html.escape(prefixe + jl.nom_archive(chemin_notebook))
    c = CLASSE
    morceaux = [
        f'<div class="{c}" id="{ident}">',
        f'<details class="{c}-consentement">',
        f'<summary>Lancer dans le navigateur <span class="{c}-nom">({genre}{NBSP}: {nom})</span></summary>',
        f'<div class="{c}-corps">',
        "<p>Le notebook s'ouvre dans <strong>JupyterLite</strong>, une version de Jupyter qui "
        f"fonctionne entièrement dans votre navigateur{NBSP}: pas de compte, rien à installer.</p>",
        f"<p>Avant de lancer, voici ce que votre navigateur va télécharger{NBSP}:</p>",
        "<ul>",
        f"<li>depuis ce site{NBSP}: l'application JupyterLite, ce notebook et ses données "
        f"(environ {_mo(jl.TAILLE_APPLI_MO)}){NBSP};</li>",
        f"<li>{texte_origine(pyodide)}{NBSP}: Python pour le navigateur (Pyodide, "
        f"{_mo(jl.TAILLE_PYODIDE_MO)}), puis les bibliothèques pandas, numpy et matplotlib "
        "quand le notebook s'en sert, soit en tout plusieurs dizaines de mégaoctets.</li>",
        "</ul>",
        tiers,
        "<p>Rien de tout cela n'est chargé avant votre clic. "
        f"Ensuite, votre navigateur garde ces fichiers{NBSP}: le lancement suivant est plus "
        "rapide. Vos modifications restent dans votre navigateur.</p>",
        f'<p><a class="{c}-ok" href="{appli}" data-pyodide="{html.escape(pyodide_url)}" '
        f'data-hote="{hote}">Charger Python et ouvrir le notebook</a></p>',
        f'<p class="{c}-message" role="status" aria-live="polite"></p>',
        "</div>",
        "</details>",
        f'<p class="{c}-telecharger"><a href="{zip_url}" download>Télécharger {nom} et '
        f"ses données</a> (zip, {_taille(taille_zip)})</p>",
        f'<details class="{c}-aide">',
        f"<summary>Comment ouvrir le notebook téléchargé{NBSP}?</summary>",
        f'<div class="{c}-corps">',
        "<ul>",
        f"<li><strong>Dans Jupyter</strong>, sur un ordinateur où Python est installé{NBSP}: "
        "décompressez le zip, installez une fois le paquet phare qu'il contient avec "
        f"<code>pip install {ROUE}</code>, puis ouvrez <code>{nom}</code> dans JupyterLab ou "
        "Jupyter Notebook. Les données sont dans le dossier <code>datasets</code>, "
        "à côté du notebook.</li>",
        f"<li><strong>Dans JupyterLite</strong>, sans rien installer{NBSP}: le bouton "
        f"«{NBSP}Lancer dans le navigateur{NBSP}» ci-dessus ouvre ce notebook avec ses données, "
        "tout est prêt.</li>",
        "<li><strong>Dans un outil en ligne de votre établissement</strong> qui lit les fichiers "
        f"<code>.ipynb</code>{NBSP}: importez le notebook. Pour que les données se chargent, "
        "l'outil doit permettre d'installer le paquet phare (le fichier <code>.whl</code> du "
        "zip) et d'ajouter le dossier <code>datasets</code>. Sinon, suivez le notebook en "
        "refaisant les calculs dans un tableur avec les fichiers CSV du zip.</li>",
        "</ul>",
        "<p>Le fichier <code>LISEZMOI.txt</code> du zip reprend ces explications.</p>",
        "</div>",
        "</details>",
        "</div>",
    ]
    return "\n".join(m for m in morceaux if m)


# --- Sphinx events ----------------------------------------------------------------------------


def _racine(app) -> Path:
    return Path(app.confdir)


def _telechargements(app) -> None:
    """Every build: a fresh wheel, then the zip of every notebook (a change in src/ or datasets/
    reaches the downloads even when no page is rebuilt)."""
    if app.builder.format != "html":
        return
    racine = _racine(app)
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
        ecrire_zip(chemin, racine, roue, Path(app.outdir) / jl.nom_archive(chemin))


def _section_avec_python(doctree) -> nodes.section | None:
    for section in doctree.findall(nodes.section):
        titre = section.next_node(nodes.title)
        if titre is not None and titre.astext().startswith("Avec Python"):
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
            ecrire_zip(chemin, racine, None, cible)
        ident = f"{CLASSE}-{rang + 1}"
        texte = bloc_html(chemin, prefixe, cible.stat().st_size, pyodide, ident)
        brut = nodes.raw("", texte, format="html")
        section.insert(position + rang, brut)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    for brut in doctree.findall(nodes.raw):
        if f'class="{CLASSE}"' in brut.astext():
            app.add_css_file("phare-lancer.css")
            app.add_js_file("phare-lancer.js", defer="defer")
            return


def _lire_variable(app, config) -> None:
    # Stored as a config value so that changing PHARE_PYODIDE_URL rewrites every page.
    config.phare_pyodide_url = jl.pyodide().url


def setup(app):
    ajouter_statique(app)
    app.add_config_value("phare_pyodide_url", "", "html")
    app.connect("config-inited", _lire_variable)
    app.connect("builder-inited", _telechargements)
    app.connect("doctree-resolved", _inserer)
    app.connect("html-page-context", _page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": False}
