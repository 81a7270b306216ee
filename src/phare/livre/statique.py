"""The files the phare extensions serve (`static/` of this package), added once to the site.

With them, on every page and before the other scripts of Phare, `phare-libelles.js`: the one
function that fills a label's « {nom} » in the site's scripts (`window.PhareLibelles`).
"""

from __future__ import annotations

from pathlib import Path

STATIQUE = Path(__file__).parent / "static"
LIBELLES_JS = "phare-libelles.js"


def _ajouter(app) -> None:
    if str(STATIQUE) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIQUE))


def servir_statique(app) -> None:
    """Serve this package's `static/` folder: every extension that ships a file calls this."""
    if not getattr(app, "_phare_statique", False):
        app.connect("builder-inited", _ajouter)
        # Before phare-stockage.js (priority 400) and every other script of Phare (500).
        app.add_js_file(LIBELLES_JS, priority=390, defer="defer")
        app._phare_statique = True
