"""The end-of-session button (label `session.ouvrir`): on every page, it erases what the site stored.

Why: on the shared computers of a public internet access point, the next person must not find the
last one's quiz answers or notebooks. The one module that touches the browser's storage is
`static/phare-stockage.js` (its header lists every key); this extension serves it on every page,
before the scripts that use it (`phare-quiz.js`), and gives the templates its labels:
- `book/_gabarits/phare-boutons-article.html`: the button, in every article header;
- `book/_gabarits/phare-session.html`: the confirmation dialog (a modal `<dialog>`), and the
  « poste partagé » switch a mediator turns on once per computer.
Without JavaScript, or without `<dialog>`, the button stays hidden: there is nothing stored then.
"""

from __future__ import annotations

import json

from ..interface import libelles
from .regroupement import TETE
from .statique import servir_statique

SCRIPT = "phare-stockage.js"


def _configurer(app, config) -> None:
    mots = json.dumps(libelles()["session"], ensure_ascii=False)
    config.html_context = {**config.html_context, "phare_session_libelles": mots}


def setup(app):
    servir_statique(app)
    # Before every other script of Phare (default priority 500): they write through it. Not
    # deferred: it puts the reading settings (phare.livre.confort) on <html> before the first paint
    # (and so phare.livre.regroupement writes it into the page instead of bundling it).
    app.add_js_file(SCRIPT, priority=400, **{TETE: "oui"})
    app.connect("config-inited", _configurer, priority=950)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
