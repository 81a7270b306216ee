"""The launch box of a notebook, in Chromium, from the built site served on 127.0.0.1.

- Page load: no request leaves the site; the block is reachable with the keyboard.
- The button leads to the consent text, and only the click inside it contacts Pyodide's host.
- With that host blocked (the test machine has no internet anyway), a clear French message shows.
- With that host answering (a stand-in served by Playwright), the reader lands in JupyterLite
  on that very notebook, whose text is displayed.
- The app built with a self-hosted Pyodide (PHARE_PYODIDE_URL) asks the site, never the CDN.
Screenshots at 1280 and 360 px go to the artefacts folder.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from phare.construction import jupyterlite as jl
from phare.interface import libelle

pytestmark = pytest.mark.navigateur

RACINE = Path(__file__).resolve().parents[2]

CDN = urlsplit(jl.PYODIDE_CDN).netloc


def _pages_avec_bouton(site: Path) -> list[str]:
    pages = []
    for fichier in sorted(site.rglob("*.html")):
        relatif = fichier.relative_to(site).as_posix()
        if relatif.startswith((jl.DOSSIER_LITE + "/", "_static/", "reports/")):
            continue
        if 'class="phare-lancer"' in fichier.read_text(encoding="utf-8", errors="replace"):
            pages.append(relatif)
    return pages


@pytest.fixture(scope="module")
def page_notebook(site_html: Path) -> str:
    """A page built from a notebook (it must carry the button)."""
    pages = [p for p in _pages_avec_bouton(site_html) if p.split("/")[0] in jl.DOSSIERS_NOTEBOOKS]
    if not pages:
        pytest.skip("Aucun notebook dans le site : rien à lancer.")
    return pages[0]


def test_chaque_notebook_a_son_bouton(site_html: Path):
    manquants = []
    for chemin in jl.notebooks(RACINE):
        page = site_html / Path(chemin).with_suffix(".html")
        if page.is_file() and 'class="phare-lancer"' not in page.read_text(encoding="utf-8"):
            manquants.append(chemin)
    assert not manquants, f"Pages de notebook sans bouton de lancement : {manquants}"


def _ouvrir_consentement(page):
    resume = page.locator(".phare-lancer-consentement > summary").first
    resume.focus()
    page.keyboard.press("Enter")  # the keyboard opens the disclosure
    corps = page.locator(".phare-lancer-corps").first
    assert corps.is_visible()
    return corps


@pytest.mark.parametrize("largeur", [1280, 360])
def test_cdn_bloque_message_clair(visiter, page_notebook, largeur, artefacts):
    visite = visiter(page_notebook, largeur=largeur)
    page = visite.page
    hors_site_au_chargement = [u for u in visite.hors_site if CDN in u and "pyodide" in u]
    assert not hors_site_au_chargement, "Pyodide demandé avant tout clic"
    bouton = page.locator(".phare-lancer-consentement > summary").first
    assert bouton.inner_text().startswith(libelle("lancer.resume"))
    page.locator(".phare-lancer").first.screenshot(path=str(artefacts / f"lancer-bouton-{largeur}.png"))

    corps = _ouvrir_consentement(page)
    texte = corps.inner_text()
    for attendu in ("JupyterLite", CDN, "Mo", "avant votre clic"):
        assert attendu in texte, f"le consentement ne dit pas « {attendu} »"
    assert not [u for u in visite.hors_site if "pyodide" in u], "Pyodide demandé avant le clic"
    page.locator(".phare-lancer").first.screenshot(path=str(artefacts / f"lancer-consentement-{largeur}.png"))

    page.locator(".phare-lancer-ok").first.click()
    message = page.locator(".phare-lancer-message.phare-lancer-erreur").first
    message.wait_for(state="visible", timeout=20000)
    assert "Impossible de joindre" in message.inner_text()
    assert message.get_attribute("role") == "alert"
    assert page.url.endswith(page_notebook), "la page a été quittée malgré l'échec"
    assert [u for u in visite.hors_site if "pyodide" in u], "le clic n'a pas tenté de joindre Pyodide"
    page.locator(".phare-lancer").first.screenshot(path=str(artefacts / f"lancer-erreur-{largeur}.png"))
    violations = _axe_du_bloc(page)
    assert not violations, violations


def _axe_du_bloc(page) -> list[str]:
    """axe-core on the launch block only (the rest of the page has its own tests), every part open."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate("document.querySelectorAll('.phare-lancer details').forEach(d => d.open = true)")
    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
        "resultTypes": ["violations"],
    }
    resultat = Axe().run(page, context=".phare-lancer", options=options).response["violations"]
    return [f"{v['id']} : {v['help']} ({v['nodes'][0]['html'][:120]})" for v in resultat]


def _titre_du_notebook(chemin: str) -> str:
    cellules = json.loads((RACINE / chemin).read_text(encoding="utf-8"))["cells"]
    for cellule in cellules:
        if cellule["cell_type"] == "markdown":
            for ligne in "".join(cellule["source"]).splitlines():
                if ligne.startswith("# "):
                    return ligne[2:].strip()
    return ""


