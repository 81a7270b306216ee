"""The files the phare extensions serve (`static/` of this package), added once to the site.

- `servir_statique(app)`: serve this package's `static/` folder (every extension that ships a
  file calls it);
- `fichiers_sur_la_page(app, marque, css=…, js=…)`: add a stylesheet and a script to the pages
  whose HTML carries a block of the extension (found by a piece of its markup, `marque`), and to
  those pages only. The one mechanism for « this page has my block, so it loads my files ».

With them, on every page and before the other scripts of Phare, `phare-libelles.js`: the one
function that fills a label's « {nom} » in the site's scripts (`window.PhareLibelles`).

And `fichier_statique_change`: a stylesheet or a script edited alone, no page changed, is still
copied by the next incremental build (Sphinx stops at « no targets are out of date » and copies
nothing; re-reading the root page makes it write, copy, and phare.livre.regroupement then gives
every page the rules again).
"""

from __future__ import annotations

import filecmp
import sys
from collections.abc import Iterable
from pathlib import Path

from docutils import nodes

from .regroupement import TETE

PAQUET = Path(__file__).resolve().parents[1]  # src/phare (or its installed copy)
STATIQUE = Path(__file__).parent / "static"
LIBELLES_JS = "phare-libelles.js"


def _ajouter(app) -> None:
    if str(STATIQUE) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIQUE))


def _fichiers(entree: Path) -> Iterable[tuple[Path, Path]]:
    """(source, its path under _static/) for every file of one entry of html_static_path."""
    if entree.is_file():
        yield entree, Path(entree.name)
    elif entree.is_dir():
        for fichier in entree.rglob("*"):
            if fichier.is_file() and not fichier.name.startswith("."):
                yield fichier, fichier.relative_to(entree)


def fichier_statique_change(app, env, ajoutes, changes, retires) -> list[str]:
    """`env-get-outdated`: the root page, when a static file differs from its copy (or has none)."""
    if ajoutes or changes or app.builder.format != "html":
        return []  # pages are written anyway, and the static files copied with them
    sortie = Path(app.outdir) / "_static"
    # Phare's own folders only: another extension's templates (`*.js_t`) are rendered under
    # another name, and phare.livre.theme deletes the theme's files that no page loads.
    projet, environnement = Path(app.confdir).resolve(), Path(sys.prefix).resolve()
    for entree in app.config.html_static_path:
        dossier = (Path(app.confdir) / entree).resolve()
        du_projet = dossier.is_relative_to(projet) and not dossier.is_relative_to(environnement)
        if not (du_projet or dossier.is_relative_to(PAQUET)):
            continue
        for source, chemin in _fichiers(dossier):
            copie = sortie / chemin
            # By content: Sphinx leaves a copy whose content is the same untouched (and its date).
            if not copie.is_file() or not filecmp.cmp(source, copie, shallow=False):
                return [app.config.root_doc]
    return []


def servir_statique(app) -> None:
    """Serve this package's `static/` folder: every extension that ships a file calls this."""
    if not getattr(app, "_phare_statique", False):
        app.connect("builder-inited", _ajouter)
        app.connect("env-get-outdated", fichier_statique_change)
        # Before phare-stockage.js (priority 400), which runs before the first paint and uses it,
        # and every other script of Phare (500): blocking too, and written into the page.
        app.add_js_file(LIBELLES_JS, priority=390, **{TETE: "oui"})
        app._phare_statique = True


def porte_la_marque(doctree, marque: str) -> bool:
    """The page's raw HTML contains `marque` (a piece of the markup an extension writes)."""
    if doctree is None:
        return False
    return any(marque in brut.astext() for brut in doctree.findall(nodes.raw))


def fichiers_sur_la_page(app, marque: str, css: Iterable[str] = (), js: Iterable[str] = ()) -> None:
    """Add `css` and `js` (deferred) to each page whose raw HTML contains `marque`, to it alone."""
    css, js = tuple(css), tuple(js)

    def _page_context(app, pagename, templatename, context, doctree) -> None:
        if porte_la_marque(doctree, marque):
            for feuille in css:
                app.add_css_file(feuille)
            for script in js:
                app.add_js_file(script, defer="defer")

    servir_statique(app)
    app.connect("html-page-context", _page_context)
