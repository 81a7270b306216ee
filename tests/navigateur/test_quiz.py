"""Quiz (`phare.livre.quiz`) in Chromium: usable with the keyboard alone, readable without JavaScript,
answers hidden in print, progress kept on the device and erasable. Fixtures: conftest.py."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from phare.interface import libelle

pytestmark = pytest.mark.navigateur

PAGE = "book/comprendre/une-donnee-cest-quoi.html"  # single choice, and a number read on a figure
PAGE_PLUSIEURS = "book/comprendre/mes-donnees-mes-droits.html"  # several right answers


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
    # The announcement quotes the choice's own words, not the mark just added to its label.
    mots_du_choix = page.eval_on_selector(
        f"{q1} .phare-choix--juste label",
        "l => { const c = l.cloneNode(true); c.querySelector('.phare-marque').remove();"
        " return c.textContent.trim(); }",
    )
    assert libelle("quiz.vous_avez_choisi", choix=mots_du_choix).strip() in annonce, annonce
    assert marque.strip() not in annonce, annonce

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
    assert page.eval_on_selector_all(".phare-quiz input[type=radio]:checked", "els => els.length") == 0
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('phare-quiz')).length") == 0
    # The quiz's own files loaded, and nothing left the site (site-wide checks: test_pages.py).
    assert not visite.hors_site, visite.hors_site
    assert not [p for p in visite.problemes() if "phare-quiz" in p], visite.problemes()


@pytest.mark.parametrize("chemin", [PAGE, PAGE_PLUSIEURS])
def test_quiz_lisible_sans_javascript(navigateur, url_site, chemin):
    contexte = navigateur.new_context(java_script_enabled=False)
    try:
        page = contexte.new_page()
        page.goto(url_site + chemin)
        questions = page.query_selector_all("fieldset.phare-question")
        assert len(questions) >= 8
        for question in questions:
            assert question.query_selector("legend").inner_text().strip()
            if question.get_attribute("data-type") == "nombre":
                champ = question.query_selector(".phare-saisie input[type=text]")
                etiquette = question.query_selector(f"label[for='{champ.get_attribute('id')}']")
                assert etiquette.inner_text().strip()
                assert question.query_selector(".phare-indication").inner_text().strip()  # the tolerance
                assert len(question.query_selector_all("details[data-juste='oui']")) == 1
                assert len(question.query_selector_all("details[data-juste='non']")) == 1
                continue
            cases = question.query_selector_all("input[type=radio], input[type=checkbox]")
            assert len(cases) >= 2
            for case in cases:
                label = question.query_selector(f"label[for='{case.get_attribute('id')}']")
                assert label and label.inner_text().strip()
            # Each choice's comment is there, folded: it opens without JavaScript.
            assert len(question.query_selector_all("details.phare-retour")) == len(cases)
            justes = len(question.query_selector_all("details[data-juste='oui']"))
            assert justes == 1 if question.get_attribute("data-type") == "unique" else justes >= 2
    finally:
        contexte.close()


def test_plusieurs_et_nombre_au_clavier(visiter, axe):
    """Several right answers, then a number read on a figure, keyboard only; « first try » counted."""
    visite = visiter(PAGE_PLUSIEURS)
    page = visite.page
    q = "#" + page.eval_on_selector(".phare-question--plusieurs", "el => el.id")
    justes = page.eval_on_selector_all(
        f"{q} .phare-choix", "els => els.map(li => li.querySelector('details').dataset.juste === 'oui')")
    # First try: only the first right answer ticked — judged as a whole, so not right, and said why.
    _tabuler_jusqu_a(page, f"{q} input[type=checkbox]")
    for rang, juste in enumerate(justes):
        if rang:
            page.keyboard.press("Tab")
        if juste and rang == justes.index(True):
            page.keyboard.press("Space")
    _tabuler_jusqu_a(page, f"{q} .phare-valider")
    page.keyboard.press("Enter")
    annonce = page.inner_text(f"{q} .phare-annonce")
    assert libelle("quiz.annonce_faux").rstrip(".") in annonce and libelle("quiz.il_manque")[:20] in annonce
    # Second try: every right box ticked.
    for rang, juste in enumerate(justes):
        page.set_checked(f"{q} li.phare-choix:nth-child({rang + 1}) input", juste)
    page.focus(f"{q} .phare-valider")
    page.keyboard.press("Enter")
    annonce = page.inner_text(f"{q} .phare-annonce")
    assert libelle("quiz.annonce_juste").rstrip(".") in annonce
    commentes = page.eval_on_selector_all(f"{q} .phare-retours-affiches > li", "els => els.length")
    assert commentes == len(justes)  # right: every choice's comment is shown
    progression = page.inner_text(".phare-progression-texte")
    assert "dont 1 juste" in progression and "premier coup\u00a0: 0 sur" in progression, progression

    page = visiter(PAGE).page
    q = "#" + page.eval_on_selector(".phare-question--nombre", "el => el.id")
    attendu = float(page.get_attribute(q, "data-reponse"))
    _tabuler_jusqu_a(page, f"{q} .phare-saisie input")
    page.keyboard.type("beaucoup")
    page.keyboard.press("Enter")
    assert libelle("quiz.pas_un_nombre", saisie="beaucoup") in page.inner_text(f"{q} .phare-annonce")
    page.fill(f"{q} .phare-saisie input", f"{attendu:.1f}".replace(".", ","))  # the French comma
    page.keyboard.press("Enter")
    assert libelle("quiz.annonce_juste").rstrip(".") in page.inner_text(f"{q} .phare-annonce")
    assert "premier coup\u00a0: 1 sur" in page.inner_text(".phare-progression-texte")
    violations = [v for v in axe(page) if any("phare-" in n["html"] for n in v["nodes"])]
    assert not violations, axe.resume(violations)
    page.click(".phare-effacer")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('phare-quiz')).length") == 0
    assert page.input_value(f"{q} .phare-saisie input") == ""


def test_biais_et_types_mesures_sur_le_site(site_html):
    """Issue 14, on the built pages: no position and no length gives the answer away; ≥ 8 questions
    per module; at least two types other than single choice used across the site."""
    from phare.livre.quiz_donnees import LIMITE_BIAIS, biais, lire_html, resume_biais

    tout = []
    for chemin in sorted(site_html.glob("book/*/*.html")):
        questions = lire_html(chemin.read_text(encoding="utf-8"))
        if questions:
            assert len(questions) >= 8, chemin.name
            tout += questions
    mesure = biais(tout)
    assert max(mesure["par_place"].values()) <= LIMITE_BIAIS, resume_biais(mesure)
    assert mesure["plus_longue"] <= LIMITE_BIAIS, resume_biais(mesure)
    assert {"plusieurs", "nombre"} <= {q.type for q in tout}


def test_exports_de_chaque_module(site_html):
    """Every module's Moodle XML and GIFT files re-read: the same questions, choices, right answers and
    comments as its built page; linked from the teachers' page."""
    from outils.exports_quiz import differences, lire_gift, lire_moodle

    from phare.construction.kits import QUIZ, fichier_paquet, fichier_quiz
    from phare.livre.quiz_donnees import lire_html

    enseignants = (site_html / "book" / "enseignants.html").read_text(encoding="utf-8")
    # A page with a quiz has its questions (fieldsets): the word alone may be in the page's inline CSS.
    quiz = re.compile(r'<fieldset[^>]*class="[^"]*\bphare-question\b')
    modules = [c for c in sorted(site_html.glob("book/*/*.html")) if quiz.search(c.read_text("utf-8"))]
    assert len(modules) >= 7
    for chemin in modules:
        docname = chemin.relative_to(site_html).with_suffix("").as_posix()
        page = lire_html(chemin.read_text(encoding="utf-8"))
        for format_, lire in (("moodle", lire_moodle), ("gift", lire_gift)):
            fichier = fichier_quiz(docname, format_)
            texte = (site_html / fichier).read_bytes().decode("utf-8")  # UTF-8, or this fails
            categories, questions = lire(texte)
            assert len(categories) == 1 and categories[0].startswith("$course$/top/Phare/"), categories
            assert differences(page, questions, f"{fichier}") == []
            assert "../" + fichier in enseignants, f"{fichier} : pas de lien depuis la page des enseignant·es"
            # The same file travels in the module's pack (zip), under quiz/.
            with zipfile.ZipFile(site_html / fichier_paquet(docname)) as zf:
                dans_le_paquet = {n.split("/", 1)[1]: n for n in zf.namelist()}
                nom = "quiz/" + Path(fichier).name
                assert nom in dans_le_paquet, f"{fichier_paquet(docname)} : il manque {nom}"
                assert zf.read(dans_le_paquet[nom]) == (site_html / fichier).read_bytes()
    assert set(QUIZ) == {"moodle", "gift"}


def test_quiz_imprime_sans_reponses(visiter):
    page = visiter(PAGE).page
    page.emulate_media(media="print")
    assert page.is_visible(".phare-question legend")
    assert page.is_visible(".phare-question label")
    for selecteur in (".phare-retour", ".phare-valider", ".phare-progression"):
        assert not page.is_visible(selecteur), f"{selecteur} ne doit pas s'imprimer"
