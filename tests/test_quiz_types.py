"""The three question types of phare.livre.quiz (single, several right answers, a number read on a figure),
built by Sphinx from tests/racines/test-quiz: readable without JavaScript, and the same data as the source."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from phare.interface import libelle
from phare.livre.quiz_donnees import NOMBRE, PLUSIEURS, UNIQUE, lire_html


def _page(app):
    app.build()
    return (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="quiz")
def test_trois_types_lisibles_sans_javascript(app):
    html = _page(app)
    page = BeautifulSoup(html, "html.parser")
    questions = page.select("fieldset.phare-question")
    assert [q["data-type"] for q in questions] == [UNIQUE, PLUSIEURS, NOMBRE]
    unique, plusieurs, nombre = questions
    assert len(unique.select("input[type=radio]")) == 3
    assert len(plusieurs.select("input[type=checkbox]")) == 3
    assert libelle("quiz.indication_plusieurs") in plusieurs.legend.get_text()
    # Every choice keeps its verdict and its comment (the printed answer key reads them).
    for q in (unique, plusieurs):
        for li in q.select("li.phare-choix"):
            assert li.select_one("label") and li.select_one("details.phare-retour[data-juste]")
    # The number: one labelled text field, the tolerance stated, two collapsed comments.
    champ = nombre.select_one(".phare-saisie input[type=text]")
    assert champ["inputmode"] == "decimal"
    etiquette = nombre.select_one(f"label[for='{champ['id']}']").get_text()
    assert etiquette == libelle("quiz.saisie_unite", unite="mm")
    assert float(nombre["data-reponse"]) == 4.5 and float(nombre["data-tolerance"]) == 0.5
    juste = nombre.select_one("details.phare-retour[data-juste=oui]")
    assert "4,5\u00a0mm, à 0,5\u00a0mm près" in juste.get_text()
    assert nombre.select_one("details.phare-retour[data-juste=non]") is not None
    assert all(not d.has_attr("open") for d in page.select("details.phare-retour"))


@pytest.mark.sphinx("html", testroot="quiz")
def test_le_html_redonne_les_donnees_du_quiz(app):
    questions = lire_html(_page(app))
    unique, plusieurs, nombre = questions
    assert sum(c.juste for c in unique.choix) == 1
    assert sorted(c.texte for c in plusieurs.choix if c.juste) == ["Un fichier CSV", "Un fichier Markdown"]
    assert (nombre.reponse, nombre.tolerance, nombre.unite) == (4.5, 0.5, "mm")
    assert [c.juste for c in nombre.choix] == [True, False]
    assert "~2" in unique.enonce and "{b}" in unique.enonce


RETOURS = ":::{retour} juste\nOui.\n:::\n:::{retour} faux\nNon.\n:::\n"


@pytest.mark.parametrize(
    "contenu, message",
    [
        (":type: plusieurs\n\n:::{choix} A\n:correct:\nOui.\n:::\n:::{choix} B\nNon.\n:::\n", "deux choix"),
        (":type: nombre\n:reponse: 3\n\n" + RETOURS, "tolerance"),
        (":type: nombre\n:reponse: trois\n:tolerance: 0\n\n" + RETOURS, "doit être un nombre"),
        (":type: nombre\n:reponse: 3\n:tolerance: 0\n\n:::{retour} juste\nOui.\n:::\n", "deux {retour}"),
    ],
)
def test_une_question_mal_ecrite_arrete_la_construction(tmp_path, contenu, message):
    from test_livre_modules import _construire

    from phare.livre.quiz import QuizInvalide

    texte = f"# Page\n\n:::::{{quiz}}\n::::{{question}} Une question ?\n{contenu}::::\n:::::\n"
    with pytest.raises(QuizInvalide, match=message):
        _construire(tmp_path, texte)
