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
    page = chemin.relative_to(RACINE / "book").with_suffix("").as_posix()
    return lire_source(chemin.read_text(encoding="utf-8"), page)


def test_les_modules_ont_un_quiz():
    assert len(MODULES) >= 7, [p.name for p in MODULES]


@pytest.mark.xfail(strict=True, reason="issue 14 : avant le réordonnancement des choix")
def test_aucune_place_ni_longueur_ne_trahit_la_reponse():
    questions = [q for chemin in MODULES for q in questions_affichees(chemin)]
    mesure = biais(questions)
    print(resume_biais(mesure))
    assert max(mesure["par_place"].values()) <= LIMITE_BIAIS, resume_biais(mesure)
    assert mesure["plus_longue"] <= LIMITE_BIAIS, resume_biais(mesure)


def test_biais_mesure_sur_un_exemple():
    from phare.livre.quiz_donnees import Choix, Question

    q = [Question("?", choix=[Choix("a", False, ""), Choix("bbbb", True, ""), Choix("cc", False, "")]),
         Question("?", choix=[Choix("aaaa", True, ""), Choix("bbbb", False, "")])]
    mesure = biais(q)
    assert mesure["par_place"] == {1: 0.5, 2: 0.5}
    assert mesure["plus_longue"] == 0.5  # an equal length is not « the longest »
