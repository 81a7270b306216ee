"""The site on a USB key: `python -m phare.construction.hors_ligne [_build/html]`, after the kits.

`make build` ends here: the whole built site (pages, search, quizzes, PDFs, packs, JupyterLite)
in one reproducible zip, `_build/phare-site.zip` (beside the site, not published in it), that
works once unzipped, opened from a file manager (`file://`) or served by any local server.

What a `file://` page cannot do, and what this step changes in the copy (never in `_build/html`):
- pages, links, images, PDFs and packs: relative paths already (nothing to change);
- search: the index is a script (`searchindex.js`), it works; but Sphinx then fetches each result
  page to show an extract, which a browser refuses from `file://` (one console error per
  result). In the copy, the extracts are shown only when the site is served over HTTP (the
  option is changed in `documentation_options.js` and in the pages' script bundles);
- quizzes: the browser's storage works from `file://` (phare-stockage.js; no cookie there, so the
  « poste partagé » mode marks the session in sessionStorage);
- JupyterLite needs a web server and Pyodide: the launch button says so from `file://`
  (phare-lancer.js), and LISEZMOI.txt explains it, with the README's self-hosted Pyodide;
- « Explorer un fichier » reads in a Web Worker, which a browser refuses from `file://`: the page
  says so (phare-explorer.js) and points to LISEZMOI.txt.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..interface import libelle
from .archives import ecrire_zip
from .jupyterlite import DOSSIER_LITE, VERSION_PYODIDE

NOM_ZIP = "phare-site.zip"
DOSSIER = "phare"  # the folder the zip unpacks to
OPTIONS = "_static/documentation_options.js"
RESUME_AVANT = "SHOW_SEARCH_SUMMARY: true,"
RESUME_APRES = 'SHOW_SEARCH_SUMMARY: location.protocol !== "file:",'
# The same option, minified, in the scripts' bundles of the pages (phare.livre.regroupement).
RESUME_MINIFIE = re.compile(rb"SHOW_SEARCH_SUMMARY:\s*true,")

def lisezmoi() -> str:
    """The LISEZMOI.txt at the root of the copy (in French, for the person who opens it)."""
    return f"""Phare, le site complet, à ouvrir sans Internet
===============================================

Ce dossier contient tout le site Phare : les pages, la recherche, les quiz,
les fiches à imprimer (PDF) et les paquets des modules (zip).

Pour l'ouvrir
-------------

1. Décompressez le fichier zip (par exemple sur une clé USB ou sur le bureau).
2. Ouvrez le dossier « {DOSSIER} », puis double-cliquez sur le fichier « index.html ».
   Le site s'ouvre dans votre navigateur, sans connexion.

Les réponses aux quiz restent dans le navigateur de l'ordinateur.
Le bouton en haut de chaque page les efface, avec tout ce que le site a gardé.

Avec un serveur local (facultatif)
----------------------------------

Sur un ordinateur où Python est installé, ouvrez un terminal dans le dossier
« {DOSSIER} » et tapez :

    python3 -m http.server 8000

puis ouvrez http://127.0.0.1:8000 dans le navigateur. La recherche montre alors
aussi un extrait de chaque page trouvée.

Python dans le navigateur (JupyterLite)
---------------------------------------

Le bouton « {libelle('lancer.resume')} » ne fonctionne pas quand le site est ouvert
depuis un fichier : JupyterLite (dossier « {DOSSIER_LITE} ») a besoin d'un serveur local,
comme ci-dessus. Il a aussi besoin de Python pour le navigateur (Pyodide {VERSION_PYODIDE}),
qu'il charge depuis Internet, sauf si les responsables du site l'ont hébergé
eux-mêmes (voir « Sans Internet : héberger Pyodide soi-même » dans le README de Phare).

Sans Internet, téléchargez plutôt le notebook avec ses données (lien sous le bouton)
pour l'ouvrir dans Jupyter, ou suivez le module avec un tableur.

Explorer un fichier
-------------------

La page « Explorer un fichier » lit votre fichier dans le navigateur, sans rien envoyer.
Ouverte depuis un fichier, elle ne le peut pas : le navigateur l'interdit. Ouvrez la copie
avec un serveur local, comme ci-dessus ; elle fonctionne alors sans Internet.
"""


def fichiers_de_la_copie(site: Path) -> dict[str, bytes]:
    """Every file of the built site, with the small adjustments of the `file://` copy."""
    fichiers = {
        chemin.relative_to(site).as_posix(): chemin.read_bytes()
        for chemin in sorted(site.rglob("*"))
        if chemin.is_file()
    }
    options = fichiers.get(OPTIONS, b"").decode("utf-8")
    if RESUME_AVANT in options:
        fichiers[OPTIONS] = options.replace(RESUME_AVANT, RESUME_APRES).encode("utf-8")
    for nom, contenu in fichiers.items():
        if nom.startswith("_static/phare-paquet-") and nom.endswith(".js"):
            fichiers[nom] = RESUME_MINIFIE.sub(RESUME_APRES.replace(" ", "").encode("utf-8"), contenu)
    fichiers["LISEZMOI.txt"] = lisezmoi().encode("utf-8")
    return fichiers


def chemin_zip(site: Path) -> Path:
    """`_build/html` -> `_build/phare-site.zip` (beside the site, not published in it)."""
    return Path(site).resolve().parent / NOM_ZIP


def fabriquer(site: Path) -> Path:
    return ecrire_zip(chemin_zip(site), fichiers_de_la_copie(Path(site)), dossier=DOSSIER)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "_build/html").resolve()
    if not (site / "index.html").is_file():
        print(f"Site construit introuvable dans {site} : construisez d'abord le livre (make build).",
              file=sys.stderr)
        return 1
    chemin = fabriquer(site)
    taille = f"{chemin.stat().st_size / 1e6:.1f}".replace(".", ",")
    print(f"Site hors ligne (clé USB) : {chemin} ({taille}\u00a0Mo)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
