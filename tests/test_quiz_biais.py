"""Quiz that cannot be won without reading (issue 14): no position and no length gives the answer away.

Computed on the quiz data of every module page, in the order the build displays them
(`phare.livre.quiz_donnees`). The same figures, read on the built pages, are printed by `make bench`
and checked in the browser suite (tests/navigateur/test_quiz.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from phare.livre.quiz_donnees import LIMITE_BIAIS, biais, lire_source, resume_biais

RACINE = Path(__file__).resolve().parents[1]
MODULES = sorted(p for p in (RACINE / "book").glob("*/*.md") if "{quiz}" in p.read_text(encoding="utf-8"))


def questions_affichees(chemin: Path):
    page = chemin.relative_to(RACINE).with_suffix("").as_posix()  # the Sphinx name of the page
    return lire_source(chemin.read_text(encoding="utf-8"), page, affiche=True)


def test_les_modules_ont_un_quiz():
    assert len(MODULES) >= 7, [p.name for p in MODULES]


@pytest.mark.parametrize("chemin", MODULES, ids=lambda p: p.stem)
def test_au_moins_8_questions_par_module(chemin):
    assert len(questions_affichees(chemin)) >= 8


def _mesure():
    return biais([q for chemin in MODULES for q in questions_affichees(chemin)])


def test_aucune_place_ne_trahit_la_reponse():
    mesure = _mesure()
    assert max(mesure["par_place"].values()) <= LIMITE_BIAIS, resume_biais(mesure)


def test_la_longueur_ne_trahit_pas_la_reponse():
    mesure = _mesure()
    assert mesure["plus_longue"] <= LIMITE_BIAIS, resume_biais(mesure)


def test_ordre_reproductible_et_propre_a_chaque_question():
    from phare.livre.quiz_donnees import ordre_des_choix

    entrees = [("unique", f"Question {i} ?", [False, True, False]) for i in range(12)]
    premier = ordre_des_choix("page#quiz-1", entrees)
    assert premier == ordre_des_choix("page#quiz-1", entrees)  # same build, same order
    assert ordre_des_choix("autre#quiz-1", entrees) != premier
    places = [ordre.index(1) for ordre in premier]
    assert sorted(places) == [0] * 4 + [1] * 4 + [2] * 4  # right answers spread evenly


def test_la_construction_affiche_l_ordre_calcule(tmp_path):
    """The HTML built by Sphinx shows the choices in the order `lire_source(affiche=True)` computes."""
    from test_livre_modules import _construire

    from phare.livre.quiz_donnees import lire_html

    juste = ":correct:\n"
    choix = "".join(f":::{{choix}} Choix {c}\n{juste if c == 'B' else ''}Parce que {c}.\n:::\n"
                    for c in "ABCD")
    texte = "# Page\n\n:::::{quiz}\n" + "".join(
        f"::::{{question}} Question {i} ?\n{choix}::::\n" for i in range(6)) + ":::::\n"
    construit = lire_html(_construire(tmp_path, texte))
    attendu = lire_source(texte, "index", affiche=True)
    assert [[(c.texte, c.juste, c.retour) for c in q.choix] for q in construit] == [
        [(c.texte, c.juste, c.retour) for c in q.choix] for q in attendu]
    assert len({tuple(c.texte for c in q.choix) for q in construit}) > 1  # each question its own order


def test_biais_mesure_sur_un_exemple():
    from phare.livre.quiz_donnees import Choix, Question

    q = [Question("?", choix=[Choix("a", False, ""), Choix("bbbb", True, ""), Choix("cc", False, "")]),
         Question("?", choix=[Choix("aaaa", True, ""), Choix("bbbb", False, "")])]
    mesure = biais(q)
    assert mesure["par_place"] == {1: 0.5, 2: 0.5}
    assert mesure["plus_longue"] == 0.5  # an equal length is not « the longest »
