"""The quiz exports (Moodle XML, GIFT) of tests/racines/test-quiz, re-read and compared with the built page:
same questions, choices, right answers and comments; GIFT's special characters escaped; UTF-8.
Every module's exports of the built site are checked the same way in tests/navigateur/test_quiz.py."""

from __future__ import annotations

import pytest
from outils.exports_quiz import differences, lire_gift, lire_moodle

from phare.construction.kits import fichier_quiz
from phare.livre.quiz_donnees import lire_html
from phare.livre.quiz_exports import echapper_gift


def _construire(app):
    app.build()
    page = lire_html((app.outdir / "index.html").read_text(encoding="utf-8"))
    moodle = (app.outdir / fichier_quiz("index", "moodle")).read_bytes().decode("utf-8")
    gift = (app.outdir / fichier_quiz("index", "gift")).read_bytes().decode("utf-8")
    return page, moodle, gift


@pytest.mark.sphinx("html", testroot="quiz")
def test_les_exports_redonnent_le_quiz_de_la_page(app):
    page, moodle, gift = _construire(app)
    categories, questions = lire_moodle(moodle)
    assert categories == ["$course$/top/Phare/Un quiz d’essai"]
    assert [q.type for q in questions] == ["multichoice-true", "multichoice-false", "numerical"]
    assert differences(page, questions, "Moodle") == []
    categories, questions = lire_gift(gift)
    assert categories == ["$course$/top/Phare/Un quiz d’essai"]
    assert [q.type for q in questions] == ["choix", "plusieurs", "numerical"]
    assert differences(page, questions, "GIFT") == []


@pytest.mark.sphinx("html", testroot="quiz")
def test_gift_echappe_ses_caracteres_speciaux(app):
    _page, _moodle, gift = _construire(app)
    assert r"a \= \{b\} quand b vaut 2 \: 1 ou \~2" in gift
    assert r"\# une note" in gift
    assert echapper_gift("a\\b ~ = # { } :") == r"a\\b \~ \= \# \{ \} \:"
