"""The site on a USB key (phare.construction.hors_ligne): the zip of `make build`, unzipped, opened
from `file://` in Chromium, as a file manager opens it.

A sample of pages (home, a module with its quiz, a notebook page, the catalogue, the search page
with a query, the privacy page): no failed request, no request leaving the copy, no console error.
Search finds results; a quiz answer is kept; the PDF and pack links point at files of the copy;
the launch button of JupyterLite says plainly that it needs a server and Pyodide.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from phare.construction import hors_ligne
from phare.interface import libelle

# One worker unzips the copy once (make test runs the browser suite with pytest-xdist).
pytestmark = [pytest.mark.navigateur, pytest.mark.xdist_group("cle-usb")]

ECHANTILLON = [
    "index.html",
    "book/index.html",
    "book/comprendre/une-donnee-cest-quoi.html",
    "book/manipuler/lire-un-tableau.html",
    "notebooks/lire-un-tableau.html",
    "book/catalogue/index.html",
    "book/donnees-personnelles.html",
    "book/explorer-un-fichier.html",
    "search.html?q=donnee",
]


@pytest.fixture(scope="module")
def copie(site_html: Path, tmp_path_factory) -> Path:
    archive = hors_ligne.chemin_zip(site_html)
    if not archive.is_file():
        pytest.fail(f"Zip du site introuvable ({archive}) : lancez `make build` (ou make build-strict).")
    dossier = tmp_path_factory.mktemp("cle-usb")
    with zipfile.ZipFile(archive) as z:
        z.extractall(dossier)
    racine = dossier / hors_ligne.DOSSIER
    assert (racine / "index.html").is_file() and (racine / "LISEZMOI.txt").is_file()
    return racine


def _ouvrir(navigateur, racine: Path, chemin: str, largeur: int = 1280):
    contexte = navigateur.new_context(viewport={"width": largeur, "height": 800}, locale="fr-FR")
    page = contexte.new_page()
    problemes: list[str] = []

    def router(route):
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            problemes.append(f"requête hors de la copie : {url}")
            route.abort("blockedbyclient")

    def fichier_absent(requete):
        problemes.append(f"requête en échec : {requete.url} ({requete.failure})")

    contexte.route("**/*", router)
    page.on("requestfailed", fichier_absent)
    page.on("console", lambda m: problemes.append(f"console : {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problemes.append(f"exception : {e}"))
    page.goto(racine.as_uri() + "/" + chemin, wait_until="load")
    page.wait_for_timeout(1000)  # the search fills its results after the load
    return contexte, page, problemes


@pytest.mark.parametrize("chemin", ECHANTILLON)
def test_page_de_la_copie_depuis_un_fichier(navigateur, copie, chemin, artefacts):
    contexte, page, problemes = _ouvrir(navigateur, copie, chemin)
    try:
        assert page.url.startswith("file://")
        if chemin.startswith("search.html"):
            page.locator("#search-results li").first.wait_for(timeout=15000)
            page.wait_for_timeout(1000)
            page.screenshot(path=str(artefacts / "hors-ligne-recherche-1280.png"))
        # Every link into the copy points at a file of the copy (pages, PDFs, packs).
        liens = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        absents = [
            lien for lien in liens
            if lien.startswith("file://") and not Path(unquote(urlsplit(lien).path)).exists()
        ]
        assert not absents, absents
        assert not problemes, "\n".join(problemes)
    finally:
        contexte.close()


def _repondre_puis_recharger(page) -> int:
    """Answer the first question, see its verdict, reload: how many answers the page shows again."""
    question = page.locator(".phare-question").first
    question.locator("input[type=radio]").first.check()
    question.locator(".phare-valider").click()
    # The verdict shown (not the hidden comment of each choice, which has the same class).
    expect(question.locator(".phare-annonce .phare-verdict")).to_be_visible()
    page.reload(wait_until="load")
    coches = page.locator(".phare-quiz input[type=radio]:checked")
    try:
        expect(coches).to_have_count(1, timeout=3000)
    except AssertionError:
        pass
    return coches.count()


def test_quiz_et_pdf_dans_la_copie(navigateur, copie, artefacts):
    contexte, page, problemes = _ouvrir(navigateur, copie, "book/comprendre/une-donnee-cest-quoi.html")
    try:
        if _repondre_puis_recharger(page) != 1:
            # Measured on 4 December 2026: from file:// only (0 in 180 over http), Chromium lost
            # the whole localStorage at a reload about once in 100, CPUs busy (the key was in the
            # browser's storage before the reload, same storage key after it). Phare writes and
            # reads the same way each time: a lost answer twice in a row is Phare's fault.
            warnings.warn("Chromium a perdu le stockage local au rechargement depuis file://\u00a0: 2e essai",
                          stacklevel=1)
            assert _repondre_puis_recharger(page) == 1, "la réponse au quiz n'est pas gardée"
        pdf = [h for h in page.eval_on_selector_all("a[href$='.pdf']", "e => e.map(a => a.href)")]
        paquets = [h for h in page.eval_on_selector_all("a[href$='.zip']", "e => e.map(a => a.href)")]
        assert pdf and paquets, "ni fiche PDF ni paquet sur la page du module"
        for lien in pdf + paquets:
            assert Path(unquote(urlsplit(lien).path)).stat().st_size > 1000, lien
        page.screenshot(path=str(artefacts / "hors-ligne-module-1280.png"))
        assert not problemes, "\n".join(problemes)
    finally:
        contexte.close()


@pytest.mark.parametrize("largeur", [1280, 360])
def test_jupyterlite_dit_ce_qu_il_lui_faut(navigateur, copie, largeur, artefacts):
    contexte, page, problemes = _ouvrir(navigateur, copie, "book/manipuler/lire-un-tableau.html", largeur)
    try:
        page.locator(".phare-lancer-consentement > summary").first.click()
        page.locator(".phare-lancer-ok").first.click()
        message = page.locator(".phare-lancer-message.phare-lancer-erreur").first
        message.wait_for(state="visible", timeout=5000)
        debut = libelle("lancer.fichier").split("\u00a0")[0]
        assert message.inner_text().startswith(debut)
        assert "LISEZMOI.txt" in message.inner_text()
        assert page.url.endswith("lire-un-tableau.html"), "la page a été quittée"
        capture = artefacts / f"hors-ligne-lancer-{largeur}.png"
        page.locator(".phare-lancer").first.screenshot(path=str(capture))
        assert not problemes, "\n".join(problemes)
    finally:
        contexte.close()


def test_explorer_dit_depuis_un_fichier_qu_il_faut_un_serveur(navigateur, copie):
    """From file://, Chromium refuses the page's Web Worker: the page says so in French, sends nothing."""
    contexte, page, problemes = _ouvrir(navigateur, copie, "book/explorer-un-fichier.html")
    try:
        page.locator(".phare-explorer-exemple").first.click()
        erreur = page.locator(".phare-explorer-erreur")
        erreur.wait_for(state="visible", timeout=10000)
        assert "LISEZMOI.txt" in erreur.inner_text()
        assert not problemes, "\n".join(problemes)
    finally:
        contexte.close()
