"""The files the phare extensions serve (`static/` of this package), added once to the site.

- `servir_statique(app)`: serve this package's `static/` folder (every extension that ships a
  file calls it);
- `fichiers_sur_la_page(app, marque, css=…, js=…)`: add a stylesheet and a script to the pages
  whose HTML carries a block of the extension (found by a piece of its markup, `marque`), and to
  those pages only. The one mechanism for « this page has my block, so it loads my files ».

With them, on every page and before the other scripts of Phare, `phare-libelles.js`: the one
function that fills a label's « {nom} » in the site's scripts (`window.PhareLibelles`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docutils import nodes

from .regroupement import TETE

STATIQUE = Path(__file__).parent / "static"
LIBELLES_JS = "phare-libelles.js"


def _ajouter(app) -> None:
    if str(STATIQUE) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIQUE))


def servir_statique(app) -> None:
    """Serve this package's `static/` folder: every extension that ships a file calls this."""
    if not getattr(app, "_phare_statique", False):
        app.connect("builder-inited", _ajouter)
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
