"""The module template (phare.livre.module) and the quiz directives (phare.livre.quiz)."""

from __future__ import annotations

from pathlib import Path

import pytest

from phare.donnees import catalogue
from phare.interface import libelle
from phare.livre.module import CHAMPS_OBLIGATOIRES, COMPETENCES_CRCN, lire_fiche, valider
from phare.texte import nombre

RACINE = Path(__file__).resolve().parents[1]
MODULES = sorted(p for p in (RACINE / "book").rglob("*.md") if lire_fiche(p) is not None)


def test_il_y_a_des_modules():
    assert any("comprendre" in p.parts for p in MODULES)


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(RACINE).as_posix())
def test_chaque_module_a_une_fiche_valide(module):
    page = module.relative_to(RACINE).as_posix()
    assert valider(lire_fiche(module), page) == []
    fiche = lire_fiche(module)
    assert (module.parent / (fiche["fiche_animation"] + ".md")).is_file()
    assert set(fiche["jeux_de_donnees"]) <= set(catalogue()["nom"])


def _fiche_valide() -> dict:
    return dict(lire_fiche(RACINE / "book" / "comprendre" / "une-donnee-cest-quoi.md"))


@pytest.mark.parametrize("champ", CHAMPS_OBLIGATOIRES)
def test_un_champ_manquant_est_nomme(champ):
    fiche = _fiche_valide()
    del fiche[champ]
    problemes = valider(fiche, "book/x.md")
    assert problemes == [f"book/x.md : le champ « {champ} » manque"]


def test_intitule_crcn_officiel_exige():
    fiche = _fiche_valide()
    fiche["competences_crcn"] = [{"code": "1.2", "intitule": "Gérer ses fichiers"}]
    (probleme,) = valider(fiche, "book/x.md")
    assert "« Gérer des données »" in probleme and "book/x.md" in probleme


def test_valeurs_permises():
    fiche = _fiche_valide() | {"niveau": "débutant", "duree_atelier": "90 minutes", "snt": "x"}
    texte = "\n".join(valider(fiche, "book/x.md"))
    assert "« niveau »" in texte and "« duree_atelier »" in texte and "« snt » est inconnu" in texte


def test_seize_competences_crcn():
    assert len(COMPETENCES_CRCN) == 16


def test_nombre_a_la_francaise():
    assert nombre(1234.5, 1) == "1\u202f234,5"
    assert nombre(209.4) == "209"


QUIZ_SANS_BONNE_REPONSE = """# Page

:::::{quiz}
::::{question} Une question ?
:::{choix} Premier choix
Commentaire.
:::
:::{choix} Second choix
Commentaire.
:::
::::
:::::
"""


def _construire(tmp_path: Path, texte: str):
    from sphinx.application import Sphinx

    (tmp_path / "conf.py").write_text(
        "extensions = ['myst_parser', 'phare.livre.quiz']\nmyst_enable_extensions = ['colon_fence']\n"
    )
    (tmp_path / "index.md").write_text(texte, encoding="utf-8")
    app = Sphinx(tmp_path, tmp_path, tmp_path / "_build", tmp_path / "_doctrees", "html", status=None)
    app.build()
    return (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")


def test_quiz_sans_bonne_reponse_refuse(tmp_path):
    from phare.livre.quiz import QuizInvalide

    with pytest.raises(QuizInvalide, match="exactement un choix :correct:"):
        _construire(tmp_path, QUIZ_SANS_BONNE_REPONSE)


def test_quiz_html_accessible(tmp_path):
    texte = QUIZ_SANS_BONNE_REPONSE.replace(
        ":::{choix} Second choix\n", ":::{choix} Second choix\n:correct:\n"
    )
    html = _construire(tmp_path, texte)
    assert '<fieldset class="phare-question phare-question--unique"' in html and "<legend>" in html
    assert html.count('type="radio"') == 2 and html.count("<label for=") == 2
    assert 'aria-live="polite"' in html and libelle("quiz.effacer") in html
    assert "phare-quiz.js" in html


def test_lexique_alphabetique():
    import unicodedata

    texte = (RACINE / "book" / "lexique.md").read_text(encoding="utf-8")
    bloc = texte.split(":::{glossary}", 1)[1].split("\n:::", 1)[0]
    termes = [ligne for ligne in bloc.splitlines() if ligne.strip() and not ligne.startswith(" ")]

    def cle(terme: str) -> str:
        sans_accents = unicodedata.normalize("NFKD", terme).encode("ascii", "ignore").decode()
        return sans_accents.casefold()

    assert termes == sorted(termes, key=cle), "Gardez les termes du lexique dans l'ordre alphabétique"
