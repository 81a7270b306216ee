"""Imprimer les fiches des modules en PDF A4 à partir des pages construites du site.

Pour chaque module, trois documents tirés des MÊMES pages que le site (pas de seconde copie) :
- « Fiche participant » : objectifs, figure, « À retenir », questions du quiz sans les réponses,
  énoncés des exercices ;
- « Fiche d'animation » : la page de la fiche d'animation, avec son plan minuté ;
- « Cartes à découper » : les cartes de l'activité sans ordinateur (le tableau de classe
  `phare-cartes` de la fiche d'animation, une carte par ligne ; voir CONTRIBUTING.md).

Le Chromium de Debian (jamais un navigateur téléchargé) ouvre chaque page sur un serveur local ;
`impression.js` assemble le document, la feuille `phare-impression.css` (media print) le met en
page, Playwright l'imprime en A4 avec les numéros de page. Aucune requête ne sort de la machine.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import threading
import time
from contextlib import contextmanager
from pathlib import Path

DRAPEAUX_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCRIPT = Path(__file__).with_name("impression.js")
LICENCE = (
    "Phare — contenus sous licence Creative Commons Attribution 4.0 International (CC BY 4.0)\u00a0: "
    "vous pouvez copier, distribuer et adapter ce document, à condition de citer «\u00a0Phare\u00a0» "
    "et d'indiquer si vous l'avez modifié."
)
GENRES = {
    "participant": "Fiche participant",
    "animation": "Fiche d'animation",
    "cartes": "Cartes à découper",
}
MARGES = {"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
# Fixed dates inside the PDFs, so that the same pages give the same files (reproducible zips).
_DATE_PDF = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")
_NOEUD_PDF = re.compile(rb"\(node(\d+)\)")


def jeu_de_donnees(racine: Path, nom: str) -> dict:
    """Titre, producteur, licence et source d'un jeu, lus dans son datapackage.json."""
    chemin = racine / "datasets" / nom / "datapackage.json"
    if not chemin.is_file():
        raise SystemExit(
            f"Jeu de données « {nom} » introuvable ({chemin}) : vérifiez « jeux_de_donnees » du module."
        )
    meta = json.loads(chemin.read_text(encoding="utf-8"))
    sources = meta.get("sources") or [{}]
    return {
        "nom": nom,
        "titre": meta.get("title", nom),
        "producteur": meta.get("producteur", ""),
        "licence": ", ".join(lic.get("title", lic.get("name", "")) for lic in meta.get("licenses", [])),
        "source": sources[0].get("path", ""),
    }


def _pied(titre: str) -> str:
    style = (
        "font-family: 'DejaVu Sans', sans-serif; font-size: 7.5pt; color: #333; width: 100%; "
        "margin: 0 14mm; display: flex; justify-content: space-between;"
    )
    return (
        f'<div style="{style}"><span>Phare · {html.escape(titre)} · CC BY 4.0</span>'
        '<span>page <span class="pageNumber"></span> sur <span class="totalPages"></span></span></div>'
    )


def _infos(module: dict, sorte: str) -> list[str]:
    fiche = module["fiche"]
    if sorte == "participant":
        return [f"Durée\u00a0: {fiche['duree_autonomie']} seul·e", f"niveau {fiche['niveau']}"]
    taille = fiche["taille_groupe"]
    return [f"Atelier de {fiche['duree_atelier']}", f"{taille['min']} à {taille['max']} personnes"]


def options(module: dict, sorte: str, racine: Path) -> dict:
    """Ce que `impression.js` reçoit pour assembler un document."""
    genre = GENRES[sorte]
    titre = module["titre"]
    return {
        "sorte": sorte,
        "genre": f"Phare · {genre}",
        "titre": titre,
        "titreDocument": f"{genre}\u00a0: {titre} (Phare)",
        "infos": _infos(module, sorte),
        "mentions": {
            "licence": LICENCE,
            "jeux": [jeu_de_donnees(racine, nom) for nom in module["fiche"]["jeux_de_donnees"]],
        },
        "exercices": ["/" + nb["html"] for nb in module["notebooks"] if nb["page"].startswith("exercises/")]
        if sorte == "participant"
        else [],
    }


