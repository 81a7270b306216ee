"""The reading-comfort panel (label `confort.ouvrir`): on every page, reading settings the
reader chooses, kept in this browser only and erased by the end-of-session button
(label `session.ouvrir`).

Why: the readers of Phare's workshops include adults who read with difficulty, older people and
dyslexic readers (issue 21). The panel offers a larger text (three sizes), wider line spacing, a
high-contrast theme (the `[contraste]` colours of palette.toml) and a reading font for dyslexic
readers, OpenDyslexic, shipped with the site under the SIL Open Font License.

- `REGLAGES` is the one list of the settings and their values (the first is the default); the
  labels are `confort.<reglage>` and `confort.<reglage>_<valeur>` in libelles.toml.
- `phare-stockage.js` keeps the choice under the key `phare-confort` (only the settings that differ
  from the default) and puts it on `<html>` as `data-phare-<reglage>="<valeur>"` while the page's
  head is read, before anything is shown: no flash of the default look. `static/phare-confort.css`
  reacts to these attributes; `static/phare-confort.js` runs the panel
  (`book/_gabarits/phare-boutons-article.html`).
- The font's `@font-face` is in `phare-confort.css`: a browser fetches a font only when some text
  uses it, so only a reader who picks it downloads it (the weight of the other pages is unchanged).
"""

from __future__ import annotations

import hashlib

from ..interface import libelle
from .statique import STATIQUE, servir_statique

REGLAGES = {
    "taille": ("normale", "grande", "tres-grande"),
    "interligne": ("normal", "large"),
    "contraste": ("normal", "fort"),
    "police": ("habituelle", "dyslexie"),
}
CLE = "phare-confort"
FEUILLE = "phare-confort.css"
SCRIPT = "phare-confort.js"

# OpenDyslexic, vendored from the npm registry: `npm pack @fontsource/opendyslexic@5.3.0` gives the
# tarball whose integrity is below (the one `npm view @fontsource/opendyslexic@5.3.0 dist.integrity`
# prints); its `files/opendyslexic-latin-400-normal.woff2`, `…-700-normal.woff2` and `LICENSE`
# (SIL Open Font License 1.1) are copied unchanged into static/phare-police/. The italics are not
# shipped: the browser slants the upright font. tests/test_police_dyslexie.py checks the copies.
OPENDYSLEXIC = {
    "paquet": "@fontsource/opendyslexic",
    "version": "5.3.0",
    "integrite_npm": (
        "sha512-BVYIW/ghc1U2iAghhYTN+GFWiZ3lnCy8Jf2KkZC23aHQHBNcMqKT718zckfqVxRx4qsXJmIMPWvczirRuhmtsg=="
    ),
}
DOSSIER_POLICE = STATIQUE / "phare-police"
SHA256_POLICE = {
    "opendyslexic-latin-400-normal.woff2": "f007004af3cda5d8076e57c943f8cc8d00a0da25988b1ae1048683d60e7cac1a",
    "opendyslexic-latin-700-normal.woff2": "dd9fa9c7991113b0dddefe9506a30ad26b48e302b7a8fb91719a4726e8fde85b",
}


def empreintes_police() -> dict[str, str]:
    """The sha256 of each vendored font file, as it is on disk."""
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(DOSSIER_POLICE.glob("*.woff2"))
    }


def panneau() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """What the template shows: (setting, its legend, [(value, its label)…]), in order."""
    return [
        (nom, libelle(f"confort.{nom}"), [(v, libelle(f"confort.{nom}_{v}")) for v in valeurs])
        for nom, valeurs in REGLAGES.items()
    ]


def _configurer(app, config) -> None:
    config.html_context = {**config.html_context, "phare_confort": panneau()}


def setup(app):
    servir_statique(app)
    app.add_css_file(FEUILLE)
    app.add_js_file(SCRIPT, defer="defer")
    app.connect("config-inited", _configurer, priority=950)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
