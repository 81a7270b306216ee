"""The glossary where it is needed (phare.livre.lexique), in the built site, in Chromium.

On a module page that uses glossary terms: the button after a term opens its definition with the
keyboard (Enter, Space) and with a click or tap, Escape closes it and gives the focus back to the
button; the page stays axe-clean at 1280 and 360 px with a definition open; without JavaScript the
term is a plain link to the glossary; in print the definition prints after its paragraph.
"""

from __future__ import annotations

import subprocess

import pytest

pytestmark = pytest.mark.navigateur

PAGE = "book/comprendre/mes-donnees-mes-droits.html"


def _premier_bouton(page):
    bouton = page.locator(".phare-terme-bouton").first
    bouton.wait_for(state="visible")
    panneau = page.locator("#" + bouton.get_attribute("aria-controls"))
    return bouton, panneau


def test_le_clavier_ouvre_et_echap_ferme(visiter):
    visite = visiter(PAGE)
    page = visite.page
    assert page.locator(".phare-terme-bouton").count() >= 5
    bouton, panneau = _premier_bouton(page)
    assert bouton.get_attribute("aria-expanded") == "false" and panneau.is_hidden()
    bouton.focus()
    page.keyboard.press("Enter")
    assert bouton.get_attribute("aria-expanded") == "true" and panneau.is_visible()
    # The panel shows the glossary's definition, the same text as the print note.
    appel = page.locator("sup.phare-terme-appel").first
    note = page.locator("#" + appel.get_attribute("data-phare-definition"))
    assert panneau.text_content().strip() in note.text_content()
    assert len(panneau.text_content().strip()) > 20
    page.keyboard.press("Escape")
    assert bouton.get_attribute("aria-expanded") == "false" and panneau.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('phare-terme-bouton')")
    page.keyboard.press("Space")
    assert panneau.is_visible()
    page.keyboard.press("Space")
    assert panneau.is_hidden()
    assert not visite.problemes(), visite.problemes()


@pytest.mark.parametrize("largeur", [1280, 360])
def test_un_clic_ouvre_et_la_page_reste_propre_pour_axe(visiter, axe, largeur):
    page = visiter(PAGE, largeur=largeur).page
    bouton, panneau = _premier_bouton(page)
    bouton.click()  # a tap on a touch screen is a click
    assert panneau.is_visible()
    boite = panneau.bounding_box()
    assert boite["x"] >= 0 and boite["x"] + boite["width"] <= largeur
    assert page.evaluate("document.documentElement.scrollWidth") <= largeur
    violations = axe(page)
    assert not violations, axe.resume(violations)
    bouton.click()
    assert panneau.is_hidden()


def test_sans_javascript_le_terme_reste_un_lien(navigateur, url_site):
    contexte = navigateur.new_context(java_script_enabled=False, service_workers="block")
    try:
        page = contexte.new_page()
        page.goto(url_site + PAGE)
        assert page.locator(".phare-terme-bouton").count() == 0
        lien = page.locator("a.phare-terme").first
        assert "lexique.html#term-" in lien.get_attribute("href")
        assert page.locator(".phare-terme-notes").first.is_hidden()
        assert page.locator("sup.phare-terme-appel").first.is_hidden()
    finally:
        contexte.close()


def test_a_l_impression_la_definition_suit_son_paragraphe(visiter, artefacts, tmp_path):
    page = visiter(PAGE).page
    _premier_bouton(page)
    page.emulate_media(media="print")
    assert page.locator(".phare-terme-bouton").first.is_hidden()
    appel = page.locator("sup.phare-terme-appel").first
    assert appel.is_visible()
    note = page.locator("#" + appel.get_attribute("data-phare-definition"))
    assert note.is_visible()
    # The note comes right after the paragraph that holds the term's first use.
    assert page.evaluate(
        """(id) => { const bloc = document.getElementById(id).closest('.phare-terme-notes');
                     return !!bloc.previousElementSibling.querySelector('a.phare-terme'); }""",
        appel.get_attribute("data-phare-definition"),
    )
    pdf = tmp_path / "lexique.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    texte = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    debut = " ".join(note.text_content().split())[:30]
    assert debut.split("\u00a0")[0] in texte
    (artefacts / "lexique-impression.pdf").write_bytes(pdf.read_bytes())
