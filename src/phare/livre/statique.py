"""The files the phare extensions serve (`static/` of this package), added once to the site."""

from __future__ import annotations

from pathlib import Path

STATIQUE = Path(__file__).parent / "static"


def _ajouter(app) -> None:
    if str(STATIQUE) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIQUE))


def servir_statique(app) -> None:
    """Serve this package's `static/` folder: every extension that ships a file calls this."""
    if not getattr(app, "_phare_statique", False):
        app.connect("builder-inited", _ajouter)
        app._phare_statique = True