def test_le_bouton_ouvre_le_notebook_dans_jupyterlite(navigateur, url_site, page_notebook, artefacts):
    origine = urlsplit(url_site).netloc
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    demandes_cdn = []

    def router(route):
        url = route.request.url
        hote = urlsplit(url).netloc
        if hote == origine or url.startswith(("data:", "blob:")):
            route.continue_()
        elif hote == CDN and "/pyodide/" in url:
            # A stand-in for the CDN: it answers, but it is not a real Pyodide.
            demandes_cdn.append(url)
            route.fulfill(status=200, body="export {};", content_type="text/javascript",
                          headers={"Access-Control-Allow-Origin": "*"})
        else:
            route.abort("blockedbyclient")

    contexte.route("**/*", router)
    page = contexte.new_page()
    try:
        page.goto(url_site + page_notebook)
        _ouvrir_consentement(page)
        lien = page.locator(".phare-lancer-ok").first
        chemin = re.search(r"path=([^&]+)", lien.get_attribute("href")).group(1)
        assert (RACINE / chemin).is_file(), chemin
        lien.click()
        page.wait_for_url(re.compile(rf"/{jl.DOSSIER_LITE}/{jl.APPLI}/index\.html\?path="), timeout=20000)
        assert demandes_cdn, "le consentement n'a pas vérifié l'accès à Pyodide"
        titre = _titre_du_notebook(chemin)
        cellule = page.locator(".jp-Notebook .jp-MarkdownCell").first
        cellule.wait_for(state="visible", timeout=60000)
        if titre:
            page.get_by_role("heading", name=titre).first.wait_for(timeout=30000)
        # CodeMirror fills the cell's text after the cell itself is drawn: wait for it.
        installation = page.locator(".jp-CodeCell").first
        expect(installation).to_contain_text("%pip install", timeout=30000)
        expect(installation).to_contain_text("phare")
        page.screenshot(path=str(artefacts / "lancer-jupyterlite-1280.png"))
    finally:
        contexte.close()


def test_pyodide_auto_heberge_ne_contacte_pas_le_cdn(navigateur, tmp_path):
    """Build the app with PHARE_PYODIDE_URL=pyodide/ into an empty site, then open a notebook."""
    notebooks = jl.notebooks(RACINE)
    if not notebooks:
        pytest.skip("Aucun notebook à ouvrir.")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Phare</title>\n", encoding="utf-8")
    # The stand-in for a Pyodide distribution: a folder on the same server.
    (site / "pyodide").mkdir()
    (site / "pyodide" / "pyodide.mjs").write_text("export {};\n", encoding="utf-8")
    env = {**os.environ, jl.VARIABLE_PYODIDE: "pyodide/"}
    subprocess.run([sys.executable, "-m", "phare.construction.lite", "--site", str(site)],
                   check=True, cwd=RACINE, env=env, capture_output=True)
    demandes = []

    class Gestionnaire(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 — the server's log is the witness
            demandes.append(str(args[0]) if args else format)

    gestionnaire = functools.partial(Gestionnaire, directory=str(site))
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), gestionnaire)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{serveur.server_address[1]}/"
    contexte = navigateur.new_context(locale="fr-FR")
    hors_site = []

    def router(route):
        url = route.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            hors_site.append(url)
            route.abort("blockedbyclient")

    contexte.route("**/*", router)
    page = contexte.new_page()
    try:
        page.goto(base + jl.url_appli(notebooks[0]))
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible", timeout=60000)
        # The kernel's worker asks for Pyodide; Playwright does not see a worker's requests,
        # the server's log does.
        for _ in range(60):
            if any("/pyodide/pyodide.mjs" in d for d in demandes):
                break
            page.wait_for_timeout(500)
        assert any("GET /pyodide/pyodide.mjs" in d for d in demandes), "Pyodide local non demandé"
        assert not hors_site, f"requêtes hors du site avec Pyodide auto-hébergé : {hors_site}"
    finally:
        contexte.close()
        serveur.shutdown()
        serveur.server_close()


def test_pas_de_widget_mort_sur_les_pages_statiques(site_html: Path):
    """A notebook with ipywidgets shows a static figure on its page, never an empty widget area."""
    fautes = []
    for chemin in jl.notebooks(RACINE):
        page = site_html / Path(chemin).with_suffix(".html")
        if not page.is_file():
            continue
        texte = page.read_text(encoding="utf-8")
        if "application/vnd.jupyter.widget-view+json" in texte:
            fautes.append(f"{chemin} : zone de widget vide sur la page statique")
        if re.search(r"<script[^>]+src=\"[^\"]*(require|embed-amd|html-manager)", texte):
            fautes.append(f"{chemin} : script de widgets chargé par la page statique")
        source = (RACINE / chemin).read_text(encoding="utf-8")
        if "ipywidgets" in source and "<img" not in texte:
            fautes.append(f"{chemin} : widgets sans figure statique à côté")
    assert not fautes, "\n".join(fautes)