def figer_dates(chemin: Path, epoque: int) -> None:
    """Make the PDF depend on the pages only: fixed creation and modification dates, and the
    browser's internal node numbers (the /ID of tagged table cells, which vary from one run to the
    next) renumbered in order of appearance. Same lengths, so the byte offsets stay valid."""
    date = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoque)).encode()
    contenu = _DATE_PDF.sub(lambda m: b"/" + m.group(1) + b" (D:" + date, chemin.read_bytes())
    numeros: dict[bytes, bytes] = {}

    def renumeroter(m: re.Match) -> bytes:
        if m.group(1) not in numeros:
            numeros[m.group(1)] = str(len(numeros) + 1).zfill(len(m.group(1))).encode()
        return b"(node" + numeros[m.group(1)] + b")"

    chemin.write_bytes(_NOEUD_PDF.sub(renumeroter, contenu))


def epoque_source() -> int:
    """SOURCE_DATE_EPOCH if set (reproducible builds), else 1 January 2026."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    """A quiet static server, with the MIME types that JupyterLite and Pyodide need."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format, *args):  # noqa: A002 — a quiet build log
        pass


@contextmanager
def serveur_local(site: Path):
    gestionnaire = functools.partial(_Silencieux, directory=str(site))
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), gestionnaire)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}"
    finally:
        serveur.shutdown()
        serveur.server_close()


class ChromiumIntrouvable(SystemExit):
    """No Chromium where PHARE_CHROMIUM (or /usr/bin/chromium) says: the message says what to do."""


@contextmanager
def chromium():
    """Debian's headless Chromium driven by Playwright: the only browser of the build and the tests."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("PHARE_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).is_file():
        raise ChromiumIntrouvable(
            f"Chromium introuvable ({executable}) : installez-le avec `bash .ci/systeme` "
            "ou indiquez un autre Chromium avec PHARE_CHROMIUM."
        )
    with sync_playwright() as pw:
        navigateur = pw.chromium.launch(executable_path=executable, headless=True, args=DRAPEAUX_CHROMIUM)
        try:
            yield navigateur
        finally:
            navigateur.close()


def imprimer_tout(site: Path, manifeste: dict) -> list[Path]:
    """Imprime les trois PDF de chaque module dans `site/kits/…` ; renvoie leurs chemins."""
    racine = Path(manifeste["racine"])
    script = SCRIPT.read_text(encoding="utf-8")
    epoque = epoque_source()
    faits = []
    if not manifeste["modules"]:
        return faits
    debut = time.monotonic()
    with serveur_local(site) as origine, chromium() as navigateur:
        contexte = navigateur.new_context(locale="fr-FR", color_scheme="light", service_workers="block")

        def router(route):  # nothing leaves the machine, even by mistake
            if route.request.url.startswith(origine) or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                route.abort("blockedbyclient")

        contexte.route("**/*", router)
        page = contexte.new_page()
        for module in manifeste["modules"]:
            for sorte in ("participant", "animation", "cartes"):
                source = module["html"] if sorte == "participant" else module["animation"]["html"]
                if page.url != f"{origine}/{source}":
                    page.goto(f"{origine}/{source}", wait_until="load")
                opts = options(module, sorte, racine)
                page.evaluate(script, opts)
                chemin = site / module["pdf"][sorte]
                chemin.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(
                    path=str(chemin),
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=_pied(module["titre"]),
                    margin=MARGES,
                    tagged=True,
                    outline=True,
                )
                figer_dates(chemin, epoque)
                faits.append(chemin)
        contexte.close()
    print(f"{len(faits)} fiches PDF imprimées en {time.monotonic() - debut:.1f} s dans {site / 'kits'}")
    return faits
