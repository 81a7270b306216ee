"""Site-wide checks: internal links and anchors, search without accents (mouse-free), screenshots."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

import pytest
from outils.html import lire_page

pytestmark = pytest.mark.navigateur


def test_liens_internes_et_ancres(site_html, pages_du_livre):
    """Every internal link points to an existing file and, if it has one, to an existing anchor."""
    casses = []
    for page in pages_du_livre:
        fichier = site_html / page
        for lien in lire_page(fichier).liens:
            href = lien.strip()
            morceaux = urlsplit(href)
            if morceaux.scheme or href.startswith("//"):
                continue  # mailto:, https:… : outside links are not fetched (offline)
            chemin = unquote(morceaux.path)
            if chemin:
                cible_rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), chemin))
                cible = site_html / cible_rel
                if cible.is_dir():
                    cible = cible / "index.html"
            else:
                cible = fichier
            if not cible.is_file():
                casses.append(f"{page} : « {href} » -> fichier absent")
                continue
            ancre = unquote(morceaux.fragment)
            if ancre and cible.suffix == ".html" and ancre not in lire_page(cible).ancres:
                casses.append(f"{page} : « {href} » -> ancre absente")
    assert not casses, "Liens internes cassés :\n" + "\n".join(casses)


def test_figures_sans_numero(site_html, pages_du_livre):
    """No « Fig. 6 » before a caption: numbers counted across the whole book mislead the reader
    (phare.livre.theme turns numbering off, and no page refers to a figure by its number)."""
    numerotees = [page for page in pages_du_livre if "caption-number" in lire_page(site_html / page).classes]
    assert not numerotees, "Figures numérotées :\n" + "\n".join(numerotees)


# The search page fetches every result page to show a summary; leaving before those fetches end
# aborts them, which would be reported as failed requests. Wait until each result has its summary.
_RECHERCHE_TERMINEE = """() => {
  const bilan = document.querySelector('#search-results p.search-summary');
  const resultats = [...document.querySelectorAll('#search-results ul.search li')];
  return !!bilan && bilan.innerText.length > 0 && resultats.length > 0
    && resultats.every((li) => li.querySelector('p.context'));
}"""


def _premier_resultat(page) -> str:
    page.wait_for_selector("#search-results ul.search li a", timeout=10_000)
    page.wait_for_function(_RECHERCHE_TERMINEE, timeout=20_000)
    return page.locator("#search-results ul.search li a").first.get_attribute("href")


def test_recherche_sans_accent(visiter, url_site):
    """« donnee » (typed without accent) finds a page that contains « donnée »."""
    visite = visiter("search.html?q=donnee")
    lien = _premier_resultat(visite.page)
    visite.page.goto(url_site + lien.lstrip("/") if not lien.startswith("http") else lien)
    assert "donnée" in visite.page.inner_text("article").lower()
    assert not visite.problemes(), "\n".join(visite.problemes())


def test_recherche_au_clavier(visiter):
    """From the home page, with the keyboard only: Ctrl+K, type, Enter, Tab to a result, Enter."""
    visite = visiter("book/index.html")
    page = visite.page
    page.keyboard.press("Control+k")
    champ = page.locator("#pst-search-dialog input[name=q]")
    champ.wait_for(state="visible", timeout=5000)
    assert champ.evaluate("(el) => el === document.activeElement"), "Ctrl+K ne place pas le focus"
    page.keyboard.type("donnees")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search\.html"), timeout=10_000)
    _premier_resultat(page)
    for _ in range(200):  # Tab until the focus is on a search result
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('#search-results')"):
            break
    else:
        pytest.fail("Aucun résultat de recherche n'est atteint avec Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "search.html" not in page.url
    assert "donnée" in page.inner_text("article").lower()
    assert not visite.problemes(), "\n".join(visite.problemes())


@pytest.mark.parametrize("largeur", [1280, 360])
def test_captures_accueil(visiter, artefacts, largeur):
    """Screenshots of the home page, kept as artefacts (`_build/artefacts/accueil-<largeur>.png`)."""
    visite = visiter("book/index.html", largeur=largeur)
    chemin = artefacts / f"accueil-{largeur}.png"
    visite.page.screenshot(path=str(chemin), full_page=True)
    assert chemin.stat().st_size > 1000
