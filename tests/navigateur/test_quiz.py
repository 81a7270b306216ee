"""Quiz (`phare.livre.quiz`) in Chromium: usable with the keyboard alone, readable without JavaScript,
answers hidden in print, progress kept on the device and erasable. Fixtures: conftest.py."""

from __future__ import annotations

import re

import pytest

from phare.interface import libelle

pytestmark = pytest.mark.navigateur

PAGE = "book/comprendre/une-donnee-cest-quoi.html"


def _tabuler_jusqu_a(page, selecteur: str, maximum: int = 300) -> None:
    """Press Tab until the focused element matches `selecteur` (keyboard only, no click)."""
    for _ in range(maximum):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selecteur):
            return
    raise AssertionError(f"Tab n'atteint jamais {selecteur} en {maximum} appuis")


def _focus_visible(page) -> bool:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1; }"""
    )


def test_quiz_au_clavier_seul(visiter, axe):
    visite = visiter(PAGE)
    page = visite.page
    q1 = "#" + page.eval_on_selector(".phare-question", "el => el.id")
    # The correct option of question 1, read from the page (no answer written in the test).
    juste = page.eval_on_selector_all(
        f"{q1} .phare-choix",
        "els => els.findIndex(li => li.querySelector('details').dataset.juste === 'oui')",
    )
    nb_choix = page.eval_on_selector_all(f"{q1} .phare-choix", "els => els.length")

    requetes_avant = len(visite.reponses)
    # Tab into the first question's radio group; arrows move the choice, as in any radio group.
    _tabuler_jusqu_a(page, f"{q1} input[type=radio]")
    assert _focus_visible(page), "le bouton radio qui a le focus n'a pas de contour visible"
    page.keyboard.press("Space")
    for _ in range(juste):
        page.keyboard.press("ArrowDown")
    assert page.is_checked(f"{q1} input[value='{juste + 1}']")

    # Tab to the validate button, then Enter: the verdict is announced in the live region.
    _tabuler_jusqu_a(page, f"{q1} .phare-valider")
    assert _focus_visible(page), f"le bouton « {libelle('quiz.valider')} » n'a pas de contour visible"
    page.keyboard.press("Enter")
    annonce = page.inner_text(f"{q1} .phare-annonce")
    assert libelle("quiz.annonce_juste").rstrip(".") in annonce
    assert page.get_attribute(f"{q1} .phare-annonce", "aria-live") == "polite"
    marque = page.inner_text(f"{q1} .phare-choix--juste .phare-marque")
    assert "juste" in marque  # said in words, not only in colour

    # A wrong choice gets its own comment, different from the right one.
    page.keyboard.press("Shift+Tab")  # back to the checked radio
    page.keyboard.press("ArrowDown")  # next choice (a radio group wraps around)
    faux = (juste + 1) % nb_choix
    assert page.is_checked(f"{q1} input[value='{faux + 1}']")
    _tabuler_jusqu_a(page, f"{q1} .phare-valider")
    page.keyboard.press("Space")
    annonce_faux = page.inner_text(f"{q1} .phare-annonce")
    assert libelle("quiz.annonce_faux").rstrip(".") in annonce_faux
    assert annonce_faux != annonce

    assert len(visite.reponses) == requetes_avant, "répondre au quiz ne doit rien envoyer ni charger"
    progression = page.inner_text(".phare-progression-texte")
    assert re.search(r"validé 1 réponse sur \d+, dont 0 juste", progression), progression

    # The quiz, in its answered state, has no accessibility violation.
    violations = axe(page)
    dans_quiz = [
        v
        for v in violations
        if any(".phare-quiz" in str(n["target"]) or "phare-" in n["html"] for n in v["nodes"])
    ]
    assert not dans_quiz, axe.resume(dans_quiz)

    # Progress survives a reload (local storage), then the clear button clears it.
    page.reload(wait_until="load")
    assert page.is_checked(f"{q1} input[value='{faux + 1}']")
    _tabuler_jusqu_a(page, ".phare-effacer")
    assert _focus_visible(page), f"le bouton « {libelle('quiz.effacer')} » n'a pas de contour visible"
    page.keyboard.press("Enter")
    assert page.eval_on_selector_all("input[type=radio]:checked", "els => els.length") == 0
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('phare-quiz')).length") == 0
    # The quiz's own files loaded, and nothing left the site (site-wide checks: test_pages.py).
    assert not visite.hors_site, visite.hors_site
    assert not [p for p in visite.problemes() if "phare-quiz" in p], visite.problemes()


def test_quiz_lisible_sans_javascript(navigateur, url_site):
    contexte = navigateur.new_context(java_script_enabled=False)
    try:
        page = contexte.new_page()
        page.goto(url_site + PAGE)
        questions = page.query_selector_all("fieldset.phare-question")
        assert len(questions) >= 5
        for question in questions:
            assert question.query_selector("legend").inner_text().strip()
            radios = question.query_selector_all("input[type=radio]")
            assert len(radios) >= 2
            for radio in radios:
                label = question.query_selector(f"label[for='{radio.get_attribute('id')}']")
                assert label and label.inner_text().strip()
            # Each choice's comment is there, folded: it opens without JavaScript.
            assert len(question.query_selector_all("details.phare-retour")) == len(radios)
            assert len(question.query_selector_all("details[data-juste='oui']")) == 1
    finally:
        contexte.close()


def test_quiz_imprime_sans_reponses(visiter):
    page = visiter(PAGE).page
    page.emulate_media(media="print")
    assert page.is_visible(".phare-question legend")
    assert page.is_visible(".phare-question label")
    for selecteur in (".phare-retour", ".phare-valider", ".phare-progression"):
        assert not page.is_visible(selecteur), f"{selecteur} ne doit pas s'imprimer"
