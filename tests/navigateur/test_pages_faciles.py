"""The easy-read versions of the « Comprendre » modules (phare.livre.facile), in Chromium.

Each module page links to its easy-read page and back; the easy page shows the same computed
numbers as the module, a named pictogram per idea, larger left-aligned type, a summary box; it is
reflows at 320 px; printed, it keeps its text and pictograms, without the menus.
(axe at 1280 and 320 px and reflow at 360 and 320 px run on every page in test_pages.)
"""

from __future__ import annotations

import re

import pytest

from phare.interface import libelle

pytestmark = pytest.mark.navigateur

MODULES = ("une-donnee-cest-quoi", "mes-donnees-mes-droits", "donnees-publiques-open-data",
           "service-public-local-donnee")


@pytest.mark.parametrize("module", MODULES)
def test_les_deux_pages_se_renvoient_l_une_a_l_autre(visiter, module):
    page = visiter(f"book/comprendre/{module}.html").page
    lien = page.get_by_role("link", name=libelle("facile.vers_facile"))
    assert lien.count() == 1
    lien.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/book/comprendre/{module}-facile.html")
    retour = page.get_by_role("link", name=libelle("facile.vers_module"))
    assert retour.count() == 1
    retour.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/book/comprendre/{module}.html")


def test_les_chiffres_sont_ceux_du_module(visiter):
    module = visiter("book/comprendre/une-donnee-cest-quoi.html").page.locator("main").inner_text()
    facile = visiter("book/comprendre/une-donnee-cest-quoi-facile.html").page.locator("main").inner_text()
    lignes = re.search(r"Il a (\S+) lignes", facile).group(1)
    assert f"{lignes} lignes" in module
    hausse = re.search(r"environ (\S+) centimètres", facile).group(1)
    assert f"{hausse} cm" in module
    assert "?" not in re.findall(r"\S+ lignes", facile)[0]


@pytest.mark.parametrize("module", MODULES)
def test_la_page_facile_est_lisible_et_propre(visiter, module):
    """axe-core already runs on these pages at 1280 and 320 px (test_pages): not again here."""
    visite = visiter(f"book/comprendre/{module}-facile.html", largeur=1280)
    page = visite.page
    pictos = page.locator("svg.phare-picto[role=img]")
    assert pictos.count() >= 6
    assert all(pictos.nth(i).get_attribute("aria-label") for i in range(pictos.count()))
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.phare-idee-texte p'));"
        " return [parseFloat(s.fontSize), s.textAlign]; }"
    )
    assert style[0] >= 19 and style[1] in ("left", "start")
    assert page.locator(".phare-essentiel").count() == 1
    for largeur in (1280, 320):
        page.set_viewport_size({"width": largeur, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth") <= largeur, largeur
    assert not visite.problemes(), visite.problemes()


def test_la_page_facile_s_imprime_seule(visiter, artefacts):
    page = visiter("book/comprendre/une-donnee-cest-quoi-facile.html").page
    page.emulate_media(media="print")
    assert page.locator(".bd-sidebar-primary").is_hidden()
    assert page.locator(".phare-facile-lien").is_hidden()
    assert page.locator("#jb-print-docs-body nav").is_hidden()  # no table of contents on paper
    assert page.locator("svg.phare-picto").first.is_visible()
    assert page.locator(".phare-essentiel").is_visible()
    page.pdf(path=str(artefacts / "une-donnee-cest-quoi-facile.pdf"), format="A4")
